"""`thidua synthetic`: deterministic synthetic organizers, clusters, units and years, through the importer;
with --nation or --province, a whole nation's or province's data with its registry of people and awards."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.operations import nation
from thidua.operations.synthetic import generate

ACTOR = "thidua synthetic"
SIZES = ("organizers", "clusters_per_organizer", "units_per_cluster", "years")


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Make synthetic data (not real figures) for load tests and demos: organizers, clusters, blocks, "
            "units, emulation years with ballots; the same --seed gives the same data."
        )
        preset = parser.add_mutually_exclusive_group()
        preset.add_argument(
            "--nation",
            action="store_true",
            help=_(
                "a nation: 34 provinces × 25 clusters and blocks × 10 units × 5 years, 500,000 people and "
                "2.5 million awards in the registry"
            ),
        )
        preset.add_argument(
            "--province",
            action="store_true",
            help=_("one province: 25 clusters and blocks × 10 units × 5 years, 15,000 people, 75,000 awards"),
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=_("with --nation or --province: a share of the people and awards (default 1)"),
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help=_("with --nation or --province on PostgreSQL: organizers made at once (default: the cores)"),
        )
        parser.add_argument("--organizers", type=int, help=_("number of organizers (provinces)"))
        parser.add_argument(
            "--clusters-per-organizer", type=int, help=_("number of clusters and blocks per province")
        )
        parser.add_argument("--units-per-cluster", type=int, help=_("number of units per cluster (≥ 3)"))
        parser.add_argument("--years", type=int, help=_("number of emulation years, the last one 2024"))
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["nation"] or options["province"]:
                self._sized(options)
            else:
                self._counted(options)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ExchangeFileInvalid as invalid:
            # Synthetic data collides with data already on record (same organizer and cluster code).
            raise CommandError("\n".join(str(error) for error in invalid.errors)) from None

    def _sized(self, options: dict[str, Any]) -> None:
        if not 0 < options["scale"] <= 1:
            raise ValueError(_("--scale must be more than 0 and at most 1."))
        size = (nation.NATION if options["nation"] else nation.PROVINCE).scaled(options["scale"])

        def said(done: nation.OrganizerMade) -> None:
            self.stdout.write(
                _("Organizer {number}: {awards} award(s), {people} people in {seconds} seconds.").format(
                    number=done.index + 1,
                    awards=done.awards,
                    people=done.people,
                    seconds=f"{done.seconds:.1f}",
                )
            )

        made = nation.make(size, seed=options["seed"], by=ACTOR, processes=options["processes"], said=said)
        self.stdout.write(nation.describe(made))

    def _counted(self, options: dict[str, Any]) -> None:
        missing = [name for name in SIZES if options[name] is None]
        if missing:
            raise ValueError(
                _("Give --nation, --province, or all of: {options}.").format(
                    options=", ".join("--" + name.replace("_", "-") for name in SIZES)
                )
            )
        summary = generate(
            organizers=options["organizers"],
            clusters_per_organizer=options["clusters_per_organizer"],
            units_per_cluster=options["units_per_cluster"],
            years=options["years"],
            seed=options["seed"],
            by=ACTOR,
        )
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
