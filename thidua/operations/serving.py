"""The real server: gunicorn with threaded workers in front of thidua's WSGI application.

One command line for every deployment (`thidua serve`, `make demo`, `make serve`, the bench and the tests), so
what is measured is what is run. Static files are collected first and served by whitenoise with hashed names.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ServerSize:
    bind: str
    workers: int
    threads: int


def configured_size(
    *, bind: str | None = None, workers: int | None = None, threads: int | None = None
) -> ServerSize:
    """The size asked for on the command line, else THIDUA_BIND, THIDUA_WORKERS, THIDUA_THREADS."""
    return ServerSize(
        bind=bind or settings.SERVER_BIND,
        workers=workers or settings.SERVER_WORKERS,
        threads=threads or settings.SERVER_THREADS,
    )


def server_environment() -> dict[str, str]:
    """The environment the server and collectstatic run in: collected, hashed static files."""
    return {**os.environ, "STATIC_COLLECTED": "true", "DJANGO_SETTINGS_MODULE": "thidua.settings"}


def collect_static() -> None:
    """collectstatic with the hashed, compressed storage the server uses (a child process: storage is chosen
    when settings load)."""
    subprocess.run(
        [sys.executable, "-m", "thidua.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        check=True,
        env=server_environment(),
    )


def worker_command() -> list[str]:
    """The task queue's worker (django-tasks' database backend): large imports, certificate batches."""
    return [sys.executable, "-m", "thidua.cli", "db_worker", "--no-reload", "--interval", "1"]


def gunicorn_command(size: ServerSize, *, access_log: bool = True, task_worker: bool = False) -> list[str]:
    """gunicorn's command line. Threaded workers (gthread): a slow phone holds a thread, not a process;
    connections beyond the threads wait in the listen queue (backlog) and each worker's own queue, so a
    meeting's burst is queued, not reset. The access log records paths only: a ballot code travels in the
    URL fragment (never sent) or the form body (never logged)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "thidua.wsgi:application",
        "--bind",
        size.bind,
        "--workers",
        str(size.workers),
        "--threads",
        str(size.threads),
        "--worker-class",
        "gthread",
        "--backlog",
        "2048",
        # A cast waits at most the database's busy timeout (20 s) or the pool's (30 s); past 60 s the
        # worker is stuck, not busy.
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--error-logfile",
        "-",
    ]
    if access_log:
        command += ["--access-logfile", "-"]
    if task_worker:
        # gunicorn's master starts the task worker once it listens and stops it when it stops.
        command += ["--config", "python:thidua.operations.gunicorn_hooks"]
    return command
