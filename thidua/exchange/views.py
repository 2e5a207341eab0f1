"""The exchange file on the web: upload (check, preview, confirm, import) and export of a cluster.

The upload is checked by the same reader as `thidua import` and imported by the same importer. Between
the preview and the confirmation the file's text waits in the user's session (server-side, database
sessions), with its SHA-256 in the confirm form: a confirmation imports exactly the file previewed, and
is checked again (content and the user's right) before anything is written. The preview is the import
itself, rolled back: it lists what will happen to each year and every change to a unit that another
cluster uses; those changes are written only if the person ticks that they accept exactly them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.roles import board_organizers
from thidua.emulation.rules import visible_clusters
from thidua.exchange.data import ExchangeData
from thidua.exchange.errors import ExchangeFileInvalid, ExportImpossible
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.exchange.history import DROP, KEEP
from thidua.exchange.importer import SharedUnitsChanged, import_exchange, preview_import
from thidua.exchange.reader import parse_exchange
from thidua.exchange.shared import UnitChange
from thidua.exchange.upload import YAML_MIME, read_upload
from thidua.organisations.models import Cluster

SESSION_KEY = "exchange_upload"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Exchange file"), help_text=_("A YAML file in format 1, UTF-8, at most 2 MB.")
    )


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(
        label=_("The cluster already exists: replace its years with the file's contents"), required=False
    )
    accept_unit_changes = forms.BooleanField(
        label=_("I have read and accept the changes to shared units listed above"), required=False
    )


class Refused(Exception):
    """The file is well formed but this user may not import it."""


def _require_board(request: HttpRequest) -> None:
    """Only an organizer's board (or a superuser) imports; to anyone else the page does not exist."""
    if not board_organizers(request.user).exists():
        raise Http404(gettext("Page not found."))


def _check_right(request: HttpRequest, data: ExchangeData) -> None:
    if not board_organizers(request.user).filter(name=data.organizer.name).exists():
        raise Refused(
            gettext(
                "The file belongs to '{organizer}'. You are not an officer of that body's board, so you "
                "cannot import the file; nothing was written."
            ).format(organizer=data.organizer.name)
        )


def _existing(data: ExchangeData) -> Cluster | None:
    return Cluster.objects.filter(organizer__name=data.organizer.name, code=data.cluster.code).first()


def _preview(
    request: HttpRequest, data: ExchangeData, name: str, form: ConfirmForm, **flags: bool
) -> HttpResponse:
    """The preview page: the import done and rolled back (preview_import), so it shows what confirming
    will do, year by year, and every change to a unit another cluster uses; the changes shown are the
    ones the confirmation accepts. ExchangeFileInvalid when the import would be refused."""
    existing = _existing(data)
    report = preview_import(data, by=request.user, replace=existing is not None)
    request.session[SESSION_KEY] = {
        **request.session[SESSION_KEY],
        "unit_changes": [asdict(change) for change in report.shared_changes],
    }
    fates = {fate.year: fate for fate in report.years}
    names = {unit.code: unit.short or unit.name for unit in data.units}
    years = [
        {
            "year": year.year,
            "members": len(year.members),
            "ballots": len(year.ballots) if year.ballots is not None else None,
            "head": names.get(year.head) if year.head else None,
            "fate": fates[year.year].label,
        }
        for year in data.years
    ]
    others = [fate for fate in report.years if fate.fate in (KEEP, DROP)]
    context = {
        "data": data,
        "years": years,
        "others": others,
        "existing": existing,
        "shared_changes": report.shared_changes,
        "confirm": form,
        "name": name,
        **flags,
    }
    return render(request, "exchange/preview.html", context)


def _refusal(request: HttpRequest, form: forms.Form, message: str) -> HttpResponse:
    context = {"form": form, "refusal": message}
    return render(request, "exchange/upload.html", context, status=403)


def _errors(request: HttpRequest, form: forms.Form, error: ExchangeFileInvalid) -> HttpResponse:
    return render(request, "exchange/upload.html", {"form": form, "errors": error.errors})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "exchange/upload.html", {"form": form})
    try:
        name, text = read_upload(form.cleaned_data["file"])
        data = parse_exchange(text, name)
        _check_right(request, data)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        request.session[SESSION_KEY] = {"name": name, "text": text, "digest": digest}
        return _preview(request, data, name, ConfirmForm(initial={"digest": digest}))
    except ExchangeFileInvalid as error:
        return _errors(request, form, error)
    except Refused as refusal:
        return _refusal(request, form, str(refusal))


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    pending = request.session.get(SESSION_KEY)
    form = ConfirmForm(request.POST)
    if not pending or not form.is_valid() or form.cleaned_data["digest"] != pending["digest"]:
        messages.error(
            request,
            gettext("No file is waiting to be imported (or another was uploaded since): upload it again."),
        )
        return redirect("exchange:upload")
    name = pending["name"]
    accepted = [UnitChange.from_stored(change) for change in pending.get("unit_changes", [])]
    try:
        data = parse_exchange(pending["text"], name)
        _check_right(request, data)
        replace = form.cleaned_data["replace"]
        if _existing(data) is not None and not replace:
            # Keep the checked file and ask again, rather than show the importer's command-line message.
            return _preview(request, data, name, form, must_replace=True)
        if accepted and not form.cleaned_data["accept_unit_changes"]:
            return _preview(request, data, name, form, must_accept=True)
        try:
            cluster = import_exchange(data, by=request.user, replace=replace, accept_unit_changes=accepted)
        except SharedUnitsChanged:
            # Units changed on record since the preview: show the changes as they are now, to accept anew.
            fresh = ConfirmForm(initial={"digest": pending["digest"], "replace": replace})
            return _preview(request, data, name, fresh, changed=True)
    except ExchangeFileInvalid as error:
        return _errors(request, UploadForm(), error)
    except Refused as refusal:
        return _refusal(request, UploadForm(), str(refusal))
    del request.session[SESSION_KEY]
    years = ", ".join(str(year.year) for year in data.years)
    said = ngettext(
        "Imported the file {file}: {cluster}, year {years}.",
        "Imported the file {file}: {cluster}, years {years}.",
        len(data.years),
    )
    messages.success(request, said.format(file=name, cluster=cluster.name, years=years))
    return redirect("front:cluster", cluster.pk)


@login_required
@require_GET
def export(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = get_object_or_404(visible_clusters(request.user).select_related("organizer"), pk=cluster_id)
    try:
        text = dump_exchange(export_cluster(cluster))
    except ExportImpossible as impossible:
        said = gettext("Cannot export the exchange file: {reason}.")
        messages.error(request, said.format(reason=impossible.message))
        return redirect(reverse("front:cluster", args=[cluster.pk]))
    response = HttpResponse(text.encode("utf-8"), content_type=YAML_MIME)
    filename = f"{cluster.code}.yaml"
    response["Content-Disposition"] = str(content_disposition_header(as_attachment=True, filename=filename))
    return response
