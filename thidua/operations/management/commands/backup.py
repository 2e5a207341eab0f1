"""`thidua backup --out FILE.zip`: the whole database (and the media folder) in one zip.

`thidua backup --dir DIR --keep N`, for a timer or cron: a zip named after its time (UTC) in DIR, then the
newest N of the backups it wrote there kept and the older ones deleted (anything else in DIR is left alone).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.operations.backup import BackupSummary, backup, backup_into


def _at_least_one(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number, at least 1"))
    return number


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        # The command's help, set at run time to be translated (argparse takes no lazy string).
        parser.description = _("Back up the whole database (and the attachments folder) into one zip file.")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--out", type=Path, help=_("zip file to write the backup to"))
        where.add_argument(
            "--dir",
            type=Path,
            help=_("folder for scheduled backups: a zip named after the time (UTC), e.g. by a daily timer"),
        )
        parser.add_argument(
            "--keep",
            type=_at_least_one,
            help=_(
                "with --dir: keep the newest N backups this command wrote in the folder and delete the older "
                "ones (other files are never touched)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keep = options["keep"]
        if keep is not None and options["dir"] is None:
            raise CommandError(
                _("--keep goes with --dir (the folder of scheduled backups); nothing was written.")
            )
        if options["out"] is not None:
            self._said(backup(options["out"]))
            return
        done = backup_into(options["dir"], keep=keep)
        self._said(done.summary)
        if keep is None:
            return
        if not done.pruned:
            self.stdout.write(_("No older backup to delete (the newest {keep} are kept).").format(keep=keep))
            return
        self.stdout.write(
            ngettext(
                "Deleted {count} older backup (the newest {keep} are kept):",
                "Deleted {count} older backups (the newest {keep} are kept):",
                len(done.pruned),
            ).format(count=len(done.pruned), keep=keep)
        )
        for path in done.pruned:
            self.stdout.write(f"  - {path}")

    def _said(self, summary: BackupSummary) -> None:
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
