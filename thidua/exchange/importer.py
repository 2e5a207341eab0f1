"""Write a checked exchange file into the database, all or nothing, without rewriting history.

Units and award tiers belong to the organizer and are shared by its clusters: a file updates what it
states about them and leaves alone what it does not state (an absent key is "not known", not "erase"); a
change to a unit another cluster uses is made only once accepted (`accept_unit_changes`).
The cluster's years are the file's own, judged against the record first (history.judge_years): a year on
record is brought in line with the file through the year's actions, a concluded one only if unchanged.
Everything is checked before anything is written, and one refusal anywhere writes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.wording import Term
from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear
from thidua.exchange.data import AwardData, ExchangeData, OrganizerData, UnitData, YearData
from thidua.exchange.errors import ExchangeError, ExchangeFileInvalid
from thidua.exchange.history import CREATE, DROP, UPDATE, YearFate, judge_years
from thidua.exchange.shared import UnitChange, unit_changes
from thidua.exchange.years import write_year
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent

# True: any change to a shared unit is accepted (`--accept-unit-changes`); a collection: exactly the changes
# a person saw and confirmed (the upload page); False: none, so the import stops and lists them.
Acceptance = bool | Collection[UnitChange]


@dataclass(frozen=True)
class ImportReport:
    cluster: Cluster
    years: tuple[YearFate, ...]
    unit_changes: tuple[UnitChange, ...]

    @property
    def shared_changes(self) -> tuple[UnitChange, ...]:
        return tuple(change for change in self.unit_changes if change.shared_with)


class SharedUnitsChanged(Exception):
    """The file would change units other clusters use; nothing was written. `errors` lists each change."""

    def __init__(self, file: str, changes: list[UnitChange]) -> None:
        self.changes = changes
        self.errors = [change.as_error(file) for change in changes]
        super().__init__("\n".join(str(error) for error in self.errors))

    def told(self, how_to_accept: str) -> str:
        """The changes, one a line, for a command's message; `how_to_accept` says what to run instead."""
        listed = "\n".join(f"  {error}" for error in self.errors)
        return gettext(
            "Units shared with other clusters would change:\n{listed}\nNothing was written to the database. "
            "{how_to_accept}"
        ).format(listed=listed, how_to_accept=how_to_accept)


class _RolledBack(Exception):
    def __init__(self, report: ImportReport) -> None:
        self.report = report


def import_exchange(
    data: ExchangeData, *, by: Actor, replace: bool = False, accept_unit_changes: Acceptance = False
) -> Cluster:
    """Import `data`; refuse (ExchangeFileInvalid) a cluster already on record unless `replace`."""
    return run_import(data, by=by, replace=replace, accept_unit_changes=accept_unit_changes).cluster


def preview_import(data: ExchangeData, *, by: Actor, replace: bool) -> ImportReport:
    """What importing would do, found by importing in a transaction that is then rolled back: the same
    checks and refusals as the import itself, and nothing kept."""
    try:
        with transaction.atomic():
            raise _RolledBack(run_import(data, by=by, replace=replace, accept_unit_changes=True))
    except _RolledBack as done:
        return done.report


def run_import(
    data: ExchangeData, *, by: Actor, replace: bool = False, accept_unit_changes: Acceptance = False
) -> ImportReport:
    """Import `data` and say what became of each year and which units changed. Refusals (nothing written):
    ExchangeFileInvalid with every line at fault, SharedUnitsChanged with every change not accepted."""
    with transaction.atomic():
        existing = (
            Cluster.objects.select_for_update()
            .filter(organizer__name=data.organizer.name, code=data.cluster.code)
            .first()
        )
        if existing is not None and not replace:
            raise ExchangeFileInvalid([_already_there(data)])
        changes = unit_changes(_units_on_record(data), existing)
        _refuse_unaccepted(data, changes, accept_unit_changes)
        fates, refusals = judge_years(existing, data)
        if refusals:
            raise ExchangeFileInvalid(refusals)
        organizer = _organizer(data.organizer)
        tiers = _tiers(organizer, data.awards)
        units = _units(organizer, data.units, {change.code for change in changes if change.part == "events"})
        cluster = existing or Cluster(organizer=organizer, code=data.cluster.code)
        cluster.kind, cluster.name, cluster.source = data.cluster.kind, data.cluster.name, data.source or ""
        cluster.save()
        cluster.award_tiers.set(tiers.values())
        _link_units(cluster, list(units.values()))
        _write_years(cluster, data, fates, units, by=by)
        record(
            by,
            "exchange.import",
            cluster,
            file=data.file,
            years=[year.year for year in data.years],
            replaced=existing is not None,
            fates={str(fate.year): fate.fate for fate in fates},
            unit_changes=[asdict(change) for change in changes],
        )
    return ImportReport(cluster, tuple(fates), tuple(changes))


