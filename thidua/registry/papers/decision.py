"""Quyết định khen thưởng: the grantor's draft decision for a decision in the registry, with its annex
listing the awardees, the form and each bonus, the total in figures (1.234.567 đồng) and in words. Built
with the documents' layout (Decree 30/2020 Annex I): the header, the title, the articles, "Nơi nhận:" and
the grantor's signature block. The paper shows the decision as it was made: a later revocation is a decision
of its own."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
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
    signatures,
    write,
)
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
    row_loop,
    saved,
)
from thidua.documents.vietnamese_numbers import amount_in_words
from thidua.registry import verification
from thidua.registry.models import Awardee, Decision
from thidua.registry.money import thousands

FILENAME = "quyet-dinh-khen-thuong.docx"


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


PAPER = "quyet-dinh-khen-thuong"
QR_CM = 2.2  # the decision's own QR code under the signature

AWARDEE_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("ten", gettext_lazy("Collective, or individual with job title and unit")),
    Field("hinh_thuc", gettext_lazy("Form of commendation")),
    Field("tien_thuong", gettext_lazy("Bonus in figures, without the currency")),
    Field("ma_xac_thuc", gettext_lazy("Verification code (empty in a draft)")),
    Field(
        "ma_qr", gettext_lazy("QR code of the verification page (an image; empty in a draft)"), picture=True
    ),
)
SPEC: Spec = (
    Field("co_quan_cap_tren", gettext_lazy("Superior body, in capitals (empty when the organizer issues)")),
    Field("co_quan_ban_hanh", gettext_lazy("Issuing body, in capitals")),
    Field("so_quyet_dinh", gettext_lazy("Number and symbol (dots in a draft)")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line")),
    Field("ngay_quyet_dinh", gettext_lazy("Date of the decision, short (dots in a draft)")),
    Field("du_thao", gettext_lazy("Yes while the decision is a draft not yet recorded"), flag=True),
    Field("ten_khen_thuong", gettext_lazy("Name of the award")),
    Field("nguoi_khen_thuong", gettext_lazy("Grantor")),
    Field("can_cu", gettext_lazy("Legal texts the decision rests on")),
    Field("co_quan_to_chuc", gettext_lazy("Organizer")),
    Field("so_luong", gettext_lazy("Number of awardees, in figures")),
    Field("cac_nam", gettext_lazy("Years of the achievements")),
    Field("tong_tien", gettext_lazy("Total bonus in figures, with the currency")),
    Field("tong_tien_so", gettext_lazy("Total bonus in figures, without the currency")),
    Field("tong_tien_bang_chu", gettext_lazy("Total bonus in words")),
    Field("nguoi_ky", gettext_lazy("Signer's full name")),
    Field("ma_xac_minh", gettext_lazy("The decision's own verification code (empty in a draft)")),
    Field(
        "qr_xac_minh",
        gettext_lazy("QR code of the decision's verification page (an image; empty in a draft)"),
        picture=True,
    ),
    Field("trang_xac_minh", gettext_lazy("Address of the public verification page")),
    Rows("danh_sach", gettext_lazy("Awardees of the annex, one row each"), AWARDEE_COLUMNS),
)


def decision_context(decision: Decision, *, site: str = "", awardees: list[Awardee] | None = None) -> Context:
    """The decision's facts, as the paper's placeholders name them (SPEC)."""
    if awardees is None:
        awardees = list(decision.awardees.select_related("unit", "person", "person_unit").order_by("id"))
    draft = decision.pk is None
    site = site or verification.site_url()
    superior, issuer = _issuer(decision)
    total = sum(a.bonus or 0 for a in awardees)
    years = sorted({a.year for a in awardees}) or [decision.date.year]
    return {
        "co_quan_cap_tren": superior,
        "co_quan_ban_hanh": issuer,
        "so_quyet_dinh": decision.number or w.BLANK,
        "dia_danh_ngay": w.date_line(decision.organizer.province, None if draft else decision.date),
        "ngay_quyet_dinh": w.short_date(None if draft else decision.date),
        "du_thao": draft,
        "ten_khen_thuong": decision.award_name,
        "nguoi_khen_thuong": _grantor(decision),
        "can_cu": name_of(decision.regime),
        "co_quan_to_chuc": decision.organizer.name,
        "so_luong": w.count(len(awardees)),
        "cac_nam": ", ".join(map(str, years)),
        "tong_tien": money(total),
        "tong_tien_so": thousands(total),
        "tong_tien_bang_chu": amount_in_words(total),
        "nguoi_ky": decision.signer,
        # A draft has no code: it is drawn when the decision is recorded (open_decision).
        "ma_xac_minh": verification.grouped(decision.code) if decision.code else "",
        "qr_xac_minh": Picture(verification.qr_png(verification.verify_url(decision.code, site)), QR_CM)
        if decision.code
        else "",
        "trang_xac_minh": verification.verify_url("", site),
        "danh_sach": [
            {
                "stt": str(n),
                "ten": _subject(a),
                "hinh_thuc": decision.award_name,
                "tien_thuong": thousands(a.bonus) if a.bonus is not None else w.BLANK,
                "ma_xac_thuc": verification.grouped(a.code) if a.code else "",
                "ma_qr": Picture(verification.qr_png(verification.verify_url(a.code, site), scale=4), 1.6)
                if a.code
                else "",
            }
            for n, a in enumerate(awardees, 1)
        ],
    }


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    doc = new_document(
        _("Decision {number} – {award}").format(number=p("so_quyet_dinh"), award=p("ten_khen_thuong"))
    )
    table = national_header(
        doc,
        superior=p("co_quan_cap_tren"),
        issuer=p("co_quan_ban_hanh"),
        number=_("No.: {number}").format(number=p("so_quyet_dinh")),
        date_line=p("dia_danh_ngay"),
    )
    only_if(table.rows[0].cells[0].paragraphs[0], "co_quan_cap_tren")
    only_if(centered(doc, Run(_("DRAFT"), bold=True, italic=True)), "du_thao")
    centered(doc, Run(_("DECISION"), bold=True))
    centered(doc, Run(_("On awarding the {award}").format(award=p("ten_khen_thuong")), bold=True), after=12)
    centered(doc, Run("{{ nguoi_khen_thuong|upper }}", bold=True), after=12)
    body(doc, Run(_("Pursuant to {texts};").format(texts=p("can_cu")), italic=True))
    proposal = _("At the proposal of the Head of the Emulation and Commendation Board of {organizer}.")
    body(doc, Run(proposal.format(organizer=p("co_quan_to_chuc")), italic=True))
    centered(doc, Run(_("DECIDES:"), bold=True), after=6)
    article_1 = _(
        "To award the {award} to {count} collectives and individuals for their outstanding achievements "
        "in {years} (list attached)."
    )
    body(
        doc,
        Run(_("Article 1. "), bold=True),
        article_1.format(award=p("ten_khen_thuong"), count=p("so_luong"), years=p("cac_nam")),
    )
    article_2 = _(
        "Each collective and individual named in Article 1 receives the award and the bonus set by law; "
        "the bonuses total {figures} (in words: {words}), paid from the emulation and commendation fund."
    )
    body(
        doc,
        Run(_("Article 2. "), bold=True),
        article_2.format(figures=p("tong_tien"), words=p("tong_tien_bang_chu")),
    )
    body(
        doc,
        Run(_("Article 3. "), bold=True),
        _(
            "The Head of the Emulation and Commendation Board, the heads of the agencies and units concerned "
            "and the collectives and individuals named in Article 1 are responsible for implementing this "
            "decision. This decision takes effect from the date of signing."
        ),
    )
    signatures(
        doc,
        None,
        Signature(("{{ nguoi_khen_thuong|upper }}",), name=p("nguoi_ky")),
        recipients=[_("As in Article 3;"), _("Archived: clerical office, Emulation and Commendation Board.")],
    )
    _default_verification(doc)
    _default_annex(doc)
    return saved(doc)


def _default_verification(doc: DocxDocument) -> None:
    """The decision's own code and its QR code under the signature: anyone holding the paper checks at the
    public page that the decision is on record (each award keeps its own code in the annex)."""
    qr_cell, text_cell = borderless(doc, [QR_CM + 0.4, 16.0 - QR_CM]).rows[0].cells
    qr = qr_cell.add_paragraph(p("qr_xac_minh"))
    only_if(qr, "ma_xac_minh")
    code = _("Verification code of the decision: {code}").format(code=p("ma_xac_minh"))
    write(text_cell.paragraphs[0], Run(code, bold=True, size=12))
    only_if(text_cell.paragraphs[0], "ma_xac_minh")
    at = text_cell.add_paragraph()
    write(at, Run(_("Verify at {address}").format(address=p("trang_xac_minh")), italic=True, size=10))
    only_if(at, "ma_xac_minh")


def _default_annex(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    centered(doc, Run(_("LIST"), bold=True))
    listed = _("of the collectives and individuals awarded the {award}")
    centered(doc, Run(listed.format(award=p("ten_khen_thuong")), bold=True))
    attached = _("(Attached to Decision No. {number} of {date} of the {grantor})")
    centered(
        doc,
        Run(
            attached.format(
                number=p("so_quyet_dinh"), date=p("ngay_quyet_dinh"), grantor=p("nguoi_khen_thuong")
            ),
            italic=True,
        ),
        after=12,
    )
    columns = [c.name for c in AWARDEE_COLUMNS if not c.picture]
    rows = [*row_loop("danh_sach", columns), ["", _("Total"), "", p("tong_tien_so"), ""]]
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
    code_cell = table.rows[2].cells[4]
    qr = code_cell.add_paragraph(p("r.ma_qr"))
    qr.alignment = WD_ALIGN_PARAGRAPH.CENTER
    only_if(qr, "r.ma_qr")
    body(
        doc,
        _("Total bonus: {figures} (in words: {words}).").format(
            figures=p("tong_tien"), words=p("tong_tien_bang_chu")
        ),
        indent=False,
    )


def default_template() -> bytes:
    """The built-in template of the decision, made by the layout module (Decree 30/2020 Annex I)."""
    return _default_template(get_language() or "")


def render_decision(decision: Decision, *, site: str = "", awardees: list[Awardee] | None = None) -> Rendered:
    """The draft decision and its annex as a Word file, from the organizer's own template when it has one
    (its failure noticed, the built-in template used instead); each awardee's row of the annex carries the
    award's verification code and its QR code, leading to `site`'s public page (verification.site_url).

    A decision not yet recorded (`awardees` given, from `draft_decision` after the council) is marked as a
    draft, its number, day and signer left to fill in by hand, and has no codes yet."""
    context = decision_context(decision, site=site, awardees=awardees)
    return fill(override_content(decision.organizer_id, PAPER), default_template, context)


def decision_paper(decision: Decision, *, site: str = "", awardees: list[Awardee] | None = None) -> bytes:
    return render_decision(decision, site=site, awardees=awardees).content


def p(name: str) -> str:
    return placeholder(name)


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
