"""The organizer's council votes member by member on the registry's proposals, against the regime's
threshold of ALL its members (LAW.md VOTE-1), written votes of absent members included."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from thidua.core.models import AuditEvent
from thidua.emulation.tests.meeting.council_helpers import at_council, council_of, person, votes_for
from thidua.registry.actions.council import (
    MemberEntry,
    council_results,
    create_council,
    parse_members,
    record_council_votes,
)
from thidua.registry.models import Council, CouncilVote
from thidua.registry.papers.council_minutes import council_minutes
from thidua.registry.thresholds import THRESHOLDS

pytestmark = pytest.mark.django_db


def test_decree_98_flag_passes_with_8_of_10_members_and_fails_with_7_even_if_every_present_member_agreed(
    organizer, flag
):
    # Seven present, three absent: all seven in the room agree, yet that is 70% of the ten members.
    council = council_of(organizer, date(2025, 3, 1), present=7, absent=3)
    assert council.regime == "law-2022/decree-98-2023"
    record_council_votes(council, flag, votes_for(council, agree_present=7), by="thư ký")
    (result,) = council_results(council)
    assert (result.agreeing, result.members, result.needed, result.passed) == (7, 10, 8, False)
    assert "80% tổng số thành viên Hội đồng" in result.rule and "Nghị định 98/2023" in result.rule
    # One absent member's written vote in favour makes 8 of 10: passes.
    record_council_votes(council, flag, votes_for(council, agree_present=7, agree_written=1), by="thư ký")
    (result,) = council_results(council)
    assert (result.agree_present, result.agree_written, result.agreeing, result.passed) == (7, 1, 8, True)
    assert "1 bằng văn bản" in result.explanation and result.explanation.endswith("đạt.")


def test_an_emulation_soldier_of_the_province_needs_90_percent(organizer):
    # CSTĐ tỉnh: ≥90% of all members (VOTE-1). 9 of 10 passes; 8 of 10 does not.
    person_award = at_council(organizer, "chien-si-thi-dua-tinh", 2024, person=person(organizer))
    council = council_of(organizer, date(2025, 3, 1), present=10, absent=0)
    record_council_votes(council, person_award, votes_for(council, agree_present=8), by="thư ký")
    assert council_results(council)[0].passed is False
    record_council_votes(council, person_award, votes_for(council, agree_present=9), by="thư ký")
    (result,) = council_results(council)
    assert (result.needed, result.passed) == (9, True) and "90%" in result.rule


def test_a_proposal_keeps_its_own_regimes_threshold_at_a_later_sitting(organizer, flag):
    # The 2024 flag's dossier was received on 10/01/2025, under Decree 98/2023; the council sits under
    # Decree 152/2025, which sets no threshold: the proposal's own regime decides (before: the sitting's).
    assert all(t.source for table in THRESHOLDS.values() for t in table.values())
    assert flag.regime == "law-2022/decree-98-2023"
    council = council_of(organizer, date(2025, 9, 1), present=5, absent=0)
    record_council_votes(council, flag, votes_for(council, agree_present=4), by="thư ký")
    (result,) = council_results(council)
    assert (result.needed, result.passed) == (4, True) and "Nghị định 98/2023" in result.rule
    assert result.regime_name == "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP"


def test_a_vote_for_an_unknown_member_is_refused_and_nothing_is_written(organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=3, absent=0)
    record_council_votes(council, flag, votes_for(council, agree_present=2), by="thư ký")
    events = AuditEvent.objects.count()
    stranger = max(council.members.values_list("pk", flat=True)) + 100
    bad = {**votes_for(council, agree_present=3), stranger: True}
    with pytest.raises(ValidationError, match=f"Không có thành viên mã {stranger}"):
        record_council_votes(council, flag, bad, by="thư ký")
    # The earlier votes stand, untouched; no audit row for the refused attempt.
    assert CouncilVote.objects.filter(proposal=flag, agree=True).count() == 2
    assert AuditEvent.objects.count() == events


def test_a_proposal_not_before_the_council_is_refused(organizer):
    other_year = at_council(organizer, "co-thi-dua-tinh", 2023)
    council = council_of(organizer, date(2025, 3, 1), present=2, absent=0)
    with pytest.raises(ValidationError, match="không nằm trong danh sách trình Hội đồng"):
        record_council_votes(council, other_year, votes_for(council, agree_present=2), by="thư ký")
    assert not CouncilVote.objects.exists()


def test_a_member_named_twice_is_refused_and_no_council_is_created(organizer):
    members = [MemberEntry("Nguyễn Văn An", "Chủ tịch"), MemberEntry("nguyễn văn an", "", present=False)]
    with pytest.raises(ValidationError, match="«nguyễn văn an» được ghi hai lần"):
        create_council(organizer, 2024, members=members, on=None, by="thư ký")
    assert not Council.objects.exists()


def test_members_are_read_one_per_line_with_their_position():
    text = (
        "Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng\n\n"
        "  Trần Thị Bình – Giám đốc Sở Nội vụ \nLê C"
    )
    assert parse_members(text, present=False) == [
        MemberEntry("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng", False),
        MemberEntry("Trần Thị Bình", "Giám đốc Sở Nội vụ", False),
        MemberEntry("Lê C", "", False),
    ]


def test_every_council_action_leaves_an_audit_row(organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=2, absent=1)
    record_council_votes(council, flag, votes_for(council, agree_present=2, agree_written=1), by="thư ký")
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="council.").order_by("pk").values_list("verb", flat=True)
    )
    assert verbs == ["council.create", "council.vote"]
    vote = AuditEvent.objects.get(verb="council.vote")
    assert vote.data["agree"] == sorted(m.name for m in council.members.all())


def test_the_minutes_hold_the_count_the_threshold_and_the_written_votes(organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=7, absent=3)
    record_council_votes(council, flag, votes_for(council, agree_present=7, agree_written=1), by="thư ký")
    doc = Document(io.BytesIO(council_minutes(council)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in cells and "ngày 01 tháng 3 năm 2025" in cells
    assert "Hội đồng có 10 thành viên; có mặt 07, vắng mặt 03" in text
    assert "8/10 (80%); văn bản: 1" in cells and "Đạt" in cells
    assert "cần ≥ 80% tổng số thành viên Hội đồng (VOTE-1: Nghị định 98/2023/NĐ-CP" in cells
    assert f"Thành viên vắng 0: {flag}: đồng ý." in text
    assert f"Thành viên vắng 1: {flag}: không gửi phiếu." in text
