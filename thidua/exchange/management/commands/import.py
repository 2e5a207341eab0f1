"""`thidua import FILE [--replace] [--accept-unit-changes]`: put a cluster's exchange file in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext

from thidua.exchange.data import YearData
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.history import CREATE, DROP, KEEP
from thidua.exchange.importer import ImportReport, SharedUnitsChanged, run_import
from thidua.exchange.reader import read_exchange_file

ACTOR = "thidua import"


class Command(BaseCommand):
    # Said when the command is loaded, after set-up: argparse takes only plain text as a description.
    help = gettext(
        "Import the exchange file of an emulation cluster or block (YAML, format 1) into the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=gettext("exchange file (YAML, format 1)"))
        parser.add_argument(
            "--replace",
            action="store_true",
            help=gettext(
                "replace the years of an existing cluster or block with the file's contents (concluded years "
                "stay as they are)"
            ),
        )
        parser.add_argument(
            "--accept-unit-changes",
            action="store_true",
            help=gettext(
                "accept changes to units shared with other clusters or blocks (name, short name, female "
                "share, lineage)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = read_exchange_file(options["file"])
            # No version check (core.concurrency): a command opens no form, so nothing was "seen" before
            # the write; the importer's one locked transaction and its refusals (concluded years, shared
            # units without --accept-unit-changes) are what protect a record edited meanwhile on a page.
            report = run_import(
                data,
                by=ACTOR,
                replace=options["replace"],
                accept_unit_changes=options["accept_unit_changes"],
            )
        except ExchangeFileInvalid as invalid:
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        except SharedUnitsChanged as shared:
            accept = gettext("If the changes are right, run again with --accept-unit-changes.")
            raise CommandError(shared.told(accept)) from None
        cluster = report.cluster
        units = ngettext("{count} unit", "{count} units", len(data.units)).format(count=len(data.units))
        awards = ngettext("{count} award", "{count} awards", len(data.awards)).format(count=len(data.awards))
        said = gettext("Imported {kind} '{name}' (code {code}) of {organizer}: {units}, {awards}.")
        kind = cluster.get_kind_display().lower()
        self.stdout.write(
            said.format(
                kind=kind,
                name=cluster.name,
                code=cluster.code,
                organizer=cluster.organizer.name,
                units=units,
                awards=awards,
            )
        )
        fates = {fate.year: fate for fate in report.years}
        for year in data.years:
            fate = fates[year.year]
            if fate.fate == CREATE:
                told = gettext("Year {year}: {contents}.").format(year=year.year, contents=_contents(year))
            else:
                told = gettext("Year {year}: {contents} – {fate}.").format(
                    year=year.year, contents=_contents(year), fate=fate.label
                )
            self.stdout.write(f"  {told}")
        for fate in report.years:
            if fate.fate in (KEEP, DROP):
                told = gettext("Year {year}: {contents}.").format(year=fate.year, contents=fate.label)
                self.stdout.write(f"  {told}")
        _say_unit_changes(self, report)


def _contents(year: YearData) -> str:
    if year.ballots is not None:
        decided = ngettext("{count} ballot", "{count} ballots", len(year.ballots)).format(
            count=len(year.ballots)
        )
    elif year.outcome is not None:
        decided = gettext("agreed result (no ballots)")
    else:
        decided = gettext("no ballots or result yet")
    members = len(year.members)
    return ngettext("{count} member unit, {decided}", "{count} member units, {decided}", members).format(
        count=members, decided=decided
    )


def _say_unit_changes(command: BaseCommand, report: ImportReport) -> None:
    if report.unit_changes:
        command.stdout.write(gettext("Units changed as the file says:"))
        for change in report.unit_changes:
            command.stdout.write(f"  {change.message}")
