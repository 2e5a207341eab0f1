"""Decisions: bonus money, only the highest title of a period paid, revocation as a status."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.registry import money
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, Decision
from thidua.testing.proposals import passed_by_council
from thidua.testing.worlds import BY, Seed, decide_seed, person_at, push_through


def _person_proposal(seed: Seed, person, award: str, year: int = 2024) -> AwardProposal:  # type: ignore[no-untyped-def]
    proposal = services.propose(
        organizer=seed.organizer,
        award=award,
        year=year,
        person=person,
        proposed_by=person.postings.get().unit,
        by=BY,
    )
    return push_through(proposal, on=date(year + 1, 1, 10))


def _fighter(seed: Seed, person) -> AwardProposal:  # type: ignore[no-untyped-def]
    """A CSTĐCS of 2024 (Decree 98/2023): the council's vote is mandatory before the decision (VOTE-1)."""
    return passed_by_council(_person_proposal(seed, person, "chien-si-thi-dua-co-so"), on=date(2025, 1, 15))


def test_a_higher_title_of_the_same_year_pays_only_the_difference(seed: Seed) -> None:
    person = person_at(seed, "STP", "Hoàng Thị Đào")
    ldtt = _person_proposal(seed, person, "lao-dong-tien-tien")
    low = services.decide([ldtt], number="10/QĐ-STP", date=date(2025, 1, 20), signer="Giám đốc", by=BY)
    cstdcs = _fighter(seed, person)
    high = services.decide([cstdcs], number="11/QĐ-STP", date=date(2025, 1, 20), signer="Giám đốc", by=BY)

    # 2,340,000 base (NĐ 73/2024): LĐTT 0.3 -> 702,000 -> 710,000; CSTĐCS 1.0 -> 2,340,000.
    assert low.awardees.get().bonus == 710_000
    assert high.awardees.get().bonus == 2_340_000 - 710_000
    assert "chênh lệch" in high.awardees.get().bonus_note


def test_a_lower_title_after_a_higher_one_pays_nothing(seed: Seed) -> None:
    person = person_at(seed, "STP", "Lý Văn Sơn", sex="nam")
    cstdcs = _fighter(seed, person)
    services.decide([cstdcs], number="12/QĐ-STP", date=date(2025, 1, 20), signer="Giám đốc", by=BY)
    ldtt = _person_proposal(seed, person, "lao-dong-tien-tien")
    low = services.decide([ldtt], number="13/QĐ-STP", date=date(2025, 1, 20), signer="Giám đốc", by=BY)
    assert low.awardees.get().bonus == 0


def test_decision_records_regime_and_base_salary_of_its_date(seed: Seed) -> None:
    flag, _ = decide_seed(seed)
    assert flag.regime == "law-2003/decree-91-2017"
    assert flag.base_salary == 1_490_000


def test_a_decision_mixing_awards_is_refused_and_changes_nothing(seed: Seed) -> None:
    proposals = services.proposals_from_review(seed.year.review, by=BY)
    for proposal in proposals:
        push_through(proposal)
    with pytest.raises(ValidationError, match="cùng một hình thức"):
        services.decide(proposals, number="1/QĐ", date=date(2022, 2, 1), signer="Chủ tịch", by=BY)
    assert not Decision.objects.exists()
    assert set(AwardProposal.objects.values_list("state", flat=True)) == {"accepted"}


def test_a_draft_proposal_cannot_be_decided(seed: Seed) -> None:
    proposal = services.proposals_from_review(seed.year.review, by=BY)[0]
    with pytest.raises(ValidationError, match="không thể chuyển sang «Đã có quyết định»"):
        services.decide([proposal], number="1/QĐ", date=date(2022, 2, 1), signer="Chủ tịch", by=BY)
    assert not Decision.objects.exists()


def test_revocation_is_a_dated_status_with_its_own_decision(seed: Seed) -> None:
    flag, _ = decide_seed(seed)
    awardee = flag.awardees.get()
    with pytest.raises(ValidationError, match="trước ngày quyết định"):
        services.revoke(awardee, number="9/QĐ", date=date(2022, 1, 1), reason="Sai sót", by=BY)
    services.revoke(awardee, number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Kê khai không đúng", by=BY)
    awardee.refresh_from_db()
    assert awardee.revoked and awardee.revocation.number == "99/QĐ-UBND"
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        services.revoke(awardee, number="100/QĐ", date=date(2022, 9, 2), reason="Lần nữa", by=BY)


@pytest.mark.parametrize(
    ("day", "base"),
    [
        (date(2019, 6, 30), 1_390_000),
        (date(2019, 7, 1), 1_490_000),
        (date(2023, 6, 30), 1_490_000),
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
    ],
)
def test_base_salary_in_force_on_the_decision_day(day: date, base: int) -> None:
    found = money.base_salary_on(day)
    assert found is not None and found.amount == base


def test_rounding_is_always_up_to_ten_thousand() -> None:
    assert money.round_up(money.Decimal("702000")) == 710_000
    assert money.round_up(money.Decimal("700000")) == 700_000
    assert money.round_up(money.Decimal("700000.01")) == 710_000


def test_the_2025_regime_uses_the_decree_152_flag_coefficient() -> None:
    bonus = money.bonus_for("co-thi-dua-tinh", "unit", date(2025, 8, 1))
    assert bonus is not None and bonus.coefficient == 8 and bonus.amount == 18_720_000
    assert "152/2025" in bonus.source
