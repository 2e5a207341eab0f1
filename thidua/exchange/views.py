"""The exchange file on the web: upload (check, preview, confirm, import) and export of a cluster.

The upload is checked by the same reader as `thidua import` and imported by the same importer. Between
the preview and the confirmation the file's text waits in the user's session (server-side, database
sessions), with its SHA-256 in the confirm form: a confirmation imports exactly the file previewed, and
is checked again (content and the user's right) before anything is written.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.rules import board_organizers, visible_clusters
from thidua.exchange.data import ExchangeData
from thidua.exchange.errors import ExchangeFileInvalid, ExportImpossible
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.exchange.upload import YAML_MIME, read_upload
from thidua.organisations.models import Cluster

SESSION_KEY = "exchange_upload"


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp trao đổi", help_text="Tệp YAML định dạng 1, mã UTF-8, tối đa 2 MB.")


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    replace = forms.BooleanField(
        label="Cụm, khối đã có: thay dữ liệu các năm của cụm bằng nội dung tệp", required=False
    )


class Refused(Exception):
    """The file is well formed but this user may not import it."""


def _require_board(request: HttpRequest) -> None:
    """Only an organizer's board (or a superuser) imports; to anyone else the page does not exist."""
    if not board_organizers(request.user).exists():
        raise Http404("Không tìm thấy trang.")


def _check_right(request: HttpRequest, data: ExchangeData) -> None:
    if not board_organizers(request.user).filter(name=data.organizer.name).exists():
        raise Refused(
            f"Tệp thuộc «{data.organizer.name}». Bạn không phải cán bộ Ban Thi đua – Khen thưởng của cơ quan "
            "này nên không nhập được tệp; không có dữ liệu nào được ghi."
        )


def _preview(data: ExchangeData) -> dict[str, Any]:
    existing = Cluster.objects.filter(organizer__name=data.organizer.name, code=data.cluster.code).first()
    names = {unit.code: unit.short or unit.name for unit in data.units}
    years = [
        {
            "year": year.year,
            "members": len(year.members),
            "ballots": len(year.ballots) if year.ballots is not None else None,
            "head": names.get(year.head) if year.head else None,
        }
        for year in data.years
    ]
    return {"data": data, "years": years, "existing": existing}


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
    except ExchangeFileInvalid as error:
        return _errors(request, form, error)
    except Refused as refusal:
        return _refusal(request, form, str(refusal))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    request.session[SESSION_KEY] = {"name": name, "text": text, "digest": digest}
    confirm = ConfirmForm(initial={"digest": digest})
    return render(request, "exchange/preview.html", {**_preview(data), "confirm": confirm, "name": name})


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    pending = request.session.get(SESSION_KEY)
    form = ConfirmForm(request.POST)
    if not pending or not form.is_valid() or form.cleaned_data["digest"] != pending["digest"]:
        messages.error(request, "Không còn tệp chờ nhập (hoặc đã tải tệp khác sau đó): tải tệp lên lại.")
        return redirect("exchange:upload")
    try:
        data = parse_exchange(pending["text"], pending["name"])
        _check_right(request, data)
        preview = _preview(data)
        if preview["existing"] and not form.cleaned_data["replace"]:
            # Keep the checked file and ask again, rather than show the importer's command-line message.
            context = {**preview, "confirm": form, "name": pending["name"], "must_replace": True}
            return render(request, "exchange/preview.html", context)
        cluster = import_exchange(data, by=request.user, replace=form.cleaned_data["replace"])
    except ExchangeFileInvalid as error:
        return _errors(request, UploadForm(), error)
    except Refused as refusal:
        return _refusal(request, UploadForm(), str(refusal))
    del request.session[SESSION_KEY]
    years = ", ".join(str(year.year) for year in data.years)
    messages.success(request, f"Đã nhập tệp {pending['name']}: {cluster.name}, năm {years}.")
    return redirect("front:cluster", cluster.pk)


@login_required
@require_GET
def export(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = get_object_or_404(visible_clusters(request.user).select_related("organizer"), pk=cluster_id)
    try:
        text = dump_exchange(export_cluster(cluster))
    except ExportImpossible as impossible:
        messages.error(request, f"Không xuất được tệp trao đổi: {impossible.vi}.")
        return redirect(reverse("front:cluster", args=[cluster.pk]))
    response = HttpResponse(text.encode("utf-8"), content_type=YAML_MIME)
    filename = f"{cluster.code}.yaml"
    response["Content-Disposition"] = str(content_disposition_header(as_attachment=True, filename=filename))
    return response
