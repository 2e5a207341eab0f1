"""One regime per proposal, chosen by the rules of transition: provisional by the year of the achievement,
fixed on the day the board receives the dossier; the check, the decision and the bonus all use it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.awards.regimes import regime_for_dossier
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, Decision, PersonYear
from thidua.testing.proposals import passed_by_council
from thidua.testing.worlds import BY, Seed, client_for, person_at, push_through

OLD, DEC_98, DEC_152 = "law-2003/decree-91-2017", "law-2022/decree-98-2023", "law-2022/decree-152-2025"


@pytest.mark.parametrize(
    ("year", "received", "regime"),
    [
        (2023, None, OLD),  # provisional: the law in force at the end of the achievement year
        (2023, date(2023, 12, 20), OLD),  # received before Law 06/2022 took effect
        (2023, date(2024, 1, 1), DEC_98),  # received the day it took effect
        (2024, None, DEC_98),
        (2024, date(2025, 6, 30), DEC_98),  # received before Decree 152/2025 took effect
        (2024, date(2025, 7, 1), DEC_152),
        (2025, date(2025, 6, 20), DEC_98),  # a dossier of the year received before its end
        (2025, None, DEC_152),
    ],
)
def test_the_regime_follows_the_year_then_the_day_the_dossier_was_received(
    year: int, received: date | None, regime: str
) -> None:
    assert regime_for_dossier(year, received).code == regime


def _fighter(seed: Seed, name: str) -> AwardProposal:
    """A grassroots emulation fighter of 2023: an excellent rating, no initiative on record."""
    person = person_at(seed, "STP", name)
    PersonYear.objects.create(person=person, year=2023, rating="xuat-sac")
    return services.propose(
        organizer=seed.organizer,
        award="chien-si-thi-dua-co-so",
        year=2023,
        person=person,
        proposed_by=seed.units["STP"],
        by=BY,
    )


def _receive(proposal: AwardProposal, on: date) -> AwardProposal:
    services.provide_documents(proposal, proposal.dossier.values_list("code", flat=True), by=BY)
    return services.submit(proposal, by=BY, on=on)


def test_the_check_uses_the_regime_fixed_on_receipt(seed: Seed) -> None:
    early, late = _fighter(seed, "Hà Thị Lan"), _fighter(seed, "Vi Văn Đức")
    assert early.regime == late.regime == OLD and early.received_on is None

    early, late = _receive(early, date(2023, 12, 20)), _receive(late, date(2024, 1, 5))
    assert (early.regime, early.received_on) == (OLD, date(2023, 12, 20))
    assert (late.regime, late.received_on) == (DEC_98, date(2024, 1, 5))

    # The 2003 law needs an initiative; Law 06/2022 (Art. 23) lets an excellent rating suffice.
    old = services.check_eligibility(early, by=BY)
    new = services.check_eligibility(late, by=BY)
    assert old is not None and new is not None
    assert (old.regime, old.verdict) == (OLD, "not_eligible")
    assert (new.regime, new.verdict) == (DEC_98, "eligible")
    late.refresh_from_db()
    sources = [r["source"] for r in late.verdict_reasons if r["rule"] == "LAW-CSTDCS"]
    assert sources and all("06/2022" in s for s in sources)


def test_a_returned_dossier_keeps_the_day_it_was_first_received(seed: Seed) -> None:
    proposal = _receive(_fighter(seed, "Hà Thị Lan"), date(2023, 12, 20))
    services.return_proposal(proposal, ["Thiếu chữ ký"], by=BY)
    services.submit(proposal, by=BY, on=date(2024, 2, 1))
    proposal.refresh_from_db()
    assert (proposal.regime, proposal.received_on, proposal.submitted_on) == (
        OLD,
        date(2023, 12, 20),
        date(2024, 2, 1),
    )


def _flag(seed: Seed, code: str, received: date) -> AwardProposal:
    unit = seed.units[code]
    proposal = services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2023, unit=unit, proposed_by=unit, by=BY
    )
    return push_through(proposal, on=received)


def test_the_bonus_uses_the_proposals_regime_and_the_base_salary_of_the_decision_day(seed: Seed) -> None:
    december, january = _flag(seed, "STC", date(2023, 12, 20)), _flag(seed, "STP", date(2024, 1, 5))
    # Under Decree 98/2023 a provincial flag needs the council's vote (VOTE-1); the 2003 law: none on record.
    january = passed_by_council(january, on=date(2024, 1, 25))
    day = date(2024, 2, 1)  # base salary 1,800,000 (NĐ 24/2023)
    old = services.decide([december], number="20/QĐ-UBND", date=day, signer="Chủ tịch", by=BY)
    new = services.decide([january], number="21/QĐ-UBND", date=day, signer="Chủ tịch", by=BY)

    # Decree 91/2017 pays a provincial flag 15.5 times the base; Decree 98/2023 pays 8.
    assert (old.regime, old.awardees.get().bonus) == (OLD, 27_900_000)
    assert (new.regime, new.awardees.get().bonus) == (DEC_98, 14_400_000)
    assert "91/2017" in old.awardees.get().bonus_note and "98/2023" in new.awardees.get().bonus_note


def test_one_decision_does_not_mix_regimes(seed: Seed) -> None:
    december, january = _flag(seed, "STC", date(2023, 12, 20)), _flag(seed, "STP", date(2024, 1, 5))
    with pytest.raises(ValidationError, match="theo các chế độ pháp lý khác nhau"):
        services.decide([december, january], number="22/QĐ", date=date(2024, 2, 1), signer="A", by=BY)
    assert not Decision.objects.exists()
    assert set(AwardProposal.objects.values_list("state", flat=True)) == {"accepted"}


def test_the_dossier_page_says_which_regime_and_why(seed: Seed, board) -> None:  # type: ignore[no-untyped-def]
    proposal = _fighter(seed, "Hà Thị Lan")
    client = client_for(board)
    page = client.get(reverse("registry:proposal", args=[proposal.pk])).content.decode()
    assert "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP" in page
    assert "tạm tính theo năm thành tích 2023" in page
    _receive(proposal, date(2024, 1, 5))
    page = client.get(reverse("registry:proposal", args=[proposal.pk])).content.decode()
    assert "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP" in page
    assert "cố định theo ngày nhận hồ sơ 05/01/2024" in page and "Điều 94" in page
