"""The count and the decision, on the seed's ballots and on generated ones (hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.emulation import tally
from thidua.emulation.explain import basis_text, reason_text

SEED_RULES = tally.Rules(
    tiers=(tally.Tier("co-ubnd", 1), tally.Tier("bk-ct", 2)), tie_break=("score", "female_share")
)
SEED_MEMBERS = [
    tally.Member("STC", Decimal("98.5"), Decimal("0.45")),
    tally.Member("SKHDT", Decimal("96.0"), Decimal("0.40")),
    tally.Member("VPUBND", Decimal("95.0"), Decimal("0.38")),
    tally.Member("VPDBQH", Decimal("97.0"), Decimal("0.50")),
    tally.Member("SNV", Decimal("94.5"), Decimal("0.47")),
    tally.Member("STP", Decimal("95.5"), Decimal("0.52")),
    tally.Member("SNGV", Decimal("96.5"), Decimal("0.48")),
]
SEED_BALLOTS = [
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "STP"]},
    {"co-ubnd": ["STC"], "bk-ct": ["SNGV", "STP"]},
    {"co-ubnd": ["VPDBQH"], "bk-ct": ["STC", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC", "VPDBQH"], "bk-ct": ["VPDBQH", "SNV"]},
]
CODES = [m.code for m in SEED_MEMBERS]


def seed_decision() -> tuple[tally.Count, tally.Decision]:
    count = tally.count_ballots(SEED_BALLOTS, CODES, SEED_RULES)
    return count, tally.decide_by_ballot(count, SEED_MEMBERS, SEED_RULES)


def test_the_void_flag_name_is_dropped_but_the_ballot_still_counts_as_cast():
    count, _ = seed_decision()
    assert count.cast == 7
    assert count.void == {"co-ubnd": 1, "bk-ct": 0}
    assert count.votes["co-ubnd"] == {"STC": 5, "VPDBQH": 1}
    assert count.votes["bk-ct"]["SNV"] == 1  # the same ballot's certificate names still count


def test_seed_proposals_and_reasons():
    _, decision = seed_decision()
    assert [(p.tier, p.unit, p.rank) for p in decision.proposals] == [
        ("co-ubnd", "STC", 1),
        ("bk-ct", "VPDBQH", 2),
        ("bk-ct", "SNGV", 3),
    ]
    assert basis_text(decision.proposals[0].basis, "en") == "ballot: 5 of 7 ballots cast"
    assert basis_text(decision.proposals[1].basis, "en").endswith("equal votes, placed by score")
    reasons = {(n.tier, n.unit): reason_text(n.reason, "en") for n in decision.not_proposed}
    assert reasons == {
        ("co-ubnd", "VPDBQH"): "below the approval share (1/7 < 0.5)",
        ("bk-ct", "STP"): "below the approval share (2/7 < 0.5)",
        ("bk-ct", "STC"): "proposed on a higher tier (co-ubnd)",
        ("bk-ct", "SNV"): "below the approval share (1/7 < 0.5)",
    }
    assert reason_text(decision.not_proposed[0].reason, "vi") == (
        "không đạt tỷ lệ phiếu tối thiểu (1/7 < 0,5)"
    )


def test_an_equal_count_the_tie_break_cannot_separate_at_the_quota_edge_proposes_neither():
    rules = tally.Rules(tiers=(tally.Tier("co", 1),), tie_break=("score",))
    members = [tally.Member("A", Decimal(90)), tally.Member("B", Decimal(90)), tally.Member("C", Decimal(99))]
    count = tally.count_ballots([{"co": ["A"]}, {"co": ["B"]}, {"co": ["A"]}, {"co": ["B"]}], "ABC", rules)
    decision = tally.decide_by_ballot(count, members, rules)
    assert decision.proposals == []
    assert [reason_text(n.reason, "en").split(":")[0] for n in decision.not_proposed] == [
        "lost the tie-break",
        "lost the tie-break",
    ]


def test_an_unknown_score_is_not_guessed_by_the_tie_break():
    rules = tally.Rules(tiers=(tally.Tier("co", 1),), tie_break=("score",))
    members = [tally.Member("A", Decimal(99)), tally.Member("B", None)]
    count = tally.count_ballots([{"co": ["A"]}, {"co": ["B"]}], "AB", rules)
    assert tally.decide_by_ballot(count, members, rules).proposals == []


def test_a_lower_count_after_a_full_tier_is_told_the_quota_is_full():
    rules = tally.Rules(tiers=(tally.Tier("co", 1),), min_approval=Fraction(1, 4))
    members = [tally.Member("A"), tally.Member("B")]
    count = tally.count_ballots([{"co": ["A"]}, {"co": ["A"]}, {"co": ["B"]}], "AB", rules)
    decision = tally.decide_by_ballot(count, members, rules)
    assert [p.unit for p in decision.proposals] == ["A"]
    assert reason_text(decision.not_proposed[0].reason, "en") == "quota full (1)"


def test_a_non_exclusive_cluster_may_propose_one_unit_on_two_tiers():
    rules = tally.Rules(tiers=(tally.Tier("co", 1), tally.Tier("bk", 1)), exclusive=False)
    count = tally.count_ballots([{"co": ["A"], "bk": ["A"]}] * 3, "AB", rules)
    decision = tally.decide_by_ballot(count, [tally.Member("A"), tally.Member("B")], rules)
    assert [(p.tier, p.unit, p.rank) for p in decision.proposals] == [("co", "A", 1), ("bk", "A", 1)]


def test_score_method_follows_the_scores_and_takes_none_on_an_uncapped_tier():
    rules = tally.Rules(tiers=(tally.Tier("co", 1), tally.Tier("bk", 2), tally.Tier("gk", None)))
    members = [tally.Member("S1", Decimal(96)), tally.Member("S2", Decimal(98)), tally.Member("S3", None)]
    decision = tally.decide_by_score(members, rules)
    assert [(p.tier, p.unit, p.rank) for p in decision.proposals] == [("co", "S2", 1), ("bk", "S1", 2)]
    assert decision.places == [("S2", 1), ("S1", 2)]  # no score, no place


def test_a_reported_ranking_of_the_first_places_only_still_decides_by_the_scores():
    # A file may report only the first places; the tier's second unit is placed by its score.
    rules = tally.Rules(tiers=(tally.Tier("co", 1), tally.Tier("bk", 2)))
    members = [
        tally.Member("S1", Decimal(96)),
        tally.Member("S2", Decimal(98)),
        tally.Member("S3", Decimal(90)),
    ]
    decision = tally.decide_by_score(members, rules, {"S2": 1})
    assert [(p.tier, p.unit, p.rank) for p in decision.proposals] == [
        ("co", "S2", 1),
        ("bk", "S1", 2),
        ("bk", "S3", 3),
    ]
    assert decision.places == [("S2", 1)]


def test_a_reported_ranking_wins_over_the_counted_places():
    rules = tally.Rules(tiers=(tally.Tier("co", 1), tally.Tier("bk", 1)))
    decision = tally.decide_by_outcome({"co": ["A"], "bk": ["B"]}, "acclamation", rules, {"A": 1, "B": 4})
    assert [(p.unit, p.rank) for p in decision.proposals] == [("A", 1), ("B", 4)]
    assert basis_text(decision.proposals[0].basis, "en") == "acclamation"


# Generated reviews: up to 8 members, up to 3 tiers with or without caps, up to 25 ballots, each ballot
# naming any subset (including over-quota lists, non-members and repeats, which must void that tier only).
UNITS = [f"U{i}" for i in range(8)]


@st.composite
def reviews(draw: st.DrawFn) -> tuple[tally.Rules, list[tally.Member], list[dict[str, list[str]]]]:
    size = draw(st.integers(1, 8))
    roster = UNITS[:size]
    tiers = tuple(
        tally.Tier(f"t{i}", draw(st.one_of(st.none(), st.integers(1, 3))))
        for i in range(draw(st.integers(1, 3)))
    )
    rules = tally.Rules(
        tiers=tiers,
        min_approval=draw(st.sampled_from([Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3)])),
        tie_break=draw(st.sampled_from([("score",), ("score", "female_share"), ()])),
        exclusive=draw(st.booleans()),
    )
    scores = st.one_of(st.none(), st.integers(80, 100).map(Decimal))
    members = [tally.Member(code, draw(scores), draw(scores)) for code in roster]
    names = st.lists(st.sampled_from([*roster, "OUT"]), max_size=4)
    ballots = draw(st.lists(st.fixed_dictionaries({t.code: names for t in tiers}), max_size=25))
    return rules, members, ballots


def decide(rules, members, ballots):
    count = tally.count_ballots(ballots, [m.code for m in members], rules)
    return count, tally.decide_by_ballot(count, members, rules)


@settings(max_examples=300, deadline=None)
@given(reviews(), st.randoms())
def test_ballot_order_does_not_matter(review, random):
    rules, members, ballots = review
    shuffled = list(ballots)
    random.shuffle(shuffled)
    assert decide(rules, members, ballots) == decide(rules, members, shuffled)


@settings(max_examples=300, deadline=None)
@given(reviews())
def test_quotas_hold_no_unit_twice_and_every_unit_with_votes_is_proposed_or_explained(review):
    rules, members, ballots = review
    count, decision = decide(rules, members, ballots)
    proposed = [(p.tier, p.unit) for p in decision.proposals]
    assert len(proposed) == len(set(proposed))
    if rules.exclusive:
        units = [p.unit for p in decision.proposals]
        assert len(units) == len(set(units))
    for tier in rules.tiers:
        on_tier = [p for p in decision.proposals if p.tier == tier.code]
        if tier.quota is not None:
            assert len(on_tier) <= tier.quota
        for p in on_tier:
            assert Fraction(count.votes[tier.code][p.unit], count.cast) >= rules.min_approval
        explained = {n.unit for n in decision.not_proposed if n.tier == tier.code}
        with_votes = {unit for unit, votes in count.votes[tier.code].items() if votes}
        assert with_votes == explained | {p.unit for p in on_tier}
        assert not explained & {p.unit for p in on_tier}
        assert "OUT" not in with_votes  # a non-member's name voids that tier of the ballot


def test_an_agreed_list_wins_over_published_ballots_and_explains_the_others():
    rules = tally.Rules(tiers=(tally.Tier("co", 1),))
    count = tally.count_ballots([{"co": ["B"]}, {"co": ["B"]}, {"co": ["A"]}], "AB", rules)
    decision = tally.decide_by_outcome({"co": ["A"]}, "ballot", rules, count=count, roster="AB")
    assert [(p.unit, basis_text(p.basis, "en")) for p in decision.proposals] == [
        ("A", "ballot, counts not published")
    ]
    assert [(n.unit, reason_text(n.reason, "en")) for n in decision.not_proposed] == [
        ("B", "not on the agreed list")
    ]
