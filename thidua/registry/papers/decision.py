"""Quyết định khen thưởng: the grantor's draft decision for a decision in the registry, with its annex
listing the awardees, the form and each bonus, the total in figures (1.234.567 đồng) and in words. Built
with the documents' layout (Decree 30/2020 Annex I): the header, the title, the articles, "Nơi nhận:" and
the grantor's signature block. The paper shows the decision as it was made: a later revocation is a decision
of its own."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from thidua.awards.regimes import name_of
from thidua.documents import wording as w
from thidua.documents.layout import (
    Run,
    Signature,
    body,
    borderless,
    centered,
    grid,
    national_header,
    new_document,
    picture,
    signatures,
    write,
)
from thidua.documents.vietnamese_numbers import amount_in_words
from thidua.registry import verification
from thidua.registry.models import Awardee, Decision
from thidua.registry.money import thousands

FILENAME = "quyet-dinh-khen-thuong.docx"
QR_CM = 2.2


def decision_filename(decision: Decision) -> str:
    """ "quyet-dinh-khen-thuong-245-QD-UBND.docx": the number, made safe for a file name."""
    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in decision.number).strip("-")
    return FILENAME.replace(".docx", f"-{safe}.docx") if safe else FILENAME


def money(amount: int) -> str:
    """1234567 → "1.234.567 đồng"."""
    return _("{amount} dong").format(amount=thousands(amount))


def _issuer(decision: Decision) -> tuple[str, str]:
    """(superior, issuer) of the header: the unit that grants its own award under its organizer, else the
    organizer itself (the provincial People's Committee for its chairman's awards)."""
    if decision.issuing_unit is not None:
        return decision.organizer.name.upper(), decision.issuing_unit.name.upper()
    return "", decision.organizer.name.upper()


def _grantor(decision: Decision) -> str:
    return decision.grantor or decision.organizer.name


def decision_paper(decision: Decision, *, site: str = "", awardees: list[Awardee] | None = None) -> bytes:
    """The draft decision and its annex as a Word file; each awardee's row of the annex carries the award's
    verification code and its QR code, leading to `site`'s public page (verification.site_url).

    A decision not yet recorded (`awardees` given, from `draft_decision` after the council) is marked as a
    draft, its number, day and signer left to fill in by hand, and has no codes yet."""
    if awardees is None:
        awardees = list(decision.awardees.select_related("unit", "person", "person_unit").order_by("id"))
    draft = decision.pk is None
    doc = new_document(
        _("Decision {number} – {award}").format(number=decision.number or w.BLANK, award=decision.award_name)
    )
    superior, issuer = _issuer(decision)
    national_header(
        doc,
        superior=superior,
        issuer=issuer,
        number=_("No.: {number}").format(number=decision.number or w.BLANK),
        date_line=w.date_line(decision.organizer.province, None if draft else decision.date),
    )
    if draft:
        centered(doc, Run(_("DRAFT"), bold=True, italic=True))
    centered(doc, Run(_("DECISION"), bold=True))
    centered(doc, Run(_("On awarding the {award}").format(award=decision.award_name), bold=True), after=12)
    centered(doc, Run(_grantor(decision).upper(), bold=True), after=12)
    _grounds(doc, decision)
    centered(doc, Run(_("DECIDES:"), bold=True), after=6)
    _articles(doc, decision, awardees)
    signatures(
        doc,
        None,
        Signature((_grantor(decision).upper(),), name=decision.signer),
        recipients=[_("As in Article 3;"), _("Archived: clerical office, Emulation and Commendation Board.")],
    )
    site = site or verification.site_url()
    if decision.code:  # a draft has none: the code is drawn when the decision is recorded
        _verification(doc, decision, site)
    _annex(doc, decision, awardees, site)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _verification(doc: DocxDocument, decision: Decision, site: str) -> None:
    """The decision's own code and its QR code under the signature: anyone holding the paper checks at the
    public page that the decision is on record (each award keeps its own code in the annex)."""
    qr_cell, text_cell = borderless(doc, [QR_CM + 0.4, 16.0 - QR_CM]).rows[0].cells
    picture(qr_cell.paragraphs[0], verification.qr_png(verification.verify_url(decision.code, site)), QR_CM)
    write(
        text_cell.paragraphs[0],
        Run(
            _("Verification code of the decision: {code}").format(code=verification.grouped(decision.code)),
            bold=True,
            size=12,
        ),
    )
    write(
        text_cell.add_paragraph(),
        Run(_("Verify at {address}").format(address=verification.verify_url("", site)), italic=True, size=10),
    )


def _grounds(doc: DocxDocument, decision: Decision) -> None:
    body(doc, Run(_("Pursuant to {texts};").format(texts=name_of(decision.regime)), italic=True))
    body(
        doc,
        Run(
            _("At the proposal of the Head of the Emulation and Commendation Board of {organizer}.").format(
                organizer=decision.organizer.name
            ),
            italic=True,
        ),
    )


def _articles(doc: DocxDocument, decision: Decision, awardees: list[Awardee]) -> None:
    years = sorted({a.year for a in awardees}) or [decision.date.year]
    body(
        doc,
        Run(_("Article 1. "), bold=True),
        _(
            "To award the {award} to {count} collectives and individuals for their outstanding achievements "
            "in {years} (list attached)."
        ).format(award=decision.award_name, count=w.count(len(awardees)), years=", ".join(map(str, years))),
    )
    total = sum(a.bonus or 0 for a in awardees)
    article_2 = _(
        "Each collective and individual named in Article 1 receives the award and the bonus set by law; "
        "the bonuses total {figures} (in words: {words}), paid from the emulation and commendation fund."
    ).format(figures=money(total), words=amount_in_words(total))
    body(doc, Run(_("Article 2. "), bold=True), article_2)
    body(
        doc,
        Run(_("Article 3. "), bold=True),
        _(
            "The Head of the Emulation and Commendation Board, the heads of the agencies and units concerned "
            "and the collectives and individuals named in Article 1 are responsible for implementing this "
            "decision. This decision takes effect from the date of signing."
        ),
    )


def _annex(doc: DocxDocument, decision: Decision, awardees: list[Awardee], site: str) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    centered(doc, Run(_("LIST"), bold=True))
    centered(
        doc,
        Run(
            _("of the collectives and individuals awarded the {award}").format(award=decision.award_name),
            bold=True,
        ),
    )
    centered(
        doc,
        Run(
            _("(Attached to Decision No. {number} of {date} of the {grantor})").format(
                number=decision.number or w.FILL,
                date=w.short_date(None if decision.pk is None else decision.date),
                grantor=_grantor(decision),
            ),
            italic=True,
        ),
        after=12,
    )
    rows = [
        [
            str(n),
            _subject(a),
            decision.award_name,
            thousands(a.bonus) if a.bonus is not None else w.BLANK,
            verification.grouped(a.code) if a.code else "",
        ]
        for n, a in enumerate(awardees, 1)
    ]
    total = sum(a.bonus or 0 for a in awardees)
    rows.append(["", _("Total"), "", thousands(total), ""])
    table = grid(
        doc,
        [
            pgettext("row number", "No."),
            _("Collective or individual"),
            _("Form"),
            _("Bonus (dong)"),
            _("Verification code"),
        ],
        rows,
        [1.0, 5.6, 3.8, 2.6, 3.2],
        centered_columns=(0, 3, 4),
        size=12,
    )
    for row, awardee in zip(table.rows[1:], awardees, strict=False):
        if not awardee.code:
            continue  # a draft: the codes are drawn when the decision is recorded
        paragraph = row.cells[4].add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture(paragraph, verification.qr_png(verification.verify_url(awardee.code, site), scale=4), 1.6)
    body(
        doc,
        _("Total bonus: {figures} (in words: {words}).").format(
            figures=money(total), words=amount_in_words(total)
        ),
        indent=False,
    )


def _subject(awardee: Awardee) -> str:
    """An individual with their job title and the unit they worked in on the decision day; a collective by
    its name."""
    if awardee.person_id and awardee.person_unit is not None:
        unit = awardee.person_unit.name
        if awardee.position:
            return _("{person}, {position}, {unit}").format(
                person=awardee.name, position=awardee.position, unit=unit
            )
        return _("{person}, {unit}").format(person=awardee.name, unit=unit)
    return awardee.name
