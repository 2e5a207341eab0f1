"""Certificates of a decision (Bằng khen, Giấy khen, the Cờ thi đua's certificate, and the certificate of a
title), one per page, laid out for printing on the pre-printed forms: the form carries the national emblem
and its ornaments at the top, so the page leaves that band empty and prints, centred, the grantor, "TẶNG"
and the form, the awardee with their job title and unit as the decision published them, the achievement;
then, at the foot, the decision's number and date with the award's verification code and its QR code (left)
and the place-and-date line with the grantor's signature block (right). Revoked awards get no certificate.
The PDF is made from this same Word file (documents.pdf), so what the board prints is what it checked.

A Word template (documents.templating): the certificates' facts (certificates_context, placeholders in SPEC)
poured into the organizer's own template or the built-in one, which the layout module makes here: one
`{%p for %}` loop, each certificate ending with a page break but the last."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from thidua.documents import wording as w
from thidua.documents.layout import Run, borderless, new_document, write
from thidua.documents.queries import override_content
from thidua.documents.templating import (
    Context,
    Field,
    Picture,
    Rendered,
    Rows,
    Spec,
    fill,
    only_if,
    placeholder,
    saved,
)
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


PAPER = "giay-chung-nhan-khen-thuong"
PREVIEW_PAGES = 10  # a preview shows the first certificates of a decision, not a batch of hundreds

CERTIFICATE_COLUMNS = (
    Field("ten", gettext_lazy("Awardee: collective, or individual's full name")),
    Field("chuc_vu_don_vi", gettext_lazy("Under the name: job title and unit (may be empty)")),
    Field("thanh_tich", gettext_lazy("The achievement the award is for")),
    Field("ma_xac_thuc", gettext_lazy("The award's verification code")),
    Field("ma_qr", gettext_lazy("QR code of the award's verification page (an image)"), picture=True),
)
SPEC: Spec = (
    Field("nguoi_khen_thuong", gettext_lazy("Grantor")),
    Field("ten_hinh_thuc", gettext_lazy("Form as the certificate names it, in capitals")),
    Field("so_quyet_dinh", gettext_lazy("Number and symbol of the decision")),
    Field("ngay_quyet_dinh", gettext_lazy("Date of the decision, short")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line")),
    Field("nguoi_ky", gettext_lazy("Signer's full name")),
    Field("trang_xac_minh", gettext_lazy("Address of the public verification page")),
    Rows(
        "giay_chung_nhan",
        gettext_lazy(
            "The certificates, one per awardee not revoked: what lies between the for and endfor paragraphs "
            "is one certificate; end it with a page break inside {%p if not loop.last %} … {%p endif %}"
        ),
        CERTIFICATE_COLUMNS,
        paragraphs=True,
    ),
)


def certificates_context(
    decision: Decision,
    *,
    site: str = "",
    progress: Callable[[float, int], None] | None = None,
    limit: int | None = None,
) -> Context:
    """The certificates' facts, as the paper's placeholders name them (SPEC): every award of `decision` in
    force (the first `limit` of them for a preview); `progress` hears the share of the certificates made."""
    awardees = [
        a
        for a in decision.awardees.select_related(
            "unit__parent", "person_unit", "revocation", "proposal__cluster_year__cluster"
        ).order_by("id")
        if not a.revoked
    ][:limit]
    site = site or verification.site_url()
    rows = []
    for n, awardee in enumerate(awardees):
        rows.append(
            {
                "ten": awardee.name,
                "chuc_vu_don_vi": subject_line(awardee),
                "thanh_tich": achievement(awardee),
                "ma_xac_thuc": verification.grouped(awardee.code),
                "ma_qr": Picture(verification.qr_png(verification.verify_url(awardee.code, site)), QR_CM),
            }
        )
        if progress is not None:
            progress((n + 1) / len(awardees), n + 1)
    grantor = decision.grantor or decision.organizer.name
    return {
        "nguoi_khen_thuong": grantor,
        "ten_hinh_thuc": heading(decision),
        "so_quyet_dinh": decision.number,
        "ngay_quyet_dinh": w.short_date(decision.date),
        "dia_danh_ngay": w.date_line(decision.organizer.province, decision.date),
        "nguoi_ky": decision.signer,
        "trang_xac_minh": verification.verify_url("", site),
        "giay_chung_nhan": rows,
    }


def preview_context(decision: Decision) -> Context:
    return certificates_context(decision, limit=PREVIEW_PAGES)


def render_certificates(
    decision: Decision, *, site: str = "", progress: Callable[[float, int], None] | None = None
) -> Rendered:
    """Every certificate of `decision` in force, one per page, as a Word file, from the organizer's own
    template when it has one (its failure noticed, the built-in template used instead); `site` is the
    public address the QR codes lead to (verification.site_url); `progress` hears the share made."""
    context = certificates_context(decision, site=site, progress=progress)
    return fill(override_content(decision.organizer_id, PAPER), default_template, context)


def certificate_paper(
    decision: Decision, *, site: str = "", progress: Callable[[float, int], None] | None = None
) -> bytes:
    return render_certificates(decision, site=site, progress=progress).content


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    doc = new_document(_("Certificates – Decision {number}").format(number=p("so_quyet_dinh")))
    _landscape(doc)
    doc.add_paragraph("{%p for r in giay_chung_nhan %}")
    _page(doc)
    doc.add_paragraph("{%p if not loop.last %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    return saved(doc)


def default_template() -> bytes:
    """The built-in template of the certificates, made by the layout module: one page per award, for the
    pre-printed forms."""
    return _default_template(get_language() or "")


def _landscape(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(TOP_BAND_MM), Mm(15)
    section.left_margin, section.right_margin = Mm(SIDE_MM), Mm(SIDE_MM)


def _line(doc: DocxDocument, *parts: str | Run, after: int = 6) -> Paragraph:
    paragraph = write(doc.add_paragraph(), *parts, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _page(doc: DocxDocument) -> None:
    _line(doc, Run("{{ nguoi_khen_thuong|upper }}", bold=True, size=15), after=6)
    _line(doc, Run(_("AWARDS THE {form}").format(form=p("ten_hinh_thuc")), bold=True, size=22), after=24)
    _line(doc, Run(p("r.ten"), bold=True, size=24), after=8)
    only_if(_line(doc, Run(p("r.chuc_vu_don_vi"), size=15), after=8), "r.chuc_vu_don_vi")
    _line(doc, Run(p("r.thanh_tich"), italic=True, size=15), after=40)
    _foot(doc)


def _foot(doc: DocxDocument) -> None:
    qr_cell, facts_cell, sign_cell = borderless(doc, [QR_CM + 0.4, 9.0, 13.7 - QR_CM]).rows[0].cells
    qr_cell.paragraphs[0].add_run(p("r.ma_qr"))
    facts = [
        Run(
            _("Decision No. {number} of {date}").format(number=p("so_quyet_dinh"), date=p("ngay_quyet_dinh")),
            size=12,
        ),
        Run(_("Verification code: {code}").format(code=p("r.ma_xac_thuc")), bold=True, size=12),
        Run(_("Verify at {address}").format(address=p("trang_xac_minh")), italic=True, size=10),
    ]
    for n, run in enumerate(facts):
        write(facts_cell.paragraphs[0] if n == 0 else facts_cell.add_paragraph(), run)
    lines = [
        Run(p("dia_danh_ngay"), italic=True, size=13),
        Run("{{ nguoi_khen_thuong|upper }}", bold=True, size=13),
        *[Run("", size=13)] * 3,
        Run(p("nguoi_ky"), bold=True, size=14),
    ]
    for n, run in enumerate(lines):
        paragraph = sign_cell.paragraphs[0] if n == 0 else sign_cell.add_paragraph()
        write(paragraph, run, align=WD_ALIGN_PARAGRAPH.CENTER)


def p(name: str) -> str:
    return placeholder(name)
