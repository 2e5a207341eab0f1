"""Names as typed in an office's list -> what thidua knows: award forms (the catalogue), ratings and units.
One way to compare them (folding.fold: with or without diacritics, any case or spacing); a match that is not
exact is returned as such, for the user to confirm before anything is written."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.utils import translation

from thidua.awards.catalogue import AWARDS
from thidua.emulation.models import Criterion, Rating
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.registry.folding import fold
from thidua.sheets.wording import AWARD_ALIASES, RATING_ALIASES

T = TypeVar("T")


def plain(text: str) -> str:
    """The text as typed, compared exactly: same letters and diacritics, any case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class Mapping:
    """A name of the file taken as something thidua knows, though not written exactly so."""

    what: str  # "award", "rating", "unit", "person"
    typed: str
    meaning: str


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    exact: bool


class _Table(Generic[T]):
    """Folded name -> the values it names; exact names beside."""

    def __init__(self) -> None:
        self.exact: dict[str, T] = {}
        self.folded: dict[str, list[T]] = defaultdict(list)

    def add(self, value: T, *names: str, exact: Iterable[str] = ()) -> None:
        for name in exact:
            self.exact.setdefault(plain(name), value)
        for name in (*names, *exact):
            folded = fold(name)
            if folded and value not in self.folded[folded]:
                self.folded[folded].append(value)

    def find(self, typed: str) -> list[Found[T]]:
        if plain(typed) in self.exact:
            return [Found(self.exact[plain(typed)], True)]
        return [Found(value, False) for value in self.folded.get(fold(typed), [])]


def _labels(label: object) -> tuple[str, str]:
    with translation.override("vi"):
        vi = str(label)
    with translation.override("en"):
        en = str(label)
    return vi, en


def award_name(code: str) -> str:
    with translation.override("vi"):
        return AWARDS[code].name


class Names:
    """The names one import may use: the catalogue, the ratings and `units` (the organizer's)."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.awards: _Table[str] = _Table()
        for code, award in AWARDS.items():
            vi, en = _labels(award.label)
            self.awards.add(code, en, code, exact=[vi])
        for alias, code in AWARD_ALIASES.items():
            self.awards.add(code, alias)
        self.ratings: _Table[str] = _Table()
        for value, label in Rating.choices:
            vi, en = _labels(label)
            self.ratings.add(value, en, value, exact=[vi])
        for alias, value in RATING_ALIASES.items():
            self.ratings.add(value, alias)
        self.units: _Table[Unit] = _Table()
        for unit in units:
            self.units.add(
                unit, unit.code, exact=[unit.name, *([unit.short_name] if unit.short_name else [])]
            )

    def award(self, typed: str) -> Found[str] | None:
        found = self.awards.find(typed)
        return found[0] if len(found) == 1 else None

    def rating(self, typed: str) -> Found[str] | None:
        found = self.ratings.find(typed)
        return found[0] if len(found) == 1 else None

    def unit(self, typed: str) -> list[Found[Unit]]:
        return self.units.find(typed)


def rating_name(value: str) -> str:
    with translation.override("vi"):
        return str(Rating(value).label)


def criterion_kinds() -> _Table[str]:
    """A score table's kinds of criterion by their labels (Vietnamese exact, English and codes folded)."""
    found: _Table[str] = _Table()
    for value, label in Criterion.Kind.choices:
        vi, en = _labels(label)
        found.add(value, en, value, exact=[vi])
    return found


def clusters(organizer: Organizer) -> _Table[Cluster]:
    """The organizer's clusters and blocks by name (exact) and code (folded)."""
    found: _Table[Cluster] = _Table()
    for cluster in Cluster.objects.filter(organizer=organizer):
        found.add(cluster, cluster.code, exact=[cluster.name])
    return found
