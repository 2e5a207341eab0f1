"""Casting with a one-time code: once per code, only while open, within quota, refused with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.emulation import balloting, codes
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Ballot, BallotCode, CodeIssue, Meeting
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.tests.meeting.helpers import issued_codes, legal

pytestmark = pytest.mark.django_db


def test_codes_are_typable_and_stored_only_as_a_keyed_hash(open_meeting):
    issued = issued_codes(open_meeting)
    assert len(issued) == 7 and CodeIssue.objects.count() == 7
    for code in issued.values():
        assert codes.is_well_formed(code) and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01OILU")
    stored = set(BallotCode.objects.values_list("digest", flat=True))
    assert stored == {codes.digest(c) for c in issued.values()}
    assert not stored & set(issued.values())
    # Typed in lower case, without the dash, with spaces: the same code.
    code = next(iter(issued.values()))
    assert codes.digest(" " + code.lower().replace("-", " ") + " ") == codes.digest(code)


def test_issuing_again_gives_codes_only_to_units_without_one(open_meeting):
    issued_codes(open_meeting)
    assert services.issue_codes(open_meeting, by="chủ trì") == []


def test_the_seed_ballots_give_the_seed_count(open_meeting, seed_year, seed_ballots):
    issued = list(issued_codes(open_meeting).values())
    for code, ballot in zip(issued, seed_ballots, strict=True):
        services.cast_with_code(code, legal(ballot, seed_year.quotas))
    services.close_voting(open_meeting, by="chủ trì")
    summary = year_summary(seed_year)
    assert summary.ballots_cast == len(seed_ballots)
    flag = [(line.unit.code, line.votes) for line in summary.tally if line.tier.code == "co-ubnd"]
    expected_stc = sum(1 for b in seed_ballots if legal(b, seed_year.quotas)["co-ubnd"] == ["STC"])
    assert flag[0] == ("STC", expected_stc)
    assert [p.unit.code for p in summary.proposals if p.tier.code == "co-ubnd"] == ["STC"]


def test_a_code_casts_at_most_once(open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    services.cast_with_code(code, {"co-ubnd": ["STC"]})
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.cast_with_code(code, {"co-ubnd": ["SNV"]})
    assert [b.choices for b in Ballot.objects.all()] == [{"co-ubnd": ["STC"]}]


def test_over_quota_is_refused_and_the_code_stays_usable(open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    with pytest.raises(ValidationError) as refused:
        services.cast_with_code(code, {"co-ubnd": ["STC", "VPDBQH"]})
    assert "tối đa 1 đơn vị, phiếu đã chọn 2" in " ".join(refused.value.messages)
    assert not Ballot.objects.exists()
    services.cast_with_code(code, {"co-ubnd": ["STC"]})
    assert Ballot.objects.count() == 1


def test_a_blank_ballot_is_cast_and_counted(open_meeting, seed_year):
    code = next(iter(issued_codes(open_meeting).values()))
    ballot = services.cast_with_code(code, {})
    assert ballot.receipt and ballot.choices == {}
    assert year_summary(seed_year).ballots_cast is None  # sealed while voting is open
    services.close_voting(open_meeting, by="chủ trì")
    assert year_summary(seed_year).ballots_cast == 1


def test_unknown_and_malformed_codes_are_refused(open_meeting):
    issued_codes(open_meeting)
    for typed in ["K7QF-2MXP", "abc", ""]:
        with pytest.raises(ValidationError, match="Không có mã phiếu này"):
            services.cast_with_code(typed, {})
    assert not Ballot.objects.exists()


def test_an_expired_code_is_refused(open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    BallotCode.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="hết hạn"):
        services.cast_with_code(code, {})
    assert not Ballot.objects.exists()


def test_before_opening_and_after_closing_nothing_is_accepted(meeting):
    code = next(iter(issued_codes(meeting).values()))
    with pytest.raises(ValidationError, match="chưa mở"):
        services.cast_with_code(code, {})
    services.open_voting(meeting, by="chủ trì")
    services.close_voting(meeting, by="chủ trì")
    with pytest.raises(ValidationError, match="đã đóng"):
        services.cast_with_code(code, {})
    assert not Ballot.objects.exists()
    assert BallotCode.objects.filter(used=False).count() == 7


def test_a_unit_may_not_vote_for_itself_when_the_rules_say_so(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(self_vote_allowed=False)
    issued = issued_codes(meeting)
    services.open_voting(meeting, by="chủ trì")
    with pytest.raises(ValidationError, match="chính đơn vị mình"):
        services.cast_with_code(issued["STC"], {"co-ubnd": ["STC"]})
    services.cast_with_code(issued["SNV"], {"co-ubnd": ["STC"]})
    assert Ballot.objects.count() == 1


def test_a_lost_code_is_replaced_and_stops_working(open_meeting, seed_year):
    issued = issued_codes(open_meeting)
    stc = seed_year.cluster.units.get(code="STC")
    fresh = services.reissue_code(open_meeting, stc, by="chủ trì")
    with pytest.raises(ValidationError, match="Không có mã phiếu này"):
        services.cast_with_code(issued["STC"], {})
    services.cast_with_code(fresh.code, {})
    reissues = AuditEvent.objects.filter(verb="meeting.reissue_code")
    assert [event.data["unit"] for event in reissues] == ["STC"]  # an explicit act, audited, by name
    # A used code is not replaced; the refusal says so without naming the act of voting, and changes nothing.
    with pytest.raises(ValidationError) as refused:
        services.reissue_code(open_meeting, stc, by="chủ trì")
    assert refused.value.messages == [
        "Không cấp lại được mã phiếu cho Sở Tài chính: mã đã cấp không thay được."
    ]
    assert reissues.count() == 1


def test_a_concluded_review_takes_no_more_ballots(open_meeting, seed_year):
    from thidua.emulation.actions.review import conclude_review

    code = next(iter(issued_codes(open_meeting).values()))
    services.close_voting(open_meeting, by="chủ trì")
    conclude_review(seed_year, by="chủ trì")
    with pytest.raises(ValidationError, match="chốt"):
        services.reopen_voting(open_meeting, reason="thử", by="chủ trì")
    with pytest.raises(ValidationError, match="đã đóng"):
        services.cast_with_code(code, {})


def test_a_cast_reads_a_fixed_number_of_rows_whatever_the_meeting_size(
    open_meeting, django_assert_max_num_queries
):
    """A meeting of 1,000 delegates casts as fast as one of 7 (issue 13): the code is read once with its
    meeting, year and forms, and only the units the ballot names are looked up."""
    code = next(iter(issued_codes(open_meeting).values()))
    with django_assert_max_num_queries(10):
        services.cast_with_code(code, {"co-ubnd": ["STC"]})
    assert Ballot.objects.count() == 1


def test_a_cast_after_the_vote_closed_elsewhere_is_refused(open_meeting):
    """The cast reads the voting state again under the meeting's lock, not from the code's row read before."""
    code = next(iter(issued_codes(open_meeting).values()))
    row = services.usable_code(code)
    services.close_voting(open_meeting, by="chủ trì")
    row.meeting.locked_for_casting()
    with pytest.raises(ValidationError):
        balloting.check_open(row.meeting)
    with pytest.raises(ValidationError):
        services.cast_with_code(code, {"co-ubnd": ["STC"]})
    assert Ballot.objects.count() == 0
