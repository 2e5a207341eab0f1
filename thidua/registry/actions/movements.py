"""The organizer's thematic or ad hoc movements (models.Movement): the board launches one with its name,
dates and the awards it may lead to. One transaction, one audit row; bad input a Vietnamese refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.notifications import Kind, notify, officers_under
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
    errors = _problems(organizer, name, start, end, awards, movement=None)
    if errors:
        raise ValidationError(errors)
    movement = Movement.objects.create(
        organizer=organizer, name=name, start=start, end=end, awards=list(dict.fromkeys(awards))
    )
    record(by, "registry.movement.launch", movement, name=name, awards=movement.awards)
    # Registration under the movement opens with it: every unit's officer is told (mail after commit).
    notify(
        officers_under(organizer),
        Kind.STAGE,
        _(
            "{organizer} launched the movement «{movement}» on {start}: units may now propose under it."
        ).format(organizer=organizer.name, movement=movement.name, start=f"{start:%d/%m/%Y}"),
        reverse("registry:proposals"),
    )
    return movement


def _problems(
    organizer: Organizer,
    name: str,
    start: dt.date,
    end: dt.date | None,
    awards: Sequence[str],
    *,
    movement: Movement | None,
) -> dict[str, list[str]]:
    """What is wrong with a movement's name, dates and awards (the same checks at launch and at a change)."""
    errors: dict[str, list[str]] = {}
    same_name = Movement.objects.filter(organizer=organizer, name__iexact=name)
    if movement is not None:
        same_name = same_name.exclude(pk=movement.pk)
    if not name:
        errors["name"] = [_("Enter the name of the movement.")]
    elif same_name.exists():
        errors["name"] = [_("The organizer already has a movement with this name.")]
    if end is not None and end < start:
        errors["end"] = [_("The end date cannot be before the launch date.")]
    unknown = [code for code in awards if code not in AWARDS]
    if unknown:
        errors["awards"] = [_("Not in the catalogue: {codes}.").format(codes=", ".join(unknown))]
    return errors


def _orphans(
    movement: Movement, start: dt.date, end: dt.date | None, awards: Sequence[str]
) -> dict[str, list[str]]:
    """The proposals already made under the movement that the change would leave outside it: asking for
    an award it would no longer lead to, or for a year outside its new dates."""
    errors: dict[str, list[str]] = {}
    proposals = movement.proposals.all()
    if awards:
        lost = sorted(
            set(proposals.exclude(award__in=awards).exclude(award="").values_list("award", flat=True))
        )
        if lost:
            names = [AWARDS[c].name if c in AWARDS else c for c in lost]
            errors["awards"] = [
                _(
                    "Proposals under this movement already ask for: {awards}. Keep these awards ticked, or "
                    "withdraw or move those proposals first."
                ).format(awards="; ".join(names))
            ]
    outside = proposals.filter(year__lt=start.year)
    if end is not None:
        outside = outside | proposals.filter(year__gt=end.year)
    years = sorted(set(outside.values_list("year", flat=True)))
    if years:
        errors["start"] = [
            _(
                "Proposals under this movement are for {years}, outside the new dates: keep dates that cover "
                "those years."
            ).format(years=", ".join(str(y) for y in years))
        ]
    return errors


@transaction.atomic
def change_movement(
    movement: Movement,
    *,
    name: str,
    start: dt.date,
    end: dt.date | None,
    awards: Sequence[str],
    by: Actor,
) -> Movement:
    """Correct a movement's name, dates or awards; refused, with nothing changed, when a proposal already
    made under it would fall outside it."""
    movement = Movement.objects.select_for_update().select_related("organizer").get(pk=movement.pk)
    name = " ".join(name.split())
    awards = list(dict.fromkeys(awards))
    errors = _problems(movement.organizer, name, start, end, awards, movement=movement)
    for field, messages in _orphans(movement, start, end, awards).items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    before = {"name": movement.name, "start": movement.start, "end": movement.end, "awards": movement.awards}
    movement.name, movement.start, movement.end, movement.awards = name, start, end, awards
    movement.save(update_fields=["name", "start", "end", "awards"])
    after = {"name": name, "start": start, "end": end, "awards": awards}
    changed = {
        key: [_plain(before[key]), _plain(value)] for key, value in after.items() if before[key] != value
    }
    record(by, "registry.movement.change", movement, changed=changed)
    return movement


def _plain(value: object) -> object:
    """A value as the audit row keeps it (JSON): a date as its ISO form."""
    return value.isoformat() if isinstance(value, dt.date) else value


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
