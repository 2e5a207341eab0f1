"""`thidua backup --out FILE.zip`: the whole database (and the media folder) in one zip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from thidua.operations.backup import backup


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _("Back up the whole database (and the attachments folder) into one zip file.")
        parser.add_argument("--out", type=Path, required=True, help=_("zip file to write the backup to"))

    def handle(self, *args: Any, **options: Any) -> None:
        summary = backup(options["out"])
        rows = sum(summary.counts.values())
        tables = len([n for n in summary.counts.values() if n])
        self.stdout.write(
            _(
                "Backed up {rows} row(s) of {tables} table(s) ({vendor}) and {files} attached file(s) "
                "to {path}."
            ).format(
                rows=rows,
                tables=tables,
                vendor=connection.vendor,
                files=summary.media_files,
                path=summary.path,
            )
        )
