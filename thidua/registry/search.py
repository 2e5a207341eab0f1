"""Search the registry as people type: "Duong Thi Nha" finds "Đường Thị Nhã", "d" matches "đ", each word
matches the start of a word ("an" finds An, not Lan), and the offices' abbreviations match their full forms
and back ("UBND" finds "Ủy ban nhân dân…", "CSTĐ" finds the Chiến sĩ thi đua awards).

Both databases search the same folded column (folding.fold, kept on save); on PostgreSQL a trigram GIN index
(migration 0002) serves these LIKE filters.

Built for millions of awards: results come newest year first, then newest entry, an order an index holds
(year, id), so a page is the next `size` rows after a cursor ("2024.81233": the year and id of the last row
shown), never an OFFSET that reads every row before it, never a sort of every match. The count stops at
COUNT_CAP + 1 rows: beyond, the page says "more than 1,000" with PostgreSQL's estimate when it has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.db import connections
from django.db.models import Q, QuerySet

from thidua.organisations.models import Unit
from thidua.registry.abbreviations import ABBREVIATIONS
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision

MOST_TERMS = 12  # the words of a query that are searched for; a name or a unit needs far fewer

# A word: letters and digits, with "&" and "/" kept inside codes such as "KH&ĐT" or "12/QĐ".
_WORD = re.compile(r"[\w&/]+")


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class _Form:
    abbreviations: tuple[str, ...]  # every way the offices shorten it ("kh&dt", "khdt")
    full: tuple[str, ...]
    is_award: bool


@cache
def _forms() -> tuple[_Form, ...]:
    shortened: dict[tuple[str, ...], list[str]] = {}
    award: dict[tuple[str, ...], bool] = {}
    for abbreviation, full, is_award in ABBREVIATIONS:
        shortened.setdefault(tuple(words(full)), []).append(fold(abbreviation))
        award[tuple(words(full))] = is_award
    return tuple(_Form(tuple(abbrs), full, award[full]) for full, abbrs in shortened.items())


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: a plain word, or an abbreviation with its full form (either matches)."""

    word: str
    form: _Form | None = None


def terms(query: str) -> Iterator[Term]:
    """The query's words, with a known full form or abbreviation taken as one term (longest first)."""
    found = words(query)
    position = 0
    while position < len(found):
        form = _form_at(found, position)
        if form is None:
            yield Term(found[position])
            position += 1
        else:
            yield Term(found[position], form)
            position += 1 if found[position] in form.abbreviations else len(form.full)


def _form_at(found: list[str], position: int) -> _Form | None:
    best: _Form | None = None
    for form in _forms():
        if found[position] in form.abbreviations:
            return form
        end = position + len(form.full)
        if tuple(found[position:end]) == form.full and (best is None or len(form.full) > len(best.full)):
            best = form
    return best


def _starts_a_word(word: str) -> Q:
    return Q(name_folded__startswith=word) | Q(name_folded__contains=" " + word)


def _all_words(found: Iterable[str]) -> Q:
    condition = Q()
    for word in found:
        condition &= _starts_a_word(word)
    return condition


def _term_filter(term: Term) -> Q:
    if term.form is None:
        return _starts_a_word(term.word)
    condition = _all_words(term.form.full)
    for abbreviation in term.form.abbreviations:
        condition |= _starts_a_word(abbreviation)
    if term.form.is_award:
        condition |= Q(decision__award_name__in=_award_names(term.form.full))
    return condition


def _award_names(full: tuple[str, ...]) -> list[str]:
    # The forms of commendation on record are a few dozen names: match them in Python, phrase by phrase.
    phrase = " ".join(full)
    names = Decision.objects.values_list("award_name", flat=True).distinct()
    return [name for name in names if f" {phrase} " in f" {' '.join(words(name))} "]


