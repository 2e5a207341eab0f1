"""Biên bản họp Hội đồng Thi đua – Khen thưởng: the council's minutes with each proposal's count, the
regime it was judged under, the threshold that applied and its source, the proposals that came by the
board's written override of their eligibility, and the absent members' written votes (VOTE-1: "recorded in
the minutes"). Built with the documents' layout (Decree 30/2020 Annex I); unknown facts stay blank."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.utils import timezone
from docx.document import Document as DocxDocument

from thidua.awards.regimes import name_of
from thidua.awards.sources import readable
from thidua.documents import wording as w
from thidua.documents.layout import (
    Run,
    Signature,
    body,
    centered,
    grid,
    heading,
    national_header,
    new_document,
    signatures,
)
from thidua.emulation.papers.letterhead import NUMBER_GAP
from thidua.registry.actions.council import CouncilResult, council_results, member_votes
from thidua.registry.models import Council, CouncilMember

COUNCIL = "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
FILENAME = "bien-ban-hop-hoi-dong-thi-dua-khen-thuong.docx"


def council_minutes(council: Council) -> bytes:
    """The minutes as a Word file."""
    doc = new_document(f"Biên bản họp Hội đồng Thi đua – Khen thưởng năm {council.year}")
    organizer = council.organizer
    national_header(
        doc,
        superior=organizer.name.upper(),
        issuer=COUNCIL,
        number=f"Số:{NUMBER_GAP}/BB-HĐTĐKT",
        date_line=w.date_line(organizer.province, council.date),
    )
    centered(doc, Run("BIÊN BẢN", bold=True))
    centered(doc, Run(f"Họp Hội đồng Thi đua – Khen thưởng xét khen thưởng năm {council.year}", bold=True))
    centered(doc, Run(f"({organizer.name})", italic=True), after=12)
    members = list(council.members.all())
    results = council_results(council)
    heading(doc, "I. THỜI GIAN, THÀNH PHẦN")
    body(doc, Run("1. Thời gian: ", bold=True), w.short_date(council.date) + ".")
    body(doc, Run("2. Văn bản áp dụng: ", bold=True), _regimes(council, results))
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    body(
        doc,
        Run("3. Thành phần: ", bold=True),
        f"Hội đồng có {w.count(len(members))} thành viên; có mặt {w.count(len(present))},"
        f" vắng mặt {w.count(len(absent))} (gửi phiếu bằng văn bản).",
    )
    grid(
        doc,
        ["TT", "Họ và tên", "Chức vụ", "Dự họp"],
        [
            [str(n), m.name, m.position, "Có mặt" if m.present else "Vắng, phiếu bằng văn bản"]
            for n, m in enumerate(members, 1)
        ],
        [1.2, 5.0, 6.3, 3.5],
        centered_columns=(0, 3),
    )
    heading(doc, "II. KẾT QUẢ BIỂU QUYẾT")
    body(
        doc,
        (
            "Thành viên có mặt bỏ phiếu kín từng đề nghị"
            if council.mode == "secret"
            else "Hội đồng biểu quyết công khai từng đề nghị"
        )
        + "; tỷ lệ đồng ý tính trên tổng số thành viên Hội đồng,"
        " gồm cả phiếu bằng văn bản của thành viên vắng mặt.",
        keep=True,
    )
    grid(
        doc,
        ["TT", "Đề nghị", "Đồng ý", "Không đồng ý", "Ngưỡng áp dụng", "Kết quả"],
        [_row(n, r) for n, r in enumerate(results, 1)],
        [1.0, 4.6, 2.0, 1.8, 4.8, 1.8],
        centered_columns=(0, 2, 3, 5),
        size=12,
    )
    sections = iter(("III", "IV"))
    _overrides(doc, results, sections)
    _written(doc, council, absent, results, sections)
    body(doc, f"Cuộc họp kết thúc vào hồi {w.BLANK} giờ {w.BLANK} phút cùng ngày.")
    signatures(doc, Signature(("THƯ KÝ HỘI ĐỒNG",)), Signature(("CHỦ TỊCH HỘI ĐỒNG",)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _regimes(council: Council, results: list[CouncilResult]) -> str:
    """Each proposal is judged under its own regime (the year of the achievement, the day its dossier was
    received): the regimes of this sitting's proposals, each once."""
    names = list(dict.fromkeys(r.regime_name for r in results)) or [name_of(council.regime)]
    if len(names) == 1:
        return f"{names[0]}, theo chế độ pháp lý của các đề nghị."
    each = "mỗi đề nghị theo chế độ pháp lý của đề nghị (năm thành tích, ngày nhận hồ sơ): "
    return each + "; ".join(names) + "."


def _row(n: int, result: CouncilResult) -> list[str]:
    proposal = result.proposal
    cluster = proposal.cluster_year.cluster.name if proposal.cluster_year_id else ""  # type: ignore[union-attr]
    subject = f"{proposal.award_name}: {proposal.subject_name}" + (f" ({cluster})" if cluster else "")
    if proposal.override_applies:
        subject += " (trình theo lý do vượt qua của Ban Thi đua – Khen thưởng)"
    agree = (
        f"{result.agreeing}/{result.members} ({w.percent(result.share)}%); văn bản: {result.agree_written}"
    )
    rule = f"{readable(result.rule)}; theo {result.regime_name}"
    return [str(n), subject, agree, str(result.disagree), rule, result.verdict.capitalize()]


def _overrides(doc: DocxDocument, results: list[CouncilResult], sections: Iterator[str]) -> None:
    """The proposals not found eligible under their regime, and the board's written reason for each."""
    found = [r.proposal for r in results if r.proposal.standing != "eligible"]
    if not found:
        return
    heading(doc, f"{next(sections)}. ĐỀ NGHỊ TRÌNH THEO LÝ DO VƯỢT QUA CỦA BAN THI ĐUA – KHEN THƯỞNG")
    for proposal in found:
        if proposal.override_applies:
            said = (
                f"kết quả xét điều kiện «{proposal.override_standing_label}» theo "
                f"{name_of(proposal.regime)}; Ban Thi đua – Khen thưởng cho trình với lý do: "
                f"{proposal.override_reason} "
                f"({proposal.override_by}, {timezone.localtime(proposal.override_at):%H:%M %d/%m/%Y})."
            )
        else:
            said = f"kết quả xét điều kiện «{proposal.standing_label}»; chưa có lý do vượt qua còn hiệu lực."
        body(doc, Run(f"{proposal}: ", bold=True), said)


def _written(
    doc: DocxDocument,
    council: Council,
    absent: list[CouncilMember],
    results: list[CouncilResult],
    sections: Iterator[str],
) -> None:
    """Each absent member's written vote on each proposal, by name (VOTE-1)."""
    if not absent:
        return
    heading(doc, f"{next(sections)}. PHIẾU BẰNG VĂN BẢN CỦA THÀNH VIÊN VẮNG MẶT")
    votes = member_votes(council)
    words = {True: "đồng ý", False: "không đồng ý", None: "không gửi phiếu"}
    for member in absent:
        parts = [f"{r.proposal}: {words[votes.get((member.pk, r.proposal.pk))]}" for r in results]
        body(doc, Run(f"{member.name}: ", bold=True), ("; ".join(parts) or "chưa có đề nghị") + ".")
