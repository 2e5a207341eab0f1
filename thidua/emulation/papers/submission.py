"""Tờ trình đề nghị khen thưởng: the head unit's submission letter to the organizer, with the legal
grounds of the regime in force for the year and the proposals of the review, tier by tier.

A Word template (documents.templating): the letter's facts (submission_context, placeholders in SPEC)
poured into the organizer's own template or the built-in one, which the layout module makes here."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.shared import Cm

from thidua.documents import wording as w
from thidua.documents.layout import (
    Run,
    Signature,
    body,
    centered,
    grid,
    national_header,
    new_document,
    signatures,
)
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder, row_loop, saved
from thidua.emulation.papers.common import head_signature, issuer_phrase
from thidua.emulation.papers.letterhead import letterhead_parts
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import AwardTier, Cluster

PAPER = "to-trinh-de-nghi-khen-thuong"
PROPOSAL_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("don_vi", gettext_lazy("Unit name")),
    Field("hinh_thuc", gettext_lazy("Form of commendation")),
    Field("cap_khen", gettext_lazy("Granted by")),
    Field("can_cu", gettext_lazy("Grounds: rank and vote")),
)
SPEC: Spec = (
    Field("co_quan_cap_tren", gettext_lazy("Superior line, in capitals")),
    Field("co_quan_ban_hanh", gettext_lazy("Issuing body, in capitals")),
    Field("dong_so_ky_hieu", gettext_lazy("Number line, room left for the register")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line")),
    Field("trich_yeu", gettext_lazy("Subject line")),
    Rows(
        "kinh_gui",
        gettext_lazy("Addressees: the organizer and its standing body"),
        (
            Field("ten", gettext_lazy("Name")),
            Field(
                "dong",
                gettext_lazy("As a list line, with its dash and punctuation"),
            ),
        ),
    ),
    Field("can_cu_luat", gettext_lazy("The law in force for the year")),
    Field("can_cu_nghi_dinh", gettext_lazy("The decree in force for the year")),
    Field("ten_cum", gettext_lazy("Cluster's name")),
    Field("nam", gettext_lazy("Year")),
    Field("ngay_hop", gettext_lazy("Date of the review meeting (dots when not recorded)")),
    Field("dong_can_cu_hoi_nghi", gettext_lazy("Sentence citing the review meeting")),
    Field("ben_trinh", gettext_lazy("Who submits, as a phrase")),
    Field("co_quan_to_chuc", gettext_lazy("Organizer")),
    Field("khong_de_nghi", gettext_lazy("Sentence when nobody is proposed (empty otherwise)")),
    Rows(
        "so_luong",
        gettext_lazy("Number of units proposed for each form"),
        (Field("dong", gettext_lazy("As a list line")),),
    ),
    Rows("de_nghi", gettext_lazy("Units proposed, one row each"), PROPOSAL_COLUMNS),
    Field(
        "noi_nhan_thanh_vien",
        gettext_lazy("Recipients line for the member units"),
    ),
    Field("ky_thay_mat", gettext_lazy("Signing capacity")),
    Field(
        "don_vi_ky",
        gettext_lazy("Signing unit, in capitals (empty when no head is recorded)"),
    ),
)


def submission_context(summary: YearSummary) -> Context:
    """The letter's facts, as its placeholders name them (SPEC)."""
    year = summary.cluster_year.year
    # The letter's own date is the day it is signed, which no record holds: left blank.
    superior, issuer, number_line, date_line = letterhead_parts(summary, kind="TTr", day=None)
    tiers = _proposed_tiers(summary)
    if tiers:
        subject = _("On the proposal to award the {forms} for {year}").format(
            forms=w.forms_phrase(tiers), year=year
        )
    else:
        subject = _("On the proposal for commendation for {year}").format(year=year)
    names = [summary.organizer.name]
    if summary.organizer.standing_body:
        names.append(summary.organizer.standing_body)
    signature = head_signature(summary)
    members = (
        _("- The block's member units;")
        if summary.cluster.kind == Cluster.Kind.KHOI
        else _("- The cluster's member units;")
    )
    return {
        "co_quan_cap_tren": superior,
        "co_quan_ban_hanh": issuer,
        "dong_so_ky_hieu": number_line,
        "dia_danh_ngay": date_line,
        "trich_yeu": subject,
        "kinh_gui": [
            {"ten": name, "dong": f"- {name}" + (";" if i < len(names) - 1 else ".")}
            for i, name in enumerate(names)
        ],
        "can_cu_luat": summary.regime.law,
        "can_cu_nghi_dinh": summary.regime.decree,
        "ten_cum": summary.cluster.name,
        "nam": str(year),
        "ngay_hop": w.short_date(summary.review.date) if summary.review and summary.review.date else w.FILL,
        "dong_can_cu_hoi_nghi": _meeting_ground(summary),
        "ben_trinh": issuer_phrase(summary),
        "co_quan_to_chuc": summary.organizer.name,
        "khong_de_nghi": ""
        if tiers
        else _("The review meeting proposed no unit.")
        if summary.concluded
        else _("No proposals yet."),
        "so_luong": [{"dong": line} for line in _counts(summary, tiers)],
        "de_nghi": [
            {
                "stt": str(i),
                "don_vi": p.unit.name,
                "hinh_thuc": p.tier.name,
                "cap_khen": p.grantor,
                "can_cu": _("Ranked {rank}; {basis}").format(rank=p.rank, basis=p.basis_vi),
            }
            for i, p in enumerate(summary.proposals, start=1)
        ]
        if tiers
        else [],
        "noi_nhan_thanh_vien": members,
        "ky_thay_mat": signature.lines[0],
        "don_vi_ky": signature.lines[1] if len(signature.lines) > 1 else "",
    }


