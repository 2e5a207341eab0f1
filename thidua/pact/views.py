"""The launch, registration and pact page of a cluster-year. The lead and the board manage the year; a unit
officer registers its own unit only; anyone else outside the year gets 404."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.rules import (
    can_manage_cluster_year,
    cluster_year_or_404,
    manage_or_404,
    officer_unit_ids,
)
from thidua.core.feedback import show_refusal
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Unit
from thidua.pact import services
from thidua.pact.models import Launch

_DATE = forms.DateField()


def _date(value: str, label: str) -> dt.date:
    """A date typed dd/mm/yyyy."""
    try:
        parsed = _DATE.clean(value.strip())
    except ValidationError:
        parsed = None
    if parsed is None:
        raise ValidationError(f"“{label}”: “{value}” không phải ngày hợp lệ (ghi theo dạng dd/mm/yyyy).")
    return parsed  # type: ignore[no-any-return]


def _back(cluster_year: ClusterYear) -> HttpResponse:
    return redirect("pact:overview", cluster_year.cluster_id, cluster_year.year)


@require_GET
@login_required
def overview(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, cluster_id, year)
    can_manage = can_manage_cluster_year(request.user, cluster_year)
    own = officer_unit_ids(request.user)
    rows = services.status_rows(cluster_year)
    for row in rows:
        row["can_register"] = row["unit"].pk in own  # type: ignore[attr-defined]
    context = {
        "cluster_year": cluster_year,
        "launch": Launch.objects.filter(cluster_year=cluster_year).first(),
        "rows": rows,
        "can_manage": can_manage,
        "titles": services.title_choices(cluster_year),
        "unsigned": [row["unit"] for row in rows if row["signing"] is None],
    }
    return render(request, "pact/overview.html", context)


@require_POST
@login_required
def launch(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, cluster_id, year)
    manage_or_404(request.user, cluster_year)
    data = request.POST
    try:
        services.record_launch(
            cluster_year,
            date=_date(data.get("date", ""), "Ngày phát động"),
            document_number=data.get("document_number", ""),
            document_title=data.get("document_title", ""),
            theme=data.get("theme", ""),
            deadline=_date(data.get("deadline", ""), "Hạn đăng ký"),
            by=request.user,
        )
        messages.success(request, "Đã ghi nhận phát động thi đua.")
    except ValidationError as error:
        show_refusal(request, error)
    return _back(cluster_year)


@require_POST
@login_required
def register(request: HttpRequest, cluster_id: int, year: int, unit_id: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, cluster_id, year)
    unit = get_object_or_404(Unit, pk=unit_id)
    # A unit's officer registers its own unit; the lead and the board may enter it for them.
    if unit.pk not in officer_unit_ids(request.user) and not can_manage_cluster_year(
        request.user, cluster_year
    ):
        raise Http404("Không tìm thấy.")
    try:
        services.register(
            cluster_year,
            unit,
            targets=request.POST.get("targets", ""),
            titles=request.POST.getlist("titles"),
            by=request.user,
        )
        messages.success(request, f"Đã ghi nhận đăng ký thi đua của {unit.name}.")
    except ValidationError as error:
        show_refusal(request, error)
    return _back(cluster_year)


@require_POST
@login_required
def sign(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, cluster_id, year)
    manage_or_404(request.user, cluster_year)
    try:
        signed_on = _date(request.POST.get("signed_on", ""), "Ngày ký giao ước")
        ids = [int(value) for value in request.POST.getlist("units") if value.isdigit()]
        units = list(Unit.objects.filter(pk__in=ids).order_by("name"))
        services.record_signing(cluster_year, signed_on=signed_on, units=units, by=request.user)
        messages.success(request, f"Đã ghi nhận {len(units)} đơn vị ký giao ước.")
    except ValidationError as error:
        show_refusal(request, error)
    return _back(cluster_year)
