"""Path converters with bounds: an id or a year the database cannot hold is a 404, not a 500.

Django's `int` takes any run of digits; 99999999999999999999 then overflows SQLite's INTEGER (a 500) or
PostgreSQL's bigint. Every URL of ours uses these instead (thidua/core/tests/test_urls_bounded.py).
"""

from __future__ import annotations

from django.urls import register_converter

# A BigAutoField's largest value on both engines.
MAX_ID = 2**63 - 1
FIRST_YEAR = 1945
LAST_YEAR = 2200


class IdConverter:
    """A database id: 1 to 2^63 - 1, at most 19 digits."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # the resolver tries the next pattern, then answers 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


class YearConverter:
    """A calendar year of emulation work: four digits, 1945 to 2200."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(value)
        return year

    def to_url(self, value: int) -> str:
        return str(int(value))


def bounded_int(value: str | None, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number typed in a form or a query string, or None when it is not one within [low, high]
    (`criterion=abc`, an id no database holds): the caller refuses with its own message."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
