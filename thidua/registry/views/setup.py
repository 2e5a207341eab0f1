"""The board's set-up of its organizer ("Thiết lập"): units with their lineage, clusters and blocks, the
officers' accounts and roles. A year's roster, head, deputies and host, and a new year prepared from the
last, are the year's own entry pages (emulation.views.edit), linked from a cluster's page here.

Only the organizer's board reaches these pages (registry.rules.get_setup_*_for_user, 404 for anyone else);
every change is one action (organisations.actions, accounts.actions); a refusal re-renders the form with
what was typed and the action's message under the field it names.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts import actions as accounts
from thidua.core.audit import history_of
from thidua.core.concurrency import seen_version
from thidua.core.feedback import add_refusal
from thidua.core.numbers import plain
from thidua.emulation.views.presenters import leader_words
from thidua.organisations import actions as organisations
from thidua.organisations.models import Organizer, Unit
from thidua.registry import rules as scope
from thidua.registry import setup_queries as queries
from thidua.registry.setup_forms import AccountForm, ClusterForm, RoleForm, UnitEventForm, UnitForm

GET_POST = ["GET", "POST"]


def _search(request: HttpRequest) -> str:
    """What was typed in the search box, without control characters (PostgreSQL refuses a NUL)."""
    typed = "".join(char for char in request.GET.get("q", "") if char.isprintable())
    return typed.strip()[:100]


def _page(request: HttpRequest, found: Any) -> Any:
    return Paginator(found, queries.PAGE_SIZE).get_page(request.GET.get("trang"))


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


# ---- units --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def units(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    search = _search(request)
    page = _page(request, queries.units_of(organizer, search))
    context = {"organizer": organizer, "page": page, "search": search}
    return render(request, "registry/setup/units.html", context)


@login_required
@require_http_methods(GET_POST)
def unit_new(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    form = UnitForm(request.POST or None, organizer=organizer)
    if request.method == "POST" and form.is_valid():
        try:
            unit = organisations.create_unit(organizer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Added {name}.").format(name=unit.name))
            return redirect("registry:setup_unit", unit.pk)
    context = {"organizer": organizer, "form": form}
    return render(request, "registry/setup/unit_new.html", context, status=_status(form))


def _unit_page(request: HttpRequest, unit: Unit, *, form: Any = None, event_form: Any = None) -> HttpResponse:
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "female_share": str(plain(unit.female_share)).replace(".", ",")
        if unit.female_share is not None
        else "",
        "parent": unit.parent_id,
    }
    context = {
        "organizer": unit.organizer,
        "unit": unit,
        "form": form or UnitForm(initial=initial, organizer=unit.organizer, unit=unit),
        "event_form": event_form or UnitEventForm(unit=unit),
        "changes": history_of(unit),
        **queries.unit_history(unit),
    }
    bound = [f for f in (form, event_form) if f is not None]
    return render(request, "registry/setup/unit.html", context, status=max([200, *map(_status, bound)]))


@login_required
@require_http_methods(GET_POST)
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    found = scope.get_setup_unit_for_user(request.user, unit_id)
    if request.method != "POST":
        return _unit_page(request, found)
    form = UnitForm(request.POST, organizer=found.organizer, unit=found)
    if form.is_valid():
        try:
            organisations.update_unit(found, by=request.user, seen=seen_version(request), **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:setup_unit", found.pk)
    return _unit_page(request, found, form=form)


@login_required
@require_POST
def unit_event(request: HttpRequest, unit_id: int) -> HttpResponse:
    found = scope.get_setup_unit_for_user(request.user, unit_id)
    form = UnitEventForm(request.POST, unit=found)
    if form.is_valid():
        data = form.cleaned_data
        try:
            seen = seen_version(request)
            if data["kind"] == "dissolved":
                organisations.dissolve_unit(found, date=data["date"], by=request.user, seen=seen)
            else:
                organisations.add_unit_event(
                    found,
                    kind=data["kind"],
                    other=data["other"],
                    date=data["date"],
                    by=request.user,
                    seen=seen,
                )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Added to the unit's history."))
            return redirect("registry:setup_unit", found.pk)
    return _unit_page(request, found, event_form=form)


# ---- clusters and blocks ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def clusters(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    page = _page(request, queries.clusters_of(organizer))
    return render(request, "registry/setup/clusters.html", {"organizer": organizer, "page": page})


@login_required
@require_http_methods(GET_POST)
def cluster_new(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    form = ClusterForm(request.POST or None, organizer=organizer)
    if request.method == "POST" and form.is_valid():
        try:
            created = organisations.create_cluster(organizer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Added {name}.").format(name=created.name))
            return redirect("registry:setup_cluster", created.pk)
    context = {"organizer": organizer, "form": form}
    return render(request, "registry/setup/cluster_new.html", context, status=_status(form))


@login_required
@require_http_methods(GET_POST)
def cluster(request: HttpRequest, cluster_id: int) -> HttpResponse:
    found = scope.get_setup_cluster_for_user(request.user, cluster_id)
    initial = {"kind": found.kind, "name": found.name, "award_tiers": list(found.award_tiers.all())}
    form = ClusterForm(request.POST or None, organizer=found.organizer, cluster=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisations.update_cluster(
                found, by=request.user, seen=seen_version(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:setup_cluster", found.pk)
    years = queries.clusters_of(found.organizer).get(pk=found.pk).years.all()
    context = {
        "organizer": found.organizer,
        "cluster": found,
        "form": form,
        "years": years,
        "words": leader_words(found.kind),
        "changes": history_of(found),
    }
    return render(request, "registry/setup/cluster.html", context, status=_status(form))


# ---- accounts and roles -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def accounts_list(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    search = _search(request)
    page = _page(request, queries.accounts_of(organizer, search))
    context = {"organizer": organizer, "page": page, "search": search}
    return render(request, "registry/setup/accounts.html", context)


def _password_page(request: HttpRequest, organizer: Organizer, account: Any, password: str) -> HttpResponse:
    context = {"organizer": organizer, "account": account, "password": password}
    return render(request, "registry/setup/password.html", context)


@never_cache
@login_required
@require_http_methods(GET_POST)
def account_new(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    years = queries.cluster_years_of(organizer)
    form = AccountForm(request.POST or None, organizer=organizer, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            account, password = accounts.create_account(organizer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return _password_page(request, organizer, account, password)
    context = {"organizer": organizer, "form": form}
    return render(request, "registry/setup/account_new.html", context, status=_status(form))


def _account_page(request: HttpRequest, organizer: Organizer, account: Any, form: Any = None) -> HttpResponse:
    context = {
        "organizer": organizer,
        "account": account,
        "roles": account.inside_roles,
        "form": form or RoleForm(organizer=organizer, years=queries.cluster_years_of(organizer)),
        "may_reset": not accounts.roles_outside(account, organizer),
    }
    return render(request, "registry/setup/account.html", context, status=_status(form) if form else 200)


@login_required
@require_http_methods(["GET"])
def account(request: HttpRequest, organizer_id: int, account_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = scope.get_setup_account_for_user(request.user, organizer, account_id)
    return _account_page(request, organizer, found)


@login_required
@require_POST
def account_role(request: HttpRequest, organizer_id: int, account_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = scope.get_setup_account_for_user(request.user, organizer, account_id)
    form = RoleForm(request.POST, organizer=organizer, years=queries.cluster_years_of(organizer))
    if form.is_valid():
        try:
            accounts.grant_role(found, organizer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Role given."))
            return redirect("registry:setup_account", organizer.pk, found.pk)
    return _account_page(request, organizer, found, form)


@login_required
@require_POST
def account_revoke(request: HttpRequest, organizer_id: int, role_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    role = scope.get_setup_role_for_user(request.user, organizer, role_id)
    user_id = role.user_id
    accounts.revoke_role(role, organizer, by=request.user)
    messages.success(request, _("Role taken away."))
    if queries.accounts_of(organizer).filter(pk=user_id).exists():
        return redirect("registry:setup_account", organizer.pk, user_id)
    return redirect("registry:setup_accounts", organizer.pk)


@never_cache
@login_required
@require_POST
def account_password(request: HttpRequest, organizer_id: int, account_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = scope.get_setup_account_for_user(request.user, organizer, account_id)
    try:
        password = accounts.reset_password(found, organizer, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("registry:setup_account", organizer.pk, found.pk)
    return _password_page(request, organizer, found, password)
