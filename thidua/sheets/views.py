"""The import page: choose what the file holds, send it, read the preview, confirm. Board staff import for
their organizer; a unit's officer imports its own people's yearly titles only (the kinds not board_only)."""

from __future__ import annotations

import secrets
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts import jobs
from thidua.documents.download import attachment
from thidua.registry.models import Awardee
from thidua.sheets import background, interchange
from thidua.sheets.access import scope_for
from thidua.sheets.blank import template_workbook
from thidua.sheets.importer import MOST_PROBLEMS, SHOWN, Kind, Scope, kinds, run, summary, unconfirmed
from thidua.sheets.reader import MAX_CSV_MB, MAX_MB, FileRefused, file_kind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION = "sheets_upload"


def _scope(request: HttpRequest) -> tuple[Scope, list[Kind]]:
    """The user's scope and the kinds they may import; 404 for anyone with neither role."""
    return scope_for(request.user, request.GET.get("to_chuc") or request.POST.get("to_chuc"))


class LoadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"))
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))

    def __init__(self, *args: Any, allowed: list[Kind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in allowed]  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            file_kind(upload.name or "", upload.size)
        except FileRefused as refused:
            raise forms.ValidationError([str(p) for p in refused.problems]) from None
        return upload


def _context(scope: Scope, allowed: list[Kind], **extra: Any) -> dict[str, Any]:
    return {"scope": scope, "kinds": allowed, "max_mb": MAX_MB, "max_csv_mb": MAX_CSV_MB, **extra}


def _preview(
    request: HttpRequest,
    scope: Scope,
    allowed: list[Kind],
    plan: dict[str, Any],
    status: int = 200,
    *,
    can_commit: bool = True,
) -> HttpResponse:
    """The preview of a plan's summary (importer.summary), read at once or by a background job."""
    context = _context(
        scope,
        allowed,
        plan=plan,
        shown=SHOWN,
        kind=kinds()[plan["kind"]],
        most_problems=MOST_PROBLEMS,
        can_commit=can_commit,
    )
    return render(request, "sheets/preview.html", context, status=status)


def _in_background(size: int | None) -> bool:
    """A file this large is read and written by the task queue's worker, with a progress bar."""
    return size is not None and size > settings.SHEETS_BACKGROUND_BYTES


@login_required
@require_http_methods(["GET", "POST"])
def load(request: HttpRequest) -> HttpResponse:
    scope, allowed = _scope(request)
    form = LoadForm(request.POST or None, request.FILES or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = kinds()[form.cleaned_data["kind"]]
        name = PurePath(upload.name).name
        stored = default_storage.save(
            f"imports/{secrets.token_urlsafe(16)}{PurePath(name).suffix.lower()}", upload
        )
        _forget(request)
        held = {"path": stored, "name": name, "kind": kind.code, "organizer": scope.organizer.pk}
        request.session[SESSION] = held
        if _in_background(upload.size):
            held["background"] = True
            request.session.modified = True
            job = jobs.start(
                background.preview,
                kind="sheets.preview",
                title=_("Reading {name} for import").format(name=name),
                owner=request.user,
                arguments=_job_arguments(held, scope),
            )
            held["job"] = job.pk
            return redirect("jobs:job", job.pk)
        with default_storage.open(stored, "rb") as stream:
            plan = run(kind, stream, name, scope, by=request.user)
        return _preview(request, scope, allowed, summary(plan), status=200 if not plan.problems else 400)
    context = _context(scope, allowed, form=form)
    return render(request, "sheets/load.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def commit(request: HttpRequest) -> HttpResponse:
    scope, allowed = _scope(request)
    held = request.session.get(SESSION)
    if not held or held.get("organizer") != scope.organizer.pk or not default_storage.exists(held["path"]):
        messages.error(request, _("The file sent is no longer held: send it again."))
        return redirect("sheets:load")
    kind = kinds().get(held["kind"])
    if kind is None or kind not in allowed:
        raise Http404(_("Not found."))
    confirmed = request.POST.get("xac_nhan") == "1"
    if held.get("background"):
        read = jobs.get_job_for_user(request.user, held.get("job", 0))
        shown = read.result.get("summary") if read is not None else None
        if shown is not None and unconfirmed(shown, confirmed):
            return _preview(request, scope, allowed, shown, status=400)
        # The worker reads the file again inside its transaction; the held file is its own from now on
        # (it deletes it at the end), so a second click finds nothing held.
        request.session.pop(SESSION, None)
        job = jobs.start(
            background.write,
            kind="sheets.write",
            title=_("Importing {name}").format(name=held["name"]),
            owner=request.user,
            arguments={**_job_arguments(held, scope), "confirmed": confirmed},
        )
        return redirect("jobs:job", job.pk)
    with default_storage.open(held["path"], "rb") as stream:
        plan = run(kind, stream, held["name"], scope, by=request.user, write=True, confirmed=confirmed)
    if plan.written or (not plan.problems and not plan.created and not plan.changed):
        _forget(request)
        messages.success(request, background.imported_message(plan))
        return redirect("sheets:load")
    shown = summary(plan)
    unconfirmed(shown, confirmed)
    return _preview(request, scope, allowed, shown, status=400)


def _job_arguments(held: dict[str, Any], scope: Scope) -> dict[str, Any]:
    unit_ids = sorted(scope.unit_ids) if scope.unit_ids is not None else None
    return {
        "path": held["path"],
        "name": held["name"],
        "kind": held["kind"],
        "unit_ids": unit_ids,
        "led_years": sorted(scope.led_years),
        "organizer": scope.organizer.pk,
    }


@login_required
@require_GET
def job_preview(request: HttpRequest, job_id: int) -> HttpResponse:
    """The preview a background job read; the import button only while its file is still the one held."""
    scope, allowed = _scope(request)
    job = jobs.get_job_for_user(request.user, job_id)
    if job is None or job.kind not in ("sheets.preview", "sheets.write") or "summary" not in job.result:
        raise Http404(_("Not found."))
    if job.arguments.get("organizer") != scope.organizer.pk:
        raise Http404(_("Not found."))
    held = request.session.get(SESSION) or {}
    plan = job.result["summary"]
    can_commit = job.kind == "sheets.preview" and held.get("path") == job.arguments.get("path")
    return _preview(
        request, scope, allowed, plan, status=400 if plan["problems"] else 200, can_commit=can_commit
    )


def _forget(request: HttpRequest) -> None:
    held = request.session.pop(SESSION, None)
    if held and default_storage.exists(held["path"]):
        default_storage.delete(held["path"])


@login_required
@require_GET
def template(request: HttpRequest, kind: str) -> HttpResponse:
    _unused, allowed = _scope(request)
    chosen = next((k for k in allowed if k.code == kind), None)
    if chosen is None:
        raise Http404(_("Not found."))
    response = HttpResponse(template_workbook(chosen), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind.replace("_", "-")}.xlsx"'
    return response


@login_required
@require_GET
def interchange_export(request: HttpRequest) -> HttpResponse:
    """A year's decisions and awardees in the interchange format (docs/INTERCHANGE.md), for the board:
    `?nam=` the year of achievement (else the newest on record), `?dinh_dang=json` for JSON, CSV otherwise."""
    scope, _allowed = _scope(request)
    if scope.unit_ids is not None:
        raise Http404(_("Not found."))
    organizer = scope.organizer
    typed = request.GET.get("nam", "")
    if typed.isdigit() and len(typed) == 4:
        year = int(typed)
    else:
        newest = Awardee.objects.filter(decision__organizer=organizer).order_by("-year").first()
        year = newest.year if newest else timezone.localdate().year - 1
    kind = "json" if request.GET.get("dinh_dang") == "json" else "csv"
    return attachment(*interchange.export(organizer, year, kind))
