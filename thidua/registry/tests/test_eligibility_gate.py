"""The law as a gate: a proposal not found eligible under its own regime (or not checked, or outside the
legal catalogue) is not accepted, sent to the council or decided until the board overrides it in writing;
an override holds only while the proposal stands where it stood; every refusal names what is missing and
where to act, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, Decision, UnitYear
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed

RECEIVED = date(2022, 1, 25)


def _received(proposal: AwardProposal) -> AwardProposal:
    services.provide_documents(proposal, proposal.dossier.values_list("code", flat=True), by=BY)
    return services.submit(proposal, by=BY, on=RECEIVED)


def _flag_for(seed: Seed, code: str) -> AwardProposal:
    """A provincial flag of 2021 for a unit of the seed cluster rated "hoàn thành tốt": not eligible."""
    unit = seed.units[code]
    return services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2021, unit=unit, proposed_by=unit, by=BY
    )


def _from_review(seed: Seed, award: str) -> AwardProposal:
    found = services.proposals_from_review(seed.year.review, by=BY)
    return next(p for p in found if p.award == award)


@pytest.fixture
def not_eligible(seed: Seed) -> AwardProposal:
    proposal = _received(_flag_for(seed, "STP"))
    services.check_eligibility(proposal, by=BY)
    proposal.refresh_from_db()
    assert proposal.verdict == "not_eligible"
    return proposal


@pytest.fixture
def missing(seed: Seed) -> AwardProposal:
    """A certificate of merit of 2021 whose 2020 rating is not on record."""
    proposal = _received(_from_review(seed, "bang-khen-chu-tich-tinh"))
    services.check_eligibility(proposal, by=BY)
    proposal.refresh_from_db()
    assert proposal.verdict == "missing_information"
    return proposal


@pytest.fixture
def unchecked(seed: Seed) -> AwardProposal:
    return _received(_from_review(seed, "co-thi-dua-tinh"))


def _frozen(proposal: AwardProposal) -> tuple[str, int]:
    proposal.refresh_from_db()
    return proposal.state, AuditEvent.objects.count()


@pytest.mark.parametrize(
    ("which", "said"),
    [
        ("not_eligible", "không đủ điều kiện theo Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP"),
        ("missing", "thiếu thông tin để xét điều kiện theo Luật Thi đua, khen thưởng 2003"),
        ("unchecked", "chưa được xét điều kiện theo Luật Thi đua, khen thưởng 2003"),
    ],
)
def test_accepting_is_refused_naming_what_and_where_and_nothing_changes(
    request: pytest.FixtureRequest, which: str, said: str
) -> None:
    proposal: AwardProposal = request.getfixturevalue(which)
    before = _frozen(proposal)
    with pytest.raises(ValidationError) as refused:
        services.accept(proposal, by=BY)
    message = refused.value.messages[0]
    assert f"Đề nghị «{proposal}» {said}" in message
    assert "Ban Thi đua – Khen thưởng ghi lý do vượt qua tại trang hồ sơ đề nghị nếu vẫn tiếp nhận" in message
    assert _frozen(proposal) == before


def test_the_refusal_gives_the_engines_reasons(not_eligible: AwardProposal) -> None:
    with pytest.raises(ValidationError) as refused:
        services.accept(not_eligible, by=BY)
    assert "năm 2021: hoàn thành tốt nhiệm vụ (cần hoàn thành xuất sắc nhiệm vụ)" in refused.value.messages[0]


def test_an_override_needs_a_reason_and_then_carries_the_proposal_with_its_record(
    not_eligible: AwardProposal,
) -> None:
    with pytest.raises(ValidationError, match="Cần nhập lý do vượt qua"):
        services.override_eligibility(not_eligible, "   ", by=BY)
    not_eligible.refresh_from_db()
    assert (
        not_eligible.override_reason == ""
        and not AuditEvent.objects.filter(verb="registry.proposal.override").exists()
    )

    reason = "Tỉnh ủy chỉ đạo khen đơn vị dẫn đầu khối chuyên đề (Công văn 12/TU)"
    services.override_eligibility(not_eligible, reason, by=BY)
    not_eligible.refresh_from_db()
    assert (not_eligible.override_reason, not_eligible.override_standing, not_eligible.override_by) == (
        reason,
        "not_eligible",
        BY,
    )
    assert not_eligible.override_applies and not_eligible.override_at is not None
    override = AuditEvent.objects.get(verb="registry.proposal.override")
    assert override.data["reason"] == reason and override.data["standing"] == "not_eligible"

    services.accept(not_eligible, by=BY)
    accepted = AuditEvent.objects.get(verb="registry.proposal.accepted", object_id=str(not_eligible.pk))
    assert accepted.data["override"] == reason and accepted.data["standing"] == "not_eligible"


def test_an_eligible_proposal_needs_no_override(unchecked: AwardProposal) -> None:
    services.check_eligibility(unchecked, by=BY)
    with pytest.raises(ValidationError, match=r"đủ điều kiện theo .*không cần lý do vượt qua"):
        services.override_eligibility(unchecked, "Cho chắc", by=BY)


def test_a_check_that_changes_the_verdict_lets_the_override_lapse(seed: Seed, missing: AwardProposal) -> None:
    services.override_eligibility(missing, "Đã đối chiếu hồ sơ giấy năm 2020", by=BY)
    services.accept(missing, by=BY)
    # The 2020 rating is entered; the unit turns out not to have completed its tasks excellently that year.
    UnitYear.objects.create(unit=missing.unit, year=2020, rating="tot")
    services.check_eligibility(missing, by=BY)
    missing.refresh_from_db()
    assert missing.verdict == "not_eligible" and missing.override_lapsed and not missing.override_applies

    before = _frozen(missing)
    with pytest.raises(ValidationError) as refused:
        services.send_to_council(missing, by=BY)
    message = refused.value.messages[0]
    assert "không đủ điều kiện" in message and "nếu vẫn trình Hội đồng" in message
    assert "cho kết quả «Thiếu thông tin để kết luận» không còn áp dụng" in message
    assert _frozen(missing) == before


def test_a_check_with_the_same_verdict_keeps_the_override(not_eligible: AwardProposal) -> None:
    services.override_eligibility(not_eligible, "Chỉ đạo của Tỉnh ủy", by=BY)
    services.check_eligibility(not_eligible, by=BY)
    not_eligible.refresh_from_db()
    assert not_eligible.override_applies
    assert services.accept(not_eligible, by=BY).state == "accepted"


def test_a_check_under_a_provisional_regime_is_stale_once_the_dossier_fixes_another(seed: Seed) -> None:
    flag = _from_review(seed, "co-thi-dua-tinh")
    services.check_eligibility(flag, by=BY)  # provisional: the 2003 law, for 2021
    services.provide_documents(flag, flag.dossier.values_list("code", flat=True), by=BY)
    flag = services.submit(flag, by=BY, on=date(2024, 3, 1))  # received under Law 06/2022
    assert flag.standing == "stale"
    with pytest.raises(ValidationError) as refused:
        services.accept(flag, by=BY)
    message = refused.value.messages[0]
    assert "đã được xét điều kiện theo Luật Thi đua, khen thưởng 2003" in message
    assert "nay áp dụng Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP" in message
    services.check_eligibility(flag, by=BY)
    assert services.accept(flag, by=BY).state == "accepted"


def test_an_award_outside_the_catalogue_waits_for_the_boards_written_basis(seed: Seed) -> None:
    """An organizer's own form (no catalogue code): no legal check; the board writes what it was judged by."""
    unit = seed.units["STP"]
    tier = factories.AwardTierFactory(organizer=seed.organizer, catalog="", name="Giấy khen của Ban Thi đua")
    proposal = services.propose(
        organizer=seed.organizer, award="", tier=tier, year=2021, unit=unit, proposed_by=unit, by=BY
    )
    proposal = _received(proposal)
    assert proposal.standing == "outside"
    with pytest.raises(ValidationError, match="là hình thức ngoài danh mục pháp luật"):
        services.accept(proposal, by=BY)
    services.override_eligibility(proposal, "Đạt tiêu chuẩn tại Điều 5 Quy chế khen thưởng của Ban", by=BY)
    assert services.accept(proposal, by=BY).state == "accepted"


Step = Callable[[AwardProposal], object]


def test_each_step_is_gated_and_a_decision_on_a_refused_one_writes_nothing(
    not_eligible: AwardProposal,
) -> None:
    services.override_eligibility(not_eligible, "Chỉ đạo của Tỉnh ủy", by=BY)
    services.accept(not_eligible, by=BY)
    # The override lapses when a check now finds the information missing instead.
    AwardProposal.objects.filter(pk=not_eligible.pk).update(verdict="missing_information")
    steps: list[tuple[Step, str]] = [
        (lambda p: services.send_to_council(p, by=BY), "nếu vẫn trình Hội đồng"),
        (
            lambda p: services.decide([p], number="9/QĐ", date=date(2022, 2, 1), signer="Chủ tịch", by=BY),
            "nếu vẫn quyết định khen thưởng",
        ),
    ]
    for step, said in steps:
        before = _frozen(not_eligible)
        with pytest.raises(ValidationError) as refused:
            step(not_eligible)
        assert said in " ".join(refused.value.messages)
        assert _frozen(not_eligible) == before
    assert not Decision.objects.exists()
