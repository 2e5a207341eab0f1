"""The launch, registration and pact page of a cluster-year. The lead and the board manage the year; a unit
officer registers its own unit only; anyone else outside the year gets 404. A refused form comes back with
what was typed and each message beside its field; nothing is written."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.roles import officer_unit_ids
from thidua.emulation.actions import launch as services
from thidua.emulation.models import ClusterYear, Launch, Registration
from thidua.emulation.rules import can_manage_cluster_year, get_cluster_year_for_user
from thidua.organisations.models import Unit

_DATE = forms.DateField()


def _date(value: str, label: str) -> dt.date:
    """A date typed dd/mm/yyyy."""
    try:
        parsed = _DATE.clean(value.strip())
    except ValidationError:
        parsed = None
    if parsed is None:
        raise ValidationError(
            _("“{label}”: “{value}” is not a valid date (write it as dd/mm/yyyy).").format(
                label=label, value=value
            )
        )
    return parsed  # type: ignore[no-any-return]


def _back(cluster_year: ClusterYear) -> HttpResponse:
    return redirect("pact:overview", cluster_year.cluster_id, cluster_year.year)


def _field_errors(error: ValidationError) -> dict[str, list[str]]:
    """A refusal's messages by field (the service's parameter names); the rest under "general"."""
    found = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    return {("general" if name == NON_FIELD_ERRORS else name): messages for name, messages in found.items()}


def _launch_values(launch: Launch | None, typed: QueryDict | None) -> dict[str, str]:
    """What the launch form shows: what was typed (after a refusal), else what is on record."""
    if typed is not None:
        return {name: typed.get(name, "") for name in LAUNCH_FIELDS}
    if launch is None:
        return dict.fromkeys(LAUNCH_FIELDS, "")
    return {
        "date": f"{launch.date:%d/%m/%Y}",
        "document_number": launch.document_number,
        "document_title": launch.document_title,
        "theme": launch.theme,
        "deadline": f"{launch.deadline:%d/%m/%Y}",
    }


LAUNCH_FIELDS = ("date", "document_number", "document_title", "theme", "deadline")


def _overview(
    request: HttpRequest,
    cluster_year: ClusterYear,
    *,
    refused: str = "",
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """The page; after a refusal of the form `refused` ("launch", "sign" or a unit's id), that form keeps
    what was typed and shows each message beside its field."""
    typed = request.POST if refused else None
    errors = errors or {}
    can_manage = can_manage_cluster_year(request.user, cluster_year)
    own = officer_unit_ids(request.user)
    launch = Launch.objects.filter(cluster_year=cluster_year).first()
    rows = services.status_rows(cluster_year)
    for row in rows:
        unit: Unit = row["unit"]  # type: ignore[assignment]
        registration: Registration | None = row["registration"]  # type: ignore[assignment]
        mine = refused == str(unit.pk)
        row["can_register"] = unit.pk in own
        row["targets"] = typed.get("targets", "") if mine and typed else getattr(registration, "targets", "")
        row["checked"] = (
            set(typed.getlist("titles"))
            if mine and typed
            else {t["code"] for t in getattr(registration, "titles", [])}
        )
        row["errors"] = errors if mine else {}
        row["error_id"] = f"err-targets-{unit.pk}"
    shown = {"launch", "sign", *(str(row["unit"].pk) for row in rows)}  # type: ignore[attr-defined]
    context = {
        "cluster_year": cluster_year,
        # A refused form the page does not show (a unit not on the roster): its messages go on top.
        "page_errors": [m for ms in errors.values() for m in ms] if refused and refused not in shown else [],
        "launch": launch,
        "launch_values": _launch_values(launch, typed if refused == "launch" else None),
        "launch_errors": errors if refused == "launch" else {},
        "rows": rows,
        "can_manage": can_manage,
        "titles": services.title_choices(cluster_year),
        "unsigned": [row["unit"] for row in rows if row["signing"] is None],
        "sign_values": {
            "signed_on": typed.get("signed_on", "") if refused == "sign" and typed else "",
            "units": set(typed.getlist("units")) if refused == "sign" and typed else set(),
        },
        "sign_errors": errors if refused == "sign" else {},
    }
    return render(request, "pact/overview.html", context)


@require_GET
@login_required
def overview(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    return _overview(request, get_cluster_year_for_user(request.user, cluster_id, year))


def _dates(data: QueryDict, fields: dict[str, str]) -> tuple[dict[str, dt.date], dict[str, list[str]]]:
    """The typed dates by field, and a message per field that is not a date."""
    found, errors = {}, {}
    for name, label in fields.items():
        try:
            found[name] = _date(data.get(name, ""), label)
        except ValidationError as error:
            errors[name] = error.messages
    return found, errors


@require_POST
@login_required
def launch(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    data = request.POST
    dates, errors = _dates(data, {"date": _("Launch date"), "deadline": _("Registration deadline")})
    try:
        if errors:
            raise ValidationError(errors)
        services.record_launch(
            cluster_year,
            date=dates["date"],
            document_number=data.get("document_number", ""),
            # A two-row box so a phone shows the whole summary; the line breaks it adds are not part of it.
            document_title=" ".join(data.get("document_title", "").split()),
            theme=data.get("theme", ""),
            deadline=dates["deadline"],
            by=request.user,
        )
    except ValidationError as error:
        return _overview(request, cluster_year, refused="launch", errors=_field_errors(error))
    messages.success(request, _("Launch recorded."))
    return _back(cluster_year)


@require_POST
@login_required
def register(request: HttpRequest, cluster_id: int, year: int, unit_id: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    unit = get_object_or_404(Unit, pk=unit_id)
    # A unit's officer registers its own unit; the lead and the board may enter it for them.
    if unit.pk not in officer_unit_ids(request.user) and not can_manage_cluster_year(
        request.user, cluster_year
    ):
        raise Http404(_("Not found."))
    try:
        services.register(
            cluster_year,
            unit,
            targets=request.POST.get("targets", ""),
            titles=request.POST.getlist("titles"),
            by=request.user,
        )
    except ValidationError as error:
        return _overview(request, cluster_year, refused=str(unit.pk), errors=_field_errors(error))
    messages.success(request, _("Emulation registration of {unit} recorded.").format(unit=unit.name))
    return _back(cluster_year)


@require_POST
@login_required
def sign(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    dates, errors = _dates(request.POST, {"signed_on": _("Pact signing date")})
    ids = [int(value) for value in request.POST.getlist("units") if value.isdigit()]
    units = list(Unit.objects.filter(pk__in=ids).order_by("name"))
    try:
        if errors:
            raise ValidationError(errors)
        services.record_signing(cluster_year, signed_on=dates["signed_on"], units=units, by=request.user)
    except ValidationError as error:
        return _overview(request, cluster_year, refused="sign", errors=_field_errors(error))
    messages.success(
        request,
        ngettext(
            "Recorded {count} unit signing the pact.", "Recorded {count} units signing the pact.", len(units)
        ).format(count=len(units)),
    )
    return _back(cluster_year)
