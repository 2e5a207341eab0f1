"""Search the registry as people type: "Duong Thi Nha" finds "Đường Thị Nhã", "d" matches "đ", each word
matches the start of a word ("an" finds An, not Lan), and the offices' abbreviations match their full forms
and back ("UBND" finds "Ủy ban nhân dân…", "CSTĐ" finds the Chiến sĩ thi đua awards).

Both databases search the same folded column (folding.fold, kept on save); on PostgreSQL a trigram GIN index
(migration 0002) serves these LIKE filters.

Built for millions of awards: results come newest year first, then newest entry, an order an index holds
(year, id), so a page is the next `size` rows after a cursor ("2024.81233": the year and id of the last row
shown), never an OFFSET that reads every row before it, never a sort of every match. The count stops at
COUNT_CAP + 1 rows: beyond, the page says "more than 1,000" with PostgreSQL's estimate when it has one.

A query's words are looked up in a word table (AwardeeWord: each award's folded words and abbreviations,
kept by the registry's one writer, index_awardees): the rarest word's awards are read newest first off its
index, each entry carrying the award's other words so the query's other words are checked on the spot, and
the walk stops once a page is full. The cost follows how rare the query's words are, not how many awards
the registry holds. The word table's index leads with the word, then the organizer and the year: a board
reads its own organizer's entries of a word (a year's, with a year filter) as one stretch of the index, and
a search over several organizers merges their stretches. Every award also has an entry under EVERY, so a
board's page with no words to look up (all its awards, a year's) is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.core import bulk
from thidua.organisations.models import Organizer, Unit
from thidua.registry.abbreviations import ABBREVIATIONS
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, AwardeeWord, Decision, PersonPosting

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


# ---- the word table ---------------------------------------------------------------------------------------

LONGEST_WORD = 64  # AwardeeWord.word; a longer "word" (a pasted code) is kept by its first 64 letters
# The key every award is entered under (its entry carries no words): a board's search with no words reads its
# organizer's awards newest first off the word index. Awards carry no organizer column, and walking the
# nation's awards by year for one province's took 0.3-0.8 s at 2.5M awards (issue 13). "=" alone is no form's
# key ("=" + an abbreviation) and starts no typed word (words() keeps letters, digits, "&", "/").
EVERY = "="


def _has(found: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(found[i : i + size]) == phrase for i in range(len(found) - size + 1))


@cache
def _forms_starting() -> dict[str, tuple[_Form, ...]]:
    """The forms by each word that can show one in a name: its abbreviations, its full form's first word."""
    starting: dict[str, list[_Form]] = {}
    for form in _forms():
        for word in {*form.abbreviations, *form.full[:1]}:
            starting.setdefault(word, []).append(form)
    return {word: tuple(forms) for word, forms in starting.items()}


def _key(form: _Form) -> str:
    # "=" starts no word: a form's key is never matched by a word typed in part.
    return "=" + form.abbreviations[0]


@cache
def _award_keys(award_name: str) -> tuple[str, ...]:
    said = words(award_name)
    return tuple(_key(form) for form in _forms() if form.is_award and _has(said, form.full))


def index_words(name: str, award_name: str = "") -> list[str]:
    """What the search looks an award up by: the folded words of its name, and the key of each office
    abbreviation the name carries in either form (UBND or Ủy ban nhân dân), or, for a form of commendation
    (CSTĐ, BK), that the decision's form of commendation names."""
    found = words(name)
    keys = dict.fromkeys(word[:LONGEST_WORD] for word in found)
    # Only the forms a word of the name can start (an abbreviation, a full form's first word): a registry's
    # million names are indexed at load time, and most name no form at all.
    candidates = {id(form): form for word in found for form in _forms_starting().get(word, ())}
    for form in candidates.values():
        if any(a in found for a in form.abbreviations) or _has(found, form.full):
            keys[_key(form)] = None
    keys.update(dict.fromkeys(_award_keys(award_name)))
    return list(keys)


