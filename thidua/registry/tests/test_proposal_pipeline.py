"""A proposal's way through the board: dossier, submit, return with reasons, accept within the quota."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import conclude_as_reported
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, person_at, push_through


def test_proposals_from_review_follow_the_reviews_rows_once(seed: Seed) -> None:
    first = services.proposals_from_review(seed.year.review, by=BY)
    # Concluding again recreates the review's rows.
    conclude_as_reported(seed.year, by=BY, source="tệp trao đổi")
    seed.year.review.refresh_from_db()
    again = services.proposals_from_review(seed.year.review, by=BY)

    assert sorted(p.pk for p in first) == sorted(p.pk for p in again)
    assert AwardProposal.objects.count() == 3
    assert {(p.unit.code, p.award, p.rank) for p in again} == {
        ("STC", "co-thi-dua-tinh", 1),
        ("VPDBQH", "bang-khen-chu-tich-tinh", 2),
        ("SNGV", "bang-khen-chu-tich-tinh", 3),
    }
    assert all(p.review_proposal is not None and p.state == "draft" for p in again)


def test_an_unconcluded_review_gives_no_proposals(db: None) -> None:
    review = factories.ReviewFactory()
    with pytest.raises(ValidationError, match="chưa chốt kết quả"):
        services.proposals_from_review(review, by=BY)


def test_a_cluster_proposal_carries_the_clusters_minutes_in_its_dossier(seed: Seed) -> None:
    flag = next(
        p for p in services.proposals_from_review(seed.year.review, by=BY) if p.award == "co-thi-dua-tinh"
    )
    names = list(flag.dossier.values_list("name", flat=True))
    assert names[:2] == ["Tờ trình đề nghị khen thưởng", "Báo cáo thành tích"]
    assert "Biên bản họp bình xét thi đua, kèm kết quả bỏ phiếu của cụm, khối" in names


def test_submitting_an_incomplete_dossier_names_what_is_missing_and_changes_nothing(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    services.provide_documents(proposal, ["to-trinh"], by=BY)

    with pytest.raises(ValidationError, match="Hồ sơ còn thiếu: Báo cáo thành tích"):
        services.submit(proposal, by=BY, on=date(2022, 1, 25))

    proposal.refresh_from_db()
    assert proposal.state == "draft" and proposal.submitted_on is None


def test_returned_proposal_keeps_its_reasons_until_resubmitted(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    services.provide_documents(proposal, ["to-trinh", "bao-cao-thanh-tich", "bien-ban"], by=BY)
    services.submit(proposal, by=BY, on=date(2022, 1, 25))

    with pytest.raises(ValidationError, match="ít nhất một lý do"):
        services.return_proposal(proposal, ["  "], by=BY)
    services.return_proposal(proposal, ["Báo cáo thành tích thiếu xác nhận của cấp trình"], by=BY)
    proposal.refresh_from_db()
    assert proposal.state == "returned"
    assert proposal.returned_reasons == ["Báo cáo thành tích thiếu xác nhận của cấp trình"]

    services.submit(proposal, by=BY, on=date(2022, 2, 1))
    proposal.refresh_from_db()
    assert proposal.state == "submitted" and proposal.returned_reasons == []


def test_submission_sets_the_appraisal_deadline_in_working_days(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    push_through(proposal, on=date(2022, 1, 24))  # a Monday
    proposal.refresh_from_db()
    # 20 working days (DL-2): four full weeks later, on a Monday.
    assert proposal.appraise_by == date(2022, 2, 21)


def test_a_state_change_out_of_order_is_refused(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    with pytest.raises(ValidationError, match=r"Dự thảo.*Đã tiếp nhận"):
        services.accept(proposal, by=BY)
    proposal.refresh_from_db()
    assert proposal.state == "draft"


def test_the_quota_counts_accepted_proposals_across_clusters(seed: Seed) -> None:
    services.set_quota(seed.organizer, "chien-si-thi-dua-co-so", 2021, 1, by=BY)
    a = person_at(seed, "STC", "Đường Thị Nhã")
    b = person_at(seed, "SNV", "Nông Văn Bình", sex="nam")
    first, second = (
        services.propose(
            organizer=seed.organizer,
            award="chien-si-thi-dua-co-so",
            year=2021,
            person=person,
            proposed_by=person.postings.get().unit,
            by=BY,
        )
        for person in (a, b)
    )
    push_through(first)
    with pytest.raises(ValidationError, match=r"Vượt chỉ tiêu.*tối đa 1"):
        push_through(second)

    second.refresh_from_db()
    assert second.state == "submitted"
    services.refuse(first, "Hội đồng không thông qua", by=BY)
    services.accept(second, by=BY)  # the refused one freed its place
    second.refresh_from_db()
    assert second.state == "accepted"


def test_a_unit_cannot_propose_a_persons_award_for_itself(seed: Seed) -> None:
    stc = seed.units["STC"]
    with pytest.raises(ValidationError, match="không tặng cho tập thể"):
        services.propose(
            organizer=seed.organizer, award="lao-dong-tien-tien", year=2021, unit=stc, proposed_by=stc, by=BY
        )
    assert not AwardProposal.objects.exists()


def test_every_state_change_is_audited(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    push_through(proposal)
    verbs = list(
        AuditEvent.objects.filter(object_type="registry.awardproposal", object_id=str(proposal.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    # The seed's flag is eligible: the board's check before accepting is on record, with no override.
    assert verbs == [
        "registry.proposal.create",
        "registry.proposal.documents",
        "registry.proposal.submitted",
        "registry.proposal.check",
        "registry.proposal.accepted",
    ]
