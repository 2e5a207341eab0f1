"""Biên bản họp bình xét thi đua: the minutes of a cluster's year-end review meeting.

Every fact comes from the year summary; what it does not know is never guessed. A live conclusion has
passed the gate (date, place, chair and secretary recorded): a fact it still lacks is left blank for a hand
to fill in. A draft, or a historic year concluded as its file reports, says "chưa ghi nhận".
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import count

from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, grid, heading, signatures
from thidua.documents.layout import items as listing
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Method, Rating
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import AwardTier, Unit


def build_minutes(summary: YearSummary, doc: DocxDocument) -> None:
    review = summary.review
    letterhead(doc, summary, kind="BB", day=review.date if review else None)
    centered(doc, Run("BIÊN BẢN", bold=True))
    title = f"Họp bình xét thi đua năm {summary.cluster_year.year} của {summary.cluster.name}"
    centered(doc, Run(title, bold=True), after=12)
    if not summary.concluded:
        centered(doc, Run("(Dự thảo: kết quả bình xét chưa được chốt)", italic=True), after=6)
    _meeting(doc, summary)
    heading(doc, "II. NỘI DUNG VÀ KẾT QUẢ BÌNH XÉT")
    item = count(1)
    _method(doc, summary, item)
    _scores(doc, summary, item)
    _count(doc, summary, item)
    _result(doc, summary, item)
    _not_proposed(doc, summary, item)
    _next_year(doc, summary, item)
    body(doc, f"Hội nghị kết thúc vào hồi {w.BLANK} giờ {w.BLANK} phút cùng ngày.")
    chair = w.person_name(review.chair) if review and review.chair else ""
    secretary = w.person_name(review.secretary) if review and review.secretary else ""
    signatures(doc, Signature(("THƯ KÝ",), name=secretary), Signature(("CHỦ TRÌ",), name=chair))


def _unknown(summary: YearSummary) -> str:
    """How a fact not on record is written (see the module docstring)."""
    review = summary.review
    live = summary.concluded and review is not None and not review.reported
    return w.BLANK if live else w.UNKNOWN


def _meeting(doc: DocxDocument, summary: YearSummary) -> None:
    review = summary.review
    year = summary.cluster_year.year
    word = w.cluster_word(summary.cluster)
    heading(doc, "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    unknown = _unknown(summary)
    body(doc, Run("1. Thời gian: ", bold=True), w.short_date(review.date if review else None, unknown) + ".")
    place = review.place if review and review.place else ""
    if not place and summary.host is not None:
        place = f"{summary.host.name} (đơn vị đăng cai)"
    body(doc, Run("2. Địa điểm: ", bold=True), (place or unknown) + ".")
    body(doc, Run("3. Thành phần:", bold=True))
    chair = review.chair if review and review.chair else unknown
    board = review.board_representative if review and review.board_representative else unknown
    body(doc, f"- Chủ trì: {chair}.")
    body(doc, f"- Đại diện {summary.organizer.standing_body or 'cơ quan thường trực'}: {board}.")
    body(doc, f"- {word} trưởng năm {year}: {_unit_or_unknown(summary.head, unknown)}.")
    body(doc, f"- {word} phó năm {year}: {_units_or_unknown(summary.deputies, unknown)}.")
    body(doc, f"- Đơn vị dự họp: {_present(summary, unknown)}")
    body(doc, f"- Thư ký: {review.secretary if review and review.secretary else w.BLANK}")


def _present(summary: YearSummary, unknown: str) -> str:
    review = summary.review
    if review is None or not review.present_known:
        return unknown + "."
    order = {unit.pk: i for i, unit in enumerate(summary.members)}
    present = sorted(review.present.all(), key=lambda unit: (order.get(unit.pk, len(order)), unit.code))
    return f"{len(present)}/{len(summary.members)} đơn vị thành viên: {w.unit_names(present)}."


def _unit_or_unknown(unit: Unit | None, unknown: str) -> str:
    return unit.name if unit is not None else unknown


def _units_or_unknown(units: list[Unit] | None, unknown: str) -> str:
    if units is None:
        return unknown
    return w.unit_names(units) if units else "không có"


def _quota_text(summary: YearSummary, tier: AwardTier) -> str:
    quota = summary.quotas.get(tier.code)
    return f"tối đa {w.count(quota)} đơn vị" if quota is not None else "không giới hạn số lượng"


def _method(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    body(doc, Run(f"{next(item)}. Hình thức bình xét: ", bold=True), summary.method_label.lower() + ".")
    if summary.method == Method.BALLOT:
        share = w.percent(Fraction(summary.cluster_year.min_approval))
        body(doc, f"Đơn vị được đề nghị phải đạt từ {share}% tổng số phiếu bầu trở lên.")
    body(doc, "Số lượng đề nghị theo từng hình thức:")
    for tier in summary.tiers:
        body(doc, f"- {tier.name}: {_quota_text(summary, tier)}.")


def _scores(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    """The appraised scores, ratings and places, when any are on record."""
    places = {unit.code: place for unit, place in summary.ranking}
    if not (summary.scores or summary.ratings or places):
        return
    body(doc, Run(f"{next(item)}. Kết quả chấm điểm, xếp loại:", bold=True), keep=True)
    order = {unit.code: i for i, unit in enumerate(summary.members)}
    units = sorted(summary.members, key=lambda u: (places.get(u.code, len(order) + 1), order[u.code]))
    rows = [
        [
            str(i),
            unit.name,
            w.number(summary.scores.get(unit.code)),
            Rating(summary.ratings[unit.code]).label if unit.code in summary.ratings else "",
            str(places[unit.code]) if unit.code in places else "",
        ]
        for i, unit in enumerate(units, start=1)
    ]
    header = ["STT", "Tên đơn vị", "Điểm", "Xếp loại", "Thứ hạng"]
    grid(doc, header, rows, [1.3, 5.4, 1.7, 6.0, 2.1], centered_columns=(0, 2, 4), size=12)


def _count(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    cast = summary.ballots_cast
    title = "Kết quả kiểm phiếu" if summary.method == Method.BALLOT else "Cách xác định kết quả"
    body(doc, Run(f"{next(item)}. {title}:", bold=True), keep=True)
    if cast is None:
        if summary.method == Method.ACCLAMATION:
            body(doc, "Hội nghị bình xét theo hình thức suy tôn; số phiếu từng đơn vị không được ghi nhận.")
        elif summary.method == Method.SCORE:
            body(doc, "Hội nghị xếp thứ hạng theo điểm chấm; không bỏ phiếu.")
        else:
            body(doc, "Số phiếu bầu của từng đơn vị không được công bố.")
        return
    body(doc, f"Tổng số phiếu bầu: {w.count(cast)} phiếu.")
    for letter, tier in zip("abcdefghijklmnopqrstuvwxyz", summary.tiers, strict=False):
        void = summary.void.get(tier.code, 0)
        body(
            doc,
            Run(f"{letter}) {tier.name}", italic=True),
            f": phiếu hợp lệ {w.count(cast - void)}, phiếu không hợp lệ {w.count(void)}.",
            keep=True,
        )
        lines = summary.tally_for(tier)
        if not lines:
            body(doc, "Không có đơn vị nào được bầu.")
            continue
        rows = [
            [str(i), line.unit.name, str(line.votes), line.percent] for i, line in enumerate(lines, start=1)
        ]
        grid(
            doc,
            ["STT", "Tên đơn vị", "Số phiếu", "Tỷ lệ (%)"],
            rows,
            [1.4, 9.6, 2.5, 2.5],
            centered_columns=(0, 2, 3),
        )
    body(doc, "Tỷ lệ tính trên tổng số phiếu bầu.", indent=True)


def _result(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    body(doc, Run(f"{next(item)}. Kết quả bình xét: ", bold=True), "Hội nghị thống nhất đề nghị:", keep=True)
    unnamed = dict((tier.code, n) for tier, n in summary.unnamed)
    said = False
    for tier in summary.tiers:
        lines = [p for p in summary.proposals if p.tier == tier]
        extra = unnamed.get(tier.code, 0)
        if not lines and not extra:
            continue
        said = True
        total = len(lines) + extra
        body(doc, f"- Đề nghị {tier.grantor} tặng {tier.name} cho {w.count(total)} đơn vị:", keep=True)
        items = [f"+ {p.unit.name}: xếp thứ {p.rank}; {p.basis_vi}" for p in lines]
        if extra:
            items.append(f"+ {w.count(extra)} đơn vị khác (tên đơn vị không được ghi nhận)")
        listing(doc, items)
    if not said:
        text = "Không có đơn vị nào được đề nghị." if summary.concluded else "Chưa có kết quả đề nghị."
        body(doc, text)


def _not_proposed(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    if not summary.not_proposed:
        return
    body(doc, Run(f"{next(item)}. Đơn vị có phiếu nhưng không được đề nghị và lý do:", bold=True))
    listing(doc, [f"- {n.unit.name} ({n.tier.name}): {n.reason_vi}" for n in summary.not_proposed])


def _next_year(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    word = w.cluster_word(summary.cluster)
    following = summary.cluster_year.year + 1
    unknown = _unknown(summary)
    title = Run(f"{next(item)}. {word} trưởng, {word.lower()} phó năm {following}:", bold=True)
    if not summary.next_known:
        body(doc, title, f" {unknown}.")
    else:
        body(doc, title, keep=True)
        body(doc, f"- {word} trưởng: {_unit_or_unknown(summary.next_head, unknown)};")
        body(doc, f"- {word} phó: {_units_or_unknown(summary.next_deputies, unknown)};")
        body(doc, f"- Hình thức quyết định: {decided_by_text(summary.next_decided_by) or unknown}.")
    signed = summary.pact_signed
    body(
        doc,
        Run(f"{next(item)}. Ký giao ước thi đua năm {following}: ", bold=True),
        w.short_date(signed, unknown) + ".",
    )
