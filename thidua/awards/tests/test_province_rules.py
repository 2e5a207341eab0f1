"""A province's own rules, as the board enters them, handed to the engine as plain data: the figure in
force on the decision day replaces the law's and the verdict cites the province rule, not the law."""

from __future__ import annotations

from datetime import date

import pytest

from thidua.awards.catalogue import ProvinceRule, Source
from thidua.awards.engine import ELIGIBLE, NOT_ELIGIBLE, evaluate
from thidua.awards.facts import Subject, YearRecord

TTLDTT = "tap-the-lao-dong-tien-tien"
TTLDXS = "tap-the-lao-dong-xuat-sac"
SOURCE = Source("Quyết định 12/2024/QĐ-UBND ngày 05/03/2024", "Điều 4 khoản 2")


def unit_with(holders: int, staff: int, fighters: int = 1, rating: str = "tot") -> Subject:
    record = YearRecord(
        rating=rating,
        titles=(),
        staff=staff,
        staff_completed=staff,
        staff_titles={"lao-dong-tien-tien": holders, "chien-si-thi-dua-co-so": fighters},
        staff_disciplined_warning_or_above=0,
    )
    return Subject("U1", "unit", years={2024: record}, holds=())


def seventy(start: date = date(2024, 3, 15), end: date | None = None, award: str = TTLDTT) -> ProvinceRule:
    return ProvinceRule("PRV-7", award, "ty-le-lao-dong-tien-tien", 70, SOURCE, start, end)


@pytest.mark.parametrize(
    ("holders", "law", "province"),
    [(13, ELIGIBLE, NOT_ELIGIBLE), (18, ELIGIBLE, ELIGIBLE)],
    ids=["65%", "72%"],
)
def test_a_province_share_of_70_percent_decides_ttldtt(holders: int, law: str, province: str) -> None:
    staff = 20 if holders == 13 else 25  # 13/20 = 65%, 18/25 = 72%
    subject = unit_with(holders, staff)
    by_law = evaluate(subject, TTLDTT, 2024)
    assert by_law.verdict == law and "LAW-TTLDTT" in by_law.rules
    by_province = evaluate(subject, TTLDTT, 2024, province_rules=[seventy()])
    assert by_province.verdict == province
    assert "PRV-7" in by_province.rules and "LAW-TTLDTT" not in by_province.rules
    share = next(str(r) for r in by_province.reasons if r.rule == "PRV-7" and "Lao động tiên tiến" in r.vi)
    assert f"{holders}/{staff}" in share and "từ 70% trở lên" in share
    assert "Quyết định 12/2024/QĐ-UBND ngày 05/03/2024, Điều 4 khoản 2" in share


def test_a_rule_not_yet_in_force_on_the_decision_day_is_not_applied() -> None:
    subject = unit_with(13, 20)
    later = seventy(start=date(2025, 3, 1))
    before = evaluate(subject, TTLDTT, 2024, decided_on=date(2025, 2, 10), province_rules=[later])
    assert before.verdict == ELIGIBLE and "PRV-7" not in before.rules
    after = evaluate(subject, TTLDTT, 2024, decided_on=date(2025, 3, 1), province_rules=[later])
    assert after.verdict == NOT_ELIGIBLE and "PRV-7" in after.rules


def test_an_ended_rule_no_longer_applies() -> None:
    subject = unit_with(13, 20)
    ended = seventy(start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert evaluate(subject, TTLDTT, 2024, province_rules=[ended]).verdict == NOT_ELIGIBLE
    late = evaluate(subject, TTLDTT, 2024, decided_on=date(2025, 1, 2), province_rules=[ended])
    assert late.verdict == ELIGIBLE and "PRV-7" not in late.rules


def test_a_rule_for_another_award_leaves_this_one_alone() -> None:
    subject = unit_with(13, 20)
    other = seventy(award=TTLDXS)
    verdict = evaluate(subject, TTLDTT, 2024, province_rules=[other])
    assert verdict.verdict == ELIGIBLE and "PRV-7" not in verdict.rules


def test_a_province_can_ask_ttldxs_for_more_grassroots_fighters() -> None:
    subject = unit_with(18, 25, fighters=1, rating="xuat-sac")
    assert evaluate(subject, TTLDXS, 2024).verdict == ELIGIBLE
    two = ProvinceRule("PRV-9", TTLDXS, "so-chien-si-thi-dua-co-so", 2, SOURCE, date(2024, 1, 1))
    verdict = evaluate(subject, TTLDXS, 2024, province_rules=[two])
    assert verdict.verdict == NOT_ELIGIBLE
    assert any("1 (cần ít nhất 2)" in r.vi and r.rule == "PRV-9" for r in verdict.reasons)
