"""Every year decided at once (`decide_many`, the nation's results) is what each year decides alone, and the
database's count (PostgreSQL) is `tally.count_ballots`'s, on ballots that void tiers, blanks, ties and
agreed lists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.emulation import tally
from thidua.emulation.actions.review import (
    cast_ballot,
    counts_of,
    decide,
    members_of,
    rules_of,
)
from thidua.emulation.models import Ballot, ClusterYear, Method, Review
from thidua.emulation.queries.results import decide_many
from thidua.testing import factories

pytestmark = pytest.mark.django_db


def _year(tiers: list, codes: str, units: dict, **fields: object) -> ClusterYear:
    """A year of a cluster with these tiers and these members (scores 90, 95, 90…; the tie-break's facts)."""
    cluster = factories.ClusterFactory(organizer=tiers[0].organizer)
    cluster.award_tiers.set(tiers)
    year = factories.ClusterYearFactory(cluster=cluster, **fields)
    for i, code in enumerate(codes):
        score = Decimal(95) if i % 2 else Decimal(90)
        factories.MembershipFactory(cluster_year=year, unit=units[code], position=i, score=score)
    return year


def _cast(year: ClusterYear, ballots: list[dict[str, list[str]]]) -> Review:
    review = factories.ReviewFactory(cluster_year=year)
    for choices in ballots:
        cast_ballot(review, choices)
    return review


@pytest.fixture
def years() -> dict[str, ClusterYear]:
    organizer = factories.OrganizerFactory()
    flag = factories.AwardTierFactory(organizer=organizer, code="co", position=0)
    cert = factories.AwardTierFactory(organizer=organizer, code="bk", position=1)
    units = {code: factories.UnitFactory(organizer=organizer, code=code) for code in "ABCDEX"}
    # Void lists of every kind (over the quota, a unit twice, X who is no member), blank ballots and lists;
    # C and E equal at the flag's edge with the same score: neither is proposed; B and C equal for the
    # certificates' last place: B's higher score places it.
    voided = _year([flag, cert], "ABCDE", units, quotas={"co": 1, "bk": 2}, min_approval=Decimal("0.2"))
    _cast(
        voided,
        [
            {"co": ["C"], "bk": ["A", "B"]},
            {"co": ["E"], "bk": ["A", "C"]},
            {"co": ["C", "E"], "bk": ["A"]},
            {"co": ["A"], "bk": ["B", "B"]},
            {"co": ["X"], "bk": ["B"]},
            {"bk": ["C"]},
            {},
            {"co": [], "bk": []},
            {"co": ["C"], "bk": ["A", "X"]},
            {"co": ["E"], "bk": ["A", "B", "C"]},
        ],
    )
    # No quota on the certificates (all four drawing half the votes are proposed), not exclusive, a
    # reported place, a unit with no score.
    open_tier = _year([flag, cert], "ABCD", units, quotas={"co": 1}, exclusive=False, tie_break=[])
    open_tier.memberships.filter(unit__code="D").update(score=None, reported_place=1)
    _cast(open_tier, [{"co": ["A"], "bk": ["A", "B", "C", "D"]}, {"co": ["A"], "bk": ["A", "D"]}])
    # The meeting's agreed lists win over the ballots on record and explain the units they leave out.
    agreed = _year([flag, cert], "ABC", units, quotas={"co": 1, "bk": 1})
    review = _cast(agreed, [{"co": ["B"], "bk": ["C"]}, {"co": ["B"], "bk": ["A", "C"]}])
    Review.objects.filter(pk=review.pk).update(outcome={"co": ["A"], "bk": []})
    # The next year of the same cluster, on the rules the first starts with: a nation's years share rule
    # sets, read once for all the years that have them, and a year whose rules change must not share them.
    again = factories.ClusterYearFactory(
        cluster=voided.cluster, year=voided.year + 1, quotas={"co": 1, "bk": 2}, min_approval=Decimal("0.2")
    )
    for i, code in enumerate("ABCDE"):
        factories.MembershipFactory(cluster_year=again, unit=units[code], position=i, score=Decimal(90 + i))
    _cast(
        again, [{"co": ["B"], "bk": ["A", "C"]}, {"co": ["B"], "bk": ["C", "D"]}, {"co": ["D"], "bk": ["C"]}]
    )
    # Ballots known but none on record; by score without a review; a year without members or tiers.
    none_cast = _year([flag], "AB", units, quotas={"co": 1})
    Review.objects.create(cluster_year=none_cast, ballots_known=True)
    by_score = _year([flag, cert], "ABCD", units, quotas={"co": 1, "bk": 2}, method=Method.SCORE)
    empty = factories.ClusterYearFactory(cluster=factories.ClusterFactory(organizer=organizer))
    return {
        "voided": voided,
        "again": again,
        "open_tier": open_tier,
        "agreed": agreed,
        "none_cast": none_cast,
        "by_score": by_score,
        "empty": empty,
    }


def test_every_year_decided_at_once_is_what_it_decides_alone(years: dict[str, ClusterYear]) -> None:
    alone = {
        name: decide(year, Review.objects.filter(cluster_year=year).first()) for name, year in years.items()
    }
    at_once = decide_many(years.values())
    assert at_once == {year.pk: alone[name] for name, year in years.items()}
    # The cases are there: a tie the score cannot separate, one it does, the share, the agreed lists.
    voided = alone["voided"]
    assert [(p.tier, p.unit, p.basis.get("tie_break")) for p in voided.proposals] == [
        ("bk", "A", None),
        ("bk", "B", "score"),
    ]
    assert [(n.tier, n.unit, n.reason["kind"]) for n in voided.not_proposed] == [
        ("co", "C", "tie_unresolved"),
        ("co", "E", "tie_unresolved"),
        ("co", "A", "below_share"),
        ("bk", "C", "lost_tie_break"),
    ]
    assert {n.reason["kind"] for n in alone["agreed"].not_proposed} == {"not_agreed"}
    assert [(p.tier, p.unit) for p in alone["open_tier"].proposals] == [
        ("co", "A"),
        ("bk", "A"),
        ("bk", "D"),
        ("bk", "B"),
        ("bk", "C"),
    ]
    assert [p.basis["kind"] for p in alone["by_score"].proposals] == ["score", "score"]


def test_lists_naming_a_non_member_are_void_when_every_year_is_decided_at_once() -> None:
    # The count at once leaves the rosters to the client, which counts such a review again with its roster:
    # A, named only beside X (no member), draws no vote; counted unchecked, A would be proposed on 3 of 4.
    organizer = factories.OrganizerFactory()
    cert = factories.AwardTierFactory(organizer=organizer, code="bk", position=0)
    units = {code: factories.UnitFactory(organizer=organizer, code=code) for code in "ABX"}
    year = _year([cert], "AB", units, quotas={"bk": 2})
    clean = _year([cert], "AB", units, quotas={"bk": 2})
    _cast(year, [{"bk": ["A", "X"]}] * 3 + [{"bk": ["B"]}])
    _cast(clean, [{"bk": ["A", "B"]}] * 3 + [{"bk": ["B"]}])
    at_once = decide_many([year, clean])
    assert at_once == {y.pk: decide(y, Review.objects.get(cluster_year=y)) for y in (year, clean)}
    assert at_once[year.pk].proposals == []
    assert [(n.unit, n.reason["kind"], n.reason["votes"]) for n in at_once[year.pk].not_proposed] == [
        ("B", "below_share", 1)
    ]
    assert [p.unit for p in at_once[clean.pk].proposals] == ["B", "A"]


def test_the_count_is_the_reference_count_of_the_same_ballots(years: dict[str, ClusterYear]) -> None:
    reviews = {review.pk: review for review in Review.objects.filter(ballots_known=True)}
    rosters = {
        pk: ([m.code for m in members_of(r.cluster_year)], rules_of(r.cluster_year))
        for pk, r in reviews.items()
    }
    reference = {
        pk: tally.count_ballots(reviews[pk].ballots.values_list("choices", flat=True), *rosters[pk])
        for pk in reviews
    }
    assert counts_of(rosters) == reference
    voided = reference[Review.objects.get(cluster_year=years["voided"]).pk]
    assert (voided.cast, voided.void) == (10, {"co": 2, "bk": 3})
    assert voided.votes == {"co": {"C": 2, "E": 2, "A": 1}, "bk": {"A": 3, "B": 2, "C": 2}}
    none_cast = reference[Review.objects.get(cluster_year=years["none_cast"]).pk]
    assert (none_cast.cast, none_cast.votes) == (0, {"co": {}})


BALLOT = st.fixed_dictionaries(
    {}, optional={tier: st.lists(st.sampled_from("ABCDX"), max_size=4) for tier in ("co", "bk")}
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ballots=st.lists(BALLOT, max_size=12), quota=st.one_of(st.none(), st.integers(1, 3)))
def test_any_ballots_count_as_the_reference_counts_them(
    years: dict[str, ClusterYear], ballots: list[dict[str, list[str]]], quota: int | None
) -> None:
    year = years["voided"]
    year.quotas = {"co": 1} if quota is None else {"co": 1, "bk": quota}
    review = Review.objects.get(cluster_year=year)
    Ballot.objects.filter(review=review).delete()
    Ballot.objects.bulk_create(Ballot(review=review, choices=choices) for choices in ballots)
    given_ = {review.pk: ([m.code for m in members_of(year)], rules_of(year))}
    assert counts_of(given_)[review.pk] == tally.count_ballots(ballots, *given_[review.pk])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ballots=st.lists(BALLOT, max_size=12),
    quotas=st.fixed_dictionaries({"co": st.integers(1, 2), "bk": st.one_of(st.none(), st.integers(1, 3))}),
    least=st.sampled_from([Decimal("0"), Decimal("0.2"), Decimal("0.5"), Decimal("0.667"), Decimal("1")]),
    exclusive=st.booleans(),
    tie_break=st.sampled_from([[], ["score"], ["female_share", "score"]]),
)
def test_any_ballots_decide_at_once_as_the_reference_decides_them(
    years: dict[str, ClusterYear],
    ballots: list[dict[str, list[str]]],
    quotas: dict[str, int | None],
    least: Decimal,
    exclusive: bool,
    tie_break: list[str],
) -> None:
    # Read back from the database, as decide_many reads the years: the count, the share, the quota's edge,
    # exclusive tiers and the tie-break all as the Python reference (count_ballots, then tally.decide).
    year = years["voided"]
    ClusterYear.objects.filter(pk=year.pk).update(
        quotas={k: v for k, v in quotas.items() if v is not None},
        min_approval=least,
        exclusive=exclusive,
        tie_break=tie_break,
    )
    year.refresh_from_db()
    review = Review.objects.get(cluster_year=year)
    Ballot.objects.filter(review=review).delete()
    Ballot.objects.bulk_create(Ballot(review=review, choices=choices) for choices in ballots)
    members, rules = members_of(year), rules_of(year)
    count = tally.count_ballots(ballots, [m.code for m in members], rules)
    reference = tally.decide(year.method, rules, members, {}, count, None)
    assert decide_many([year]) == {year.pk: reference}
    # And among all the others at once (the next year of its cluster, no ballot cast, agreed lists, by
    # score, an empty year): each decided as it decides alone.
    alone = {y.pk: decide(y, Review.objects.filter(cluster_year=y).first()) for y in years.values()}
    assert decide_many(years.values()) == alone
    assert alone[year.pk] == reference