def search_awards(
    query: str | None = None,
    year: int | None = None,
    award: str | None = None,
    unit: Unit | int | Iterable[int] | None = None,
    grantor: str | None = None,
    *,
    within: QuerySet[Awardee] | None = None,
) -> QuerySet[Awardee]:
    """Awards on record matching every filter given, newest decision first. `unit` matches a unit's own
    awards and its people's (several unit ids: any of them); `grantor` matches without diacritics too;
    `within` narrows to what a user may see (scope.visible_awardees). Ordered by ORDER, the key of a page."""
    rows = within if within is not None else Awardee.objects.all()
    # Each term is a condition of the query: a word typed twice asks nothing more, and a name is found by a
    # few words (a pasted paragraph would make a query too deep for SQLite to plan).
    asked = list(dict.fromkeys(terms(query or "")))[:MOST_TERMS]
    for term in asked:
        rows = rows.filter(_term_filter(term))
    if year is not None:
        rows = rows.filter(year=year)
    if award:
        rows = rows.filter(Q(award=award) | Q(decision__tier__code=award))
    if unit is not None:
        ids = [unit.pk if isinstance(unit, Unit) else unit] if isinstance(unit, Unit | int) else list(unit)
        rows = rows.filter(Q(unit_id__in=ids) | Q(person_unit_id__in=ids))
    if grantor:
        rows = _grantor(rows, grantor)
    return rows.select_related("decision", "unit", "person", "person_unit", "revocation").order_by(*ORDER)


def _grantor(rows: QuerySet[Awardee], grantor: str) -> QuerySet[Awardee]:
    # Grantors are few (a few per organizer, across every decision): fold them in Python rather than keeping
    # another folded column. Read from the decisions, not from the matching awards, which can be millions.
    wanted = fold(grantor)
    names = Decision.objects.order_by().values_list("grantor", flat=True).distinct()
    return rows.filter(decision__grantor__in=[name for name in names if wanted in fold(name)])


# ---- pages of results -----------------------------------------------------------------------------------

ORDER = ("-year", "-id")  # the index registry_awardee_year_id holds this order
COUNT_CAP = 1000


class BadCursor(ValueError):
    """A page cursor that is not one this search wrote (edited by hand, cut short)."""


@dataclass(frozen=True)
class Key:
    year: int
    id: int

    def __str__(self) -> str:
        return f"{self.year}.{self.id}"

    @classmethod
    def parse(cls, text: str) -> Key:
        year, dot, ident = text.partition(".")
        if not dot or not year.isascii() or not ident.isascii() or not year.isdigit() or not ident.isdigit():
            raise BadCursor(text)
        if len(year) > 4 or len(ident) > 18:
            raise BadCursor(text)
        return cls(int(year), int(ident))

    @classmethod
    def of(cls, row: Awardee) -> Key:
        return cls(row.year, row.pk)


@dataclass(frozen=True)
class Page:
    rows: list[Awardee]
    next: Key | None  # the cursor of the following page, None on the last
    previous: Key | None  # the cursor of the page before, None on the first
    is_first: bool


def page_of(
    rows: QuerySet[Awardee], size: int, *, after: str | None = None, before: str | None = None
) -> Page:
    """`size` rows of `rows` (ordered by ORDER) after the cursor `after`, or before `before`, or the first
    page; BadCursor for a cursor this search did not write. Reads at most size + 1 rows by the index."""
    if after:
        key = Key.parse(after)
        found = list(rows.filter(Q(year__lt=key.year) | Q(year=key.year, id__lt=key.id))[: size + 1])
        shown = found[:size]
        return Page(
            shown,
            Key.of(shown[-1]) if len(found) > size else None,
            Key.of(shown[0]) if shown else key,
            False,
        )
    if before:
        key = Key.parse(before)
        older = rows.filter(Q(year__gt=key.year) | Q(year=key.year, id__gt=key.id)).order_by("year", "id")
        found = list(older[: size + 1])
        shown = list(reversed(found[:size]))
        more_before = len(found) > size
        return Page(
            shown,
            Key.of(shown[-1]) if shown else key,
            Key.of(shown[0]) if more_before else None,
            not more_before,
        )
    found = list(rows[: size + 1])
    shown = found[:size]
    return Page(shown, Key.of(shown[-1]) if len(found) > size else None, None, True)


@dataclass(frozen=True)
class Count:
    """How many rows match: exact up to COUNT_CAP; beyond, at least COUNT_CAP + 1, and PostgreSQL's
    planner estimate when the database gives one (None on SQLite)."""

    exact: int | None
    estimate: int | None = None

    @property
    def capped(self) -> bool:
        return self.exact is None


def count_of(rows: QuerySet[Awardee], cap: int | None = None) -> Count:
    """Counts at most cap + 1 matching rows (a LIMIT inside the count), never every match."""
    cap = COUNT_CAP if cap is None else cap
    found = rows.order_by()[: cap + 1].count()
    if found <= cap:
        return Count(found)
    return Count(None, _estimate(rows))


def _estimate(rows: QuerySet[Awardee]) -> int | None:
    connection = connections[rows.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = rows.order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # psycopg returns the JSON parsed; be lenient with a driver that does not
        import json

        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
