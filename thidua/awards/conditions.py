"""The logic of each rule of the catalogue, once: a check reads the case and answers outcomes with reasons.

A check never guesses: a fact that is not on record gives an UNKNOWN outcome naming it. The parameters
(years, percentages, which initiative levels count) come from the rule version in force (catalogue.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.awards import catalogue
from thidua.awards.catalogue import GOOD_RATINGS, Award, Rule
from thidua.awards.facts import Initiative, Subject, YearRecord
from thidua.awards.wording import Term, day, either, english_only, joined, said_in

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
TTLDXS = "tap-the-lao-dong-xuat-sac"

RATING_NAMES = {
    "xuat-sac": pgettext_lazy("rating", "excellent completion"),
    "tot": pgettext_lazy("rating", "good completion"),
    "hoan-thanh": pgettext_lazy("rating", "completion"),
    "khong-hoan-thanh": pgettext_lazy("rating", "non-completion"),
}


@dataclass(frozen=True)
class Reason:
    """Why a verdict is what it is: one English message (`text`), said in English and in Vietnamese."""

    rule: str
    cited: StrOrPromise  # the source
    text: StrOrPromise

    @property
    def source(self) -> str:
        """The source as cited in Vietnamese: what the registry stores and verdicts.json quotes."""
        return said_in("vi", self.cited)

    @property
    def vi(self) -> str:
        return said_in("vi", self.text)

    @property
    def en(self) -> str:
        return said_in("en", self.text)

    def __str__(self) -> str:
        cite = ": ".join(part for part in (self.rule, self.source) if part)
        return f"{self.en} / {self.vi}" + (f" ({cite})" if cite else "")


@dataclass(frozen=True)
class Outcome:
    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"
    HELD = "held"

    status: str
    reason: Reason


@dataclass(frozen=True)
class Case:
    subject: Subject
    award: Award
    year: int
    day: date  # the decision day: picks the holds that matter, and the regime unless `law_day` says
    inherit: bool  # lineage: inherit
    subjects: Mapping[str, Subject]
    law_day: date | None = None  # a day inside the proposal's own regime: its rule versions apply

    @property
    def rules_day(self) -> date:
        return self.law_day or self.day

    def own(self) -> YearRecord | None:
        return self.subject.years.get(self.year)

    def records(self, year: int) -> list[tuple[str, YearRecord]] | None:
        """The records that stand for `year`. The year asked about is the subject's own (an award stays with
        the unit that earned it); an earlier year of a unit that has none comes from its predecessors."""
        if year == self.year:
            own = self.own()
            return None if own is None else [(self.subject.code, own)]
        return self._records(self.subject, year, frozenset())

    def _records(
        self, subject: Subject, year: int, seen: frozenset[str]
    ) -> list[tuple[str, YearRecord]] | None:
        record = subject.years.get(year)
        if record is not None:
            return [(subject.code, record)]
        found: list[tuple[str, YearRecord]] = []
        predecessors = self.predecessors(subject, year, merged=self.inherit)
        for predecessor in predecessors:
            if predecessor.code in seen:
                return None
            records = self._records(predecessor, year, seen | {subject.code})
            if records is None:  # every predecessor must have its year on record, or the year is unknown
                return None
            found.extend(records)
        return found or None

    def predecessors(self, subject: Subject, year: int, *, merged: bool) -> list[Subject]:
        """Units that became `subject` after `year`. A renamed unit is the same unit, so its chain always
        continues; a merger continues it only under `lineage: inherit` (the law is silent, LAW.md s.7).
        A split-off unit starts anew."""
        kinds = ("renamed_to", "merged_into") if merged else ("renamed_to",)
        return [
            other
            for other in self.subjects.values()
            if any(e.kind in kinds and e.other == subject.code and year < e.date.year for e in other.events)
        ]

    def discipline_end(self) -> date | None:
        """The end of the latest discipline over before the decision day (DEC-P3: counts start there)."""
        holds = self.subject.holds or ()
        ends = [h.end for h in holds if h.kind == "discipline" and h.end and h.end < self.day]
        return max(ends, default=None)


def _cited(rule: Rule) -> str:
    return str(rule.source) if rule.confidence == "C" else f"{rule.source} [{rule.confidence}]"


_cited_lazy = lazy(_cited, str)


def source_of(rule: Rule) -> StrOrPromise:
    """A rule's source as cited in reasons, with LAW.md's confidence mark when not confirmed."""
    return _cited_lazy(rule)


def reason_for(rule: Rule, text: StrOrPromise) -> Reason:
    return Reason(rule.id, source_of(rule), text)


def outcome(state: bool | None, rule: Rule, text: StrOrPromise) -> Outcome:
    status = {True: Outcome.MET, False: Outcome.FAILED, None: Outcome.UNKNOWN}[state]
    return Outcome(status, reason_for(rule, text))


def all3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if False in values:
        return False
    return True if all(values) else None


def any3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if True in values:
        return True
    return False if all(v is False for v in values) else None


def _years(years: Iterable[int]) -> StrOrPromise:
    return ", ".join(str(y) for y in years) or _("none")


def missing(rule: Rule, year: int, key: str, name: StrOrPromise) -> Outcome:
    """The fact `key` (as the case file names it; `name` in words) is not on record for `year`."""
    text = format_lazy(_("not on record: {fact} for {year}"), fact=Term(key, name), year=year)
    return Outcome(Outcome.UNKNOWN, reason_for(rule, text))


# --- facts of one year --------------------------------------------------------------------------------------


def is_excellent(record: YearRecord) -> bool | None:
    return None if record.rating is None else record.rating == "xuat-sac"


def good(record: YearRecord) -> bool | None:
    return None if record.rating is None else record.rating in GOOD_RATINGS


def has_title(title: str) -> Callable[[YearRecord], bool | None]:
    return lambda record: None if record.titles is None else title in record.titles


def rating_outcome(case: Case, rule: Rule, allowed: tuple[str, ...]) -> Outcome:
    record = case.own()
    if record is None or record.rating is None:
        return missing(rule, case.year, "rating", _("level of task completion"))
    text = format_lazy(
        _("rating {year}: {rating} (needs {needed})"),
        year=case.year,
        rating=rating_term(record.rating),
        needed=either(rating_term(r) for r in allowed),
    )
    return outcome(record.rating in allowed, rule, text)


def rating_term(rating: str) -> Term:
    return Term(rating, RATING_NAMES[rating])


# --- chains of consecutive years ---------------------------------------------------------------------------


@dataclass
class Chain:
    n: int
    end: int
    held: list[int] = field(default_factory=list)
    lacking: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    uncounted: list[int] = field(default_factory=list)  # before the end of a discipline (DEC-P3)
    via: dict[int, list[str]] = field(default_factory=dict)  # years read from predecessors
    not_inherited: list[str] = field(default_factory=list)
    since: date | None = None

    @property
    def state(self) -> bool | None:
        if self.lacking or self.uncounted:
            return False
        return None if self.unknown else True

    @property
    def counted(self) -> list[int]:
        return [y for y in range(self.end - self.n + 1, self.end + 1) if y not in self.uncounted]

    def describe(self, what: StrOrPromise | Term) -> StrOrPromise:
        said: list[StrOrPromise] = [
            format_lazy(
                _("needs {n} consecutive years of {what} ending {end}; on record: {held}"),
                n=self.n,
                what=what,
                end=self.end,
                held=_years(self.held),
            )
        ]
        if self.lacking:
            # Translators: {what} is said only in English; other languages keep it where it says nothing.
            lacking = _("not {what}: {years}")
            said.append(format_lazy(lacking, what=english_only(what), years=_years(self.lacking)))
        if self.unknown:
            said.append(format_lazy(_("not on record: {items}"), items=_years(self.unknown)))
        for year, codes in self.via.items():
            said.append(
                format_lazy(
                    _("{year} from predecessor {codes} (lineage: inherit)"), year=year, codes=", ".join(codes)
                )
            )
        if self.not_inherited:
            names = ", ".join(self.not_inherited)
            said.append(format_lazy(_("predecessor {names} not counted (lineage: none)"), names=names))
        return joined("; ", said)


def chain(case: Case, n: int, test: Callable[[YearRecord], bool | None]) -> Chain:
    result = Chain(n, case.year, since=case.discipline_end())
    for year in range(case.year - n + 1, case.year + 1):
        records = case.records(year)
        value = None if records is None else all3(test(record) for _, record in records)
        {True: result.held, False: result.lacking, None: result.unknown}[value].append(year)
        if records and any(code != case.subject.code for code, _ in records):
            result.via[year] = [code for code, _ in records]
        if records is None and not case.inherit and year < case.year:
            merged = case.predecessors(case.subject, year, merged=True)
            result.not_inherited.extend(s.code for s in merged if s.code not in result.not_inherited)
        if result.since and year < result.since.year:
            result.uncounted.append(year)
    return result


def chain_outcomes(case: Case, rule: Rule, found: Chain, what: StrOrPromise | Term) -> list[Outcome]:
    outcomes = [outcome(found.state, rule, found.describe(what))]
    # The year asked about itself falling before the end of a discipline is said by the DEC-P3 check.
    if found.uncounted and found.since and found.since.year <= case.year:
        outcomes.append(uncounted_outcome(case, found))
    return outcomes


def uncounted_outcome(case: Case, found: Chain) -> Outcome:
    rule = catalogue.rule_in_force("DEC-P3", case.rules_day)
    assert rule is not None and found.since is not None
    text = format_lazy(
        _("discipline ended {day}: achievements of {years} do not count"),
        day=day(found.since),
        years=_years(found.uncounted),
    )
    return outcome(False, rule, text)


# --- initiatives ------------------------------------------------------------------------------------------


@dataclass
class Initiatives:
    usable: list[Initiative] = field(default_factory=list)
    reused: list[Initiative] = field(default_factory=list)  # already supported another award (CIRC-P1)
    unknown: list[str] = field(default_factory=list)

    def state(self, needed: int) -> bool | None:
        if len(self.usable) >= needed:
            return True
        return None if self.unknown else False

    def describe(self) -> StrOrPromise:
        usable = ", ".join(i.id for i in self.usable) or _("none")
        said = [format_lazy(_("initiatives that count: {usable}"), usable=usable)]
        if self.unknown:
            said.append(format_lazy(_("not on record: {items}"), items=", ".join(self.unknown)))
        return joined("; ", said)


def initiatives(case: Case, years: Iterable[int], levels: tuple[str, ...]) -> Initiatives:
    found = Initiatives()
    once = catalogue.rule_in_force("CIRC-P1", case.rules_day) is not None
    for year in years:
        records = case.records(year)
        if records is None or any(record.initiatives is None for _, record in records):
            found.unknown.append(f"initiatives {year}")
            continue
        for _code, record in records:
            for initiative in record.initiatives or ():
                if initiative.level is None:
                    found.unknown.append(f"level of {initiative.id}")
                elif initiative.level not in levels:
                    continue
                elif once and initiative.used_for not in (None, case.award.code):
                    found.reused.append(initiative)
                else:
                    found.usable.append(initiative)
    return found


def initiative_outcomes(
    case: Case, rule: Rule, found: Initiatives, state: bool | None, text: StrOrPromise
) -> list[Outcome]:
    outcomes = [outcome(state, rule, text)]
    if found.reused and state is not True:
        circ = catalogue.rule_in_force("CIRC-P1", case.rules_day)
        assert circ is not None
        used = "; ".join(f"{i.id} → {i.used_for}" for i in found.reused)
        text = format_lazy(_("initiative already used for another award, not reused: {used}"), used=used)
        outcomes.append(outcome(state, circ, text))
    return outcomes
