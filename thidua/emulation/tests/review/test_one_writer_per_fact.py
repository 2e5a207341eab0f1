"""One writer for each fact: a member's score by the score table's lock (or a historic file's reported
totals), the year's method by set_method, next year's leadership by record_next_leadership. What the
meeting, the chair's table and the minutes show of a score is what the lock wrote."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions import meeting as meeting_services
from thidua.emulation.actions import scoring
from thidua.emulation.actions import setup as year_services
from thidua.emulation.actions.review import conclude_review, record_next_leadership
from thidua.emulation.models import Membership, Method, Review
from thidua.emulation.tests.review.conftest import Live, record_facts, score_all

pytestmark = pytest.mark.django_db


def chair_scores(live: Live) -> dict[str, object]:
    page = live.lead.get(reverse("meeting:chair", args=[live.cluster_year.cluster_id, live.year]))
    return {row.unit.code: row.score for row in page.context["member_rows"]}


def test_appraised_scores_reach_the_chairs_table_only_when_locked(live: Live):
    sheet = score_all(live, {"A": "95", "B": "90.5", "C": "85", "D": "80"}, lock=False)
    assert chair_scores(live) == dict.fromkeys("ABCD")
    scoring.lock(sheet, by=live.user)
    assert chair_scores(live) == {"A": 95, "B": Decimal("90.5"), "C": 85, "D": 80}
    lock = AuditEvent.objects.get(verb="scoring.lock")
    assert lock.data["scores"] == {"A": "95", "B": "90.5", "C": "85", "D": "80"}


def test_a_historic_files_scores_are_written_by_their_own_action_only_without_a_table(live: Live):
    units = live.units
    scoring.record_reported_scores(
        live.cluster_year,
        {units["A"]: Decimal("98.5"), units["B"]: None},
        by="thidua import",
        source="tệp.yaml",
    )
    assert dict(Membership.objects.values_list("unit__code", "score")) == {
        "A": Decimal("98.5"),
        "B": None,
        "C": None,
        "D": None,
    }
    assert AuditEvent.objects.get(verb="scoring.reported").data["source"] == "tệp.yaml"
    scoring.create_sheet(live.cluster_year, scale=Decimal(100), by=live.user)
    with pytest.raises(ValidationError, match="có bảng chấm điểm: điểm chỉ ghi qua thẩm định và khóa điểm"):
        scoring.record_reported_scores(live.cluster_year, {units["A"]: Decimal(1)}, by="x", source="y")
    assert Membership.objects.get(unit=units["A"]).score == Decimal("98.5")


def test_after_the_conclusion_the_score_table_refuses_every_change(live: Live):
    sheet = score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    year_services.set_method(live.cluster_year, Method.SCORE, by=live.user)
    record_facts(live)
    conclude_review(live.refresh(), by=live.user)
    with pytest.raises(ValidationError, match="Kết quả bình xét năm này đã chốt"):
        scoring.reopen(sheet, reason="sửa điểm", by=live.user)
    with pytest.raises(ValidationError, match="Kết quả bình xét năm này đã chốt"):
        scoring.record_reported_scores(live.cluster_year, {}, by="x", source="y")


def test_the_chairs_rules_and_the_years_rules_set_the_method_through_one_action(live: Live):
    args = [live.cluster_year.cluster_id, live.year]
    rules = {"method": "acclamation", "mode": "electronic", "quorum_share": "0.5", "quorum_strict": "on"}
    live.lead.post(reverse("meeting:rules", args=args), rules)
    assert live.refresh().method == Method.ACCLAMATION
    event = AuditEvent.objects.get(verb="cluster_year.method")
    assert event.data == {"method": "acclamation", "before": "ballot"}
    year_services.set_rules(
        live.cluster_year,
        method=Method.BALLOT,
        quotas={},
        min_approval=Decimal("0.5"),
        tie_break=["score"],
        exclusive=True,
        by=live.user,
    )
    assert live.refresh().method == Method.BALLOT
    meeting = meeting_services.prepare_meeting(live.cluster_year, by=live.user)
    meeting_services.record_attendance(meeting, list(live.units.values()), by=live.user)
    meeting_services.open_voting(meeting, by=live.user)
    with pytest.raises(ValidationError, match="Đã mở bỏ phiếu; không đổi hình thức bình xét được nữa"):
        year_services.set_method(live.refresh(), Method.SCORE, by=live.user)
    assert live.refresh().method == Method.BALLOT


def test_next_years_leadership_is_checked_by_its_one_action(live: Live):
    review, _ = Review.objects.get_or_create(cluster_year=live.cluster_year)
    stranger = live.units["A"].__class__.objects.create(
        organizer=live.cluster_year.cluster.organizer, code="X", name="Sở Ngoài Cụm"
    )
    with pytest.raises(
        ValidationError, match="Cụm trưởng năm sau phải là đơn vị thành viên năm 2025: Sở Ngoài"
    ):
        record_next_leadership(review, head=stranger, deputies=[], decided_by="vote", by=live.user)
    with pytest.raises(ValidationError, match="không thể vừa là cụm trưởng vừa là cụm phó"):
        record_next_leadership(
            review, head=live.units["B"], deputies=[live.units["B"]], decided_by="vote", by=live.user
        )
    review.refresh_from_db()
    assert not review.next_known and not AuditEvent.objects.filter(verb="review.next_leadership").exists()
