"""What a proposal needs before it moves on (DESIGN.md "Stages are gates"), as messages that name what is
missing and where to act; None when nothing is. The services call these inside their transactions.

- Accepting it, sending it to the council and deciding it need an eligible verdict under the proposal's own
  regime, or the board's written override of the standing it saw (AwardProposal.Standing). An award
  outside the legal catalogue (an organizer's own form) has no criteria the software can check: the board
  states in writing, on the same form, the organizer's rule it was judged by; until then it waits too.
- Deciding it also needs the council's pass where the law makes the council's vote mandatory for the award
  under that regime (awards.voting.VOTE_REQUIRED), and never follows a council that voted it down.
"""

from __future__ import annotations

from thidua.awards.regimes import name_of as regime_name
from thidua.awards.sources import readable
from thidua.awards.voting import vote_required
from thidua.registry.models import AwardProposal, Standing

PAGE = "trang hồ sơ đề nghị"
BOARD = "Ban Thi đua – Khen thưởng"


def _reasons(proposal: AwardProposal) -> str:
    return "; ".join(r.get("vi", "") for r in proposal.verdict_reasons if r.get("vi"))


def _standing_problem(proposal: AwardProposal, step: str) -> str:
    """Why the proposal's standing does not let it go on, with where to act."""
    name, regime = f"Đề nghị «{proposal}»", regime_name(proposal.regime)
    override = f"{BOARD} ghi lý do vượt qua tại {PAGE} nếu vẫn {step}."
    check = f"Bấm «Xét điều kiện» tại {PAGE}"
    found = {
        Standing.NOT_ELIGIBLE: f"{name} không đủ điều kiện theo {regime}: {_reasons(proposal)}. {override}",
        Standing.MISSING_INFORMATION: (
            f"{name} thiếu thông tin để xét điều kiện theo {regime}: {_reasons(proposal)}. Bổ sung thông "
            f"tin trong sổ khen thưởng rồi bấm «Xét điều kiện» tại {PAGE}, hoặc {override}"
        ),
        Standing.ON_HOLD: f"{name} chưa được khen thưởng theo {regime}: {_reasons(proposal)}. {override}",
        Standing.UNCHECKED: f"{name} chưa được xét điều kiện theo {regime}. {check}, hoặc {override}",
        Standing.STALE: (
            f"{name} đã được xét điều kiện theo {regime_name(proposal.verdict_regime)}, nay áp dụng "
            f"{regime} (theo ngày nhận hồ sơ). {check} để xét lại, hoặc {override}"
        ),
        Standing.OUTSIDE: (
            f"{name} là hình thức ngoài danh mục pháp luật: phần mềm không có tiêu chuẩn để xét. {BOARD} "
            f"ghi căn cứ đã xét (quy định của cơ quan tổ chức) vào ô lý do vượt qua tại {PAGE} "
            f"nếu vẫn {step}."
        ),
    }[Standing(proposal.standing)]
    if proposal.override_lapsed:
        found += (
            f" Lý do vượt qua ghi lúc {proposal.override_at:%H:%M %d/%m/%Y} cho kết quả "
            f"«{proposal.override_standing_label}» không còn áp dụng vì kết quả xét điều kiện đã thay đổi."
        )
    return found


def eligibility_problem(proposal: AwardProposal, step: str) -> str | None:
    """`step` is what the board tries, as a verb phrase: "tiếp nhận", "trình Hội đồng"…"""
    return None if proposal.may_go_forward else _standing_problem(proposal, step)


def council_problem(proposal: AwardProposal) -> str | None:
    """What the council's frozen results (meeting.CouncilOutcome) say against deciding the proposal."""
    outcome = proposal.council_outcomes.select_related("council").order_by("-council_id").first()
    if outcome is not None and not outcome.passed:
        sitting = f" (phiên họp ngày {outcome.council.date:%d/%m/%Y})" if outcome.council.date else ""
        return (
            f"Đề nghị «{proposal}» không được Hội đồng Thi đua – Khen thưởng thông qua{sitting}: "
            f"{outcome.explanation} Không quyết định khen thưởng được; ghi «Không khen thưởng» kèm lý do "
            f"tại {PAGE}."
        )
    source = vote_required(proposal.regime, proposal.award)
    if outcome is None and source is not None:
        return (
            f"«{proposal.award_name}» theo {regime_name(proposal.regime)} phải được Hội đồng Thi đua – Khen "
            f"thưởng biểu quyết ({readable(source)}); đề nghị «{proposal}» chưa có kết quả Hội đồng thông "
            f"qua. Trình Hội đồng tại {PAGE}, rồi đóng bỏ phiếu tại trang Hội đồng Thi đua – Khen thưởng."
        )
    return None
