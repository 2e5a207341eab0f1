"""Who may see and manage which cluster and cluster-year, computed from the user's roles.

The scope is written once, as querysets (`visible_cluster_years`, `visible_clusters`,
`managed_cluster_years`); the per-object checks and the `rules` permissions below are that same scope
asked about one object, so a list page and a detail page can never disagree.

- Board staff of an organizer: every cluster and year of that organizer, and may manage them.
- Cluster lead of a cluster-year: that cluster with all its years; manages that one year.
- Unit officer of a unit: the years in which the unit is a member, and their clusters; manages nothing.
- Superusers: everything.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear, Membership
from thidua.organisations.models import Cluster, Organizer


def _has_scope(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _roles(user: Any, kind: Role.Kind) -> QuerySet[Role]:
    return Role.objects.filter(user_id=user.pk, kind=kind)


def _board_organizers(user: Any) -> QuerySet[Role, Any]:
    return _roles(user, Role.Kind.BOARD).values("organizer_id")


def board_organizers(user: Any) -> QuerySet[Organizer]:
    """The organizers whose board the user serves on (every organizer for a superuser): creating a year,
    importing a file, proposals, decisions and the council are the board's acts."""
    if not _has_scope(user):
        return Organizer.objects.none()
    if user.is_superuser:
        return Organizer.objects.all()
    return Organizer.objects.filter(pk__in=_board_organizers(user))


def visible_cluster_years(user: Any) -> QuerySet[ClusterYear]:
    """The cluster-years the user may open."""
    if not _has_scope(user):
        return ClusterYear.objects.none()
    if user.is_superuser:
        return ClusterYear.objects.all()
    member_years = Membership.objects.filter(
        unit_id__in=_roles(user, Role.Kind.UNIT_OFFICER).values("unit_id")
    ).values("cluster_year_id")
    return ClusterYear.objects.filter(
        Q(cluster__organizer_id__in=_board_organizers(user))
        | Q(cluster_id__in=_roles(user, Role.Kind.CLUSTER_LEAD).values("cluster_year__cluster_id"))
        | Q(pk__in=member_years)
    )


def visible_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters the user may open: a board sees its organizer's clusters even before any year."""
    if not _has_scope(user):
        return Cluster.objects.none()
    if user.is_superuser:
        return Cluster.objects.all()
    return Cluster.objects.filter(
        Q(organizer_id__in=_board_organizers(user))
        | Q(pk__in=visible_cluster_years(user).values("cluster_id"))
    )


def managed_cluster_years(user: Any) -> QuerySet[ClusterYear]:
    """The cluster-years the user may change (conclude the review, record the leadership…)."""
    if not _has_scope(user):
        return ClusterYear.objects.none()
    if user.is_superuser:
        return ClusterYear.objects.all()
    return ClusterYear.objects.filter(
        Q(cluster__organizer_id__in=_board_organizers(user))
        | Q(pk__in=_roles(user, Role.Kind.CLUSTER_LEAD).values("cluster_year_id"))
    )


@rules.predicate
def can_view_cluster(user: Any, cluster: Cluster | None) -> bool:
    return cluster is not None and visible_clusters(user).filter(pk=cluster.pk).exists()


@rules.predicate
def can_view_cluster_year(user: Any, cluster_year: ClusterYear | None) -> bool:
    return cluster_year is not None and visible_cluster_years(user).filter(pk=cluster_year.pk).exists()


@rules.predicate
def can_manage_cluster_year(user: Any, cluster_year: ClusterYear | None) -> bool:
    return cluster_year is not None and managed_cluster_years(user).filter(pk=cluster_year.pk).exists()


# For templates and other apps: `user.has_perm("thidua.view_cluster_year", cluster_year)`.
# The names are outside Django's model permissions so the admin's own checks stay untouched.
rules.add_perm("thidua.view_cluster", can_view_cluster)
rules.add_perm("thidua.view_cluster_year", can_view_cluster_year)
rules.add_perm("thidua.manage_cluster_year", can_manage_cluster_year)


def officer_unit_ids(user: Any) -> set[int]:
    """The units whose officer the user is (their own unit's forms open for them)."""
    if not _has_scope(user):
        return set()
    return set(_roles(user, Role.Kind.UNIT_OFFICER).values_list("unit_id", flat=True))


def cluster_year_or_404(user: Any, cluster_id: int, year: int) -> ClusterYear:
    """The cluster-year if the user may open it; 404 otherwise (its existence is not revealed)."""
    from django.shortcuts import get_object_or_404

    scope = visible_cluster_years(user).select_related("cluster")
    return get_object_or_404(scope, cluster_id=cluster_id, year=year)


def manage_or_404(user: Any, cluster_year: ClusterYear) -> None:
    from django.http import Http404

    if not can_manage_cluster_year(user, cluster_year):
        raise Http404("Không tìm thấy.")
