"""`thidua serve`: the production server (gunicorn) for the embedded and the PostgreSQL deployment alike."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from thidua.operations.serving import collect_static, configured_size, gunicorn_command, server_environment


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.description = _(
            "Serve the site with gunicorn: static files collected first, workers and threads sized to the "
            "machine (THIDUA_WORKERS, THIDUA_THREADS, THIDUA_BIND)."
        )
        parser.add_argument("--bind", help=_("address and port to listen on, e.g. 0.0.0.0:8000"))
        parser.add_argument("--workers", type=_positive, help=_("number of worker processes"))
        parser.add_argument("--threads", type=_positive, help=_("number of threads in each worker"))
        parser.add_argument(
            "--no-access-log", action="store_true", help=_("do not log each request (for load tests)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = configured_size(bind=options["bind"], workers=options["workers"], threads=options["threads"])
        collect_static()
        self.stdout.write(
            _("Serving on http://{bind} with {workers} worker(s) × {threads} thread(s).").format(
                bind=size.bind, workers=size.workers, threads=size.threads
            )
        )
        self.stdout.flush()
        command = gunicorn_command(
            size, access_log=not options["no_access_log"], task_worker=settings.SERVER_TASK_WORKER
        )
        # gunicorn takes this process's place: Ctrl+C and a service manager's signals reach it directly.
        os.execve(command[0], command, server_environment())
