"""The only way to change a review: cast a ballot, conclude, record next year's leadership.

Each change runs in one transaction and writes its audit row (STYLE.md 2). Casting writes no audit row
and no timestamp: a ballot must not be traceable to when, or by whom, it was cast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear, Method
from thidua.organisations.models import Unit
from thidua.review import tally
from thidua.review.models import Ballot, NextDeputy, NotProposed, Proposal, Review


def rules_of(cluster_year: ClusterYear) -> tally.Rules:
    quotas = cluster_year.quotas or {}
    tiers = tuple(tally.Tier(t.code, quotas.get(t.code)) for t in cluster_year.cluster.ordered_tiers())
    return tally.Rules(
        tiers=tiers,
        min_approval=Fraction(cluster_year.min_approval),
        tie_break=tuple(cluster_year.tie_break or ("score",)),
        exclusive=cluster_year.exclusive,
    )


def members_of(cluster_year: ClusterYear) -> list[tally.Member]:
    memberships = cluster_year.memberships.select_related("unit").order_by("position", "id")
    return [tally.Member(m.unit.code, m.score, m.unit.female_share) for m in memberships]


def reported_places(cluster_year: ClusterYear) -> dict[str, int]:
    rows = cluster_year.memberships.filter(reported_place__isnull=False).select_related("unit")
    return {m.unit.code: m.reported_place for m in rows if m.reported_place is not None}


def count_of(cluster_year: ClusterYear, review: Review | None) -> tally.Count | None:
    """The count from the stored ballots; None when no ballots are on record."""
    if review is None or not review.ballots_known:
        return None
    members = [m.code for m in members_of(cluster_year)]
    choices = review.ballots.values_list("choices", flat=True)
    return tally.count_ballots(choices, members, rules_of(cluster_year))


def decide(cluster_year: ClusterYear, review: Review | None) -> tally.Decision:
    """What the review decides from what is on record, without storing anything."""
    rules, members = rules_of(cluster_year), members_of(cluster_year)
    reported = reported_places(cluster_year)
    count = count_of(cluster_year, review)
    if review is not None and review.outcome is not None:
        roster = [m.code for m in members]
        return tally.decide_by_outcome(review.outcome, cluster_year.method, rules, reported, count, roster)
    if count is not None:
        return tally.decide_by_ballot(count, members, rules, reported)
    if cluster_year.method == Method.SCORE:
        return tally.decide_by_score(members, rules, reported)
    return tally.Decision(places=sorted(reported.items(), key=lambda item: item[1]))


@transaction.atomic
def conclude_review(cluster_year: ClusterYear, *, by: Actor) -> Review:
    """Freeze the proposals and the not-proposed with their reasons. Concluding again recomputes from
    the same records and gives the same rows."""
    review, _ = Review.objects.select_for_update().get_or_create(cluster_year=cluster_year)
    decision = decide(cluster_year, review)
    units = {u.code: u for u in cluster_year.cluster.units.all()}
    units.update({m.unit.code: m.unit for m in cluster_year.memberships.select_related("unit")})
    tiers = {t.code: t for t in cluster_year.cluster.award_tiers.all()}
    review.proposals.all().delete()
    review.not_proposed.all().delete()
    Proposal.objects.bulk_create(
        Proposal(
            review=review,
            tier=tiers[p.tier],
            unit=units[p.unit],
            rank=p.rank,
            grantor=tiers[p.tier].grantor,
            basis=p.basis,
        )
        for p in decision.proposals
    )
    NotProposed.objects.bulk_create(
        NotProposed(review=review, tier=tiers[n.tier], unit=units[n.unit], position=i, reason=n.reason)
        for i, n in enumerate(decision.not_proposed)
    )
    review.concluded_at = timezone.now()
    review.save(update_fields=["concluded_at"])
    record(
        by,
        "review.conclude",
        review,
        proposals=[[p.tier, p.unit, p.rank] for p in decision.proposals],
        not_proposed=[[n.tier, n.unit] for n in decision.not_proposed],
    )
    return review


@transaction.atomic
def cast_ballot(
    review: Review, choices: Mapping[str, Sequence[str]], *, receipt: str | None = None
) -> Ballot:
    """Store one ballot as cast. Codes must exist; a ballot over a quota or naming a non-member is
    stored as cast and voided on that tier at count time, as on paper. `receipt` is the voter's random
    fingerprint for the published list of counted ballots."""
    if review.concluded_at is not None:
        raise ValidationError("Hội nghị đã chốt kết quả, không nhận thêm phiếu.")
    cluster = review.cluster_year.cluster
    tiers = {t.code for t in cluster.award_tiers.all()}
    units = set(Unit.objects.filter(organizer=cluster.organizer).values_list("code", flat=True))
    unknown_tiers = sorted(set(choices) - tiers)
    unknown_units = sorted({code for names in choices.values() for code in names} - units)
    if unknown_tiers or unknown_units:
        raise ValidationError(
            "Phiếu ghi mã không có: "
            + ", ".join([*(f"hình thức {c}" for c in unknown_tiers), *(f"đơn vị {c}" for c in unknown_units)])
        )
    ballot = Ballot.objects.create(
        review=review, choices={k: list(v) for k, v in choices.items()}, receipt=receipt
    )
    if not review.ballots_known:
        Review.objects.filter(pk=review.pk).update(ballots_known=True)
        review.ballots_known = True
    return ballot


@transaction.atomic
def record_next_leadership(
    review: Review,
    *,
    head: Unit | None,
    deputies: Sequence[Unit] | None,
    decided_by: str,
    by: Actor,
) -> Review:
    """Next year's head and deputies as the meeting (or the organizer) decided: entered, never derived.
    `deputies=None` means they were not recorded; an empty list means there are none."""
    review.next_known = True
    review.next_head = head
    review.next_deputies_known = deputies is not None
    review.next_decided_by = decided_by
    review.save(update_fields=["next_known", "next_head", "next_deputies_known", "next_decided_by"])
    review.next_deputy_links.all().delete()
    NextDeputy.objects.bulk_create(
        NextDeputy(review=review, unit=unit, position=i) for i, unit in enumerate(deputies or [])
    )
    record(
        by,
        "review.next_leadership",
        review,
        head=head.code if head else None,
        deputies=[u.code for u in deputies] if deputies is not None else None,
        decided_by=decided_by,
    )
    return review
