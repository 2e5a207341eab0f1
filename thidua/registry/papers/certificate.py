"""Certificates of a decision (Bằng khen, Giấy khen, the Cờ thi đua's certificate, and the certificate of a
title), one per page, laid out for printing on the pre-printed forms: the form carries the national emblem
and its ornaments at the top, so the page leaves that band empty and prints, centred, the grantor, "TẶNG"
and the form, the awardee with their job title and unit as the decision published them, the achievement;
then, at the foot, the decision's number and date with the award's verification code and its QR code (left)
and the place-and-date line with the grantor's signature block (right). Revoked awards get no certificate.
The PDF is made from this same Word file (documents.pdf), so what the board prints is what it checked."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from thidua.documents import wording as w
from thidua.documents.layout import Run, borderless, new_document, picture, write
from thidua.registry import verification
from thidua.registry.models import Awardee, Decision

# The pre-printed band at the top of the forms (emblem, national name, ornaments) and the side ornaments.
TOP_BAND_MM = 50
SIDE_MM = 30
QR_CM = 2.6


def heading(decision: Decision) -> str:
    """The form's title as the certificate states it ("BẰNG KHEN", "GIẤY KHEN", "CỜ THI ĐUA"); a title
    (danh hiệu) or an organizer's own form by its name."""
    code = decision.award
    if code.startswith("bang-khen"):
        return _("CERTIFICATE OF MERIT")
    if code == "giay-khen":
        return _("CERTIFICATE OF COMMENDATION")
    if code.startswith("co-thi-dua"):
        return _("EMULATION FLAG")
    return decision.award_name.upper()


def certificate_filename(decision: Decision) -> str:
    """ "bang-khen-246-QD-UBND.docx": the form's kind and the decision's number, safe for a file name."""
    code = decision.award
    kind = next(
        (k for k in ("bang-khen", "giay-khen", "co-thi-dua") if code.startswith(k)), "giay-chung-nhan"
    )
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in decision.number).strip("-")
    return f"{kind}-{safe}.docx" if safe else f"{kind}.docx"


def achievement(awardee: Awardee) -> str:
    """What the award is for: a cluster's flag leads its movement; a cluster's proposal names the cluster;
    anything else, the year's work."""
    proposal = awardee.proposal
    cluster = proposal.cluster_year.cluster if proposal and proposal.cluster_year else None
    if cluster is not None and awardee.award.startswith("co-thi-dua"):
        return _("Leading the emulation movement of {year} of the {cluster}").format(
            year=awardee.year, cluster=cluster.name
        )
    if cluster is not None:
        return _("For outstanding achievements in the emulation movement of {year} of the {cluster}").format(
            year=awardee.year, cluster=cluster.name
        )
    return _("For outstanding achievements in the work of {year}").format(year=awardee.year)


def subject_line(awardee: Awardee) -> str:
    """Under the name: the person's job title and unit; a sub-unit's parent unit; nothing for a unit."""
    if awardee.person_id:
        unit = awardee.person_unit.name if awardee.person_unit is not None else ""
        return ", ".join(part for part in (awardee.position, unit) if part)
    if awardee.unit is not None and awardee.unit.parent is not None:
        return awardee.unit.parent.name
    return ""


def certificate_paper(
    decision: Decision, *, site: str = "", progress: Callable[[float, int], None] | None = None
) -> bytes:
    """Every certificate of `decision` in force, one per page, as a Word file; `site` is the public address
    the QR codes lead to (verification.site_url); `progress` hears the share of the pages written."""
    awardees = [
        a
        for a in decision.awardees.select_related(
            "unit__parent", "person_unit", "revocation", "proposal__cluster_year__cluster"
        ).order_by("id")
        if not a.revoked
    ]
    doc = new_document(_("Certificates – Decision {number}").format(number=decision.number))
    _landscape(doc)
    site = site or verification.site_url()
    for n, awardee in enumerate(awardees):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _page(doc, decision, awardee, site)
        if progress is not None:
            progress((n + 1) / len(awardees), n + 1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _landscape(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(TOP_BAND_MM), Mm(15)
    section.left_margin, section.right_margin = Mm(SIDE_MM), Mm(SIDE_MM)


def _line(doc: DocxDocument, *parts: str | Run, after: int = 6) -> None:
    paragraph = write(doc.add_paragraph(), *parts, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.keep_with_next = True


def _page(doc: DocxDocument, decision: Decision, awardee: Awardee, site: str) -> None:
    grantor = decision.grantor or decision.organizer.name
    _line(doc, Run(grantor.upper(), bold=True, size=15), after=6)
    _line(doc, Run(_("AWARDS THE {form}").format(form=heading(decision)), bold=True, size=22), after=24)
    _line(doc, Run(awardee.name, bold=True, size=24), after=8)
    subject = subject_line(awardee)
    if subject:
        _line(doc, Run(subject, size=15), after=8)
    _line(doc, Run(achievement(awardee), italic=True, size=15), after=40)
    _foot(doc, decision, awardee, grantor, site)


def _foot(doc: DocxDocument, decision: Decision, awardee: Awardee, grantor: str, site: str) -> None:
    qr_cell, facts_cell, sign_cell = borderless(doc, [QR_CM + 0.4, 9.0, 13.7 - QR_CM]).rows[0].cells
    picture(qr_cell.paragraphs[0], verification.qr_png(verification.verify_url(awardee.code, site)), QR_CM)
    facts = [
        Run(
            _("Decision No. {number} of {date}").format(
                number=decision.number, date=w.short_date(decision.date)
            ),
            size=12,
        ),
        Run(
            _("Verification code: {code}").format(code=verification.grouped(awardee.code)), bold=True, size=12
        ),
        Run(_("Verify at {address}").format(address=verification.verify_url("", site)), italic=True, size=10),
    ]
    for n, run in enumerate(facts):
        write(facts_cell.paragraphs[0] if n == 0 else facts_cell.add_paragraph(), run)
    lines = [
        Run(w.date_line(decision.organizer.province, decision.date), italic=True, size=13),
        Run(grantor.upper(), bold=True, size=13),
        *[Run("", size=13)] * 3,
        Run(decision.signer, bold=True, size=14),
    ]
    for n, run in enumerate(lines):
        paragraph = sign_cell.paragraphs[0] if n == 0 else sign_cell.add_paragraph()
        write(paragraph, run, align=WD_ALIGN_PARAGRAPH.CENTER)
