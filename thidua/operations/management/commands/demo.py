"""`thidua demo`: Lạng Sơn's province, the seed cluster among sample clusters and blocks from 2021 to the
current year (past years reviewed and decided, the registry filled, the current year in progress), the seed's
2021 documents, and one demo account per role of the current year.

Safe to run again: each step does only what an earlier run left undone; the accounts' passwords reset.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.operations.demo_accounts import create_demo_accounts
from thidua.operations.demo_board import past_years, thematic_movement
from thidua.operations.demo_current import (
    SITS,
    council_sitting,
    current_year,
    delegate_codes,
    delegate_sheet_lines,
)
from thidua.operations.demo_public import public_side, seed_news
from thidua.operations.province import CURRENT_YEAR, FIRST_YEAR, load_province
from thidua.operations.yearend import run_year_end

ACTOR = "thidua demo"


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Demo data: Lang Son province's clusters and blocks from 2021 to this year, the board's "
            "decisions, the current year in progress, and sample accounts."
        )
        parser.add_argument(
            "--out", type=Path, default=Path("out/demo"), help=_("folder to write the documents to")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        province = load_province(by=ACTOR)
        for name in province.imported:
            self.stdout.write(_("Imported the cluster {cluster}.").format(cluster=name))
        if not province.imported:
            self.stdout.write(_("The province's clusters are already there, not imported again."))
        past_years(province.organizer, range(FIRST_YEAR, CURRENT_YEAR), by=ACTOR)
        current_year(province.organizer, CURRENT_YEAR, by=ACTOR)
        movement = thematic_movement(province.organizer, CURRENT_YEAR, by=ACTOR)
        public_side(province.organizer, movement, CURRENT_YEAR, by=ACTOR)
        seed_news(province.seed.years.get(year=FIRST_YEAR), by=ACTOR)
        council_codes = council_sitting(province.organizer, CURRENT_YEAR, by=ACTOR)
        self.stdout.write(
            _("{organizer}: years {first}–{last} reviewed and decided, {current} in progress.").format(
                organizer=province.organizer.name,
                first=FIRST_YEAR,
                last=CURRENT_YEAR - 1,
                current=CURRENT_YEAR,
            )
        )
        seed_year = province.seed.years.get(year=FIRST_YEAR)
        output = run_year_end(seed_year, options["out"], by=ACTOR, conclude=False)
        self.stdout.write(
            _("Results and documents of {year}: {folder}/").format(year=output.year, folder=output.directory)
        )
        for name in ["results.json", *output.results["documents"]]:
            self.stdout.write(f"  - {output.directory / name}")
        if output.warning:
            self.stderr.write(output.warning)
        for notice in output.notices:
            self.stderr.write(notice)
        self.stdout.write("\n" + _("Demo accounts (username / password / role):"))
        current = province.seed.years.get(year=CURRENT_YEAR)
        for account in create_demo_accounts(current):
            self.stdout.write(f"  {account.username:<12} {account.password:<22} {account.role_label}")
        ballot = "http://127.0.0.1:8000" + reverse("meeting:enter_code")
        self.stdout.write(
            "\n"
            + _(
                "Council members' ballot codes (secret ballot of the sitting on {day}, voting open; each "
                "member enters the code at {url}, no account needed):"
            ).format(day=f"{SITS:%d/%m/%Y}", url=ballot)
        )
        for issued in council_codes:
            self.stdout.write(f"  {issued.code:<14} {issued.name}")
        sheet = delegate_codes(current, by=ACTOR)
        lines = delegate_sheet_lines(sheet, ballot)
        path = options["out"] / f"ma-phieu-dai-bieu-{current.year}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.stdout.write("\n" + "\n".join(lines))
        self.stdout.write(_("The delegates' code sheet is also in {path}.").format(path=path))
        self.stdout.write(
            _(
                "The cluster head (account cumtruong) follows the vote, closes it and concludes at {url}."
            ).format(
                url="http://127.0.0.1:8000"
                + reverse("meeting:chair", args=[current.cluster_id, current.year]),
            )
        )
        self.stdout.write(
            "\n"
            + _("Web site: {url} (log in with one of the accounts above).").format(
                url="http://127.0.0.1:8000"
            )
        )
        self.stdout.write(
            _("Public pages (no account): {url}").format(
                url="http://127.0.0.1:8000" + reverse("publication:organizers")
            )
        )
