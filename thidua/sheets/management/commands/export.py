"""`thidua export CLUSTER --out FILE [--organizer NAME]`: write a cluster out as an exchange file.

`thidua export national --year YEAR [--organizer NAME] [--format csv|json] [--out FILE]`: an organizer's
decisions and awardees for a year of achievement in the interchange format that the national emulation and
commendation database is sent (docs/INTERCHANGE.md), the file of the decisions page's download; without
--out it is printed. The command lives here, beside the interchange format, since the exchange app comes first
and imports no later app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from thidua.exchange.errors import ExportImpossible
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.organisations.models import Cluster
from thidua.sheets import interchange
from thidua.sheets.management.commands.load import organizer_named

NATIONAL = "national"


class Command(BaseCommand):
    # Said when the command is loaded, after set-up: argparse takes only plain text as a description.
    help = gettext("Export an emulation cluster or block as an exchange file (YAML, format 1).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "cluster",
            help=gettext(
                "code of the cluster or block (for example TMTH), or national for a year's decisions and "
                "awardees in the interchange format"
            ),
        )
        parser.add_argument("--out", help=gettext("file to write (- to print it)"))
        parser.add_argument(
            "--organizer",
            help=gettext("name of the organizer, when several organizers have a cluster with that code"),
        )
        parser.add_argument("--year", type=int, help=gettext("national: the year of achievement"))
        parser.add_argument(
            "--format", choices=("csv", "json"), default="csv", help=gettext("national: csv or json")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cluster"] == NATIONAL:
            self._national(options)
            return
        if not options["out"]:
            raise CommandError(gettext("Say where to write the file with --out FILE (- to print it)."))
        cluster = _find(options["cluster"], options["organizer"])
        try:
            text = dump_exchange(export_cluster(cluster))
        except ExportImpossible as impossible:
            raise CommandError(str(impossible)) from None
        if options["out"] == "-":
            sys.stdout.write(text)
            return
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        said = gettext("Exported {kind} '{name}' to {file}.")
        self.stdout.write(said.format(kind=cluster.get_kind_display().lower(), name=cluster.name, file=out))

    def _national(self, options: dict[str, Any]) -> None:
        if options["year"] is None:
            raise CommandError(gettext("Say which year of achievement with --year YEAR."))
        organizer = organizer_named(options["organizer"])
        content, _name, _media = interchange.export(organizer, options["year"], options["format"])
        if options["out"] in (None, "-"):
            sys.stdout.write(content.decode("utf-8-sig"))
            return
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
        rows = interchange.awardees_of(organizer, options["year"]).count()
        said = gettext("Exported {count} award(s) of {organizer} for {year} to {file}.")
        self.stdout.write(said.format(count=rows, organizer=organizer.name, year=options["year"], file=out))


def _find(code: str, organizer: str | None) -> Cluster:
    clusters = Cluster.objects.filter(code=code).select_related("organizer").order_by("organizer__name")
    if organizer:
        clusters = clusters.filter(organizer__name=organizer)
    found = list(clusters)
    if not found:
        if organizer:
            said = gettext("No cluster or block with the code '{code}' of '{organizer}' in the database.")
        else:
            said = gettext("No cluster or block with the code '{code}' in the database.")
        raise CommandError(said.format(code=code, organizer=organizer))
    if len(found) > 1:
        names = "; ".join(cluster.organizer.name for cluster in found)
        said = gettext(
            "The code '{code}' exists at several organizers ({names}); choose one with --organizer \"NAME\"."
        )
        raise CommandError(said.format(code=code, names=names))
    return found[0]
