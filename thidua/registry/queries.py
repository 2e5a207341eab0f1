"""Reads for the registry pages: a person's and a unit's award history, and the statistics the law asks for
(LAW-P3 priority for direct labourers, LAW-P4 gender equality: the share of awards going to each)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.emulation.models import Membership
from thidua.organisations.models import Unit
from thidua.registry.models import Awardee, Person, Sex
from thidua.registry.subjects import predecessors

_RELATED = ("decision", "unit", "person", "person_unit", "revocation")


def person_history(person: Person) -> QuerySet[Awardee]:
    return person.awards.select_related(*_RELATED).order_by("-year", "-decision__date", "id")


@dataclass(frozen=True)
class UnitHistory:
    unit: Unit
    own: list[Awardee]
    # Each predecessor with its awards: they stay its own, shown here as the unit's lineage (LAW.md s.7).
    inherited: list[tuple[Unit, list[Awardee]]]
    people: list[Awardee]
    # Each phòng, ban, đơn vị trực thuộc with its own titles (granted by the unit head's decisions).
    sub_units: list[tuple[Unit, list[Awardee]]]

    @property
    def by_year(self) -> list[tuple[int, int, int]]:
        """(year, the unit's own awards, its people's awards) for each year with any, newest first; revoked
        awards left out."""
        counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for index, awards in enumerate((self.own, self.people)):
            for awardee in awards:
                if not awardee.revoked:
                    counts[awardee.year][index] += 1
        return [(year, own, people) for year, (own, people) in sorted(counts.items(), reverse=True)]


def unit_history(unit: Unit) -> UnitHistory:
    def of(u: Unit) -> list[Awardee]:
        return list(
            Awardee.objects.filter(unit=u)
            .select_related(*_RELATED)
            .order_by("-year", "-decision__date", "id")
        )

    people = Awardee.objects.filter(person_unit=unit).select_related(*_RELATED).order_by("-year", "id")
    return UnitHistory(
        unit,
        of(unit),
        [(p, of(p)) for p in predecessors(unit)],
        list(people),
        [(s, of(s)) for s in unit.sub_units.order_by("name")],
    )


@dataclass
class Share:
    """How many person awards in a group went to women and to direct labourers."""

    total: int = 0
    women: int = 0
    direct: int = 0

    def add(self, female: bool, direct: bool) -> None:
        self.total += 1
        self.women += female
        self.direct += direct

    @staticmethod
    def _percent(part: int, whole: int) -> str:
        if not whole:
            return "—"
        return f"{float(Fraction(part * 100, whole)):.1f}%".replace(".", ",")

    @property
    def women_percent(self) -> str:
        return self._percent(self.women, self.total)

    @property
    def direct_percent(self) -> str:
        return self._percent(self.direct, self.total)


@dataclass
class Statistics:
    # {(year, group name): Share}, one mapping per level.
    by_unit: dict[tuple[int, str], Share] = field(default_factory=lambda: defaultdict(Share))
    by_cluster: dict[tuple[int, str], Share] = field(default_factory=lambda: defaultdict(Share))
    by_organizer: dict[tuple[int, str], Share] = field(default_factory=lambda: defaultdict(Share))
    by_year: dict[int, Share] = field(default_factory=lambda: defaultdict(Share))

    def levels(self) -> list[tuple[str, list[tuple[int, str, Share]]]]:
        def rows(found: dict[tuple[int, str], Share]) -> list[tuple[int, str, Share]]:
            ordered = sorted(found.items(), key=lambda item: (-item[0][0], item[0][1]))
            return [(year, name, share) for (year, name), share in ordered]

        return [
            (_("By unit"), rows(self.by_unit)),
            (_("By cluster or block"), rows(self.by_cluster)),
            (_("By organizer"), rows(self.by_organizer)),
        ]


@dataclass(frozen=True)
class FormCount:
    year: int
    award_name: str
    collectives: int
    persons: int

    @property
    def total(self) -> int:
        return self.collectives + self.persons


def counts_by_form(awardees: QuerySet[Awardee]) -> list[FormCount]:
    """Awards on record per year and form of commendation, collectives and persons apart, revoked awards
    left out: one aggregate query, newest year first."""
    rows = (
        awardees.filter(revocation__isnull=True)
        .values("year", "decision__award_name")
        .annotate(
            collectives=Count("id", filter=Q(unit__isnull=False)),
            persons=Count("id", filter=Q(person__isnull=False)),
        )
        .order_by("-year", "decision__award_name")
    )
    return [
        FormCount(row["year"], row["decision__award_name"], row["collectives"], row["persons"])
        for row in rows
    ]


@dataclass(frozen=True)
class ClusterCount:
    year: int
    cluster: str
    collectives: int
    persons: int

    @property
    def total(self) -> int:
        return self.collectives + self.persons


def counts_by_cluster(awardees: QuerySet[Awardee]) -> list[ClusterCount]:
    """Awards on record per year and cluster or block, revoked awards left out: a collective counts with
    its own clusters of the award's year, a person with those of the unit they worked in on the decision
    day. An award whose unit sat in no cluster that year is not counted here. Two queries."""
    rows = (
        awardees.filter(revocation__isnull=True)
        .values("year", "unit_id", "person_unit_id")
        .annotate(n=Count("id"))
    )
    found: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    keyed = [(r["unit_id"] or r["person_unit_id"], r) for r in rows]
    clusters = _clusters_of({(unit, r["year"]) for unit, r in keyed if unit})
    for unit, r in keyed:
        for name in clusters.get((unit, r["year"]), ()):
            found[(r["year"], name)][0 if r["unit_id"] else 1] += r["n"]
    ordered = sorted(found.items(), key=lambda item: (-item[0][0], item[0][1]))
    return [ClusterCount(year, name, c, p) for (year, name), (c, p) in ordered]


def statistics(awardees: QuerySet[Awardee]) -> Statistics:
    """Shares over awards to persons, revoked awards left out. A person counts with the unit they worked
    in on the decision day, and with that unit's clusters of the award's year."""
    rows = list(
        awardees.filter(person__isnull=False, revocation__isnull=True).select_related(
            "person", "person_unit", "decision__organizer"
        )
    )
    clusters = _clusters_of({(r.person_unit_id, r.year) for r in rows if r.person_unit_id})
    found = Statistics()
    for row in rows:
        person = row.person
        female, direct = person.sex == Sex.FEMALE, bool(person.direct_labourer)  # type: ignore[union-attr]
        found.by_year[row.year].add(female, direct)
        found.by_organizer[(row.year, row.decision.organizer.name)].add(female, direct)
        if row.person_unit is not None:
            found.by_unit[(row.year, row.person_unit.name)].add(female, direct)
            for name in clusters.get((row.person_unit_id, row.year), ()):
                found.by_cluster[(row.year, name)].add(female, direct)
    return found


def _clusters_of(keys: Iterable[tuple[int | None, int]]) -> dict[tuple[int | None, int], list[str]]:
    keys = set(keys)
    units = {unit for unit, _ in keys}
    years = {year for _, year in keys}
    found: dict[tuple[int | None, int], list[str]] = defaultdict(list)
    rows = Membership.objects.filter(unit_id__in=units, cluster_year__year__in=years).select_related(
        "cluster_year__cluster"
    )
    for m in rows:
        if (m.unit_id, m.cluster_year.year) in keys:
            found[(m.unit_id, m.cluster_year.year)].append(m.cluster_year.cluster.name)
    return found
