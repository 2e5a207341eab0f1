"""What is on record about a person or a unit, as plain data: the eligibility engine's input.

`None` always means "not on record" (unknown), never "none": an empty tuple says there was none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType


@dataclass(frozen=True)
class Initiative:
    id: str
    level: str | None = None  # co-so | tinh | toan-quoc
    used_for: str | None = None  # the award it already supported (CIRC-P1)


@dataclass(frozen=True)
class YearRecord:
    rating: str | None = None  # xuat-sac | tot | hoan-thanh | khong-hoan-thanh
    titles: tuple[str, ...] | None = None
    initiatives: tuple[Initiative, ...] | None = None
    staff: int | None = None
    staff_completed: int | None = None
    staff_titles: Mapping[str, int] | None = None
    staff_disciplined_warning_or_above: int | None = None
    cluster_place: int | None = None


@dataclass(frozen=True)
class Hold:
    kind: str  # discipline | investigation | inspection | complaint
    start: date | None = None
    end: date | None = None  # None: still open
    level: str | None = None

    def covers(self, day: date) -> bool | None:
        """Whether the hold is pending on `day`; None when its dates do not tell."""
        if self.end is not None and self.end < day:
            return False
        if self.start is None:
            return None
        return self.start <= day


@dataclass(frozen=True)
class Event:
    kind: str  # renamed_to | merged_into | split_from
    other: str
    date: date


@dataclass(frozen=True)
class Subject:
    code: str
    kind: str  # person | unit
    name: str | None = None
    sex: str | None = None
    direct_labourer: bool | None = None
    female_share: float | None = None
    years: Mapping[int, YearRecord] = field(default_factory=lambda: MappingProxyType({}))
    holds: tuple[Hold, ...] | None = None
    events: tuple[Event, ...] = ()
