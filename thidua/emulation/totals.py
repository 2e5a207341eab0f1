"""A unit's totals: criteria plus bonus minus deduction, kept within 0 and the table's scale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thidua.core.numbers import plain
from thidua.emulation.models import Criterion, ItemScore, UnitScore


@dataclass(frozen=True)
class Totals:
    self_total: Decimal | None  # None until every item is self-scored
    appraised_total: Decimal | None  # None until every item is appraised

    @property
    def difference(self) -> Decimal | None:
        if self.self_total is None or self.appraised_total is None:
            return None
        return self.appraised_total - self.self_total


def _total(items: list[ItemScore], points: list[Decimal | None], scale: Decimal) -> Decimal | None:
    if not items or any(p is None for p in points):
        return None
    total = Decimal(0)
    for item, value in zip(items, points, strict=True):
        assert value is not None
        total += -value if item.criterion.kind == Criterion.Kind.DEDUCTION else value
    return plain(min(max(total, Decimal(0)), scale))


def totals_of(items: Iterable[ItemScore], scale: Decimal) -> Totals:
    rows = list(items)
    return Totals(
        _total(rows, [i.self_points for i in rows], scale),
        _total(rows, [i.appraised_points for i in rows], scale),
    )


def unit_totals(unit_score: UnitScore) -> Totals:
    items = unit_score.items.select_related("criterion")
    return totals_of(items, unit_score.sheet.scale)
