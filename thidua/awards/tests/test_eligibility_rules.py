"""The eligibility engine against a table of cases written from LAW.md, one rule exercised per case.

Each row: (rule it exercises, subjects on record, query, expected verdict, rule ids the verdict must cite,
text a reason must contain). No database: the engine works on plain data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thidua.awards.engine import evaluate
from thidua.awards.facts import Event, Hold, Initiative, Subject, YearRecord

CSTDCS = "chien-si-thi-dua-co-so"
LDTT = "lao-dong-tien-tien"
CSTDT = "chien-si-thi-dua-tinh"


def rec(**facts: Any) -> YearRecord:
    if "titles" in facts:
        facts["titles"] = tuple(facts["titles"])
    if "initiatives" in facts:
        facts["initiatives"] = tuple(Initiative(*i) for i in facts["initiatives"])
    return YearRecord(**facts)


def person(years: dict[int, YearRecord], holds: tuple[Hold, ...] | None = (), code: str = "P1") -> Subject:
    return Subject(code, "person", years=years, holds=holds)


def unit(
    code: str, years: dict[int, YearRecord], holds: tuple[Hold, ...] | None = (), events: tuple = ()
) -> Subject:
    return Subject(code, "unit", years=years, holds=holds, events=events)


def fighter(year: int, rating: str = "xuat-sac", initiatives: tuple = ()) -> YearRecord:
    return rec(rating=rating, titles=[LDTT, CSTDCS], initiatives=initiatives)


def staffed(ldtt: int, cstdcs: int = 2, staff: int = 40, completed: int = 40, **more: Any) -> YearRecord:
    facts = dict(rating="xuat-sac", titles=[], staff=staff, staff_completed=completed)
    facts |= dict(staff_titles={LDTT: ldtt, CSTDCS: cstdcs}, staff_disciplined_warning_or_above=0)
    return rec(**(facts | more))


DISCIPLINE_2024 = Hold("discipline", date(2024, 3, 1), date(2024, 9, 1), "khien-trach")
MERGED = Event("merged_into", "U2", date(2025, 3, 1))
PROVINCE_INITIATIVE = ("SK-T", "tinh", None)

# (id, rule, subjects (the first is asked about), award, year, options, verdict, cited rules, reason text)
CASES = [
    (
        "ldtt-good",
        "LAW-LDTT-1",
        [person({2024: rec(rating="tot")})],
        LDTT,
        2024,
        {},
        "eligible",
        ["LAW-LDTT-1"],
        "rating 2024: tot",
    ),
    (
        "ldtt-only-completed",
        "LAW-LDTT-1",
        [person({2024: rec(rating="hoan-thanh")})],
        LDTT,
        2024,
        {},
        "not_eligible",
        ["LAW-LDTT-1"],
        "rating 2024: hoan-thanh",
    ),
    (
        "ldtt-rating-absent",
        "LAW-LDTT-1",
        [person({2024: rec(titles=[])})],
        LDTT,
        2024,
        {},
        "missing_information",
        ["LAW-LDTT-1"],
        "not on record: rating for 2024",
    ),
    (
        "cstdcs-excellent-2024",
        "LAW-CSTDCS",
        [person({2024: rec(rating="xuat-sac", initiatives=[])})],
        CSTDCS,
        2024,
        {},
        "eligible",
        ["LAW-CSTDCS"],
        "needs excellent completion or a grassroots",
    ),
    # Regime boundary 2023 / 2024: the 2003 law wanted an initiative; the 2022 law accepts an excellent one.
    (
        "cstdcs-excellent-2023-old-law",
        "LAW-CSTDCS",
        [person({2023: rec(rating="xuat-sac", initiatives=[])})],
        CSTDCS,
        2023,
        {},
        "not_eligible",
        ["LAW-CSTDCS"],
        "needs an initiative recognised at grassroots",
    ),
    (
        "cstdcs-2023-decided-2024",
        "LAW-CSTDCS",
        [person({2023: rec(rating="xuat-sac", initiatives=[])})],
        CSTDCS,
        2023,
        {"decided_on": date(2024, 1, 1)},
        "eligible",
        ["LAW-CSTDCS"],
        "Điều 23",
    ),
    (
        "cstdcs-initiative-counts",
        "LAW-CSTDCS",
        [person({2024: rec(rating="tot", initiatives=[("SK-1", "co-so", None)])})],
        CSTDCS,
        2024,
        {},
        "eligible",
        ["LAW-CSTDCS"],
        "initiatives that count: SK-1",
    ),
    (
        "cstdcs-initiative-already-used",
        "CIRC-P1",
        [person({2024: rec(rating="tot", initiatives=[("SK-1", "co-so", "giay-khen")])})],
        CSTDCS,
        2024,
        {},
        "not_eligible",
        ["LAW-CSTDCS", "CIRC-P1"],
        "SK-1 → giay-khen",
    ),
    (
        "cstdt-three-years",
        "LAW-CSTDT",
        [
            person(
                {
                    2022: fighter(2022),
                    2023: fighter(2023),
                    2024: fighter(2024, initiatives=(PROVINCE_INITIATIVE,)),
                }
            )
        ],
        CSTDT,
        2024,
        {},
        "eligible",
        ["LAW-CSTDT"],
        "on record: 2022, 2023, 2024",
    ),
    (
        "cstdt-missing-year",
        "LAW-CSTDT",
        [person({2022: fighter(2022), 2024: fighter(2024, initiatives=(PROVINCE_INITIATIVE,))})],
        CSTDT,
        2024,
        {},
        "missing_information",
        ["LAW-CSTDT"],
        "not on record: 2023",
    ),
    (
        "cstdt-lower-title",
        "LAW-CSTDT",
        [
            person(
                {
                    2022: fighter(2022),
                    2023: rec(rating="tot", titles=[LDTT], initiatives=[]),
                    2024: fighter(2024, initiatives=(PROVINCE_INITIATIVE,)),
                }
            )
        ],
        CSTDT,
        2024,
        {},
        "not_eligible",
        ["LAW-CSTDT"],
        "not chien-si-thi-dua-co-so: 2023",
    ),
    (
        "cstdt-initiative-used-for-cstdcs",
        "CIRC-P1",
        [
            person(
                {
                    2022: fighter(2022),
                    2023: fighter(2023),
                    2024: fighter(2024, initiatives=(("SK-T", "tinh", CSTDCS),)),
                }
            )
        ],
        CSTDT,
        2024,
        {},
        "not_eligible",
        ["LAW-CSTDT", "CIRC-P1"],
        "SK-T → chien-si-thi-dua-co-so",
    ),
    (
        "cstdtq-two-provincial",
        "LAW-CSTDTQ",
        [
            person(
                {
                    2023: rec(titles=[CSTDT], initiatives=[]),
                    2024: rec(titles=[CSTDT], initiatives=[("SK-Q", "toan-quoc", None)]),
                }
            )
        ],
        "chien-si-thi-dua-toan-quoc",
        2024,
        {},
        "eligible",
        ["LAW-CSTDTQ"],
        "SK-Q",
    ),
    (
        "ttldxs-exactly-70",
        "LAW-TTLDXS",
        [unit("U1", {2024: staffed(28)})],
        "tap-the-lao-dong-xuat-sac",
        2024,
        {},
        "eligible",
        ["LAW-TTLDXS"],
        "28/40 (needs at least 70%)",
    ),
    (
        "ttldxs-below-70",
        "LAW-TTLDXS",
        [unit("U1", {2024: staffed(27)})],
        "tap-the-lao-dong-xuat-sac",
        2024,
        {},
        "not_eligible",
        ["LAW-TTLDXS"],
        "27/40 (needs at least 70%)",
    ),
    (
        "ttldxs-no-fighter",
        "LAW-TTLDXS",
        [unit("U1", {2024: staffed(30, cstdcs=0)})],
        "tap-the-lao-dong-xuat-sac",
        2024,
        {},
        "not_eligible",
        ["LAW-TTLDXS"],
        "holders 2024: 0 (needs at least 1)",
    ),
    (
        "ttldxs-one-member-failed",
        "LAW-TTLDXS",
        [unit("U1", {2024: staffed(30, completed=39)})],
        "tap-the-lao-dong-xuat-sac",
        2024,
        {},
        "not_eligible",
        ["LAW-TTLDXS"],
        "39/40 (needs 100%)",
    ),
    (
        "ttldtt-above-half",
        "LAW-TTLDTT",
        [unit("U1", {2024: staffed(21, rating="tot")})],
        "tap-the-lao-dong-tien-tien",
        2024,
        {},
        "eligible",
        ["LAW-TTLDTT"],
        "21/40 (needs more than 50%)",
    ),
    (
        "ttldtt-exactly-half",
        "LAW-TTLDTT",
        [unit("U1", {2024: staffed(20, rating="tot")})],
        "tap-the-lao-dong-tien-tien",
        2024,
        {},
        "not_eligible",
        ["LAW-TTLDTT"],
        "20/40 (needs more than 50%)",
    ),
    (
        "ttldtt-member-warned",
        "LAW-TTLDTT",
        [unit("U1", {2024: staffed(30, rating="tot", staff_disciplined_warning_or_above=1)})],
        "tap-the-lao-dong-tien-tien",
        2024,
        {},
        "not_eligible",
        ["LAW-TTLDTT"],
        "warning or above 2024: 1",
    ),
    (
        "ttldtt-bac-ninh-70",
        "PRV-TTLDTT-BN",
        [unit("U1", {2025: staffed(21, rating="tot")})],
        "tap-the-lao-dong-tien-tien",
        2025,
        {"province": "Bắc Ninh"},
        "not_eligible",
        ["PRV-TTLDTT-BN"],
        "21/40 (needs at least 70%)",
    ),
    (
        "ttldtt-elsewhere-50",
        "LAW-TTLDTT",
        [unit("U1", {2025: staffed(21, rating="tot")})],
        "tap-the-lao-dong-tien-tien",
        2025,
        {"province": "Lạng Sơn"},
        "eligible",
        ["LAW-TTLDTT"],
        "more than 50%",
    ),
    (
        "flag-leader",
        "LAW-CO-TINH",
        [unit("U1", {2024: rec(rating="xuat-sac", titles=[], cluster_place=1)})],
        "co-thi-dua-tinh",
        2024,
        {},
        "eligible",
        ["LAW-CO-TINH"],
        "cluster place 2024: 1",
    ),
    (
        "flag-second-place",
        "LAW-CO-TINH",
        [unit("U1", {2024: rec(rating="xuat-sac", titles=[], cluster_place=2)})],
        "co-thi-dua-tinh",
        2024,
        {},
        "not_eligible",
        ["LAW-CO-TINH"],
        "cluster place 2024: 2",
    ),
    (
        "flag-and-certificate-one-achievement",
        "LAW-P2",
        [unit("U1", {2024: rec(rating="xuat-sac", titles=["bang-khen-chu-tich-tinh"], cluster_place=1)})],
        "co-thi-dua-tinh",
        2024,
        {},
        "not_eligible",
        ["LAW-P2"],
        "already rewarded with: bang-khen-chu-tich-tinh",
    ),
    (
        "merit-unit-inherit",
        "LAW-BK-TT",
        [
            unit("U2", {2025: rec(rating="xuat-sac", titles=[])}),
            unit("U1", {2024: rec(rating="xuat-sac")}, events=(MERGED,)),
        ],
        "bang-khen-chu-tich-tinh",
        2025,
        {"lineage": "inherit"},
        "eligible",
        ["LAW-BK-TT"],
        "from predecessor U1",
    ),
    (
        "merit-unit-no-inherit",
        "LAW-BK-TT",
        [
            unit("U2", {2025: rec(rating="xuat-sac", titles=[])}),
            unit("U1", {2024: rec(rating="xuat-sac")}, events=(MERGED,)),
        ],
        "bang-khen-chu-tich-tinh",
        2025,
        {"lineage": "none"},
        "missing_information",
        ["LAW-BK-TT"],
        "predecessor U1 not counted (lineage: none)",
    ),
    (
        "merit-unit-good-not-excellent",
        "LAW-BK-TT",
        [unit("U1", {2024: rec(rating="tot"), 2025: rec(rating="xuat-sac", titles=[])})],
        "bang-khen-chu-tich-tinh",
        2025,
        {},
        "not_eligible",
        ["LAW-BK-TT"],
        "not excellent completion: 2024",
    ),
    (
        "merit-unit-bac-ninh-ttldxs",
        "LAW-BK-TT",
        [
            unit(
                "U1",
                {
                    2024: rec(rating="tot", titles=["tap-the-lao-dong-xuat-sac"]),
                    2025: rec(rating="xuat-sac", titles=[]),
                },
            )
        ],
        "bang-khen-chu-tich-tinh",
        2025,
        {"province": "Bắc Ninh"},
        "eligible",
        ["LAW-BK-TT"],
        "Bắc Ninh",
    ),
    (
        "merit-person-two-fighter-years",
        "LAW-BK-CN",
        [person({2023: fighter(2023), 2024: fighter(2024)})],
        "bang-khen-chu-tich-tinh",
        2024,
        {},
        "eligible",
        ["LAW-BK-CN"],
        "limb (d)",
    ),
    (
        "merit-person-initiative-reused",
        "LAW-BK-CN",
        [
            person(
                {
                    2023: rec(rating="xuat-sac", titles=[LDTT], initiatives=[("A", "co-so", None)]),
                    2024: rec(rating="xuat-sac", titles=[LDTT], initiatives=[("B", "co-so", CSTDCS)]),
                }
            )
        ],
        "bang-khen-chu-tich-tinh",
        2024,
        {},
        "not_eligible",
        ["LAW-BK-CN", "CIRC-P1"],
        "B → chien-si-thi-dua-co-so",
    ),
    (
        "commendation-good-year",
        "LAW-GK",
        [person({2024: rec(rating="tot", titles=[LDTT])})],
        "giay-khen",
        2024,
        {},
        "eligible",
        ["LAW-GK"],
        "achievement 2024: lao-dong-tien-tien",
    ),
    (
        "discipline-ended-before-decision",
        "DEC-P3",
        [person({2024: rec(rating="tot")}, holds=(DISCIPLINE_2024,))],
        LDTT,
        2024,
        {},
        "eligible",
        ["DEC-P3"],
        "no hold pending on 2024-12-31",
    ),
    (
        "discipline-ends-after-decision",
        "DEC-P3",
        [person({2024: rec(rating="tot")}, holds=(Hold("discipline", date(2024, 11, 1), date(2025, 3, 1)),))],
        LDTT,
        2024,
        {"decided_on": date(2025, 1, 20)},
        "on_hold",
        ["DEC-P3"],
        "discipline pending",
    ),
    (
        "discipline-ended-after-the-year",
        "DEC-P3",
        [
            person(
                {2024: rec(rating="tot")}, holds=(Hold("discipline", date(2024, 11, 1), date(2025, 1, 10)),)
            )
        ],
        LDTT,
        2024,
        {"decided_on": date(2025, 1, 20)},
        "not_eligible",
        ["DEC-P3"],
        "achievements of 2024 do not",
    ),
    (
        "discipline-trims-the-chain",
        "DEC-P3",
        [
            person(
                {
                    2022: fighter(2022),
                    2023: fighter(2023),
                    2024: fighter(2024, initiatives=(PROVINCE_INITIATIVE,)),
                },
                holds=(Hold("discipline", date(2023, 2, 1), date(2023, 8, 1)),),
            )
        ],
        CSTDT,
        2024,
        {},
        "not_eligible",
        ["LAW-CSTDT", "DEC-P3"],
        "achievements of 2022 do not count",
    ),
    (
        "open-investigation",
        "DEC-P3",
        [person({2024: rec(rating="tot")}, holds=(Hold("investigation", date(2024, 12, 1)),))],
        LDTT,
        2024,
        {},
        "on_hold",
        ["DEC-P3"],
        "investigation pending",
    ),
    (
        "holds-not-given-means-none-on-record",
        "DEC-P3",
        [person({2024: rec(rating="tot")}, holds=None)],
        LDTT,
        2024,
        {},
        "eligible",
        ["DEC-P3"],
        "no hold pending",
    ),
    (
        "government-flag-not-encoded",
        "(catalogue)",
        [unit("U1", {2024: rec(rating="xuat-sac")})],
        "co-thi-dua-chinh-phu",
        2024,
        {},
        "missing_information",
        [],
        "not in the catalogue",
    ),
]


@pytest.mark.parametrize(
    ("rule", "subjects", "award", "year", "options", "verdict", "cited", "text"),
    [pytest.param(*case[1:], id=f"{case[1]}:{case[0]}") for case in CASES],
)
def test_rule_table(rule, subjects, award, year, options, verdict, cited, text):
    by_code = {s.code: s for s in subjects}
    result = evaluate(subjects[0], award, year, subjects_by_code=by_code, **options)
    reasons = [str(r) for r in result.reasons]
    assert result.verdict == verdict, reasons
    assert set(cited) <= set(result.rules), (rule, result.rules)
    assert any(text in reason for reason in reasons), reasons


def test_the_table_is_large_and_covers_every_rule_of_the_catalogue():
    from thidua.awards.catalogue import RULES

    covered = {case[1] for case in CASES}
    assert len(CASES) >= 25
    assert {rule.id for rule in RULES} <= covered


@pytest.mark.parametrize(
    ("decided_on", "regime", "decree"),
    [
        (date(2023, 12, 31), "law-2003/decree-91-2017", "Nghị định 91/2017"),
        (date(2024, 1, 1), "law-2022/decree-98-2023", "Nghị định 98/2023"),
        (date(2025, 6, 30), "law-2022/decree-98-2023", "Nghị định 98/2023"),
        (date(2025, 7, 1), "law-2022/decree-152-2025", "Nghị định 152/2025"),
    ],
)
def test_the_decision_day_picks_the_regime_and_the_decree_cited(decided_on, regime, decree):
    held = person({2023: rec(rating="tot")}, holds=(Hold("inspection", date(2023, 6, 1)),))
    result = evaluate(held, LDTT, 2023, decided_on=decided_on)
    assert result.regime == regime
    assert result.verdict == "on_hold"
    assert decree in str(result.reasons[0])


def test_without_decision_day_the_year_end_picks_the_regime():
    assert evaluate(person({2025: rec(rating="tot")}), LDTT, 2025).regime == "law-2022/decree-152-2025"
    assert evaluate(person({2024: rec(rating="tot")}), LDTT, 2024).regime == "law-2022/decree-98-2023"


def test_a_failed_condition_outweighs_a_missing_fact():
    # 2023 is unknown but 2022 is a lower title: the chain cannot be met whatever 2023 was.
    subject = person({2022: rec(titles=[LDTT], initiatives=[]), 2024: fighter(2024)})
    assert evaluate(subject, CSTDT, 2024).verdict == "not_eligible"


def test_the_verdict_entry_has_exactly_the_contract_keys():
    entry = evaluate(person({2024: rec(rating="tot")}), LDTT, 2024).as_dict()
    assert list(entry) == ["subject", "award", "year", "regime", "verdict", "rules", "reasons"]
    assert entry["rules"] == ["LAW-LDTT-1", "DEC-P3"]


def test_an_award_for_units_is_refused_for_a_person():
    with pytest.raises(ValueError, match="not given to a person"):
        evaluate(person({}), "co-thi-dua-tinh", 2024)
