"""A large import file, read and written by the task queue's worker (accounts/jobs.py): the same importer path
as the page's, with the reading's progress shown on the job's page.

The job carries what the page held (the stored file, its kind, the organizer, the officer's units): the worker
checks again that the user still holds the role the page found, since minutes may pass between the two.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.accounts import jobs
from thidua.accounts.models import Job
from thidua.accounts.roles import board_organizers, officer_unit_ids
from thidua.organisations.models import Organizer
from thidua.sheets.access import led_scope
from thidua.sheets.importer import Plan, Scope, kinds, run, summary


def imported_message(plan: Plan) -> str:
    return _("Imported {name}: {created} row(s) added, {changed} changed, {same} already there.").format(
        name=plan.source, created=plan.created, changed=plan.changed, same=plan.same
    )


@task()
def preview(job_id: int) -> None:
    jobs.perform(job_id, _read)


@task()
def write(job_id: int) -> None:
    jobs.perform(job_id, _write)


def _read(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    return _run(job, progress, write=False)


def _write(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    try:
        return _run(job, progress, write=True)
    finally:
        # The page gave the held file to this job: nothing else will delete it.
        path = job.arguments.get("path")
        if path and default_storage.exists(path):
            default_storage.delete(path)


def _scope(job: Job) -> Scope:
    """The scope the page found, if the user still has it."""
    args = job.arguments
    user = get_user_model().objects.get(pk=job.owner_id)
    organizer = Organizer.objects.filter(pk=args.get("organizer")).first()
    if organizer is None:
        raise jobs.JobRefused(_("The organizer of this import no longer exists."))
    if args.get("unit_ids") is None:
        if not board_organizers(user).filter(pk=organizer.pk).exists():
            raise jobs.JobRefused(
                _("You no longer work for the board of {name}.").format(name=organizer.name)
            )
        return Scope(organizer)
    units = frozenset(args["unit_ids"]) & frozenset(officer_unit_ids(user))
    led_years, led_units = led_scope(user, frozenset(args.get("led_years") or ()))
    if not units and not led_years:
        raise jobs.JobRefused(_("You are no longer the emulation officer of the units of this import."))
    return Scope(organizer, units, led_years, led_units)


def _run(job: Job, progress: jobs.Progress, *, write: bool) -> dict[str, Any]:
    args = job.arguments
    kind = kinds().get(args.get("kind", ""))
    path = args.get("path", "")
    if kind is None or not path or not default_storage.exists(path):
        raise jobs.JobRefused(_("The file sent is no longer held: send it again."))
    scope = _scope(job)
    progress.step(_("Reading and checking the rows") if not write else _("Checking and writing the rows"))
    progress.apart = write  # the write is one transaction: its bar moves before it commits
    with default_storage.open(path, "rb") as stream:
        plan = run(
            kind,
            stream,
            args.get("name", ""),
            scope,
            by=job.owner,
            write=write,
            confirmed=bool(args.get("confirmed")),
            progress=progress.advance,
        )
    query = f"?to_chuc={scope.organizer.pk}" if scope.unit_ids is None else ""
    result: dict[str, Any] = {
        "summary": summary(plan),
        "url": reverse("sheets:job_preview", args=[job.pk]) + query,
        "link": _("See the preview"),
    }
    if write and plan.written:
        result.update(
            message=imported_message(plan), url=reverse("sheets:load") + query, link=_("Import another file")
        )
    elif write and not plan.problems and not plan.created and not plan.changed:
        result["message"] = _("Every row of the file is already in the registry: there is nothing to import.")
    elif write:
        # Nothing written: the job failed, its preview says why.
        raise jobs.JobRefused(_("Nothing was imported: see the problems in the preview."), result)
    else:
        result["message"] = _(
            "{created} row(s) to add, {changed} to change, {same} already there; {problems} problem(s)."
        ).format(created=plan.created, changed=plan.changed, same=plan.same, problems=len(plan.problems))
    return result
