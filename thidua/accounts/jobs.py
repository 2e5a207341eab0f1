"""Background work: what takes longer than a page may wait (a file of a million rows, the certificates of a
whole decision) runs in the task queue's worker, not inside the request.

The page that starts the work creates a Job and enqueues its task in the same transaction (the queue is kept
in the database, django-tasks' database backend: the worker sees both at once, or neither), then sends the
user to the job's page, which shows the step, a progress bar and the time left, and at the end what came of
it (a message, a page, a file to download). `thidua serve` runs the worker beside the web server.

Each kind of work is a django-tasks task of its own module that hands `perform` its job's id and a function
doing the work; that function reports its progress and returns the job's result, or raises JobRefused with a
message for the user.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Job, Notification
from thidua.accounts.notifications import notify

log = logging.getLogger(__name__)
State = Job.State

# A progress write costs one UPDATE; once a second is enough for a bar that the page reloads every two.
PROGRESS_EVERY_SECONDS = 1.0


class JobRefused(Exception):
    """The work cannot be done as asked; the message says why, in the interface's language, and `result`
    what the job's page still shows (a preview of the problems, say)."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result or {}


class Progress:
    """How far the work has got, written to its job now and then (the page reads it)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._written = 0.0
        # Set by work that runs in one transaction (an import that writes): the bar is said apart from it.
        self.apart = False

    def step(self, phase: str) -> None:
        """A new step starts: its name shown, its bar back at zero."""
        self._written = time.monotonic()
        Job.objects.filter(pk=self.job.pk).update(
            phase=phase[:200], phase_started=timezone.now(), progress=0, handled=0
        )

    def advance(self, fraction: float, handled: int | None = None) -> None:
        """`fraction` (0 to 1) of the current step done, `handled` rows or items so far."""
        now = time.monotonic()
        if now - self._written < PROGRESS_EVERY_SECONDS:
            return
        self._written = now
        changes: dict[str, Any] = {"progress": max(0.0, min(fraction, 1.0))}
        if handled is not None:
            changes["handled"] = handled
        if self.apart and connection.vendor == "postgresql":
            _said_apart(self.job, changes)
        else:
            Job.objects.filter(pk=self.job.pk).update(**changes)


def _said_apart(job: Job, changes: dict[str, Any]) -> None:
    """Progress of work that runs in one transaction (an import that writes a million rows): said through a
    connection of its own, so that the page sees the bar move before the work commits. (SQLite has one
    writer at a time: there the bar waits for the commit.)"""
    apart = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        table = apart.ops.quote_name(Job._meta.db_table)
        columns = ", ".join(f"{apart.ops.quote_name(name)} = %s" for name in changes)  # columns as named
        with apart.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {columns} WHERE id = %s", [*changes.values(), job.pk])
    finally:
        apart.close()


Work = Callable[[Job, Progress], dict[str, Any]]


def start(task: Any, *, kind: str, title: str, owner: Any, arguments: dict[str, Any] | None = None) -> Job:
    """A new job for `owner`, its `task` (a django-tasks task taking the job's id) enqueued with it;
    `arguments` (JSON) are what the work needs."""
    with transaction.atomic():
        # A double click (or a second tab) while the same work waits or runs gets that job, not a copy.
        same = Job.objects.filter(
            owner=owner, kind=kind, arguments=arguments or {}, state__in=(State.QUEUED, State.RUNNING)
        ).first()
        if same is not None:
            return same
        job = Job.objects.create(owner=owner, kind=kind, title=title[:300], arguments=arguments or {})
        task.enqueue(job.pk)
    return job


def perform(job_id: int, work: Work) -> None:
    """Run `work` for the job, once: a job already taken by a worker (or gone) is left alone."""
    now = timezone.now()
    if not Job.objects.filter(pk=job_id, state=State.QUEUED).update(state=State.RUNNING, started=now):
        return
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        result = work(job, Progress(job))
    except JobRefused as refused:
        _finish(job, State.FAILED, error=str(refused), result=refused.result)
    except Exception:
        # The traceback goes to the server's log, never to the page.
        log.exception("background job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            State.FAILED,
            error=_(
                "The work stopped on an unexpected error; the system administrator can read the details "
                "in the server's log."
            ),
        )
    else:
        _finish(job, State.DONE, result=result)


def _finish(job: Job, state: str, *, result: dict[str, Any] | None = None, error: str = "") -> None:
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            state=state,
            result=result or {},
            error=error,
            progress=1 if state == State.DONE else job.progress,
            finished=timezone.now(),
        )
        text = (
            _("Finished: {title}.") if state == State.DONE else _("Stopped without finishing: {title}.")
        ).format(title=job.title)
        notify([job.owner], Notification.Kind.JOB, text, reverse("jobs:job", args=[job.pk]))


def keep_file(job: Job, name: str, content: bytes) -> dict[str, str]:
    """Store a file the job made, for its owner to download from the job's page; returns the result's part
    naming it."""
    folder = f"jobs/{job.pk}-{secrets.token_urlsafe(12)}"
    stored = default_storage.save(f"{folder}/{PurePath(name).name}", ContentFile(content))
    return {"file": stored, "file_name": PurePath(name).name}


def time_left(job: Job) -> int | None:
    """Seconds left in the current step, from its pace so far; None while too little is done to tell."""
    if job.over or job.phase_started is None or job.progress < 0.02:
        return None
    elapsed = (timezone.now() - job.phase_started).total_seconds()
    return max(0, round(elapsed * (1 - job.progress) / job.progress))


def get_job_for_user(user: Any, job_id: int) -> Job | None:
    """The user's own job; None for anyone else's (the page answers 404)."""
    return Job.objects.filter(pk=job_id, owner_id=user.pk).first()


# ---- pruning ------------------------------------------------------------------------------------------


def active_paths() -> set[str]:
    """The stored files that waiting or running work still reads (a held import file given to its job)."""
    busy = Job.objects.filter(state__in=(State.QUEUED, State.RUNNING)).values_list("arguments", flat=True)
    return {str(args["path"]) for args in busy if isinstance(args, dict) and args.get("path")}


def prune_jobs(cutoff: Any) -> tuple[int, int]:
    """Delete the jobs that finished (or failed) before `cutoff` with the files they kept (keep_file), never
    a job still waiting or running; returns (jobs, files) deleted."""
    old = Job.objects.filter(state__in=(State.DONE, State.FAILED), created__lt=cutoff).exclude(
        finished__gte=cutoff
    )
    files = 0
    for result in old.values_list("result", flat=True):
        stored = result.get("file") if isinstance(result, dict) else None
        if stored and default_storage.exists(stored):
            default_storage.delete(stored)
            files += 1
            folder = str(PurePath(stored).parent)
            # keep_file's folder holds only that file: gone with it (an emptied folder only).
            if folder.startswith("jobs/") and default_storage.exists(folder):
                with contextlib.suppress(OSError):
                    default_storage.delete(folder)
    count, _deleted = old.delete()
    return count, files