def word_rows(
    awardees: Iterable[tuple[int, int, str, int]],
    award_names: dict[int, str],
    organizers: dict[int, int] | None = None,
) -> list[dict[str, Any]]:
    """The word table's rows of (id, year, name, decision id) awards, their decisions' forms of
    commendation by decision id in `award_names`, and organizers in `organizers` (None: migration 0020,
    which ran before the table had the column)."""
    rows = []
    for pk, year, name, decision in awardees:
        keys = index_words(name, award_names.get(decision, ""))
        line = f" {' '.join(keys)} "
        extra = {} if organizers is None else {"organizer_id": organizers[decision]}
        rows += [{"awardee_id": pk, "word": key, "year": year, "words": line, **extra} for key in keys]
        rows.append({"awardee_id": pk, "word": EVERY, "year": year, "words": "", **extra})
    return rows


def index_awardees(awardees: Iterable[Awardee | tuple[int, int, str, int]]) -> None:
    """Writes the words of these awards (Awardee rows or (id, year, name, decision id)), replacing any they
    had: the registry's writer calls it for every award it puts on record (Awardee.save, the bulk path)."""
    listed = [(a.pk, a.year, a.name, a.decision_id) if isinstance(a, Awardee) else a for a in awardees]
    for start in range(0, len(listed), 5000):
        batch = listed[start : start + 5000]
        AwardeeWord.objects.filter(awardee_id__in=[pk for pk, *_ in batch]).delete()
        bulk.insert_values(AwardeeWord, word_rows(batch, *_decisions_of(batch)))


def _decisions_of(awardees: list[tuple[int, int, str, int]]) -> tuple[dict[int, str], dict[int, int]]:
    """The forms of commendation and the organizers of these awards' decisions, by decision id."""
    decisions = {decision for *_, decision in awardees}
    found = list(Decision.objects.filter(pk__in=decisions).values_list("pk", "award_name", "organizer_id"))
    return {pk: name for pk, name, _ in found}, {pk: organizer for pk, _, organizer in found}


def index_selected(condition: str, params: Sequence[Any] = ()) -> int:
    """PostgreSQL: the words of the awards that `condition` (SQL on the awardee `a` and its decision `d`)
    selects, written by one INSERT … SELECT (a staged import's million new awards). Names repeat (a registry's
    million awards carry a few thousand names, a handful of forms of commendation), so each distinct name and
    form is worded once, here, by index_words — the one definition of the words — and the database joins its
    words to every award that carries them. Returns the word rows written."""
    awardees = connections["default"].ops.quote_name(Awardee._meta.db_table)
    decisions = connections["default"].ops.quote_name(Decision._meta.db_table)
    joined = f"FROM {awardees} a JOIN {decisions} d ON d.id = a.decision_id WHERE {condition}"
    raw = connections["default"].connection
    with connections["default"].cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_worded")
        cursor.execute("CREATE TEMP TABLE search_worded (name text, award_name text, keys text[], line text)")
        cursor.execute(f"SELECT DISTINCT a.name, d.award_name {joined}", list(params))
        named = cursor.fetchall()
    with raw.cursor() as writer, writer.copy("COPY search_worded FROM STDIN") as copy:
        for name, award_name in named:
            keys = index_words(name, award_name)
            copy.write_row((name, award_name, [*keys, EVERY], f" {' '.join(keys)} "))
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE search_worded")
    made = bulk.insert_select(
        AwardeeWord,
        {
            "awardee_id": "a.id",
            "word": "k.word",
            "year": "a.year",
            "words": f"CASE WHEN k.word = '{EVERY}' THEN '' ELSE w.line END",
            "organizer_id": "d.organizer_id",
        },
        f"FROM {awardees} a JOIN {decisions} d ON d.id = a.decision_id "
        "JOIN search_worded w ON w.name = a.name AND w.award_name = d.award_name "
        f"CROSS JOIN LATERAL unnest(w.keys) k(word) WHERE {condition}",
        params,
    )
    with connections["default"].cursor() as cursor:
        cursor.execute("DROP TABLE search_worded")
    return made


