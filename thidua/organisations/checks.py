"""The checks on what anyone states about an organizer's units and clusters, written once for every door:
the exchange file (exchange.reader) and the board's own pages (organisations.actions) refuse the same
mistakes. Each check returns the cleaned value or raises a ValidationError keyed by the field it names.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.text import CODE_LENGTH, NAME_LENGTH, clean_text
from thidua.organisations.models import Cluster, UnitEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A unit's female share: a fraction with at most three decimals (Unit.female_share).
SHARE_PLACES, SHARE_LOW, SHARE_HIGH = 3, 0, 1
FIRST_YEAR, LAST_YEAR = 1945, 2999


def checked_text(
    field: str, label: StrOrPromise, value: str, *, code: bool = False, required: bool = True
) -> str:
    """Text the database can hold on every engine (core.text.clean_text), in NFC, trimmed; a code has no
    spaces inside and is at most CODE_LENGTH characters."""
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError({field: format_lazy(_("Enter {label}."), label=label)}, code="required")
        return ""
    value, problem = clean_text(value, CODE_LENGTH if code else NAME_LENGTH)
    if problem is not None:
        raise ValidationError({field: format_lazy("{label} {problem}", label=label, problem=problem)})
    if code and any(char.isspace() for char in value):
        raise ValidationError(
            {field: format_lazy(_("{label} cannot contain spaces: «{value}»."), label=label, value=value)},
            code="spaces",
        )
    return value


def checked_share(value: Decimal | None) -> Decimal | None:
    """A female share between 0 and 1 with at most three decimals (None: not known)."""
    if value is None:
        return None
    if not value.is_finite() or not SHARE_LOW <= value <= SHARE_HIGH:
        raise ValidationError(
            {"female_share": _("The female share must be between 0 and 1 (for example 0,45).")}, code="share"
        )
    if value != round(value, SHARE_PLACES):
        raise ValidationError(
            {"female_share": _("The female share has at most three decimal places.")}, code="share_places"
        )
    return value


def checked_kind(value: str, allowed: Iterable[str], field: str = "kind") -> str:
    if value not in list(allowed):
        raise ValidationError({field: _("Choose one of the listed kinds.")}, code="kind")
    return value


def checked_date(value: datetime.date | None, field: str = "date") -> datetime.date:
    if value is None:
        raise ValidationError({field: _("Enter the date (day/month/year).")}, code="required")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            {field: format_lazy(_("{year} is not a plausible year."), year=value.year)}, code="year"
        )
    return value


def lineage_problem(
    unit_code: str,
    kind: str,
    other_code: str,
    date: datetime.date,
    known: Iterable[tuple[str, str, datetime.date]],
) -> StrOrPromise | None:
    """Why one lineage event of a unit cannot stand beside its `known` events (kind, other, date), or None:
    a unit cannot become or come from itself, and the same event is stated once."""
    if kind not in UnitEvent.Kind.values:
        return _("Choose one of the listed kinds.")
    if other_code == unit_code:
        return _("A unit cannot be renamed to, merged into or split from itself.")
    if (kind, other_code, date) in set(known):
        return _("This event is already in the unit's history.")
    return None


def checked_cluster_kind(value: str) -> str:
    return checked_kind(value, Cluster.Kind.values)