def _already_there(data: ExchangeData) -> ExchangeError:
    code, organizer = data.cluster.code, data.organizer.name
    return ExchangeError.said(
        data.file,
        None,
        _("cluster '{code}' of '{organizer}' already exists; --replace replaces its years with the file's"),
        code=code,
        organizer=organizer,
    )


def _units_on_record(data: ExchangeData) -> list[tuple[Unit, UnitData]]:
    """The file's units already on record, in the file's order (so changes are listed line by line)."""
    found = Unit.objects.filter(
        organizer__name=data.organizer.name, code__in=[unit.code for unit in data.units]
    )
    on_record = {unit.code: unit for unit in found}
    return [(on_record[unit.code], unit) for unit in data.units if unit.code in on_record]


def _refuse_unaccepted(data: ExchangeData, changes: list[UnitChange], accepted: Acceptance) -> None:
    if accepted is True:
        return
    shared = [change for change in changes if change.shared_with]
    unaccepted = [change for change in shared if accepted is False or change not in accepted]
    if unaccepted:
        raise SharedUnitsChanged(data.file, unaccepted)


def _organizer(data: OrganizerData) -> Organizer:
    organizer, _ = Organizer.objects.get_or_create(name=data.name)
    for field, value in (
        ("short_name", data.short),
        ("province", data.province),
        ("standing_body", data.standing_body),
    ):
        if value is not None:
            setattr(organizer, field, value)
    organizer.save()
    return organizer


def _tiers(organizer: Organizer, awards: tuple[AwardData, ...]) -> dict[str, AwardTier]:
    tiers = {}
    for position, award in enumerate(awards):
        tiers[award.code], _ = AwardTier.objects.update_or_create(
            organizer=organizer,
            code=award.code,
            defaults={
                "name": award.name,
                "grantor": award.grantor,
                "subject": award.subject,
                "catalog": award.catalog or "",  # absent: outside the state catalogue (FORMAT.md)
                "position": position,
            },
        )
    return tiers


def _units(organizer: Organizer, data: tuple[UnitData, ...], new_lineage: set[str]) -> dict[str, Unit]:
    """Units as the file states them; lineage is written for new units and for those in `new_lineage`
    (the codes whose stated lineage differs from the record), so unchanged history is not touched."""
    on_record = {u.code: u for u in Unit.objects.filter(organizer=organizer, code__in=[i.code for i in data])}
    units = {}
    for item in data:
        unit = on_record.get(item.code) or Unit(organizer=organizer, code=item.code)
        unit.name = item.name
        if item.short is not None:
            unit.short_name = item.short
        if item.female_share is not None:
            unit.female_share = item.female_share
        unit.save()
        units[item.code] = unit
    # Lineage after every unit exists: an event may point at a unit listed further down.
    for item in data:
        if item.events is None or (item.code in on_record and item.code not in new_lineage):
            continue
        unit = units[item.code]
        unit.events.all().delete()
        UnitEvent.objects.bulk_create(
            UnitEvent(unit=unit, kind=event.kind, other=units[event.other], date=event.date)
            for event in item.events
        )
    return units


def _link_units(cluster: Cluster, units: list[Unit]) -> None:
    """Link in file order (the export lists units in the order of these rows)."""
    link = Cluster.units.through
    link.objects.filter(cluster=cluster).delete()
    link.objects.bulk_create(link(cluster=cluster, unit=unit) for unit in units)


def _write_years(
    cluster: Cluster, data: ExchangeData, fates: list[YearFate], units: dict[str, Unit], *, by: Actor
) -> None:
    """Drop what may go, then write the file's new and changed years, earliest first (a new year starts
    from the one before it). Every year's refusals are collected, then all of them refuse the import."""
    fate = {item.year: item.fate for item in fates}
    for cluster_year in cluster.years.filter(year__in=[item.year for item in fates if item.fate == DROP]):
        _drop_year(cluster_year, by=by)
    errors: list[ExchangeError] = []
    for year in sorted(data.years, key=lambda item: item.year):
        if fate[year.year] not in (CREATE, UPDATE):
            continue
        on_record = cluster.years.filter(year=year.year).first()
        try:
            with transaction.atomic():
                write_year(cluster, on_record, year, data.cluster.rules, units, by=by)
        except ValidationError as refusal:
            errors.append(_refused(data.file, year, refusal))
    if errors:
        raise ExchangeFileInvalid(errors)


def _drop_year(cluster_year: ClusterYear, *, by: Actor) -> None:
    """A year the file no longer has and that holds nothing but an earlier file's data (history.HISTORY)."""
    record(by, "cluster_year.delete", cluster_year, year=cluster_year.year, reason="exchange.import")
    cluster_year.delete()


def _refused(file: str, year: YearData, refusal: ValidationError) -> ExchangeError:
    said = " ".join(refusal.messages)
    code = refusal.code or "invalid"
    # In English the refusal's code; in Vietnamese the year's checks' own words.
    refused = Term(format_lazy(_("refused by the year's checks ({code})"), code=code), said)
    return ExchangeError.said(file, year.line, _("year {year}: {refusal}"), year=year.year, refusal=refused)