def index_all(awardees: QuerySet[Awardee] | None = None, batch: int = 20000) -> None:
    """The words of every award on record (migration 0020; a registry loaded around the writer, as the
    bench's), read in batches of ids."""
    rows = awardees if awardees is not None else Awardee.objects.all()
    last = 0
    while True:
        found = list(
            rows.filter(pk__gt=last).order_by("pk").values_list("pk", "year", "name", "decision_id")[:batch]
        )
        if not found:
            return
        bulk.insert_values(AwardeeWord, word_rows(found, *_decisions_of(found)))
        last = found[-1][0]


# ---- what a query asks ---------------------------------------------------------------------------------

MOST_SPELLINGS = 32  # a word typed in part walks the awards of at most this many words; more: "broad"
RARE = 5000  # how far each word's awards are counted to find the rarest


@dataclass(frozen=True)
class _Match:
    """One term as the word table answers it: a word or a form's key, or the start of a word."""

    word: str
    prefix: bool

    def inline(self) -> Q:
        # On AwardeeWord.words, " nguyen van an =cstd ": a whole word, or a word's start.
        return Q(words__contains=f" {self.word}" if self.prefix else f" {self.word} ")


def _match(term: Term, last: bool) -> _Match:
    if term.form is not None:
        return _Match(_key(term.form), False)
    return _Match(term.word[:LONGEST_WORD], last)


def _spellings(match: _Match, db: str) -> list[str] | None:
    """The words of the table that `match` finds, read off the index a word at a time (at most
    MOST_SPELLINGS; None beyond: a start of a word so short it is better found by walking every award)."""
    if not match.prefix:
        return [match.word]
    table = connections[db].ops.quote_name(AwardeeWord._meta.db_table)
    size = len(match.word)
    with connections[db].cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE found(word, n) AS (
                SELECT (SELECT min(word) FROM {table} WHERE word >= %s), 1
                UNION ALL
                SELECT (SELECT min(word) FROM {table} WHERE word > found.word), n + 1 FROM found
                WHERE found.word IS NOT NULL AND substr(found.word, 1, %s) = %s AND n <= %s
            )
            SELECT word FROM found WHERE word IS NOT NULL AND substr(word, 1, %s) = %s
            """,
            [match.word, size, match.word, MOST_SPELLINGS, size, match.word],
        )
        found = [word for (word,) in cursor.fetchall()]
    return found if len(found) <= MOST_SPELLINGS else None


MOST_STRETCHES = 256  # (word, organizer) stretches of the index merged by one query; more: sorted per word


@dataclass
class _Plan:
    """How search_awards' rows are found fast: the awards of `spellings` (the rarest term's words) newest
    first, those whose words pass `checks`, then `base` (every other filter) on that handful of ids.
    `organizers`: the organizers whose awards are searched (every organizer when the user's scope is not
    a list of them). `exact`: the matching entries are the search's awards, one each (the scope is these
    organizers' awards and no filter is left to `base`), so they are counted without reading the awards."""

    base: QuerySet[Awardee]
    spellings: list[str]
    checks: Q
    year: int | None
    organizers: list[int]
    exact: bool = False
    # The keys read from the first page on, newest first, and whether they are all there are: a page, its
    # count and the next page read the same stretch (the count reads 1,001 keys, the next page's among them).
    _read: list[tuple[int, int]] = field(default_factory=list)
    _read_all: bool = False

    def keys(self, after: Key | None, size: int, newest_first: bool = True) -> list[tuple[int, int]]:
        """(year, id) of the next `size` awards past `after` whose words match, in page order."""
        if newest_first:
            start = 0 if after is None else self._past(after)
            if start is not None and (start + size <= len(self._read) or self._read_all):
                return self._read[start : start + size]
        found = self._query(after, size, newest_first)
        if newest_first and after is None and len(found) >= len(self._read):
            self._read, self._read_all = found, len(found) < size
        return found

    def _past(self, after: Key) -> int | None:
        # The position just past `after` among the keys read, when `after` is one of them.
        for position, key in enumerate(self._read):
            if key == (after.year, after.id):
                return position + 1
        return None

    def _query(self, after: Key | None, size: int, newest_first: bool) -> list[tuple[int, int]]:
        if not self.spellings or not self.organizers:
            return []
        postings = AwardeeWord.objects.using(self.base.db).filter(self.checks)
        if self.year is not None:
            postings = postings.filter(year=self.year)
        if after is not None:
            compare = "<" if newest_first else ">"
            postings = postings.extra(
                where=[f"(year, awardee_id) {compare} (%s, %s)"], params=[after.year, after.id]
            )
        order = ("-year", "-awardee_id") if newest_first else ("year", "awardee_id")
        stretches = [(word, organizer) for word in self.spellings for organizer in self.organizers]
        if (
            len(stretches) == 1
            or not connections[self.base.db].features.supports_slicing_ordering_in_compound
        ):
            found = postings.filter(word__in=self.spellings, organizer_id__in=self.organizers)
            return list(found.order_by(*order).values_list("year", "awardee_id")[:size])
        # Each (word, organizer) is one stretch of the index in page order: each read to `size` and merged
        # (PostgreSQL: a Merge Append of index scans, no sort). Past MOST_STRETCHES (a short start of a word
        # across every organizer), one branch a word, its organizers' entries sorted by the database.
        if len(stretches) <= MOST_STRETCHES:
            chosen = [postings.filter(word=word, organizer_id=organizer) for word, organizer in stretches]
        else:
            chosen = [postings.filter(word=word, organizer_id__in=self.organizers) for word in self.spellings]
        branches = [branch.order_by(*order).values_list("year", "awardee_id")[:size] for branch in chosen]
        merged = branches[0].union(*branches[1:], all=True).order_by(*order)
        return list(merged[:size])


