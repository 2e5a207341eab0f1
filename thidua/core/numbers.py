"""Numbers as a person writes them on a score sheet or in minutes (one way, used everywhere)."""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal) -> Decimal:
    """98.50 -> 98.5, 96.00 -> 96, 0.500 -> 0.5, 100.0 -> 100 (never 1E+2)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def plain_or_none(value: Decimal | None) -> Decimal | None:
    return None if value is None else plain(value)
