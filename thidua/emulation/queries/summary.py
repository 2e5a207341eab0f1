"""What a cluster-year's pages and documents show, gathered once (one source for both).

A concluded review shows what was frozen when it was concluded: its proposals, reasons and each unit's
place, score and rating, never a recomputation. Before that, a preview computed from the live records.
While the year's vote is sealed (review.seal) nothing is computed from its ballots: no count, no ranking,
no preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from thidua.awards.regimes import Regime, regime_for_year
from thidua.emulation.actions.review import count_of, decide
from thidua.emulation.explain import basis_text, reason_text
from thidua.emulation.models import ClusterYear, Method, Review
from thidua.emulation.seal import review_sealed
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit


@dataclass(frozen=True)
class TallyLine:
    tier: AwardTier
    unit: Unit
    votes: int
    ballots_cast: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.votes, self.ballots_cast) if self.ballots_cast else Fraction(0)

    @property
    def percent(self) -> str:
        return f"{float(self.share) * 100:.1f}".replace(".", ",")


@dataclass(frozen=True)
class ProposalLine:
    tier: AwardTier
    unit: Unit
    rank: int
    grantor: str
    basis: dict[str, Any]

    @property
    def basis_vi(self) -> str:
        return basis_text(self.basis, "vi")

    @property
    def basis_en(self) -> str:
        return basis_text(self.basis, "en")


@dataclass(frozen=True)
class NotProposedLine:
    tier: AwardTier
    unit: Unit
    reason: dict[str, Any]
    tier_names: dict[str, str]

    @property
    def reason_vi(self) -> str:
        return reason_text(self.reason, "vi", self.tier_names)

    @property
    def reason_en(self) -> str:
        return reason_text(self.reason, "en")


@dataclass(frozen=True)
class YearSummary:
    cluster_year: ClusterYear
    cluster: Cluster
    organizer: Organizer
    review: Review | None
    regime: Regime
    members: list[Unit]
    head: Unit | None
    deputies: list[Unit] | None
    host: Unit | None
    method: str
    method_label: str
    tiers: list[AwardTier]
    quotas: dict[str, int]
    ballots_cast: int | None
    void: dict[str, int]
    tally: list[TallyLine]
    ranking: list[tuple[Unit, int]]
    scores: dict[str, Decimal]
    ratings: dict[str, str]
    proposals: list[ProposalLine]
    unnamed: list[tuple[AwardTier, int]]
    not_proposed: list[NotProposedLine]
    status: str
    status_label: str
    concluded: bool
    next_known: bool
    next_head: Unit | None
    next_deputies: list[Unit] | None
    next_decided_by: str
    pact_signed: date | None
    sealed: bool = False  # the year's vote is under way: everything counted above is left empty

    def tally_for(self, tier: AwardTier) -> list[TallyLine]:
        return [line for line in self.tally if line.tier == tier]


def year_summary(cluster_year: ClusterYear) -> YearSummary:
    cluster = cluster_year.cluster
    review = Review.objects.select_related("meeting").filter(cluster_year=cluster_year).first()
    sealed = review_sealed(review)
    tiers = cluster.ordered_tiers()
    by_tier = {t.code: t for t in tiers}
    names = {t.code: t.name for t in tiers}
    memberships = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
    units = {u.code: u for u in cluster.units.all()}
    units.update({m.unit.code: m.unit for m in memberships})

    unnamed = (review.unnamed if review else None) or {}
    count = None if sealed else count_of(cluster_year, review)
    tally_lines: list[TallyLine] = []
    if count is not None:
        order = {m.unit.code: i for i, m in enumerate(memberships)}
        for tier in tiers:
            votes = count.votes[tier.code]
            for code in sorted(votes, key=lambda c: (-votes[c], order[c])):
                tally_lines.append(TallyLine(tier, units[code], votes[code], count.cast))

    if review is not None and review.concluded_at is not None:
        proposals = [
            ProposalLine(p.tier, p.unit, p.rank, p.grantor, p.basis)
            for p in review.proposals.select_related("tier", "unit").order_by("tier__position", "rank")
        ]
        passed = [
            NotProposedLine(n.tier, n.unit, n.reason, names)
            for n in review.not_proposed.select_related("tier", "unit").order_by("position")
        ]
        standings = list(review.standings.select_related("unit").order_by("position"))
        ranking = [(s.unit, s.place) for s in standings if s.place is not None]
        scores = {s.unit.code: s.score for s in standings if s.score is not None}
        ratings = {s.unit.code: s.rating for s in standings if s.rating}
    elif sealed:
        # Locked scores and ratings come from the score table, not the ballots: they may show.
        proposals, passed, ranking = [], [], []
        scores = {m.unit.code: m.score for m in memberships if m.score is not None}
        ratings = {m.unit.code: m.rating for m in memberships if m.rating}
    else:
        decision = decide(cluster_year, review)
        proposals = [
            ProposalLine(by_tier[p.tier], units[p.unit], p.rank, by_tier[p.tier].grantor, p.basis)
            for p in decision.proposals
        ]
        passed = [
            NotProposedLine(by_tier[n.tier], units[n.unit], n.reason, names) for n in decision.not_proposed
        ]
        ranking = [(units[code], place) for code, place in decision.places]
        scores = {m.unit.code: m.score for m in memberships if m.score is not None}
        ratings = {m.unit.code: m.rating for m in memberships if m.rating}

    return YearSummary(
        cluster_year=cluster_year,
        cluster=cluster,
        organizer=cluster.organizer,
        review=review,
        regime=regime_for_year(cluster_year.year),
        members=[m.unit for m in memberships],
        head=cluster_year.head,
        deputies=cluster_year.deputy_units() if cluster_year.deputies_known else None,
        host=cluster_year.host,
        method=cluster_year.method,
        method_label=Method(cluster_year.method).label,
        tiers=tiers,
        quotas=dict(cluster_year.quotas or {}),
        ballots_cast=count.cast if count is not None else None,
        void=dict(count.void) if count is not None else {},
        tally=tally_lines,
        ranking=ranking,
        scores=scores,
        ratings=ratings,
        proposals=proposals,
        unnamed=[(t, unnamed[t.code]) for t in tiers if t.code in unnamed],
        not_proposed=passed,
        status=review.status if review else Review.Status.PROPOSED,
        status_label=str(Review.Status(review.status if review else Review.Status.PROPOSED).label),
        concluded=bool(review and review.concluded_at),
        next_known=bool(review and review.next_known),
        next_head=review.next_head if review else None,
        next_deputies=review.next_deputy_units() if review and review.next_deputies_known else None,
        next_decided_by=review.next_decided_by if review else "",
        pact_signed=review.pact_signed if review else None,
        sealed=sealed,
    )
