"""The meeting's voting state: open, close, reopen with a reason, each audited; quorum; method."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Meeting, Method
from thidua.emulation.queries.meeting import quorum_of

pytestmark = pytest.mark.django_db


def verbs(meeting: Meeting) -> list[str]:
    rows = AuditEvent.objects.filter(object_type="emulation.meeting", object_id=str(meeting.pk))
    return [e.verb for e in rows.order_by("at", "id")]


def test_open_close_reopen_are_audited_with_who_and_the_reason(meeting):
    services.open_voting(meeting, by="Nguyễn Quốc Toàn")
    services.close_voting(meeting, by="Nguyễn Quốc Toàn")
    services.reopen_voting(meeting, reason="Một đại biểu đến muộn", by="Nguyễn Quốc Toàn")
    meeting.refresh_from_db()
    assert meeting.voting == Meeting.Voting.OPEN
    assert verbs(meeting)[-3:] == ["meeting.open", "meeting.close", "meeting.reopen"]
    reopen = AuditEvent.objects.get(verb="meeting.reopen")
    assert reopen.actor_label == "Nguyễn Quốc Toàn"
    assert reopen.data["reason"] == "Một đại biểu đến muộn"
    assert reopen.at is not None


def test_reopening_needs_a_reason_and_a_closed_vote(open_meeting):
    with pytest.raises(ValidationError, match="đã đóng"):
        services.reopen_voting(open_meeting, reason="lý do", by="chủ trì")
    services.close_voting(open_meeting, by="chủ trì")
    with pytest.raises(ValidationError, match="lý do"):
        services.reopen_voting(open_meeting, reason="  ", by="chủ trì")
    open_meeting.refresh_from_db()
    assert open_meeting.voting == Meeting.Voting.CLOSED
    assert "meeting.reopen" not in verbs(open_meeting)


def test_voting_opens_once_then_only_reopens(open_meeting):
    with pytest.raises(ValidationError, match="Mở lại"):
        services.open_voting(open_meeting, by="chủ trì")


def test_no_vote_without_quorum(meeting, seed_year):
    members = seed_year.member_units()
    services.record_attendance(meeting, members[:3], by="chủ trì")
    quorum = quorum_of(meeting)
    assert (quorum.present, quorum.members, quorum.needed, quorum.met) == (3, 7, 4, False)
    with pytest.raises(ValidationError, match="không đủ"):
        services.open_voting(meeting, by="chủ trì")
    services.record_attendance(meeting, members[:4], by="chủ trì")
    assert services.open_voting(meeting, by="chủ trì").voting == Meeting.Voting.OPEN


def test_quorum_rule_is_the_meetings_own(meeting, seed_year):
    services.record_attendance(meeting, seed_year.member_units()[:5], by="chủ trì")
    services.set_meeting_rules(
        meeting,
        method=Method.BALLOT,
        mode=Meeting.Mode.ELECTRONIC,
        quorum_share=Decimal("0.8"),
        quorum_strict=False,
        self_vote_allowed=True,
        by="chủ trì",
    )
    meeting.refresh_from_db()
    assert quorum_of(meeting).needed == 6
    with pytest.raises(ValidationError, match="ít nhất 6"):
        services.open_voting(meeting, by="chủ trì")


def test_a_year_chosen_by_acclamation_opens_no_ballot(meeting, seed_year):
    services.set_meeting_rules(
        meeting,
        method=Method.ACCLAMATION,
        mode=Meeting.Mode.ELECTRONIC,
        quorum_share=Decimal("0.5"),
        quorum_strict=True,
        self_vote_allowed=True,
        by="chủ trì",
    )
    seed_year.refresh_from_db()
    assert seed_year.method == Method.ACCLAMATION
    with pytest.raises(ValidationError, match="không bình xét bằng bỏ phiếu"):
        services.open_voting(meeting, by="chủ trì")


def test_attendance_is_fixed_while_voting_is_open(open_meeting, seed_year):
    with pytest.raises(ValidationError, match="Đang bỏ phiếu"):
        services.record_attendance(open_meeting, seed_year.member_units()[:4], by="chủ trì")
    assert open_meeting.review.present.count() == 7


def test_a_meeting_with_imported_ballots_opens_no_new_vote(meeting, seed_ballots):
    from thidua.emulation.actions.review import cast_ballot

    cast_ballot(meeting.review, seed_ballots[0])
    with pytest.raises(ValidationError, match="nhập từ hồ sơ"):
        services.open_voting(meeting, by="chủ trì")
