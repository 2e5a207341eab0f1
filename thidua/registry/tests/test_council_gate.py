"""No decision without the council where the law makes its vote mandatory (VOTE-1, by the proposal's own
regime), and never after the council voted a proposal down; each refusal names the proposal and the
council's result, and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.awards.catalogue import COUNCIL_SHARE
from thidua.awards.voting import vote_required
from thidua.emulation.tests.meeting.council_helpers import at_council, council_of, votes_for
from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import (
    close_council_voting,
    open_council_voting,
    record_council_votes,
    reopen_council_voting,
)
from thidua.registry.models import AwardProposal, Decision
from thidua.registry.province_rules import add_province_rule
from thidua.testing import factories

pytestmark = pytest.mark.django_db
BY = "Ban Thi đua – Khen thưởng"


@pytest.fixture
def organizer():
    return factories.OrganizerFactory(province="Lạng Sơn")


def _decide(proposal: AwardProposal, number: str = "5/QĐ-UBND") -> Decision:
    return services.decide([proposal], number=number, date=date(2025, 4, 1), signer="Chủ tịch", by=BY)


def _refused(proposal: AwardProposal) -> str:
    with pytest.raises(ValidationError) as refused:
        _decide(proposal)
    proposal.refresh_from_db()
    assert proposal.state == "at_council" and not Decision.objects.exists()
    return " ".join(refused.value.messages)


def _sitting(organizer, proposal: AwardProposal, agree: int):  # type: ignore[no-untyped-def]
    council = council_of(organizer, date(2025, 3, 1), present=10, absent=0)
    record_council_votes(council, proposal, votes_for(council, agree_present=agree), by="thư ký")
    return close_council_voting(open_council_voting(council, by=BY), by=BY)


def test_a_flag_needs_the_councils_pass_before_its_decision(organizer) -> None:
    flag = at_council(organizer, "co-thi-dua-tinh", 2024)  # received 10/01/2025: Decree 98/2023
    assert vote_required(flag.regime, flag.award)
    message = _refused(flag)
    assert f"đề nghị «{flag}» chưa có kết quả Hội đồng thông qua" in message
    assert "phải được Hội đồng Thi đua – Khen thưởng biểu quyết (Nghị định 98/2023/NĐ-CP, Điều 30" in message
    assert "trang hồ sơ đề nghị" in message

    _sitting(organizer, flag, agree=8)
    decision = _decide(flag)
    assert decision.awardees.get().proposal == flag


def test_a_proposal_the_council_voted_down_is_not_decided(organizer) -> None:
    flag = at_council(organizer, "co-thi-dua-tinh", 2024)
    _sitting(organizer, flag, agree=7)
    message = _refused(flag)
    said = f"Đề nghị «{flag}» không được Hội đồng Thi đua – Khen thưởng thông qua (phiên họp ngày 01/03/2025)"
    assert said in message
    assert "7/10 thành viên Hội đồng đồng ý" in message and "ít nhất 8: không đạt" in message
    assert "ghi «Không khen thưởng» kèm lý do" in message


def test_a_reopened_vote_holds_the_decision_until_it_closes_again(organizer) -> None:
    flag = at_council(organizer, "co-thi-dua-tinh", 2024)
    council = _sitting(organizer, flag, agree=8)
    reopen_council_voting(council, reason="Thành viên vắng gửi phiếu muộn", by=BY)
    assert "chưa có kết quả Hội đồng thông qua" in _refused(flag)


def test_an_award_without_a_mandatory_vote_is_decided_without_the_council(organizer) -> None:
    certificate = at_council(organizer, "bang-khen-chu-tich-tinh", 2024)
    assert vote_required(certificate.regime, certificate.award) is None
    assert _decide(certificate).awardees.count() == 1


def test_but_not_once_the_council_voted_it_down(organizer) -> None:
    certificate = at_council(organizer, "bang-khen-chu-tich-tinh", 2024)
    council = council_of(organizer, date(2025, 3, 1), present=4, absent=0)
    record_council_votes(council, certificate, votes_for(council, agree_present=1), by="thư ký")
    # Bằng khen has no threshold in the law: the province's majority applies (entered on its rules page).
    add_province_rule(
        organizer,
        award="bang-khen-chu-tich-tinh",
        parameter=COUNCIL_SHARE,
        value=51,
        document="Quyết định 3/2024/QĐ-UBND",
        document_date=date(2024, 1, 5),
        article="Điều 9",
        start=date(2024, 1, 15),
        by=BY,
    )
    close_council_voting(open_council_voting(council, by=BY), by=BY)
    assert "không được Hội đồng Thi đua – Khen thưởng thông qua" in _refused(certificate)