def _plan(
    base: QuerySet[Awardee],
    matches: list[_Match],
    year: int | None,
    organizers: list[int] | None,
    exact: bool = False,
) -> _Plan | None:
    """Reads the rarest term's words first: each term's awards counted up to RARE off the index, the
    user's organizers' only when the scope is a list of them."""
    found = [spellings for match in matches if (spellings := _spellings(match, base.db)) is not None]
    if not found:
        return None
    # A term no word of the table starts matches nothing: no need to count the others.
    counted = (
        _rarity(base.db, found, year, organizers)
        if len(found) > 1 and all(found)
        else [len(f) for f in found]
    )
    rarest = found[counted.index(min(counted))]
    checks = Q()
    for match in matches:
        checks &= match.inline()
    return _Plan(base, rarest, checks, year, _organizers(base.db, organizers), exact)


def _rarity(db: str, found: list[list[str]], year: int | None, organizers: list[int] | None) -> list[int]:
    """How many entries each term's words have, each counted up to RARE off the index, in one statement
    (a round trip each cost more than the counting)."""
    parts: list[str] = []
    params: list[Any] = []
    for spellings in found:
        postings = AwardeeWord.objects.using(db).filter(word__in=spellings)
        if year is not None:
            postings = postings.filter(year=year)
        if organizers is not None:
            postings = postings.filter(organizer_id__in=organizers)
        sql, given = postings.order_by().values("pk")[:RARE].query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
        params += given
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return list(cursor.fetchone())


def _organizers(db: str, organizers: list[int] | None) -> list[int]:
    # Every word entry carries its award's organizer (index_awardees, index_selected; migration 0022 filled
    # the older ones), so every organizer's stretches together hold every entry of a word.
    if organizers is not None:
        return organizers
    return list(Organizer.objects.using(db).order_by("pk").values_list("pk", flat=True))


