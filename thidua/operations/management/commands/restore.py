"""`thidua restore FILE.zip`: a backup into a freshly migrated, empty database; all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.operations.backup import BackupInvalid, restore


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _(
            "Restore a backup into a new, empty database (run `thidua migrate` first); any fault is reported "
            "where it lies and nothing is written."
        )
        parser.add_argument("file", type=Path, help=_("zip file written by `thidua backup`"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = restore(options["file"])
        except BackupInvalid as invalid:
            raise CommandError(str(invalid)) from None
        rows = sum(counts.values())
        self.stdout.write(
            ngettext("Restored {rows} row from {file}.", "Restored {rows} rows from {file}.", rows).format(
                rows=rows, file=options["file"]
            )
        )
