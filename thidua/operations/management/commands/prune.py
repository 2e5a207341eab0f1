"""`thidua prune [--days N]`: delete what background work and the import page leave behind once it is N
days old (30 by default): finished or failed jobs with the files they kept for download, and import files
sent but never imported. Waiting or running work and its files are never touched. Run it once a day (cron,
or a systemd timer), like `thidua remind`; running it twice deletes nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.jobs import prune_jobs
from thidua.sheets.prune import prune_uploads

DEFAULT_DAYS = 30


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.description = _(
            "Delete finished background jobs with their files, and import files never imported, older than "
            "N days."
        )
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=_("age in days (default 30)"))

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError(_("--days must be at least 1."))
        cutoff = timezone.now() - dt.timedelta(days=days)
        jobs, files = prune_jobs(cutoff)
        uploads = prune_uploads(cutoff)
        self.stdout.write(
            _(
                "Deleted: {jobs} background job(s) older than {days} days with {files} kept file(s), "
                "{uploads} import file(s) never imported."
            ).format(jobs=jobs, days=days, files=files, uploads=uploads)
        )
