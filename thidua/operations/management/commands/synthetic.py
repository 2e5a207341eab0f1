"""`thidua synthetic`: deterministic synthetic organizers, clusters, units and years, through the importer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.operations.synthetic import generate

ACTOR = "thidua synthetic"


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Make synthetic data (not real figures) for load tests and demos: organizers, clusters, blocks, "
            "units, emulation years with ballots; the same --seed gives the same data."
        )
        parser.add_argument(
            "--organizers", type=int, required=True, help=_("number of organizers (provinces)")
        )
        parser.add_argument(
            "--clusters-per-organizer",
            type=int,
            required=True,
            help=_("number of clusters and blocks per province"),
        )
        parser.add_argument(
            "--units-per-cluster", type=int, required=True, help=_("number of units per cluster (≥ 3)")
        )
        parser.add_argument(
            "--years", type=int, required=True, help=_("number of emulation years, the last one 2024")
        )
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = generate(
                organizers=options["organizers"],
                clusters_per_organizer=options["clusters_per_organizer"],
                units_per_cluster=options["units_per_cluster"],
                years=options["years"],
                seed=options["seed"],
                by=ACTOR,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ExchangeFileInvalid as invalid:
            # Synthetic data collides with data already on record (same organizer and cluster code).
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None
        self.stdout.write(
            _(
                "Made {organizers} organizer(s), {clusters} cluster(s) and block(s), {units} unit(s), "
                "{years} cluster year(s), {ballots} ballot(s) in {seconds} seconds."
            ).format(
                organizers=summary.organizers,
                clusters=summary.clusters,
                units=summary.units,
                years=summary.cluster_years,
                ballots=summary.ballots,
                seconds=f"{summary.seconds:.1f}",
            )
        )
