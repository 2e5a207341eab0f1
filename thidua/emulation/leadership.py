"""The rules a year's head and deputies obey, for this year's leadership (emulation.services.set_leadership)
and for next year's as the review records it (review.services.record_next_leadership): written once."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Unit

MAX_DEPUTIES = 2  # FORMAT.md: zero, one or two deputies


def names(units: Sequence[Unit]) -> str:
    return ", ".join(unit.display_name for unit in units)


def check_leadership(
    cluster_year: ClusterYear, head: Unit | None, deputies: Sequence[Unit] | None, *, when: str = ""
) -> None:
    """Refuse a head or deputies who are not members of `cluster_year`, more than two deputies, or a
    head who is also a deputy. `when` (" năm sau") says whose leadership the message is about."""
    members = set(cluster_year.memberships.values_list("unit_id", flat=True))
    if head is not None and head.pk not in members:
        raise ValidationError(
            _("The cluster head{when} must be a member unit of {year}: {name} is not on the list.").format(
                when=when, year=cluster_year.year, name=head.display_name
            ),
            code="head_not_member",
        )
    if deputies is not None and len(deputies) > MAX_DEPUTIES:
        raise ValidationError(
            _("At most two deputies; {count} chosen: {names}.").format(
                count=len(deputies), names=names(deputies)
            ),
            code="too_many_deputies",
        )
    strangers = [u for u in deputies or [] if u.pk not in members]
    if strangers:
        raise ValidationError(
            _("The deputies{when} must be member units of {year}: {names}.").format(
                when=when, year=cluster_year.year, names=names(strangers)
            ),
            code="deputy_not_member",
        )
    if head is not None and any(u.pk == head.pk for u in deputies or []):
        raise ValidationError(
            _("{name} cannot be both cluster head and deputy.").format(name=head.display_name),
            code="head_is_deputy",
        )
