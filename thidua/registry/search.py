"""Search the registry as people type: "Duong Thi Nha" finds "Đường Thị Nhã", "d" matches "đ", each word
matches the start of a word ("an" finds An, not Lan), and the offices' abbreviations match their full forms
and back ("UBND" finds "Ủy ban nhân dân…", "CSTĐ" finds the Chiến sĩ thi đua awards).

Both databases search the same folded column (folding.fold, kept on save); on PostgreSQL a trigram GIN index
(migration 0002) serves these LIKE filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

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
    unit: Unit | int | None = None,
    grantor: str | None = None,
    *,
    within: QuerySet[Awardee] | None = None,
) -> QuerySet[Awardee]:
    """Awards on record matching every filter given, newest decision first. `unit` matches a unit's own
    awards and its people's; `grantor` matches without diacritics too; `within` narrows to what a user
    may see (scope.visible_awardees)."""
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
        unit_id = unit.pk if isinstance(unit, Unit) else unit
        rows = rows.filter(Q(unit_id=unit_id) | Q(person_unit_id=unit_id))
    if grantor:
        rows = _grantor(rows, grantor)
    return rows.select_related("decision", "unit", "person", "person_unit", "revocation").order_by(
        "-decision__date", "-year", "name_folded", "id"
    )


def _grantor(rows: QuerySet[Awardee], grantor: str) -> QuerySet[Awardee]:
    # Grantors are few per organizer: fold them in Python rather than keeping another folded column.
    wanted = fold(grantor)
    names = set(rows.values_list("decision__grantor", flat=True))
    return rows.filter(decision__grantor__in=[name for name in names if wanted in fold(name)])
