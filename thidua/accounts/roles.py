"""A user's roles as scopes, written once: every home's rules predicates start from these.

- Board staff of an organizer (Role BOARD): the organizer's clusters, years, proposals, council, registry.
- Cluster lead of a cluster-year (Role CLUSTER_LEAD): that year (emulation.rules says what it may do).
- Unit officer of a unit (Role UNIT_OFFICER): the unit and its sub-units.
- Superusers: everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.models import Role
from thidua.organisations.models import Organizer


def active(user: Any) -> bool:
    """A logged-in, active user: anyone else has no scope at all."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_of(user: Any, kind: Role.Kind) -> QuerySet[Role]:
    return Role.objects.filter(user_id=user.pk, kind=kind)


def board_organizer_ids(user: Any) -> QuerySet[Role, Any]:
    """The ids of the organizers whose board the user serves on, as a subquery."""
    return roles_of(user, Role.Kind.BOARD).values("organizer_id")


def officer_unit_id_rows(user: Any) -> QuerySet[Role, Any]:
    """The ids of the units whose officer the user is, as a subquery."""
    return roles_of(user, Role.Kind.UNIT_OFFICER).values("unit_id")


def board_organizers(user: Any) -> QuerySet[Organizer]:
    """The organizers whose board the user serves on (every organizer for a superuser): creating a year,
    importing a file, proposals, decisions and the council are the board's acts."""
    if not active(user):
        return Organizer.objects.none()
    if user.is_superuser:
        return Organizer.objects.all()
    return Organizer.objects.filter(pk__in=board_organizer_ids(user))


def officer_unit_ids(user: Any) -> set[int]:
    """The units whose officer the user is (their own unit's forms open for them)."""
    if not active(user):
        return set()
    return set(officer_unit_id_rows(user).values_list("unit_id", flat=True))
