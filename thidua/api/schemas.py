"""The shapes the API answers with (the results and verdicts are the files' own contracts, FORMAT.md and
ELIGIBILITY.md, and are passed through as those files write them)."""

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from ninja import Schema

from thidua.registry.models import Awardee


class Error(Schema):
    detail: str


class Invalid(Schema):
    """422 for parameters out of bounds or of the wrong type (an id no database holds, a year as text)."""

    detail: str
    errors: list[dict[str, Any]]


class LineError(Schema):
    line: int | None
    vi: str
    en: str


class FileErrors(Schema):
    detail: str
    errors: list[LineError]


class ClusterOut(Schema):
    id: int
    code: str
    kind: str
    name: str
    organizer: str


class ClusterYearOut(Schema):
    year: int
    head: str | None
    host: str | None
    members: list[str]
    status: str
    status_label: str


class DecisionOut(Schema):
    number: str
    date: date
    signer: str
    grantor: str
    award_name: str


class AwardOut(Schema):
    id: int
    name: str
    year: int
    award: str
    kind: str  # "unit" (tập thể) or "person" (cá nhân)
    unit: str | None
    person: str | None
    person_unit: str | None
    decision: DecisionOut
    revoked: bool

    # Units and people are named by their codes, as in the exchange file; ids stay internal.
    @staticmethod
    def resolve_kind(obj: Awardee) -> str:
        return "person" if obj.person_id else "unit"

    @staticmethod
    def resolve_unit(obj: Awardee) -> str | None:
        return obj.unit.code if obj.unit else None

    @staticmethod
    def resolve_person(obj: Awardee) -> str | None:
        return obj.person.code if obj.person else None

    @staticmethod
    def resolve_person_unit(obj: Awardee) -> str | None:
        return obj.person_unit.code if obj.person_unit else None


class Imported(Schema):
    cluster: int
    code: str
    organizer: str
    years: list[int]
    replaced: bool
    # Years on record the file left as they were (identical), and years the file lacks that were kept.
    unchanged: list[int]
    kept: list[int]
    unit_changes: list[str]


class SheetRow(Schema):
    sheet: str
    number: int
    text: str


class SheetMapping(Schema):
    typed: str
    meaning: str


class SheetPlan(Schema):
    """The preview of an import (sheets.importer.summary): the rows to create, change and leave alone (the
    counts cover every row, `lists` the first rows of each), the names read without an exact match."""

    source: str
    kind: str
    created: int
    changed: int
    same: int
    also: list[str]
    mappings: list[SheetMapping]
    lists: dict[str, list[SheetRow]]
    written: bool


class SheetProblem(Schema):
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    text: str  # the whole sentence as the preview page says it: "Trang tính '…', dòng 17, cột '…': …"


class SheetErrors(Schema):
    detail: str
    errors: list[SheetProblem]
    plan: SheetPlan


# ---- the public side: exactly what the public pages show (publication.queries), nothing else --------------


class PublicOrganizerOut(Schema):
    id: int
    name: str


class PublicAwardOut(Schema):
    """An award of the public honour roll as its decision published it (registry.verification.PublicAward):
    no birth year, rating, hold or proposal; a revoked award carries its revoking decision."""

    code: str
    name: str
    position: str
    unit: str
    collective: bool
    year: int
    award_name: str
    decision_number: str
    decision_date: date
    grantor: str
    revoked: bool
    revoked_number: str
    revoked_date: date | None
    url: str  # the award's public registry entry (where the certificate's QR code leads, via /xac-minh/)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("publication:entry", args=[obj.code])


class PlaceOut(Schema):
    place: int
    unit: str


class DecidedAwardOut(Schema):
    unit: str
    award_name: str
    decision_number: str
    decision_date: date
    code: str
    revoked: bool


class PublicResultsOut(Schema):
    """A cluster-year's results as the board published them (publication.queries.Results)."""

    token: str
    cluster: str
    year: int
    ranking: list[PlaceOut]
    awards: list[DecidedAwardOut]
    next_head: str
    next_deputies: list[str]
    pact_signed: date | None
    published_at: datetime


class PublicModelOut(Schema):
    """A published exemplary model as its list shows it."""

    token: str
    name: str
    position: str
    collective: bool
    title: str
    movement: str
    year: int
    featured: bool


class PublicModelDetailOut(PublicModelOut):
    """A published model's page: its story in paragraphs and its awards on record."""

    story: list[str]
    awards: list[PublicAwardOut]
