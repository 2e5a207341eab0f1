"""The seed cluster's 2021 proposals flow through the board into the registry, and 2022 checks read them."""

from __future__ import annotations

from datetime import date

from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, AwardProposal, UnitYear
from thidua.registry.search import search_awards
from thidua.testing.worlds import BY, Seed, decide_seed, push_through


def test_the_seed_decisions_put_the_flag_and_two_certificates_on_record(seed: Seed) -> None:
    flag, merit = decide_seed(seed)

    assert [(a.unit.code, a.year) for a in flag.awardees.all()] == [("STC", 2021)]
    assert sorted(a.unit.code for a in merit.awardees.all()) == ["SNGV", "VPDBQH"]
    assert set(AwardProposal.objects.values_list("state", flat=True)) == {"decided"}
    found = search_awards("So Tai chinh", year=2021, award="co-thi-dua-tinh")
    assert [(a.name, a.decision.number) for a in found] == [("Sở Tài chính tỉnh Lạng Sơn", "245/QĐ-UBND")]
    # 2022-02-15: base salary 1,490,000 (NĐ 38/2019); 2003-law flag 15.5 -> 23,095,000 -> 23,100,000.
    assert flag.awardees.get().bonus == 23_100_000
    assert {a.bonus for a in merit.awardees.all()} == {2_980_000}


def test_a_2022_certificate_check_counts_2021_from_the_registry(seed: Seed) -> None:
    decide_seed(seed)
    sngv = seed.units["SNGV"]
    UnitYear.objects.create(unit=sngv, year=2022, rating="xuat-sac")
    proposal = services.propose(
        organizer=seed.organizer,
        award="bang-khen-chu-tich-tinh",
        year=2022,
        unit=sngv,
        proposed_by=sngv,
        by=BY,
    )

    verdict = services.check_eligibility(proposal, by=BY)

    assert verdict is not None and verdict.verdict == "eligible"
    proposal.refresh_from_db()
    chain = next(r for r in proposal.verdict_reasons if r["rule"] == "LAW-BK-TT")
    assert "2021" in chain["en"] and "2022" in chain["en"]
    # The same year's achievement already carries a flag or certificate on record: one achievement, one award.
    assert next(r for r in proposal.verdict_reasons if r["rule"] == "LAW-P2")["en"].endswith("none")


def test_a_second_award_for_the_decided_2021_achievement_is_refused_by_the_engine(seed: Seed) -> None:
    decide_seed(seed)
    vpdbqh = seed.units["VPDBQH"]
    proposal = services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2021, unit=vpdbqh, proposed_by=vpdbqh, by=BY
    )

    verdict = services.check_eligibility(proposal, by=BY)

    assert verdict is not None and verdict.verdict == "not_eligible"
    assert "LAW-P2" in verdict.rules
    assert any("bang-khen-chu-tich-tinh" in r.en for r in verdict.reasons if r.rule == "LAW-P2")


def test_a_revoked_award_no_longer_counts_for_the_engine(seed: Seed) -> None:
    _, merit = decide_seed(seed)
    award = merit.awardees.get(unit=seed.units["VPDBQH"])
    services.revoke(
        award, number="300/QĐ-UBND", date=date(2022, 6, 1), reason="Hồ sơ không trung thực", by=BY
    )
    vpdbqh = seed.units["VPDBQH"]
    proposal = services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2021, unit=vpdbqh, proposed_by=vpdbqh, by=BY
    )

    verdict = services.check_eligibility(proposal, by=BY)

    # Still not the leading unit, but the revoked certificate no longer blocks the flag (LAW-P2).
    assert verdict is not None and verdict.rules == ["LAW-CO-TINH"]
    assert Awardee.objects.filter(pk=award.pk).exists()  # revoked, never deleted


def test_lineage_shows_the_merged_units_2021_award_to_its_successor_check(seed: Seed) -> None:
    """Sở KH&ĐT merged into Sở Tài chính on 2025-03-01: a 2025 check of Sở Tài chính reads 2024 from it."""
    stc, skhdt = seed.units["STC"], seed.units["SKHDT"]
    UnitYear.objects.create(unit=skhdt, year=2024, rating="xuat-sac")
    UnitYear.objects.create(unit=stc, year=2025, rating="xuat-sac")
    proposal = services.propose(
        organizer=seed.organizer, award="bang-khen-chu-tich-tinh", year=2025, unit=stc, proposed_by=stc, by=BY
    )
    push_through(proposal, on=date(2026, 1, 10))

    verdict = services.check_eligibility(proposal, by=BY)

    assert verdict is not None and verdict.verdict == "eligible", verdict
    chain = next(r for r in verdict.reasons if r.rule == "LAW-BK-TT")
    assert "SKHDT" in chain.en

    none = services.check_eligibility(proposal, by=BY, lineage="none")
    assert none is not None and none.verdict != "eligible"
