"""Reads for the board's set-up pages: its units, clusters and officers' accounts, each list in a bounded
number of queries whatever its length (a test counts them at two sizes)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Cluster, Organizer, Unit, UnitEvent

PAGE_SIZE = 50


def units_of(organizer: Organizer, search: str = "") -> QuerySet[Unit]:
    """The organizer's units, member units first then sub-units, matching `search` in code or names."""
    found = Unit.objects.filter(organizer=organizer).select_related("parent")
    if search:
        found = found.filter(
            Q(code__icontains=search) | Q(name__icontains=search) | Q(short_name__icontains=search)
        )
    return found.order_by("code")


def unit_history(unit: Unit) -> dict[str, Any]:
    """What happened to the unit (its events) and what it came out of (others' events naming it)."""
    return {
        "events": list(
            UnitEvent.objects.filter(unit=unit).select_related("unit", "other").order_by("date", "id")
        ),
        "incoming": list(
            UnitEvent.objects.filter(other=unit).select_related("unit", "other").order_by("date", "id")
        ),
        "sub_units": list(unit.sub_units.order_by("code")),
        "clusters": list(
            ClusterYear.objects.filter(memberships__unit=unit)
            .select_related("cluster")
            .order_by("-year", "cluster__name")
        ),
    }


def clusters_of(organizer: Organizer) -> QuerySet[Cluster]:
    """The organizer's clusters and blocks with their years, newest first, and each year's member count."""
    years = (
        ClusterYear.objects.select_related("head").annotate(members=Count("memberships")).order_by("-year")
    )
    return (
        Cluster.objects.filter(organizer=organizer)
        .prefetch_related(Prefetch("years", queryset=years), "award_tiers")
        .order_by("kind", "name")
    )


def accounts_of(organizer: Organizer, search: str = "") -> QuerySet[Any]:
    """The accounts with a role inside the organizer, each with those roles."""
    inside = Q(kind=Role.Kind.BOARD, organizer=organizer) | Q(unit__organizer=organizer)
    inside |= Q(cluster_year__cluster__organizer=organizer)
    roles = Role.objects.filter(inside).select_related("unit", "cluster_year__cluster", "organizer")
    found = get_user_model().objects.filter(pk__in=Role.objects.filter(inside).values("user_id"))
    if search:
        found = found.filter(
            Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    return found.prefetch_related(Prefetch("roles", queryset=roles, to_attr="inside_roles")).order_by(
        "username"
    )


def roles_inside(user: Any, organizer: Organizer) -> list[Role]:
    return list(accounts_of(organizer).get(pk=user.pk).inside_roles)


def cluster_years_of(organizer: Organizer) -> QuerySet[ClusterYear]:
    return (
        ClusterYear.objects.filter(cluster__organizer=organizer)
        .select_related("cluster")
        .order_by("-year", "cluster__name")
    )
