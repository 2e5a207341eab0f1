"""The content of an exchange file (FORMAT.md, format 1) as typed, immutable values.

An absent key stays None ("not known"); only the defaults FORMAT.md itself states are filled in
(subject, min_approval, tie_break, exclusive, status), because those are rules of the format, not guesses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

Choices = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class OrganizerData:
    name: str
    short: str | None = None
    province: str | None = None
    standing_body: str | None = None


@dataclass(frozen=True)
class AwardData:
    code: str
    name: str
    grantor: str
    subject: str = "collective"
    catalog: str | None = None


@dataclass(frozen=True)
class UnitEventData:
    kind: str
    other: str
    date: datetime.date


@dataclass(frozen=True)
class UnitData:
    code: str
    name: str
    short: str | None = None
    female_share: Decimal | None = None
    events: tuple[UnitEventData, ...] | None = None
    # Where the entry starts in its file, for messages; not part of the content.
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RulesData:
    method: str
    quotas: dict[str, int] = field(default_factory=dict)
    min_approval: Decimal = Decimal("0.5")
    tie_break: tuple[str, ...] = ("score",)
    exclusive: bool = True


@dataclass(frozen=True)
class ClusterData:
    code: str
    kind: str
    name: str
    rules: RulesData


@dataclass(frozen=True)
class ReviewData:
    date: datetime.date | None = None
    place: str | None = None
    chair: str | None = None
    board_representative: str | None = None
    present: tuple[str, ...] | None = None


@dataclass(frozen=True)
class NextData:
    head: str | None = None
    deputies: tuple[str, ...] | None = None
    decided_by: str | None = None


@dataclass(frozen=True)
class YearData:
    year: int
    members: tuple[str, ...]
    head: str | None = None
    deputies: tuple[str, ...] | None = None
    host: str | None = None
    review: ReviewData = field(default_factory=ReviewData)
    scores: dict[str, Decimal] = field(default_factory=dict)
    ratings: dict[str, str] = field(default_factory=dict)
    ranking: tuple[str, ...] = ()
    ballots: tuple[Choices, ...] | None = None
    outcome: Choices | None = None
    unnamed: dict[str, int] = field(default_factory=dict)
    status: str = "proposed"
    next: NextData | None = None
    pact_signed: datetime.date | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExchangeData:
    format: int
    organizer: OrganizerData
    awards: tuple[AwardData, ...]
    units: tuple[UnitData, ...]
    cluster: ClusterData
    years: tuple[YearData, ...]
    source: str | None = None
    # Where the data was read from, for messages and the audit trail; not part of the content.
    file: str = field(default="", compare=False)
