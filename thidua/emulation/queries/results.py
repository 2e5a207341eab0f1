"""Every year's results at once (every cluster of a province or of the nation): `decide_many`.

The same inputs to the same `tally.decide` as `actions.review.decide`, year by year, read in a handful of
queries whatever the number of years. On PostgreSQL the years decided by their ballots (nearly all of a
nation's) are read in one query: it counts the ballots under `tally.count_ballots`'s rules
(`actions.review.VOTES_SQL`, the one SQL count), leaving the roster test to the client, and returns every
member's ranking facts (roster order, score, female share) beside the count.
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from thidua.emulation import tally
from thidua.emulation.actions.review import VOTES_SQL, _rules, counts_of
from thidua.emulation.models import Ballot, ClusterYear, Membership
from thidua.organisations.models import Cluster, Unit

# (review, year, tier, quota) of every tier to count, as JSON. Three kinds of rows, told apart by which
# columns are NULL: (review, tier, unit, votes) and (review, tier, NULL, void lists), the count, its
# rosters not checked (`_counted` checks them); (year, NULL, unit, NULL, position, id, score, female share),
# every member of every year; (review, NULL, NULL, ballots cast). The members come back whole rather than
# joined onto the units that drew votes: the join (a sort of every counted row, a window for the roster
# order) and the rosters' containment test cost the database more than the count itself (EXPLAIN ANALYZE,
# backend CPU time), and the client reads each member's numbers once instead of on every tier's row.
_RESULTS_SQL = (
    """
WITH tier AS (
    SELECT *, NULL::jsonb AS roster FROM jsonb_to_recordset(%(tiers)s::jsonb)
        AS tier(review bigint, year bigint, tier text, quota int)
)
SELECT counted.review, counted.tier, counted.unit, counted.count, NULL::bigint, NULL::bigint,
    NULL::numeric, NULL::numeric
FROM ("""
    + VOTES_SQL.format(tiers="tier")
    + f""") counted(review, year, tier, unit, count)
UNION ALL
SELECT membership.cluster_year_id, NULL, unit.code, NULL, membership.position, membership.id,
    membership.score, unit.female_share
FROM {Membership._meta.db_table} membership
JOIN {Unit._meta.db_table} unit ON unit.id = membership.unit_id
WHERE membership.cluster_year_id = ANY(%(years)s::bigint[])
UNION ALL
SELECT review_id, NULL, NULL, count(*), NULL, NULL, NULL, NULL FROM {Ballot._meta.db_table}
WHERE review_id = ANY(%(reviews)s::bigint[])
GROUP BY 1
"""
)

Year = tuple[int, str, tally.Rules, int | None, Any]  # (id, method, rules, review counted, agreed outcome)
Row = tuple[Any, ...]


def decide_many(cluster_years: Iterable[ClusterYear]) -> dict[int, tally.Decision]:
    """`decide` for many years at once, by cluster-year id. Rows are read as plain values, not models: at a
    nation's size building the objects cost more than deciding."""
    ids = [cy.pk for cy in cluster_years]
    with _no_cycle_collection():
        return _decide_many(ids)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a nation's results are built: they are some ten objects for
    every unit of every year (rows, tuples, dicts, the decisions), none in a reference cycle, so the
    collector would find nothing, yet each of its passes walks every object alive, and those passes took
    half the time of the whole (cProfile: the time fell on whichever line allocated when a pass began).
    Restored as it was, since another caller may have paused it too."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decide_many(ids: list[int]) -> dict[int, tally.Decision]:
    # The JSON settings come as their text: a nation's thousands of years share a handful of rule sets, each
    # parsed once (below) rather than once a year.
    rows = list(
        ClusterYear.objects.filter(pk__in=_among(ids))
        .order_by()
        .annotate(
            quotas_text=Cast("quotas", TextField()),
            tie_break_text=Cast("tie_break", TextField()),
            outcome_text=Cast("review__outcome", TextField()),
        )
        .values_list(
            "pk",
            "cluster_id",
            "method",
            "quotas_text",
            "min_approval",
            "tie_break_text",
            "exclusive",
            "review__pk",
            "review__ballots_known",
            "outcome_text",
        )
    )
    ordered = _tiers({row[1] for row in rows})
    rule_sets: dict[tuple[Any, ...], tally.Rules] = {}
    years: list[Year] = []
    for year_id, cluster_id, method, quotas, least, tie_break, exclusive, review, known, outcome in rows:
        key = (cluster_id, quotas, least, tie_break, exclusive)
        rules = rule_sets.get(key)
        if rules is None:
            rules = rule_sets[key] = _rules(
                ordered.get(cluster_id, []), _json(quotas), least, _json(tie_break), exclusive
            )
        years.append((year_id, method, rules, review if known else None, _json(outcome)))
    places = _reported_places(ids)
    by_ballot = [y for y in years if y[3] is not None and y[4] is None]
    if connection.vendor == "postgresql" and by_ballot:
        counted, voted = _counted(by_ballot)
        rest = [y for y in years if y[0] not in voted]
    else:
        counted, voted, rest = {}, {}, years
    members = _members([y[0] for y in rest])
    members.update(voted)
    counts = {**counted, **counts_of({y[3]: ([m.code for m in members[y[0]]], y[2]) for y in rest if y[3]})}
    return {
        year_id: tally.decide(
            method,
            rules,
            members[year_id],
            places[year_id],
            None if review is None else counts[review],
            outcome,
        )
        for year_id, method, rules, review, outcome in years
    }


