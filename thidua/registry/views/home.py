"""The first pages after login: the board's dashboard of its organizer's year, and "what is due for me" for a
cluster head and a unit's officer (the home page, front:home, sends each role to its own). Reads are in
dashboard.py; outsiders get 404 as everywhere."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.core import pagecache
from thidua.organisations.models import Organizer
from thidua.registry import dashboard
from thidua.registry import rules as scope


def board_organizer(request: HttpRequest) -> tuple[Organizer, list[Organizer]]:
    """The organizer of the dashboard: `?to_chuc=` among the user's boards, else the first by name."""
    candidates = scope.board_organizers(request.user).order_by("name")
    wanted = request.GET.get("to_chuc", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404(_("Not found."))
        return get_object_or_404(candidates, pk=int(wanted)), list(candidates)
    found = list(candidates)
    if not found:
        raise Http404(_("Not found."))
    return found[0], found


def _year(request: HttpRequest, years: list[int]) -> int:
    """`?nam=` if it is a year, else the newest year the organizer's clusters have (a wrong value is said)."""
    value = request.GET.get("nam", "").strip()
    if value.isdigit() and 1900 <= int(value) <= 2200:
        return int(value)
    if value:
        messages.error(
            request, _("“{value}” is not a year: showing the newest year instead.").format(value=value)
        )
    return years[0] if years else 0


@require_GET
@login_required
def board_dashboard(request: HttpRequest) -> HttpResponse:
    organizer, organizers = board_organizer(request)
    years = dashboard.board_years(organizer)
    year = _year(request, years)
    # The body (every figure of the year, all links) is the same for every member of the board until the
    # data changes: kept rendered (core/pagecache.py). It reads nothing of the request but what is keyed.
    body = pagecache.kept(
        "registry.dashboard",
        (organizer.pk, year, tuple(years), tuple(o.pk for o in organizers)),
        lambda: render_to_string(
            "registry/_dashboard_body.html",
            {"board": dashboard.board_dashboard(organizer, organizers, year, years)},
        ),
    )
    return render(request, "registry/dashboard.html", {"year": year, "body": body})


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/my_work.html", {"work": dashboard.my_work(request.user)})
