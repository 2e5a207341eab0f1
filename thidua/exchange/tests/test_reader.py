"""Reading an exchange file: the seed comes through, and each kind of mistake is named with its line."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.reader import parse_exchange, read_exchange_file
from thidua.exchange.tests.conftest import FILES, edited, line_of
from thidua.scenarios import SEED


def test_seed_reads_with_its_roster_ballots_and_next_leadership():
    data = read_exchange_file(SEED)
    (year,) = data.years
    assert data.cluster.code == "TMTH" and data.cluster.rules.quotas == {"co-ubnd": 1, "bk-ct": 2}
    assert data.cluster.rules.tie_break == ("score", "female_share")
    assert year.members == ("STC", "SKHDT", "VPUBND", "VPDBQH", "SNV", "STP", "SNGV")
    assert len(year.ballots) == 7
    assert year.ballots[-1] == {"co-ubnd": ("STC", "VPDBQH"), "bk-ct": ("VPDBQH", "SNV")}
    assert year.next.head == "SKHDT" and year.next.deputies == ("SNGV",)
    assert year.review.date == datetime.date(2022, 1, 20)
    assert year.scores["STC"] == Decimal("98.5")
    assert data.units[1].events[0].other == "STC"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_shipped_files_read(path):
    assert read_exchange_file(path).years


def test_unknowns_stay_unknown():
    data = read_exchange_file(FILES[-1])  # theo-diem.yaml: 2024 gives no deputies, next gives no deputies
    first = data.years[0]
    assert first.year == 2024
    assert first.deputies is None and first.host is None and first.ballots is None and first.outcome is None
    assert first.next.deputies is None and first.review.present is None
    assert data.organizer.short is None


# (edit of the seed, the text of the line the error must name, words the message must contain)
REJECTIONS = [
    pytest.param(
        ("    head: STC\n", "    head: STC\n    heda: STC\n"), "heda: STC", ["heda"], id="unknown-key-year"
    ),
    pytest.param(
        ('  short: "UBND tỉnh"', '  shrt: "UBND tỉnh"'), "shrt:", ["shrt"], id="unknown-key-organizer"
    ),
    pytest.param(("format: 1", "format: 2"), "format: 2", ["format"], id="format-not-1"),
    pytest.param(("  code: TMTH\n", ""), "kind: cum", ["code", "cluster"], id="missing-required-key"),
    pytest.param(
        ("    min_approval: 0.5", "    min_approval: half"), "min_approval", ["min_approval"], id="wrong-type"
    ),
    pytest.param(
        ("    min_approval: 0.5", "    min_approval: 1.5"), "min_approval", ["min_approval"], id="approval>1"
    ),
    pytest.param(
        ("female_share: 0.45", "female_share: -0.1"), "female_share: -0.1", ["female_share"], id="share<0"
    ),
    pytest.param(
        ("{code: STP,", "{code: STC,"), '{code: STC, name: "Sở Tư', ["STC", "twice"], id="unit-twice"
    ),
    pytest.param(
        ("  - code: bk-ct", "  - code: co-ubnd"), "~- code: co-ubnd", ["co-ubnd", "twice"], id="award-twice"
    ),
    pytest.param(
        ("years:\n", "years:\n  - {year: 2021, members: [STC]}\n"),
        "  - year: 2021",
        ["2021"],
        id="year-twice",
    ),
    pytest.param(("    head: STC", "    head: XYZ"), "head: XYZ", ["XYZ", "units"], id="head-unknown"),
    pytest.param(
        ("    deputies: [SKHDT]", "    deputies: [SKHDT, QQQ]"), "deputies", ["QQQ"], id="deputy-unknown"
    ),
    pytest.param(("    head: STC", "    head: STC\n    host: HHH"), "host: HHH", ["HHH"], id="host-unknown"),
    pytest.param(("present: [STC,", "present: [PPP,"), "present:", ["PPP"], id="present-unknown"),
    pytest.param(("scores: {STC:", "scores: {SSS:"), "scores:", ["SSS"], id="score-unknown"),
    pytest.param(("ratings: {STC: xuat-sac", "ratings: {STC: gioi"), "ratings:", ["gioi"], id="rating-enum"),
    pytest.param(
        ("    pact_signed", "    ranking: [STC, RRR]\n    pact_signed"),
        "ranking:",
        ["RRR"],
        id="rank-unknown",
    ),
    pytest.param(("{co-ubnd: [VPDBQH], bk-ct", "{co-ubnd: [ZZZ], bk-ct"), "[ZZZ]", ["ZZZ"], id="ballot-unit"),
    pytest.param(
        ("{co-ubnd: [VPDBQH], bk-ct", "{co-xx: [VPDBQH], bk-ct"),
        "co-xx",
        ["co-xx", "awards"],
        id="ballot-award",
    ),
    pytest.param(("head: SKHDT, deputies", "head: NNN, deputies"), "next:", ["NNN"], id="next-unknown"),
    pytest.param(("other: STC, date", "other: OOO, date"), "other: OOO", ["OOO"], id="event-other-unknown"),
    pytest.param(("kind: merged_into", "kind: absorbed"), "absorbed", ["absorbed"], id="event-kind"),
    pytest.param(("    method: ballot", "    method: lottery"), "method:", ["lottery"], id="method-enum"),
    pytest.param(("  kind: cum", "  kind: to"), "kind: to", ["to"], id="kind-enum"),
    pytest.param(
        ("    subject: collective\n    catalog: co-", "    subject: group\n    catalog: co-"),
        "group",
        ["group"],
        id="subject",
    ),
    pytest.param(
        ("    pact_signed", "    status: done\n    pact_signed"), "status: done", ["done"], id="status-enum"
    ),
    pytest.param(("quotas: {co-ubnd: 1,", "quotas: {co-ubnd: 0,"), "quotas:", ["quotas"], id="quota-zero"),
    pytest.param(("quotas: {co-ubnd: 1,", "quotas: {co-uu: 1,"), "quotas:", ["co-uu"], id="quota-award"),
    pytest.param(
        ("      date: 2022-01-20", "      date: 2022-02-30"), "2022-02-30", ["date"], id="date-impossible"
    ),
    pytest.param(
        ("pact_signed: 2022-01-20", "pact_signed: sau Tết"), "pact_signed", ["pact_signed"], id="date-text"
    ),
    pytest.param(
        ("[SKHDT]\n    review", "[SKHDT, SNV, STP]\n    review"), "deputies:", ["deputies"], id="3-deputies"
    ),
    pytest.param(
        ("    head: STC", "    head: STC\n    members: [STC]"), "members: [STC]", ["members"], id="dup-key"
    ),
    pytest.param(("decided_by: vote", "decided_by: lottery"), "next:", ["decided_by"], id="decided-by"),
    pytest.param(("present: [STC,", "present: [STC, STC,"), "present:", ["STC", "twice"], id="present-twice"),
    pytest.param(("      date: 2022", "      date: [2022"), "place:", ["YAML"], id="yaml-syntax"),
    # The lineage rules the board's unit page applies too (organisations.checks.lineage_problem).
    pytest.param(
        ("other: STC, date: 2025-03-01}]", "other: SKHDT, date: 2025-03-01}]"),
        "other: SKHDT",
        ["events[1]", "itself"],
        id="lineage-itself",
    ),
    pytest.param(
        (
            "other: STC, date: 2025-03-01}]",
            "other: STC, date: 2025-03-01}, {kind: merged_into, other: STC, date: 2025-03-01}]",
        ),
        "other: STC, date: 2025-03-01}, {",
        ["events[2]", "history"],
        id="lineage-twice",
    ),
]


@pytest.mark.parametrize(("edit", "line_text", "words"), REJECTIONS)
def test_each_mistake_is_named_with_its_line(seed_text, edit, line_text, words):
    text = edited(seed_text, *edit)
    with pytest.raises(ExchangeFileInvalid) as raised:
        parse_exchange(text, "bad.yaml")
    # "~" marks a text that occurs twice: the error belongs to the second, repeated occurrence.
    line = line_of(text, line_text.lstrip("~"), last=line_text.startswith("~"))
    named = [str(error) for error in raised.value.errors if error.line == line]
    assert named, f"no error on line {line}: {raised.value}"
    assert any(all(word in message for word in words) for message in named), named
    assert all(message.startswith(f"bad.yaml:{line}: ") for message in named)
    # Vietnamese and English, both present.
    assert all(error.vi and error.en and error.vi != error.en for error in raised.value.errors)


def test_head_deputy_and_present_must_be_members_of_that_year(seed_text):
    text = edited(seed_text, "members: [STC, SKHDT, VPUBND,", "members: [STC, VPUBND,")
    with pytest.raises(ExchangeFileInvalid) as raised:
        parse_exchange(text, "bad.yaml")
    lines = {error.line for error in raised.value.errors if "SKHDT" in error.en and "member" in error.en}
    scores_and_ratings = [line_of(text, "scores:"), line_of(text, "ratings:")]
    assert lines == {line_of(text, "deputies: [SKHDT]"), line_of(text, "present:"), *scores_and_ratings}


def test_every_error_is_reported_not_just_the_first(seed_text):
    text = edited(
        edited(seed_text, "format: 1", "format: 3"), "    head: STC", "    head: XYZ\n    heda: STC"
    )
    with pytest.raises(ExchangeFileInvalid) as raised:
        parse_exchange(text, "bad.yaml")
    assert len(raised.value.errors) == 3


def test_a_ballot_naming_a_known_non_member_is_kept_for_the_count_to_void(seed_text):
    text = edited(
        seed_text,
        "members: [STC, SKHDT, VPUBND, VPDBQH, SNV, STP, SNGV]",
        "members: [STC, SKHDT, VPUBND, VPDBQH, SNV, SNGV]",
    )
    text = edited(text, "present: [STC, SKHDT, VPUBND, VPDBQH, SNV, STP, SNGV]", "present: [STC]")
    text = text.replace("STP: 95.5, ", "").replace("STP: tot, ", "")
    data = parse_exchange(text, "ok.yaml")
    assert {"co-ubnd": ("STC",), "bk-ct": ("VPDBQH", "STP")} in data.years[0].ballots


def test_ballots_with_acclamation_are_accepted(seed_text):
    data = parse_exchange(edited(seed_text, "method: ballot", "method: acclamation"), "ok.yaml")
    assert data.cluster.rules.method == "acclamation" and len(data.years[0].ballots) == 7


def test_an_empty_value_is_refused_rather_than_read_as_unknown(seed_text):
    text = edited(seed_text, "    head: STC", "    head:")
    with pytest.raises(ExchangeFileInvalid) as raised:
        parse_exchange(text, "bad.yaml")
    (error,) = raised.value.errors
    assert error.line == line_of(text, "    head:") and "empty" in error.en
