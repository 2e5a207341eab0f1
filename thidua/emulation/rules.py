"""Who may see and manage which cluster and cluster-year, computed from the user's roles (accounts.roles).

The scope is written once, as querysets (`visible_cluster_years`, `visible_clusters`,
`managed_cluster_years`); the per-object checks, the `rules` permissions and the `get_<object>_for_user`
helpers below are that same scope asked about one object, so a list page and a detail page never disagree.

- Board staff of an organizer: every cluster and year of that organizer, and may manage them.
- Cluster lead of a cluster-year: that cluster with all its years; manages that one year.
- Unit officer of a unit: the years in which the unit is a member, and their clusters; manages nothing.
- Superusers: everything.

Views get their cluster or cluster-year only through `get_cluster_for_user` and
`get_cluster_year_for_user`: anyone outside the scope gets 404, so a page does not reveal that it exists.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.roles import (
    active,
    board_organizer_ids,
    board_organizers,
    officer_unit_id_rows,
    roles_of,
)
from thidua.emulation.models import ClusterYear, Membership
from thidua.organisations.models import Cluster


def visible_cluster_years(user: Any) -> QuerySet[ClusterYear]:
    """The cluster-years the user may open."""
    if not active(user):
        return ClusterYear.objects.none()
    if user.is_superuser:
        return ClusterYear.objects.all()
    member_years = Membership.objects.filter(unit_id__in=officer_unit_id_rows(user)).values("cluster_year_id")
    return ClusterYear.objects.filter(
        Q(cluster__organizer_id__in=board_organizer_ids(user))
        | Q(cluster_id__in=roles_of(user, Role.Kind.CLUSTER_LEAD).values("cluster_year__cluster_id"))
        | Q(pk__in=member_years)
    )


def visible_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters the user may open: a board sees its organizer's clusters even before any year."""
    if not active(user):
        return Cluster.objects.none()
    if user.is_superuser:
        return Cluster.objects.all()
    return Cluster.objects.filter(
        Q(organizer_id__in=board_organizer_ids(user))
        | Q(pk__in=visible_cluster_years(user).values("cluster_id"))
    )


def managed_cluster_years(user: Any) -> QuerySet[ClusterYear]:
    """The cluster-years the user may change (enter the year, run the meeting, conclude…)."""
    if not active(user):
        return ClusterYear.objects.none()
    if user.is_superuser:
        return ClusterYear.objects.all()
    return ClusterYear.objects.filter(
        Q(cluster__organizer_id__in=board_organizer_ids(user))
        | Q(pk__in=roles_of(user, Role.Kind.CLUSTER_LEAD).values("cluster_year_id"))
    )


def extendable_clusters(user: Any) -> QuerySet[Cluster]:
    """The clusters the user may add a year to: their organizer's board's."""
    return Cluster.objects.filter(organizer__in=board_organizers(user))


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


def get_cluster_for_user(user: Any, cluster_id: int, *, extend: bool = False) -> Cluster:
    """The cluster if the user may open it (`extend`: add a year to it, the board's act); else 404."""
    scope = extendable_clusters(user) if extend else visible_clusters(user)
    return get_object_or_404(scope.select_related("organizer"), pk=cluster_id)


def get_cluster_year_for_user(user: Any, cluster_id: int, year: int, *, manage: bool = False) -> ClusterYear:
    """The cluster-year if the user may open it (`manage`: change it); else 404."""
    scope = managed_cluster_years(user) if manage else visible_cluster_years(user)
    scope = scope.select_related("cluster__organizer", "head", "host")
    return get_object_or_404(scope, cluster_id=cluster_id, year=year)
