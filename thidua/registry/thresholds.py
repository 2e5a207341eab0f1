"""The council's approval threshold for a proposal: the law's for the proposal's own regime and award
(awards.voting), else the one the province's board entered as its own rule (registry ProvinceRule, the
parameter COUNCIL_SHARE, for that award or for every award), in force on the day the council sits. A share
is of ALL council members, present or not (absent members vote in writing). None: no threshold known, and
the council may not open its vote (meeting.council) until the board enters one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.awards.catalogue import ANY_AWARD, COUNCIL_SHARE
from thidua.awards.voting import THRESHOLDS, Threshold, law_threshold
from thidua.organisations.models import Organizer
from thidua.registry.models import ProvinceRule

__all__ = ["THRESHOLDS", "Threshold", "Thresholds", "thresholds_of"]

Thresholds = Callable[[str, str], Threshold | None]


def thresholds_of(organizer: Organizer, on: date) -> Thresholds:
    """The threshold of (regime, award) for the organizer's council sitting on `on`."""
    rows = ProvinceRule.objects.filter(organizer=organizer, parameter=COUNCIL_SHARE, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    own = {row.award: row for row in rows}

    def find(regime: str, award: str) -> Threshold | None:
        found = law_threshold(regime, award)
        if found is not None:
            return found
        row = own.get(award) or own.get(ANY_AWARD)
        if row is None:
            return None
        return Threshold(
            Fraction(row.value, 100),
            _("province rule {rule}: {source}").format(rule=row.rule_id, source=row.source),
        )

    return find
