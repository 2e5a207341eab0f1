"""The organizer's thematic or ad hoc movements (models.Movement): the board launches one with its name,
dates and the awards it may lead to. One transaction, one audit row; bad input a Vietnamese refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.catalogue import AWARDS
from thidua.core.audit import Actor, record
from thidua.organisations.models import Organizer
from thidua.registry.models import Movement


@transaction.atomic
def launch_movement(
    organizer: Organizer,
    *,
    name: str,
    start: dt.date,
    end: dt.date | None,
    awards: Sequence[str],
    by: Actor,
) -> Movement:
    """Record a movement the organizer launched; the awards are codes of the legal catalogue."""
    name = " ".join(name.split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Enter the name of the movement.")]
    elif Movement.objects.filter(organizer=organizer, name__iexact=name).exists():
        errors["name"] = [_("The organizer already has a movement with this name.")]
    if end is not None and end < start:
        errors["end"] = [_("The end date cannot be before the launch date.")]
    unknown = [code for code in awards if code not in AWARDS]
    if unknown:
        errors["awards"] = [_("Not in the catalogue: {codes}.").format(codes=", ".join(unknown))]
    if errors:
        raise ValidationError(errors)
    movement = Movement.objects.create(
        organizer=organizer, name=name, start=start, end=end, awards=list(dict.fromkeys(awards))
    )
    record(by, "registry.movement.launch", movement, name=name, awards=movement.awards)
    return movement


def check_proposal_fits(movement: Movement, organizer: Organizer, award: str) -> None:
    """A proposal under `movement` is for its organizer and one of the awards it may lead to."""
    if movement.organizer_id != organizer.pk:
        raise ValidationError({"movement": [_("The movement belongs to another organizer.")]})
    if movement.awards and award not in movement.awards:
        raise ValidationError(
            {
                "award": [
                    _("The movement «{movement}» may lead only to: {awards}.").format(
                        movement=movement.name, awards=", ".join(movement.award_names)
                    )
                ]
            }
        )
