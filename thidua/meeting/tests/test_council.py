"""The organizer's council votes on each proposal against the regime's threshold of ALL its members."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.meeting.council import council_results, create_council, record_council_vote
from thidua.meeting.thresholds import THRESHOLDS
from thidua.review.services import conclude_review
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag_proposal():
    """A concluded cluster proposing one unit for the provincial flag (catalogue co-thi-dua-tinh)."""
    cluster_year = factories.ClusterYearFactory(year=2024, method="acclamation", quotas={"co": 1})
    organizer = cluster_year.cluster.organizer
    tier = factories.AwardTierFactory(organizer=organizer, code="co", catalog="co-thi-dua-tinh")
    cluster_year.cluster.award_tiers.set([tier])
    unit = factories.MembershipFactory(cluster_year=cluster_year).unit
    review = factories.ReviewFactory(cluster_year=cluster_year, outcome={"co": [unit.code]})
    conclude_review(cluster_year, by="kiểm thử")
    return review.proposals.get()


def council_of(organizer, on, present, absent):
    members = [(f"Thành viên {i}", True) for i in range(present)]
    members += [(f"Thành viên vắng {i}", False) for i in range(absent)]
    return create_council(organizer, 2024, members=members, on=on, by="Ban Thi đua – Khen thưởng")


def test_under_decree_98_a_flag_needs_80_percent_of_all_members_counting_written_votes(flag_proposal):
    organizer = flag_proposal.review.cluster_year.cluster.organizer
    council = council_of(organizer, date(2025, 3, 1), present=8, absent=2)
    assert council.regime == "law-2022/decree-98-2023"
    # 7 in the room is 70% of all ten members: not enough.
    record_council_vote(council, flag_proposal, agree=7, disagree=1, by="tổ kiểm phiếu")
    (result,) = council_results(council)
    assert (result.agreeing, result.needed, result.passed) == (7, 8, False)
    assert "Nghị định 98/2023" in result.explanation and "không đạt" in result.explanation
    # The absent members' written votes make 9 of 10.
    record_council_vote(council, flag_proposal, agree=7, disagree=1, written_agree=2, by="tổ kiểm phiếu")
    (result,) = council_results(council)
    assert (result.agreeing, result.passed) == (9, True)


def test_the_threshold_table_cites_its_source_and_a_regime_without_one_decides_nothing(flag_proposal):
    assert all(t.source for table in THRESHOLDS.values() for t in table.values())
    organizer = flag_proposal.review.cluster_year.cluster.organizer
    council = council_of(organizer, date(2025, 9, 1), present=5, absent=0)
    record_council_vote(council, flag_proposal, agree=5, disagree=0, by="tổ kiểm phiếu")
    (result,) = council_results(council)
    assert result.passed is None and "chưa có ngưỡng" in result.explanation


def test_more_votes_than_members_are_refused(flag_proposal):
    organizer = flag_proposal.review.cluster_year.cluster.organizer
    council = council_of(organizer, date(2025, 3, 1), present=3, absent=1)
    with pytest.raises(ValidationError, match="chỉ 3 thành viên có mặt"):
        record_council_vote(council, flag_proposal, agree=3, disagree=1, by="tổ kiểm phiếu")
    with pytest.raises(ValidationError, match="chỉ 1 thành viên vắng mặt"):
        record_council_vote(council, flag_proposal, agree=3, written_agree=2, disagree=0, by="tổ kiểm phiếu")
    assert not council.votes.exists()
