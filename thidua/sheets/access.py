"""Who may import what, for every door of the importer (the page, the API): board staff for their organizer,
every kind; a unit's officer for the unit and its sub-units, the kinds that are not the board's only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.roles import board_organizers, officer_unit_ids, roles_of
from thidua.emulation.models import ClusterYear, Membership
from thidua.organisations.models import Unit
from thidua.sheets.importer import Kind, Scope, kinds


def scope_for(user: Any, wanted: str | None) -> tuple[Scope, list[Kind]]:
    """The user's scope and the kinds they may import; 404 for anyone with none of the roles. `wanted` is the
    organizer's id a board officer of several chose (their first by name otherwise). A cluster lead (Role
    CLUSTER_LEAD, who appraises the year's scores on the score page) imports the score table of the years
    they lead, and nothing more unless they are also a unit's officer."""
    boards = board_organizers(user).order_by("name")
    if wanted and not wanted.isdigit():
        raise Http404(_("Not found."))
    organizer = boards.filter(pk=int(wanted)).first() if wanted else boards.first()
    if organizer is not None:
        return Scope(organizer), list(kinds().values())
    own = officer_unit_ids(user)
    units = Unit.objects.filter(Q(pk__in=own) | Q(parent_id__in=own)).select_related("organizer")
    led = ClusterYear.objects.filter(
        pk__in=roles_of(user, Role.Kind.CLUSTER_LEAD).values("cluster_year_id")
    ).select_related("cluster__organizer")
    first_unit, first_led = units.first(), led.order_by("cluster__name", "-year").first()
    if wanted or (first_unit is None and first_led is None):
        raise Http404(_("Not found."))
    chosen = first_unit.organizer if first_unit is not None else first_led.cluster.organizer  # type: ignore[union-attr]
    ids = frozenset(u.pk for u in units if u.organizer_id == chosen.pk)
    led_years = frozenset(led.filter(cluster__organizer=chosen).values_list("pk", flat=True))
    led_units = frozenset(
        Membership.objects.filter(cluster_year_id__in=led_years).values_list("unit_id", flat=True)
    )
    allowed = [k for k in kinds().values() if not k.board_only] if ids else []
    if led_years and not any(k.code == "scores" for k in allowed):
        allowed.append(kinds()["scores"])
    return Scope(chosen, ids, led_years, led_units), allowed


def led_scope(user: Any, years: frozenset[int]) -> tuple[frozenset[int], frozenset[int]]:
    """Of `years`, those the user still leads, and their member units (a background import's scope)."""
    still = frozenset(
        roles_of(user, Role.Kind.CLUSTER_LEAD)
        .filter(cluster_year_id__in=years)
        .values_list("cluster_year_id", flat=True)
    )
    units = frozenset(Membership.objects.filter(cluster_year_id__in=still).values_list("unit_id", flat=True))
    return still, units
