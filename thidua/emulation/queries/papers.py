"""What the year's papers read besides the year summary: the launch, the registrations and the pact
signings of the roster, and which papers the record allows at all (a paper with nothing on record behind
it is not offered, nor written by `thidua scenario`)."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.emulation.models import ClusterYear, Launch, Registration, ScoreSheet, Signing
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