def _meeting_ground(summary: YearSummary) -> str:
    year, cluster, review = summary.cluster_year.year, summary.cluster.name, summary.review
    if review is not None and review.date is not None:
        meeting = _(
            "Pursuant to the result of the emulation review meeting for {year} of {cluster} on {date},"
        )
        return meeting.format(year=year, cluster=cluster, date=w.short_date(review.date))
    meeting = _(
        "Pursuant to the result of the emulation review meeting for {year} of {cluster} "
        "(meeting date: {date}),"
    )
    return meeting.format(year=year, cluster=cluster, date=w.FILL)


def _proposed_tiers(summary: YearSummary) -> list[AwardTier]:
    named = {p.tier.pk for p in summary.proposals}
    counted = {tier.pk for tier, n in summary.unnamed if n}
    return [tier for tier in summary.tiers if tier.pk in named | counted]


def _counts(summary: YearSummary, tiers: list[AwardTier]) -> list[str]:
    """One line per form: how many units, with those not recorded by name; the last ends the list."""
    unnamed = {tier.pk: n for tier, n in summary.unnamed}
    counts = []
    for tier in tiers:
        named = sum(1 for p in summary.proposals if p.tier == tier)
        total = named + unnamed.get(tier.pk, 0)
        if unnamed.get(tier.pk):
            text = ngettext(
                "- {award}: {count} unit, of which {unnamed} not recorded by name",
                "- {award}: {count} units, of which {unnamed} not recorded by name",
                total,
            )
        else:
            text = ngettext("- {award}: {count} unit", "- {award}: {count} units", total)
        counts.append(
            text.format(award=tier.name, count=w.count(total), unnamed=w.count(unnamed.get(tier.pk, 0)))
        )
    return [text + ("." if i == len(counts) - 1 else ";") for i, text in enumerate(counts)]


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    p = placeholder
    doc = new_document(str(_("Submission letter proposing commendation")))
    table = national_header(
        doc,
        superior=p("co_quan_cap_tren"),
        issuer=p("co_quan_ban_hanh"),
        number=p("dong_so_ky_hieu"),
        date_line=p("dia_danh_ngay"),
    )
    only_if(table.rows[0].cells[0].paragraphs[0], "co_quan_cap_tren")
    centered(doc, Run(_("SUBMISSION"), bold=True))
    centered(doc, Run(p("trich_yeu"), bold=True), after=12)
    _default_addressees(doc)
    body(doc, _("Pursuant to the {law};").format(law=p("can_cu_luat")))
    body(doc, _("Pursuant to the Government's {decree};").format(decree=p("can_cu_nghi_dinh")))
    body(doc, _("Pursuant to the working rules of {cluster};").format(cluster=p("ten_cum")))
    body(doc, p("dong_can_cu_hoi_nghi"))
    request = _("{sender} respectfully asks {organizer} to consider the following commendations:")
    body(doc, request.format(sender=p("ben_trinh"), organizer=p("co_quan_to_chuc")), keep=True)
    only_if(body(doc, p("khong_de_nghi")), "khong_de_nghi")
    doc.add_paragraph("{%p for d in so_luong %}")
    body(doc, p("d.dong"))
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if de_nghi %}")
    header = [_("No."), _("Unit name"), _("Commendation form"), _("Granted by"), _("Grounds")]
    grid(
        doc,
        header,
        row_loop("de_nghi", [c.name for c in PROPOSAL_COLUMNS]),
        [1.2, 4.3, 3.6, 3.2, 4.2],
        size=12,
    )
    doc.add_paragraph("{%p endif %}")
    enclosed = _("(Enclosed: the minutes of the emulation review meeting for {year} of {cluster}.)")
    body(doc, enclosed.format(year=p("nam"), cluster=p("ten_cum")))
    closing = _("Respectfully submitted to {organizer} for consideration and decision./.")
    body(doc, closing.format(organizer=p("co_quan_to_chuc")))
    recipients = [_("- As above;"), p("noi_nhan_thanh_vien"), _("- Filed: Records office.")]
    signed = Signature((p("ky_thay_mat"), p("don_vi_ky")), hint=_("(Signature, full name and seal)"))
    foot = signatures(doc, None, signed, recipients=recipients)
    only_if(foot.rows[0].cells[1].paragraphs[1], "don_vi_ky")
    return saved(doc)


def _default_addressees(doc: DocxDocument) -> None:
    """One addressee on one centred line; several as a list under "Kính gửi:"."""
    doc.add_paragraph("{%p if kinh_gui|length == 1 %}")
    centered(doc, _("To: ") + "{{ kinh_gui[0].ten }}.", after=12)
    doc.add_paragraph("{%p else %}")
    first = body(doc, _("To:"), indent=False, after=0)
    first.paragraph_format.left_indent = Cm(3)
    doc.add_paragraph("{%p for k in kinh_gui %}")
    line = body(doc, placeholder("k.dong"), indent=False, after=0)
    line.paragraph_format.left_indent = Cm(5)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph()
    doc.add_paragraph("{%p endif %}")


def default_template() -> bytes:
    """The built-in template of the submission letter, made by the layout module."""
    return _default_template(get_language() or "")
