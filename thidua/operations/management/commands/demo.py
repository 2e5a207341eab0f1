"""`thidua demo`: the seed cluster's 2021 review, its documents, and one demo account per role.

Safe to run again: the seed is imported once, the review concluded to the same result, the accounts'
passwords reset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.operations.yearend import run_year_end
from thidua.organisations.models import Cluster
from thidua.scenarios import SEED

ACTOR = "thidua demo"


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Demo data: the 2021 review of the general advisory cluster (Lang Son) and sample accounts."
        )
        parser.add_argument(
            "--out", type=Path, default=Path("out/demo"), help=_("folder to write the documents to")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        data = read_exchange_file(SEED)
        cluster = Cluster.objects.filter(organizer__name=data.organizer.name, code=data.cluster.code).first()
        if cluster is None:
            cluster = import_exchange(data, by=ACTOR)
            self.stdout.write(_("Imported the cluster {cluster}.").format(cluster=cluster.name))
        else:
            self.stdout.write(
                _("The cluster {cluster} is already there, not imported again.").format(cluster=cluster.name)
            )
        cluster_year = cluster.years.order_by("-year").first()
        assert cluster_year is not None, "the seed file has a year"
        output = run_year_end(cluster_year, options["out"], by=ACTOR)
        self.stdout.write(
            _("Results and documents of {year}: {folder}/").format(year=output.year, folder=output.directory)
        )
        for name in ["results.json", *output.results["documents"]]:
            self.stdout.write(f"  - {output.directory / name}")
        if output.warning:
            self.stderr.write(output.warning)
        self.stdout.write("\n" + _("Demo accounts (username / password / role):"))
        for account in create_demo_accounts(cluster_year):
            self.stdout.write(f"  {account.username:<12} {account.password:<22} {account.role_label}")
        self.stdout.write(
            "\n"
            + _("Web site: {url} (log in with one of the accounts above).").format(
                url="http://127.0.0.1:8000"
            )
        )
