"""What the year's papers read besides the year summary: the launch, the registrations and the pact
signings of the roster, and which papers the record allows at all (a paper with nothing on record behind
it is not offered, nor written by `thidua scenario`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from thidua.emulation.models import (
    ClusterYear,
    Criterion,
    ItemScore,
    Launch,
    Registration,
    ScoreSheet,
    Signing,
    UnitScore,
)
from thidua.emulation.totals import Totals, totals_of
from thidua.organisations.models import Unit


@dataclass(frozen=True)
class StartOfYear:
    """The launch (None when not recorded) and, for each unit of the roster in roster order, its
    registration and its pact signing (None when missing)."""

    launch: Launch | None
    members: list[Unit]
    registrations: dict[int, Registration]  # by unit id
    signings: dict[int, Signing]  # by unit id

    @property
    def first_signed(self) -> Signing | None:
        signed = sorted(self.signings.values(), key=lambda s: (s.signed_on, s.pk))
        return signed[0] if signed else None


def start_of_year(cluster_year: ClusterYear, members: list[Unit]) -> StartOfYear:
    """`members` is the year's roster as the summary read it (no second query for it)."""
    launch = Launch.objects.filter(cluster_year=cluster_year).first()
    registrations = {r.unit_id: r for r in Registration.objects.filter(cluster_year=cluster_year)}
    signings = {s.unit_id: s for s in Signing.objects.filter(cluster_year=cluster_year)}
    return StartOfYear(launch, members, registrations, signings)


@dataclass(frozen=True)
class PaperFacts:
    """What is on record for the year's papers."""

    launched: bool
    registered: bool
    signed: bool
    sheet_locked: bool  # a score table with its criteria, locked
    scored: bool  # some unit of the roster has its final score (locked, or reported by a file)


def paper_facts(cluster_year: ClusterYear) -> PaperFacts:
    sheet = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    return PaperFacts(
        launched=Launch.objects.filter(cluster_year=cluster_year).exists(),
        registered=Registration.objects.filter(cluster_year=cluster_year).exists(),
        signed=Signing.objects.filter(cluster_year=cluster_year).exists(),
        sheet_locked=sheet is not None and sheet.locked and sheet.criteria.exists(),
        scored=cluster_year.memberships.filter(score__isnull=False).exists(),
    )


@dataclass(frozen=True)
class UnitSheet:
    """One member unit's score sheet: its row (None when the unit has none) and its totals."""

    unit: Unit
    unit_score: UnitScore | None
    items: dict[int, ItemScore]  # by criterion id
    totals: Totals


@dataclass(frozen=True)
class ScorePapers:
    """The year's score table (None when there is none) and each member's sheet, in roster order."""

    sheet: ScoreSheet | None
    criteria: list[Criterion]
    units: list[UnitSheet]

    def self_total(self, unit: Unit) -> Decimal | None:
        found = [u for u in self.units if u.unit.pk == unit.pk]
        return found[0].totals.self_total if found else None


def score_papers(cluster_year: ClusterYear, members: list[Unit]) -> ScorePapers:
    """In four queries whatever the number of units; the totals come from `totals_of`, the one function
    that adds a unit's points."""
    sheet = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    if sheet is None:
        return ScorePapers(None, [], [])
    criteria = list(sheet.criteria.all())
    rows = UnitScore.objects.filter(sheet=sheet).prefetch_related(
        Prefetch("items", queryset=ItemScore.objects.select_related("criterion"))
    )
    by_unit = {row.unit_id: row for row in rows}
    units = []
    for unit in members:
        row = by_unit.get(unit.pk)
        items = list(row.items.all()) if row is not None else []
        units.append(UnitSheet(unit, row, {i.criterion_id: i for i in items}, totals_of(items, sheet.scale)))
    return ScorePapers(sheet, criteria, units)


def next_launch(cluster_year: ClusterYear) -> Launch | None:
    """The launch of the cluster's following year, when that year and its launch are recorded: next
    year's directions as its plan states them."""
    return Launch.objects.filter(
        cluster_year__cluster_id=cluster_year.cluster_id, cluster_year__year=cluster_year.year + 1
    ).first()
