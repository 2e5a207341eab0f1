"""`thidua scenario FILE --out DIR`: run a cluster's year-end review from its exchange file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.importer import SharedUnitsChanged, import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.yearend import run_cluster_years

ACTOR = "thidua scenario"


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Run the year-end review of a cluster or block from its exchange file; write results.json "
            "and the documents into DIR."
        )
        parser.add_argument("file", type=Path, help=_("exchange file (YAML, format 1)"))
        parser.add_argument("--out", type=Path, required=True, help=_("folder to write the results to"))

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = read_exchange_file(path)
            # The file is the cluster's record for this run: run again on the same database (--database-url),
            # it replaces that cluster's years rather than refusing, so a scripted run can be repeated.
            cluster = import_exchange(data, by=ACTOR, replace=True)
        except ExchangeFileInvalid as invalid:
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        except SharedUnitsChanged as shared:
            accept = _(
                "If this is right, import the file with thidua import --replace --accept-unit-changes, "
                "then run again."
            )
            raise CommandError(shared.told(accept)) from None
        outputs = run_cluster_years(list(cluster.years.all()), options["out"], by=ACTOR)
        for output in outputs:
            proposals = ", ".join(f"{p['award']}: {p['unit']}" for p in output.results["proposals"]) or _(
                "none"
            )
            self.stdout.write(
                _("Year {year}: proposals {proposals} → {file}").format(
                    year=output.year, proposals=proposals, file=f"{output.directory}/results.json"
                )
            )
            if output.warning:
                self.stderr.write(output.warning)
            for notice in output.notices:
                self.stderr.write(notice)
