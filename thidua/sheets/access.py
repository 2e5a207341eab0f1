"""Who may import what, for every door of the importer (the page, the API): board staff for their organizer,
every kind; a unit's officer for the unit and its sub-units, the kinds that are not the board's only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.accounts.roles import board_organizers, officer_unit_ids
from thidua.organisations.models import Unit
from thidua.sheets.importer import Kind, Scope, kinds


def scope_for(user: Any, wanted: str | None) -> tuple[Scope, list[Kind]]:
    """The user's scope and the kinds they may import; 404 for anyone with neither role. `wanted` is the
    organizer's id a board officer of several chose (their first by name otherwise)."""
    boards = board_organizers(user).order_by("name")
    if wanted and not wanted.isdigit():
        raise Http404(_("Not found."))
    organizer = boards.filter(pk=int(wanted)).first() if wanted else boards.first()
    if organizer is not None:
        return Scope(organizer), list(kinds().values())
    own = officer_unit_ids(user)
    units = Unit.objects.filter(Q(pk__in=own) | Q(parent_id__in=own)).select_related("organizer")
    first = units.first()
    if wanted or first is None:
        raise Http404(_("Not found."))
    ids = frozenset(u.pk for u in units if u.organizer_id == first.organizer_id)
    return Scope(first.organizer, ids), [k for k in kinds().values() if not k.board_only]