def search_awards(
    query: str | None = None,
    year: int | None = None,
    award: str | None = None,
    unit: Unit | int | Iterable[int] | None = None,
    grantor: str | None = None,
    *,
    within: QuerySet[Awardee] | None = None,
    organizers: Iterable[int] | None = None,
    officer_units: Iterable[int] | None = None,
) -> QuerySet[Awardee]:
    """Awards on record matching every filter given, newest decision first. `unit` matches a unit's own
    awards and its people's (several unit ids: any of them); `grantor` matches without diacritics too;
    `within` narrows to what a user may see (rules.awardee_scope's awardees). `organizers`, when `within` is
    these organizers' awards (its organizers: a board's; the public honour roll's), lets a search read
    only theirs off the word table, and count its matches there. `officer_units`, when every award of
    `within` is about one of these units or their people (its units: a unit's officer), lets the
    database read those few awards off the unit and person indexes first. Ordered by ORDER, a page's key."""
    rows = within if within is not None else Awardee.objects.all()
    if officer_units is not None:
        rows = _about(rows, sorted(set(officer_units)))
    # Each term is a condition of the query: a word typed twice asks nothing more, and a name is found by a
    # few words; the last word is the start of a word still being typed ("an" finds An, Anh, not Lan).
    asked = list(dict.fromkeys(terms(query or "")))[:MOST_TERMS]
    matches = [_match(term, n == len(asked) - 1) for n, term in enumerate(asked)]
    if year is not None:
        rows = rows.filter(year=year)
    if award:
        rows = rows.filter(Q(award=award) | Q(decision__tier__code=award))
    if unit is not None:
        ids = [unit.pk if isinstance(unit, Unit) else unit] if isinstance(unit, Unit | int) else list(unit)
        rows = rows.filter(Q(unit_id__in=ids) | Q(person_unit_id__in=ids))
    if grantor:
        rows = _grantor(rows, grantor)
    rows = rows.select_related("decision", "unit", "person", "person_unit", "revocation").order_by(*ORDER)
    scope = None if organizers is None else sorted(set(organizers))
    # The word table answers for the search alone when no filter is left to the awards themselves.
    exact = scope is not None and officer_units is None and not (award or unit is not None or grantor)
    if not matches:
        if scope is not None and exact:
            # A board's awards (a year's): its organizers' entries under EVERY, newest first. The other
            # filters have their own indexes (the award's, the unit's) and can be rare among a board's awards.
            rows._search_plan = _Plan(rows, [EVERY], Q(), year, scope, exact)  # type: ignore[attr-defined]
        return rows
    checks = Q()
    for match in matches:
        checks &= match.inline()
    # Every word on one entry of the award's words (any of them: each carries them all).
    found = rows.filter(Exists(AwardeeWord.objects.filter(checks, awardee=OuterRef("pk"))))
    if officer_units is not None:
        # A unit's few awards, each checked for the words and sorted, cost less than walking a word's
        # awards across the nation for the handful that are the unit's.
        return found
    plan = _plan(rows, matches, year, scope, exact)
    if plan is not None:
        found._search_plan = plan  # type: ignore[attr-defined]  # page_of and count_of read it
    return found


def _about(rows: QuerySet[Awardee], units: list[int]) -> QuerySet[Awardee]:
    """`rows` narrowed to the awards about `units` or about anyone posted there (scope.visible_awardees
    for their officer), with the units and people as lists of ids so that PostgreSQL reads them off the
    unit, person and person's unit indexes (a bitmap of each) rather than checking every award."""
    postings = PersonPosting.objects.using(rows.db).filter(unit_id__in=units)
    people = sorted(set(postings.values_list("person_id", flat=True)))
    about = Q(unit_id__in=units) | Q(person_unit_id__in=units)
    if people:
        about |= Q(person_id__in=people)
    return rows.filter(about)


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
    plan: _Plan | None = getattr(rows, "_search_plan", None)
    if plan is not None:
        return _planned_page(plan, size, after=after, before=before)
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


