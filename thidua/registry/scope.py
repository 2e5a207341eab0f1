"""Who sees what in the registry, written once as querysets (as thidua/accounts/rules.py does for clusters).

- Board staff of an organizer: every person, unit and award of that organizer.
- A unit's officer: the unit itself (with its predecessors' awards on its page), its people (anyone with
  a posting there) and their awards.
- Superusers: everything. Anyone else: nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.models import Role
from thidua.organisations.models import Unit
from thidua.registry.models import Awardee, Person


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _board_organizers(user: Any) -> QuerySet[Role, Any]:
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.BOARD).values("organizer_id")


def _officer_units(user: Any) -> QuerySet[Role, Any]:
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.UNIT_OFFICER).values("unit_id")


def is_board(user: Any) -> bool:
    """Board staff (or a superuser): may see the statistics of a whole organizer."""
    return _active(user) and (user.is_superuser or _board_organizers(user).exists())


def visible_units(user: Any) -> QuerySet[Unit]:
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(Q(organizer_id__in=_board_organizers(user)) | Q(pk__in=_officer_units(user)))


def visible_persons(user: Any) -> QuerySet[Person]:
    if not _active(user):
        return Person.objects.none()
    if user.is_superuser:
        return Person.objects.all()
    return Person.objects.filter(
        Q(organizer_id__in=_board_organizers(user)) | Q(postings__unit_id__in=_officer_units(user))
    ).distinct()


def visible_awardees(user: Any) -> QuerySet[Awardee]:
    if not _active(user):
        return Awardee.objects.none()
    if user.is_superuser:
        return Awardee.objects.all()
    units = _officer_units(user)
    people = Person.objects.filter(postings__unit_id__in=units).values("pk")
    return Awardee.objects.filter(
        Q(decision__organizer_id__in=_board_organizers(user))
        | Q(unit_id__in=units)
        | Q(person_unit_id__in=units)
        | Q(person_id__in=people)
    )
