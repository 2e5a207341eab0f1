"""Counting a cluster's year-end review, as pure functions over plain data (no database).

FORMAT.md is the contract. Ballot method: a ballot that names more units on a tier than the tier's quota,
or a unit that is not a member, or the same unit twice, is void on that tier only; shares are votes over
all ballots cast (blank and void ones included). Tiers are decided highest first; a unit proposed on a
higher tier is not proposed on a lower one when the rules are exclusive. Equal counts are separated by the
rules' tie-break criteria in order; a tie that the criteria cannot separate at the quota's edge proposes
none of the tied units: choosing among them is the meeting's decision, not the program's.

Basis and reason are small language-neutral dicts; `explain` renders them.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import groupby
from typing import Any, NamedTuple

from thidua.core.numbers import plain


@dataclass(frozen=True)
class Tier:
    code: str
    quota: int | None  # None: no cap


@dataclass(frozen=True)
class Rules:
    tiers: tuple[Tier, ...]  # highest first
    min_approval: Fraction = Fraction(1, 2)
    tie_break: tuple[str, ...] = ("score",)
    exclusive: bool = True


class Member(NamedTuple):
    """A unit on the year's roster with the facts the tie-break may read (None: not known). A named tuple,
    immutable as the rest, because a nation's results build one for every unit that drew votes in every
    year, and a tuple is built several times faster than a frozen dataclass."""

    code: str
    score: Decimal | None = None
    female_share: Decimal | None = None

    def criterion(self, name: str) -> Decimal | None:
        if name == "score":
            return self.score
        if name == "female_share":
            return self.female_share
        raise KeyError(name)


@dataclass(frozen=True)
class Count:
    cast: int
    votes: dict[str, Counter[str]]  # tier -> unit -> votes from the ballots valid on that tier
    void: dict[str, int]  # tier -> ballots void on that tier


# The records a decision lists, one for each unit that drew votes on each tier, are named tuples like
# `Member`: immutable as a frozen dataclass, and built in a third of its time, which a nation's results,
# with some fifty thousand of them, notice.
class Proposed(NamedTuple):
    tier: str
    unit: str
    rank: int
    basis: dict[str, Any]


class Passed(NamedTuple):
    """A (unit, tier) that drew votes on the tier but is not proposed on it."""

    tier: str
    unit: str
    reason: dict[str, Any]


@dataclass(frozen=True)
class Decision:
    proposals: list[Proposed] = field(default_factory=list)
    not_proposed: list[Passed] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)  # computed or reported places


def count_ballots(
    ballots: Iterable[Mapping[str, Sequence[str]]], members: Sequence[str], rules: Rules
) -> Count:
    # The reference count: SQLite counts with it; on PostgreSQL `actions.review.counts_of` counts the same
    # way in the database (a nation's ballots need not travel to Python), held to it by the tests.
    roster = set(members)
    votes: dict[str, Counter[str]] = {tier.code: Counter() for tier in rules.tiers}
    void = {tier.code: 0 for tier in rules.tiers}
    cast = 0
    for ballot in ballots:
        cast += 1
        for tier in rules.tiers:
            names = list(ballot.get(tier.code, ()))
            over_quota = tier.quota is not None and len(names) > tier.quota
            if over_quota or len(set(names)) != len(names) or not roster.issuperset(names):
                void[tier.code] += 1
                continue
            votes[tier.code].update(names)
    return Count(cast=cast, votes=votes, void=void)


def standing_groups(
    units: Sequence[str], by_code: Mapping[str, Member], tie_break: Sequence[str]
) -> list[list[str]]:
    """Split units that are already equal on the main measure into groups of equal standing,
    best first, by the tie-break criteria in order. A criterion known for none of a group is skipped;
    one known for only some of it cannot separate them (an unknown is never guessed)."""
    groups = [list(units)]
    if len(groups[0]) < 2:
        return groups
    for criterion in tie_break:
        refined: list[list[str]] = []
        for group in groups:
            if len(group) == 1:
                refined.append(group)
                continue
            values = [by_code[code].criterion(criterion) for code in group]
            if any(value is None for value in values):
                refined.append(group)
                continue
            distinct = sorted(set(values), reverse=True)  # type: ignore[type-var]
            refined.extend([code for code, v in zip(group, values, strict=True) if v == d] for d in distinct)
        groups = refined
    return groups


def separating_criterion(a: Member, b: Member, tie_break: Sequence[str]) -> str | None:
    for criterion in tie_break:
        x, y = a.criterion(criterion), b.criterion(criterion)
        if x is not None and y is not None and x != y:
            return criterion
    return None


class _Ranks:
    """Places counted on through the tiers; a reported place wins where given."""

    def __init__(self, reported: Mapping[str, int]) -> None:
        self.reported = dict(reported)
        self.given: dict[str, int] = {}
        self.next = 1

    def rank(self, unit: str) -> int:
        if unit not in self.given:
            self.given[unit] = self.reported.get(unit, self.next)
            self.next += 1
        return self.given[unit]


def decide_by_ballot(
    count: Count,
    members: Sequence[Member],
    rules: Rules,
    reported: Mapping[str, int] | None = None,
) -> Decision:
    by_code = {m.code: m for m in members}
    order = {m.code: i for i, m in enumerate(members)}
    ranks = _Ranks(reported or {})
    proposed_on: dict[str, str] = {}  # unit -> highest tier it is proposed on
    proposals: list[Proposed] = []
    passed: list[Passed] = []
    # votes / cast < least, in integers: votes * least.denominator < least.numerator * count.cast (read once:
    # a Fraction's parts are properties, and a nation's results ask them for every unit of every tier).
    least, cast, exclusive = rules.min_approval, count.cast, rules.exclusive
    share, per = least.numerator, least.denominator
    floor = share * cast
    least_text = ""  # the minimum share as a reason writes it, once
    for tier in rules.tiers:
        votes = count.votes[tier.code]
        # Every unit with votes, most votes first, roster order among equals (the order they are listed):
        # sorted by roster order, then by votes (a stable sort keeps the roster order among equals).
        drawn = sorted(sorted(votes, key=order.__getitem__), key=votes.__getitem__, reverse=True)
        reasons: dict[str, dict[str, Any]] = {}
        eligible = []
        for code in drawn:
            if exclusive and code in proposed_on:
                reasons[code] = {"kind": "higher_tier", "tier": proposed_on[code]}
            elif votes[code] * per < floor:
                least_text = least_text or _share_text(share, per)
                reasons[code] = {"kind": "below_share", "votes": votes[code], "cast": cast, "min": least_text}
            else:
                eligible.append(code)
        room = tier.quota
        chosen: list[tuple[str, str | None]] = []  # (unit, tie-break criterion that placed it)
        # `eligible` keeps the drawn order: the units with equal votes stand together, most votes first.
        for total, equal in groupby(eligible, key=votes.__getitem__):
            level = list(equal)
            for group in standing_groups(level, by_code, rules.tie_break):
                if room is not None and len(group) > room:
                    for code in group:
                        if room > 0:
                            reasons[code] = {"kind": "tie_unresolved", "votes": total, "places": room}
                        else:
                            reasons[code] = _left_out(code, total, tier, chosen, votes, by_code, rules)
                    room = 0
                    continue
                decided_by = _decided_by(group, level, by_code, rules) if len(level) > 1 else None
                chosen.extend((code, decided_by) for code in sorted(group, key=order.__getitem__))
                if room is not None:
                    room -= len(group)
        for code, decided_by in chosen:
            basis: dict[str, Any] = {"kind": "ballot", "votes": votes[code], "cast": cast}
            if decided_by:
                basis["tie_break"] = decided_by
            proposals.append(Proposed(tier.code, code, ranks.rank(code), basis))
            proposed_on.setdefault(code, tier.code)
        if reasons:
            passed += [Passed(tier.code, code, reasons[code]) for code in drawn if code in reasons]
    places = sorted(ranks.given.items(), key=lambda item: (item[1], order.get(item[0], 0)))
    if reported:
        places = sorted(reported.items(), key=lambda item: item[1])
    return Decision(proposals, passed, places)


def _decided_by(
    group: list[str], level: list[str], by_code: Mapping[str, Member], rules: Rules
) -> str | None:
    """The criterion that set this group apart from others with the same votes, if there were any."""
    others = [code for code in level if code not in group]
    for other in others:
        criterion = separating_criterion(by_code[group[0]], by_code[other], rules.tie_break)
        if criterion:
            return criterion
    return None


def _left_out(
    code: str,
    total: int,
    tier: Tier,
    chosen: list[tuple[str, str | None]],
    votes: Counter[str],
    by_code: Mapping[str, Member],
    rules: Rules,
) -> dict[str, Any]:
    level = [unit for unit, _ in chosen if votes[unit] == total]
    if level:
        criterion = separating_criterion(by_code[level[-1]], by_code[code], rules.tie_break)
        return {"kind": "lost_tie_break", "votes": total, "by": criterion}
    return {"kind": "quota_full", "quota": tier.quota}


def decide_by_score(
    members: Sequence[Member], rules: Rules, reported: Mapping[str, int] | None = None
) -> Decision:
    """Places follow the appraised scores; each capped tier takes the next units in place order.
    A tier without a cap takes none: how many it should take is not something the scores say."""
    scored = [m for m in members if m.score is not None]
    order = {m.code: i for i, m in enumerate(members)}
    by_code = {m.code: m for m in members}
    places: list[tuple[str, int]] = []
    groups: list[list[str]] = []
    for score in sorted({m.score for m in scored}, reverse=True):  # type: ignore[type-var]
        level = [m.code for m in scored if m.score == score]
        groups.extend(standing_groups(level, by_code, [c for c in rules.tie_break if c != "score"]))
    place = 1
    for group in groups:
        for code in sorted(group, key=order.__getitem__):
            places.append((code, place))
        place += len(group)
    # A unit the reported ranking leaves out (a file may report only the first places) keeps the place its
    # score gives it when a tier reaches it; the standing shown is the reported one.
    place_of = dict(places)
    if reported:
        places = sorted(reported.items(), key=lambda item: item[1])
        place_of.update(reported)
    proposals: list[Proposed] = []
    taken: set[str] = set()
    for tier in rules.tiers:
        if tier.quota is None:
            continue
        room = tier.quota
        for group in groups:
            free = [code for code in group if not (rules.exclusive and code in taken)]
            if not free or room <= 0:
                continue
            if len(free) > room:
                break  # an unseparated tie at the quota's edge: the meeting decides, not the program
            for code in sorted(free, key=lambda c: place_of.get(c, 0)):
                score = by_code[code].score
                basis = {"kind": "score", "score": str(_plain(score)), "place": place_of[code]}
                proposals.append(Proposed(tier.code, code, place_of[code], basis))
                taken.add(code)
            room -= len(free)
    return Decision(proposals, [], places)


def decide_by_outcome(
    outcome: Mapping[str, Sequence[str]],
    method: str,
    rules: Rules,
    reported: Mapping[str, int] | None = None,
    count: Count | None = None,
    roster: Sequence[str] = (),
) -> Decision:
    """The agreed lists per tier, taken as decided (acclamation, or counts that were not published).
    When ballots are on record too, a unit that drew votes but is not on the list is told so."""
    ranks = _Ranks(reported or {})
    proposals = [
        Proposed(tier.code, code, ranks.rank(code), {"kind": "agreed", "method": method})
        for tier in rules.tiers
        for code in outcome.get(tier.code, ())
    ]
    passed: list[Passed] = []
    order = {code: i for i, code in enumerate(roster)}
    if count is not None:
        for tier in rules.tiers:
            votes = count.votes[tier.code]
            listed = set(outcome.get(tier.code, ()))
            passed.extend(
                Passed(tier.code, code, {"kind": "not_agreed"})
                for code in sorted(votes, key=lambda c: (-votes[c], order.get(c, len(order)), c))
                if code not in listed
            )
    places = sorted(reported.items(), key=lambda item: item[1]) if reported else list(ranks.given.items())
    return Decision(proposals, passed, places)


def decide(
    method: str,
    rules: Rules,
    members: Sequence[Member],
    reported: Mapping[str, int],
    count: Count | None,
    outcome: Mapping[str, Sequence[str]] | None,
) -> Decision:
    """The decision from what is on record: the agreed lists when there are any, else the ballots when
    there are any, else the scores under the score method, else only the reported places."""
    if outcome is not None:
        roster = [m.code for m in members]
        return decide_by_outcome(outcome, method, rules, reported, count, roster)
    if count is not None:
        return decide_by_ballot(count, members, rules, reported)
    if method == "score":
        return decide_by_score(members, rules, reported)
    return Decision(places=sorted(reported.items(), key=lambda item: item[1]))


@functools.lru_cache(maxsize=64)
def _share_text(numerator: int, denominator: int) -> str:
    """The minimum share as a reason writes it: a nation's years share a handful, each written once
    (cProfile: nearly a tenth of deciding by ballot). Keyed by its integer parts: a Fraction's hash is
    computed in Python, and costs as much as writing it."""
    return str(_plain(Fraction(numerator, denominator)))


def _plain(value: Fraction | Decimal | None) -> Decimal | str:
    """0.500 -> 0.5, 96.50 -> 96.5, 99.00 -> 99: numbers as a person writes them."""
    if value is None:
        return "?"
    number = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value
    return plain(number)
