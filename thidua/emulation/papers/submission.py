"""Tờ trình đề nghị khen thưởng: the head unit's submission letter to the organizer, with the legal
grounds of the regime in force for the year and the proposals of the review, tier by tier."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.shared import Cm

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, grid, signatures
from thidua.documents.layout import items as listing
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import AwardTier


def build_submission(summary: YearSummary, doc: DocxDocument) -> None:
    year = summary.cluster_year.year
    # The letter's own date is the day it is signed, which no record holds: left blank.
    letterhead(doc, summary, kind="TTr", day=None)
    tiers = _proposed_tiers(summary)
    subject = f"đề nghị tặng {w.forms_phrase(tiers)}" if tiers else "đề nghị khen thưởng"
    centered(doc, Run("TỜ TRÌNH", bold=True))
    centered(doc, Run(f"Về việc {subject} năm {year}", bold=True), after=12)
    _addressees(doc, summary)
    _grounds(doc, summary)
    sender = _sender(summary)
    body(doc, f"{sender} kính đề nghị {summary.organizer.name} xem xét, khen thưởng như sau:", keep=True)
    _proposals(doc, summary, tiers)
    body(doc, f"(Gửi kèm Biên bản họp bình xét thi đua năm {year} của {summary.cluster.name}.)")
    body(doc, f"Kính trình {summary.organizer.name} xem xét, quyết định./.")
    word = w.cluster_word(summary.cluster).upper()
    lines = [f"TM. {word} TRƯỞNG"]
    if summary.head is not None:
        lines.append(summary.head.name.upper())
    recipients = [
        "- Như trên;",
        f"- Các đơn vị thành viên {w.cluster_word(summary.cluster)};",
        "- Lưu: VT.",
    ]
    signature = Signature(tuple(lines), hint="(Ký, ghi rõ họ tên, đóng dấu)")
    signatures(doc, None, signature, recipients=recipients)


def _proposed_tiers(summary: YearSummary) -> list[AwardTier]:
    named = {p.tier.pk for p in summary.proposals}
    counted = {tier.pk for tier, n in summary.unnamed if n}
    return [tier for tier in summary.tiers if tier.pk in named | counted]


def _sender(summary: YearSummary) -> str:
    word = w.cluster_word(summary.cluster)
    if summary.head is None:
        return summary.cluster.name
    return (
        f"{summary.head.name}, {word.lower()} trưởng {summary.cluster.name} năm {summary.cluster_year.year},"
    )


def _addressees(doc: DocxDocument, summary: YearSummary) -> None:
    names = [summary.organizer.name]
    if summary.organizer.standing_body:
        names.append(summary.organizer.standing_body)
    if len(names) == 1:
        centered(doc, "Kính gửi: ", names[0] + ".", after=12)
        return
    first = body(doc, "Kính gửi:", indent=False, after=0)
    first.paragraph_format.left_indent = Cm(3)
    for i, name in enumerate(names):
        line = body(doc, f"- {name}" + (";" if i < len(names) - 1 else "."), indent=False, after=0)
        line.paragraph_format.left_indent = Cm(5)
    doc.add_paragraph()


def _grounds(doc: DocxDocument, summary: YearSummary) -> None:
    year = summary.cluster_year.year
    review = summary.review
    body(doc, f"Căn cứ {summary.regime.law};")
    body(doc, f"Căn cứ {summary.regime.decree} của Chính phủ;")
    body(doc, f"Căn cứ Quy chế hoạt động của {summary.cluster.name};")
    meeting = f"Căn cứ kết quả Hội nghị bình xét thi đua năm {year} của {summary.cluster.name}"
    if review is not None and review.date is not None:
        body(doc, f"{meeting} ngày {w.short_date(review.date)},")
    else:
        body(doc, f"{meeting} (ngày họp: {w.UNKNOWN}),")


def _proposals(doc: DocxDocument, summary: YearSummary, tiers: list[AwardTier]) -> None:
    if not tiers:
        text = (
            "Hội nghị bình xét không đề nghị đơn vị nào." if summary.concluded else "Chưa có kết quả đề nghị."
        )
        body(doc, text)
        return
    unnamed = {tier.pk: n for tier, n in summary.unnamed}
    counts = []
    for tier in tiers:
        named = sum(1 for p in summary.proposals if p.tier == tier)
        text = f"- {tier.name}: {w.count(named + unnamed.get(tier.pk, 0))} đơn vị"
        if unnamed.get(tier.pk):
            text += f", trong đó {w.count(unnamed[tier.pk])} đơn vị không được ghi nhận tên"
        counts.append(text)
    listing(doc, counts)
    rows = [
        [str(i), p.unit.name, p.tier.name, p.grantor, f"Xếp thứ {p.rank}; {p.basis_vi}"]
        for i, p in enumerate(summary.proposals, start=1)
    ]
    if rows:
        header = ["STT", "Tên đơn vị", "Hình thức khen thưởng", "Cấp quyết định", "Căn cứ"]
        grid(doc, header, rows, [1.2, 4.3, 3.6, 3.2, 4.2], size=12)
