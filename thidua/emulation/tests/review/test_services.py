"""The review services on the database: casting, concluding, next year's leadership, results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import cast_ballot, conclude_review, record_next_leadership
from thidua.emulation.models import Ballot, Review
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.results import results_for
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    cluster_year = factories.ClusterYearFactory(quotas={"co": 1, "bk": 2}, tie_break=["score"])
    organizer = cluster_year.cluster.organizer
    flag = factories.AwardTierFactory(organizer=organizer, code="co", name="Cờ thi đua", grantor="UBND tỉnh")
    cert = factories.AwardTierFactory(
        organizer=organizer, code="bk", name="Bằng khen", grantor="Chủ tịch UBND tỉnh"
    )
    cluster_year.cluster.award_tiers.set([flag, cert])
    for code, score in [("A", 99), ("B", 97), ("C", 96), ("D", 90)]:
        unit = factories.UnitFactory(organizer=organizer, code=code, name=f"Sở {code}")
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit, score=Decimal(score))
        cluster_year.cluster.units.add(unit)
    cluster_year.head = organizer.units.get(code="A")
    cluster_year.save()
    factories.ReviewFactory(cluster_year=cluster_year, **factories.MEETING_FACTS)
    return cluster_year


def cast_all(review, ballots):
    for choices in ballots:
        cast_ballot(review, choices)


def test_concluding_freezes_the_proposals_with_their_grantors_and_writes_an_audit_row(year):
    review = year.review
    cast_all(review, [{"co": ["A"], "bk": ["B", "C"]}] * 3 + [{"co": ["B"], "bk": ["C", "D"]}])
    conclude_review(year, by="kiểm thử")
    result = results_for(year, [])
    assert [(p["award"], p["unit"], p["rank"], p["grantor"]) for p in result["proposals"]] == [
        ("co", "A", 1, "UBND tỉnh"),
        ("bk", "C", 2, "Chủ tịch UBND tỉnh"),
        ("bk", "B", 3, "Chủ tịch UBND tỉnh"),
    ]
    assert result["head"] == "A" and result["deputies"] is None and result["next"] is None
    assert AuditEvent.objects.filter(verb="review.conclude", object_id=str(review.pk)).count() == 1
    # Concluding again from the same records gives the same rows.
    conclude_review(year, by="kiểm thử")
    assert results_for(year, []) == result


def test_a_ballot_naming_an_unknown_code_is_refused_and_nothing_is_stored(year):
    with pytest.raises(ValidationError, match="đơn vị ZZ"):
        cast_ballot(year.review, {"co": ["ZZ"]})
    with pytest.raises(ValidationError, match="hình thức xx"):
        cast_ballot(year.review, {"xx": ["A"]})
    assert Ballot.objects.count() == 0
    assert not Review.objects.get(pk=year.review.pk).ballots_known


def test_a_concluded_review_takes_no_more_ballots(year):
    cast_all(year.review, [{"co": ["A"]}])
    conclude_review(year, by="kiểm thử")
    with pytest.raises(ValidationError, match="đã chốt"):
        cast_ballot(Review.objects.get(pk=year.review.pk), {"co": ["B"]})
    assert Ballot.objects.count() == 1


def test_a_ballot_row_holds_its_choices_and_nothing_that_could_name_its_voter(year):
    cast_all(year.review, [{"co": ["A"]}])
    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {"id", "review", "choices", "receipt"}
    assert not AuditEvent.objects.filter(object_type="review.ballot").exists()


def test_next_years_leadership_is_entered_with_who_decided(year):
    organizer = year.cluster.organizer
    record_next_leadership(
        year.review,
        head=organizer.units.get(code="B"),
        deputies=[],
        decided_by="decision 12/QĐ-UBND",
        by="kiểm thử",
    )
    result = results_for(year, [])
    assert result["next"] == {"head": "B", "deputies": [], "decided_by": "decision 12/QĐ-UBND"}


def test_the_summary_previews_before_concluding_and_shows_the_count_per_tier(year):
    cast_all(year.review, [{"co": ["A", "B"]}, {"co": ["A"]}, {"co": ["A"]}])
    summary = year_summary(year)
    assert not summary.concluded
    assert summary.ballots_cast == 3 and summary.void == {"co": 1, "bk": 0}
    assert [(line.unit.code, line.votes, line.percent) for line in summary.tally] == [("A", 2, "66,7")]
    assert [p.unit.code for p in summary.proposals] == ["A"]
    assert summary.proposals[0].basis_vi == "bỏ phiếu kín: 2/3 phiếu (66,7%)"
