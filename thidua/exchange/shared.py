"""What a file would change in units the organizer's other clusters also use, found before writing anything.

Units belong to the organizer and are shared by its clusters: a file that renames a unit, or restates its
female share or lineage, changes it for every cluster. Each such change is listed (with the file's line)
so a person confirms it first; a change to a unit no other cluster uses is the file's own business.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from thidua.awards.wording import day, said_in
from thidua.core.numbers import plain
from thidua.emulation.models import Membership
from thidua.exchange.data import UnitData, UnitEventData
from thidua.exchange.errors import ExchangeError
from thidua.exchange.exporter import unit_on_record
from thidua.organisations.models import Cluster, Unit, UnitEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What a file may state about a unit: the name of each part.
PARTS = {
    "name": pgettext_lazy("a part of a unit", "name"),
    "short": pgettext_lazy("a part of a unit", "short name"),
    "female_share": pgettext_lazy("a part of a unit", "female share"),
    "events": pgettext_lazy("a part of a unit", "lineage"),
}
NOTHING = _("(none)")


@dataclass(frozen=True)
class UnitChange:
    """One part of a unit on record that the file states differently; `shared_with` names the other
    clusters that use the unit (empty: no other cluster does)."""

    code: str
    unit: str
    part: str
    before: str
    after: str
    shared_with: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def message(self) -> StrOrPromise:
        said = dict(
            unit=self.unit, code=self.code, part=PARTS[self.part], before=self.before, after=self.after
        )
        if self.shared_with:
            shared = _("unit {unit} ({code}, shared with {clusters}): {part} '{before}' → '{after}'")
            return format_lazy(shared, clusters="; ".join(self.shared_with), **said)
        return format_lazy(_("unit {unit} ({code}): {part} '{before}' → '{after}'"), **said)

    @property
    def vi(self) -> str:
        return said_in("vi", self.message)

    @property
    def en(self) -> str:
        return said_in("en", self.message)

    def as_error(self, file: str) -> ExchangeError:
        return ExchangeError(file, self.line, self.vi, self.en)

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> UnitChange:
        """Read back from `dataclasses.asdict` kept in a session (JSON has no tuples)."""
        return cls(**{**stored, "shared_with": tuple(stored["shared_with"])})


def unit_changes(units: Iterable[tuple[Unit, UnitData]], cluster: Cluster | None) -> list[UnitChange]:
    """Every change the file makes to units on record, each naming the clusters other than `cluster`
    (the one being imported) that use the unit."""
    pairs = list(units)
    users = _clusters_using([unit for unit, _ in pairs], cluster)
    changes: list[UnitChange] = []
    for unit, given in pairs:
        on_record = unit_on_record(unit)
        for part, before, after in _differences(on_record, given):
            changes.append(
                UnitChange(
                    code=unit.code,
                    unit=unit.display_name,
                    part=part,
                    before=before,
                    after=after,
                    shared_with=tuple(users.get(unit.pk, ())),
                    line=given.line,
                )
            )
    return changes


def _differences(on_record: UnitData, given: UnitData) -> list[tuple[str, str, str]]:
    """(part, before, after) for each part the file states and states differently; an absent key is
    "not known" and changes nothing."""
    found = []
    if given.name != on_record.name:
        found.append(("name", on_record.name, given.name))
    if given.short is not None and given.short != on_record.short:
        found.append(("short", on_record.short or str(NOTHING), given.short))
    if given.female_share is not None and given.female_share != on_record.female_share:
        found.append(("female_share", _share(on_record.female_share), _share(given.female_share)))
    if given.events is not None and _lineage(given.events) != _lineage(on_record.events or ()):
        found.append(("events", _events(on_record.events or ()), _events(given.events)))
    return found


def _lineage(events: Iterable[UnitEventData]) -> list[tuple[object, ...]]:
    return sorted((event.date, event.kind, event.other) for event in events)


def _share(value: Decimal | None) -> str:
    return str(plain(value)).replace(".", ",") if value is not None else str(NOTHING)


def _events(events: Iterable[UnitEventData]) -> str:
    kinds = dict(UnitEvent.Kind.choices)
    told = [
        gettext("{kind} {other} on {day}").format(
            kind=str(kinds[event.kind]).lower(), other=event.other, day=day(event.date)
        )
        for event in sorted(events, key=lambda event: (event.date, event.kind, event.other))
    ]
    return "; ".join(told) or str(NOTHING)


def _clusters_using(units: list[Unit], cluster: Cluster | None) -> dict[int, list[str]]:
    """Names of the clusters, other than `cluster`, that link a unit or have it on a year's roster."""
    links = Cluster.units.through.objects.filter(unit__in=units)
    rosters = Membership.objects.filter(unit__in=units)
    if cluster is not None:
        links = links.exclude(cluster=cluster)
        rosters = rosters.exclude(cluster_year__cluster=cluster)
    found: dict[int, set[str]] = defaultdict(set)
    for unit_id, name in [
        *links.values_list("unit_id", "cluster__name"),
        *rosters.values_list("unit_id", "cluster_year__cluster__name"),
    ]:
        found[unit_id].add(name)
    return {unit_id: sorted(names) for unit_id, names in found.items()}
