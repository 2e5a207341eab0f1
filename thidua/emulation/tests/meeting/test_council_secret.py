"""A council sitting that votes by secret ballot: the meeting's one-time codes, one ballot per code,
absent members' written votes by name, and the same threshold result as an open vote."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.emulation.tests.meeting.council_helpers import at_council, council_of, person, votes_for
from thidua.emulation.tests.meeting.council_secret_helpers import member_codes, secret_council
from thidua.registry.actions.council import (
    cast_council_ballot,
    close_council_voting,
    council_results,
    issue_council_codes,
    record_council_votes,
    reopen_council_voting,
    set_council_mode,
)
from thidua.registry.models import CouncilBallot, CouncilCode, CouncilVote

pytestmark = pytest.mark.django_db


def outcome(result):
    return (
        result.proposal.pk,
        result.agreeing,
        result.disagree,
        result.members,
        result.needed,
        result.passed,
    )


@pytest.mark.parametrize(("agree_present", "agree_written"), [(7, 0), (7, 1), (6, 2), (5, 0)])
def test_the_secret_result_is_the_open_result_for_the_same_votes(
    organizer, flag, agree_present, agree_written
):
    soldier = at_council(organizer, "chien-si-thi-dua-tinh", 2024, person=person(organizer))
    open_sitting = council_of(organizer, date(2025, 3, 1), present=7, absent=3)
    for proposal in (flag, soldier):
        votes = votes_for(open_sitting, agree_present=agree_present, agree_written=agree_written)
        record_council_votes(open_sitting, proposal, votes, by="thư ký")

    secret = secret_council(organizer, present=7, absent=3)
    for proposal in (flag, soldier):
        written = {pk: v for pk, v in votes_for(secret, agree_present=0, agree_written=agree_written).items()}
        absent = set(secret.members.filter(present=False).values_list("pk", flat=True))
        record_council_votes(
            secret, proposal, {pk: v for pk, v in written.items() if pk in absent}, by="thư ký"
        )
    for n, code in enumerate(member_codes(secret)):
        word = "agree" if n < agree_present else "disagree"
        cast_council_ballot(code, {flag.pk: word, soldier.pk: word})

    expected = [outcome(r) for r in council_results(open_sitting)]
    assert [outcome(r) for r in council_results(secret)] == expected
    # The flag needs 8 of 10 (80%), the soldier 9 of 10 (90%): the verdicts differ as the votes do.
    flag_result = next(r for r in council_results(secret) if r.proposal == flag)
    assert flag_result.passed is (agree_present + agree_written >= 8)


def test_a_used_code_is_refused_in_vietnamese_and_casts_nothing_more(organizer, flag):
    council = secret_council(organizer, present=3, absent=0)
    code = member_codes(council)[0]
    cast_council_ballot(code, {flag.pk: "agree"})
    with pytest.raises(ValidationError, match="Mã phiếu này đã được dùng") as refused:
        cast_council_ballot(code, {flag.pk: "disagree"})
    assert refused.value.code == "used"
    assert CouncilBallot.objects.count() == 1
    (result,) = council_results(council)
    assert (result.agree_present, result.disagree) == (1, 0)


def test_a_blank_choice_counts_as_cast_but_not_agreeing(organizer, flag):
    council = secret_council(organizer, present=2, absent=0)
    first, second = member_codes(council)
    cast_council_ballot(first, {flag.pk: "blank"})
    cast_council_ballot(second, {})  # nothing chosen: blank
    (result,) = council_results(council)
    assert (result.agreeing, result.disagree, result.blank) == (0, 0, 2)


def test_a_bad_ballot_is_refused_and_leaves_the_code_usable(organizer, flag):
    council = secret_council(organizer, present=1, absent=0)
    (code,) = member_codes(council)
    with pytest.raises(ValidationError, match="lựa chọn «maybe» không hợp lệ"):
        cast_council_ballot(code, {flag.pk: "maybe"})
    with pytest.raises(ValidationError, match="không nằm trong danh sách trình Hội đồng"):
        cast_council_ballot(code, {flag.pk + 999: "agree"})
    assert not CouncilBallot.objects.exists()
    cast_council_ballot(code, {flag.pk: "agree"})
    assert council_results(council)[0].agreeing == 1


def test_a_closed_sitting_refuses_ballots_and_written_votes_until_reopened_with_a_reason(organizer, flag):
    council = secret_council(organizer, present=2, absent=1)
    first, _ = member_codes(council)
    close_council_voting(council, by="chủ tịch")
    with pytest.raises(ValidationError, match="Phiên họp Hội đồng đã đóng bỏ phiếu"):
        cast_council_ballot(first, {flag.pk: "agree"})
    absent = council.members.get(present=False)
    with pytest.raises(ValidationError, match="đã đóng bỏ phiếu"):
        record_council_votes(council, flag, {absent.pk: True}, by="thư ký")
    with pytest.raises(ValidationError, match="lý do"):
        reopen_council_voting(council, reason=" ", by="chủ tịch")
    reopen_council_voting(council, reason="Một thành viên đến muộn", by="chủ tịch")
    cast_council_ballot(first, {flag.pk: "agree"})
    assert CouncilBallot.objects.filter(council=council).count() == 1
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="council.").order_by("pk").values_list("verb", "data")
    )
    assert [v for v, _ in verbs] == [
        "council.create",
        "council.mode",
        "council.open",
        "council.issue_codes",
        "council.close",
        "council.reopen",
    ]
    assert verbs[-1][1]["reason"] == "Một thành viên đến muộn" and verbs[-2][1]["ballots_cast"] == 0


def test_present_members_cannot_be_recorded_by_name_at_a_secret_sitting(organizer, flag):
    council = secret_council(organizer, present=2, absent=1)
    with pytest.raises(ValidationError, match="bỏ phiếu kín: thành viên có mặt bỏ phiếu bằng mã"):
        record_council_votes(council, flag, votes_for(council, agree_present=2, agree_written=1), by="thư ký")
    assert not CouncilVote.objects.exists()
    absent = council.members.get(present=False)
    record_council_votes(council, flag, {absent.pk: True}, by="thư ký")
    (result,) = council_results(council)
    assert (result.agree_written, result.agree_present) == (1, 0)


def test_codes_only_for_present_members_once_each_and_not_at_an_open_sitting(organizer, flag):
    open_sitting = council_of(organizer, date(2025, 3, 1), present=2, absent=0)
    with pytest.raises(ValidationError, match="biểu quyết công khai; không cấp mã"):
        issue_council_codes(open_sitting, by="thư ký")
    council = secret_council(organizer, present=4, absent=2)
    assert len(member_codes(council)) == 4
    assert member_codes(council) == []
    assert CouncilCode.objects.filter(council=council).count() == 4
    with pytest.raises(ValidationError, match="Đã mở bỏ phiếu; không đổi cách biểu quyết"):
        set_council_mode(council, "open", by="thư ký")


def test_a_meetings_code_and_a_councils_code_do_not_cross(organizer, flag, open_meeting):
    from thidua.emulation.actions import meeting as services
    from thidua.emulation.tests.meeting.helpers import issued_codes

    meeting_code = next(iter(issued_codes(open_meeting).values()))
    council = secret_council(organizer, present=1, absent=0)
    (council_code,) = member_codes(council)
    with pytest.raises(ValidationError, match="Không có mã phiếu này"):
        cast_council_ballot(meeting_code, {flag.pk: "agree"})
    with pytest.raises(ValidationError, match="Không có mã phiếu này"):
        services.cast_with_code(council_code, {"co-ubnd": ["STC"]})