def _walk(plan: _Plan, size: int, after: Key | None, newest_first: bool = True) -> list[Awardee]:
    """The first `size` awards past `after` in page order (newest first, or oldest first to page back):
    the rarest word's matching awards read a batch at a time, the other filters applied to each batch,
    until the page is full or the word's awards run out."""
    found: list[Awardee] = []
    # The first page reads as many keys as the count reads (COUNT_CAP + 1): the count that follows it, and
    # the next page, find them already read (_Plan.keys), one round trip instead of three.
    batch = max(size, COUNT_CAP + 1 if after is None and newest_first else 256)
    order = ORDER if newest_first else ("year", "id")
    while len(found) < size:
        keys = plan.keys(after, batch, newest_first)
        if not keys:
            break
        # The batch is a stretch of page order: its rows come after everything found so far. The other
        # filters are read for as many awards as the page still lacks (most pass: a user's scope).
        start = 0
        while start < len(keys) and len(found) < size:
            wanted = keys[start : start + size - len(found)]
            found += _fetch(plan, [pk for _, pk in wanted], order)
            start += len(wanted)
        if len(keys) < batch:
            break
        after = Key(*keys[-1])
        batch = min(batch * 4, 20000)
    return found


def _fetch(plan: _Plan, ids: list[int], order: Sequence[str]) -> list[Awardee]:
    """The awards `ids` of a page, with their relations, each checked against the search's scope."""
    if not plan.exact:
        return list(plan.base.filter(pk__in=ids).order_by(*order))
    # The scope is the organizers' awards and nothing else is asked: each award is read by its key and its
    # decision's organizer checked here. Joined in SQL, SQLite without statistics (an office's database)
    # read every decision of the organizer for each award: 125 ms a page at 100,000 awards, not 50.
    rows = Awardee.objects.using(plan.base.db).filter(pk__in=ids).order_by(*order)
    rows.query.select_related = plan.base.query.select_related  # the page's relations (decision among them)
    return [row for row in rows if row.decision.organizer_id in plan.organizers]


def _planned_page(plan: _Plan, size: int, *, after: str | None, before: str | None) -> Page:
    if before:
        key = Key.parse(before)
        found = _walk(plan, size + 1, key, newest_first=False)
        shown = list(reversed(found[:size]))
        more_before = len(found) > size
        return Page(
            shown,
            Key.of(shown[-1]) if shown else key,
            Key.of(shown[0]) if more_before else None,
            not more_before,
        )
    start = Key.parse(after) if after else None
    found = _walk(plan, size + 1, start)
    shown = found[:size]
    following = Key.of(shown[-1]) if len(found) > size else None
    if start is None:
        return Page(shown, following, None, True)
    return Page(shown, following, Key.of(shown[0]) if shown else start, False)


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
    plan: _Plan | None = getattr(rows, "_search_plan", None)
    if plan is not None:
        return _planned_count(plan, rows, cap)
    found = rows.order_by()[: cap + 1].count()
    if found <= cap:
        return Count(found)
    return Count(None, _estimate(rows))


def _planned_count(plan: _Plan, rows: QuerySet[Awardee], cap: int) -> Count:
    """count_of by the rarest word's awards, a batch of matching words at a time, the other filters
    counted on each batch (none left: the entries are the count); stops past `cap`."""
    counted, after, batch = 0, None, cap + 1
    while True:
        keys = plan.keys(after, batch)
        if plan.exact:
            counted += len(keys)
        elif keys:
            counted += plan.base.filter(pk__in=[pk for _, pk in keys]).order_by().count()
        if counted > cap:
            return Count(None, _estimate(rows))
        if len(keys) < batch:
            return Count(counted)
        after = Key(*keys[-1])


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