def _json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _among(ids: list[int]) -> Any:
    """The ids for an `__in` filter. On PostgreSQL as one array: a nation's thousands of ids are otherwise
    as many placeholders, each prepared by the ORM and quoted by the driver, for every query that reads
    them."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (_array(ids),))
    return ids


def _array(ids: Iterable[int]) -> str:
    """Ids as a PostgreSQL array's text ('{1,2,3}'), for a `%s::bigint[]` parameter. The driver dumps a
    Python list element by element in Python (a regular expression on each): milliseconds for a nation's
    thousands of ids, in every query that reads them."""
    return "{" + ",".join(map(str, ids)) + "}"


def _tiers(clusters: set[int]) -> dict[int, list[str]]:
    """Each cluster's award tiers' codes, highest first."""
    tiers: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for cluster_id, position, pk, code in (
        Cluster.award_tiers.through.objects.filter(cluster_id__in=clusters)
        .order_by()
        .values_list("cluster_id", "awardtier__position", "awardtier_id", "awardtier__code")
    ):
        tiers[cluster_id].append((position, pk, code))
    return {cluster_id: [code for _, _, code in sorted(rows)] for cluster_id, rows in tiers.items()}


def _reported_places(ids: Sequence[int]) -> dict[int, dict[str, int]]:
    places: dict[int, dict[str, int]] = defaultdict(dict)
    for year_id, code, place in (
        Membership.objects.filter(cluster_year_id__in=_among(list(ids)), reported_place__isnull=False)
        .order_by()
        .values_list("cluster_year_id", "unit__code", "reported_place")
    ):
        if place is not None:  # (filtered already; the column is nullable)
            places[year_id][code] = place
    return places


def _members(ids: Sequence[int]) -> dict[int, list[tally.Member]]:
    """Each year's whole roster, in roster order."""
    members: dict[int, list[tally.Member]] = defaultdict(list)
    if not ids:
        return members
    for year_id, code, score, female_share in (
        Membership.objects.filter(cluster_year_id__in=_among(list(ids)))
        .order_by("cluster_year", "position", "id")
        .values_list("cluster_year_id", "unit__code", "score", "unit__female_share")
    ):
        members[year_id].append(tally.Member(code, score, female_share))
    return members


def _counted(years: Sequence[Year]) -> tuple[dict[int, tally.Count], dict[int, list[tally.Member]]]:
    """The count of each year's ballots, by review, and the members that drew votes, by year, in roster
    order (the only members `tally.decide_by_ballot` reads)."""
    counted = [(year_id, rules, review) for year_id, _, rules, review, _ in years if review is not None]
    year_of = {review: year_id for year_id, _, review in counted}
    tiers = [
        {"review": review, "year": year_id, "tier": tier.code, "quota": tier.quota}
        for year_id, rules, review in counted
        for tier in rules.tiers
    ]
    votes = {review: {t.code: Counter[str]() for t in rules.tiers} for _, rules, review in counted}
    void = {review: {t.code: 0 for t in rules.tiers} for _, rules, review in counted}
    cast: dict[int, int] = {}
    # Each year's members as their rows, by code: a Member is built only for those that drew votes.
    roster: dict[int, dict[str, Row]] = {year_id: {} for year_id in year_of.values()}
    with connection.cursor() as cursor:
        cursor.execute(
            _RESULTS_SQL,
            {"tiers": json.dumps(tiers), "years": _array(year_of.values()), "reviews": _array(year_of)},
        )
        for row in cursor.fetchall():
            pk, tier, unit, number, _, _, _, _ = row
            if tier is not None:
                if unit is None:
                    void[pk][tier] = number
                else:
                    votes[pk][tier][unit] = number
            elif unit is not None:
                roster[pk][unit] = row
            else:
                cast[pk] = number
    counts = {review: tally.Count(cast.get(review, 0), votes[review], void[review]) for review in votes}
    voted: dict[int, list[tally.Member]] = {}
    place = itemgetter(4, 5)  # a member row's position, then id: both distinct within a year
    # The count did not check the rosters: a list that names a non-member (an imported file's; live ballots
    # name members only) was counted, so the non-member drew votes. Those reviews are counted again with
    # their rosters; in every other the count is already the checked one.
    unchecked: dict[int, tuple[list[str], tally.Rules]] = {}
    for year_id, rules, review in counted:
        rows = roster[year_id]
        drawn = set().union(*votes[review].values())
        if not rows.keys() >= drawn:
            unchecked[review] = (list(rows), rules)
            drawn &= rows.keys()
        voted[year_id] = [
            tally.Member(row[2], row[6], row[7]) for row in sorted(map(rows.__getitem__, drawn), key=place)
        ]
    counts.update(counts_of(unchecked))
    return counts, voted
