"""The board's own province rules: entered on its page, refused in Vietnamese when wrong (nothing
written), ended by date, and read by the proposal's eligibility check with their id and document."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, ProvinceRule, UnitYear
from thidua.registry.province_rules import add_province_rule
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, client_for, user_with

TTLDTT = "tap-the-lao-dong-tien-tien"
GOOD = {
    "award": TTLDTT,
    "parameter": "ty-le-lao-dong-tien-tien",
    "value": "70",
    "document": "Quyết định 12/2024/QĐ-UBND",
    "document_date": "05/03/2024",
    "article": "Điều 4 khoản 2",
    "start": "15/03/2024",
    "end": "",
}


def _url(seed: Seed) -> str:
    return reverse("registry:province_rules") + f"?to_chuc={seed.organizer.pk}"


def _proposal(seed: Seed, holders: int, staff: int) -> AwardProposal:
    unit = seed.units["STP"]
    UnitYear.objects.create(
        unit=unit,
        year=2024,
        rating="tot",
        staff=staff,
        staff_completed=staff,
        staff_titles={"lao-dong-tien-tien": holders},
        staff_disciplined=0,
    )
    return services.propose(
        organizer=seed.organizer, award=TTLDTT, year=2024, unit=unit, proposed_by=unit, by=BY
    )


def _seventy(seed: Seed, start: date = date(2024, 3, 15)) -> ProvinceRule:
    return add_province_rule(
        seed.organizer,
        award=TTLDTT,
        parameter="ty-le-lao-dong-tien-tien",
        value=70,
        document="Quyết định 12/2024/QĐ-UBND",
        document_date=date(2024, 3, 5),
        article="Điều 4 khoản 2",
        start=start,
        by=BY,
    )


@pytest.mark.parametrize(("holders", "staff", "verdict"), [(13, 20, "not_eligible"), (18, 25, "eligible")])
def test_the_check_reads_the_boards_rule(seed: Seed, holders: int, staff: int, verdict: str) -> None:
    proposal = _proposal(seed, holders, staff)
    assert services.check_eligibility(proposal, by=BY).verdict == "eligible"  # the law: more than 50%
    rule = _seventy(seed)
    checked = services.check_eligibility(proposal, by=BY)
    assert checked.verdict == verdict
    proposal.refresh_from_db()
    share = next(r for r in proposal.verdict_reasons if "Lao động tiên tiến" in r["vi"])
    assert share["rule"] == rule.rule_id
    assert share["source"] == "Quyết định 12/2024/QĐ-UBND ngày 05/03/2024, Điều 4 khoản 2"
    assert f"{holders}/{staff}" in share["vi"] and "từ 70% trở lên" in share["vi"]


def test_a_rule_in_force_after_the_decision_day_is_not_applied(seed: Seed) -> None:
    proposal = _proposal(seed, 13, 20)
    rule = _seventy(seed, start=date(2025, 3, 1))
    early = services.check_eligibility(proposal, by=BY, decided_on=date(2025, 2, 10))
    assert early.verdict == "eligible" and rule.rule_id not in early.rules
    late = services.check_eligibility(proposal, by=BY, decided_on=date(2025, 3, 1))
    assert late.verdict == "not_eligible" and rule.rule_id in late.rules


def test_another_organizers_rule_does_not_apply(seed: Seed) -> None:
    proposal = _proposal(seed, 13, 20)
    add_province_rule(
        factories.OrganizerFactory(),
        award=TTLDTT,
        parameter="ty-le-lao-dong-tien-tien",
        value=70,
        document="Quyết định 1/2024/QĐ-UBND",
        document_date=date(2024, 1, 2),
        article="Điều 1",
        start=date(2024, 1, 2),
        by=BY,
    )
    assert services.check_eligibility(proposal, by=BY).verdict == "eligible"


@pytest.fixture
def board(seed: Seed) -> Client:
    return client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer))


def test_the_board_adds_and_ends_a_rule_on_its_page(seed: Seed, board: Client) -> None:
    done = board.post(_url(seed), GOOD, follow=True)
    rule = ProvinceRule.objects.get()
    page = done.content.decode()
    assert f"Đã thêm quy định {rule.rule_id}" in page
    assert "từ 70% thành viên đạt Lao động tiên tiến trở lên" in page
    assert "Quyết định 12/2024/QĐ-UBND ngày 05/03/2024" in page
    assert AuditEvent.objects.filter(verb="registry.province_rule.create", object_id=str(rule.pk)).exists()

    end = reverse("registry:province_rule_end", args=[rule.pk])
    refused = board.post(end, {"end": "01/03/2024"})
    assert refused.status_code == 400
    assert "trước ngày quy định" in refused.content.decode()
    assert 'value="01/03/2024"' in refused.content.decode()  # what was typed, in the rule's row again
    rule.refresh_from_db()
    assert rule.end is None
    unreadable = board.post(end, {"end": "31/02/2025"})
    assert unreadable.status_code == 400 and 'value="31/02/2025"' in unreadable.content.decode()
    assert "dạng ngày/tháng/năm" in unreadable.content.decode()
    ended = board.post(end, {"end": "31/12/2024"}, follow=True)
    assert "có hiệu lực đến hết ngày 31/12/2024" in ended.content.decode()
    rule.refresh_from_db()
    assert rule.end == date(2024, 12, 31)
    assert AuditEvent.objects.filter(verb="registry.province_rule.end", object_id=str(rule.pk)).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "150"}, "phải từ 1 đến 100, không phải 150"),
        ({"value": "bảy mươi"}, "Giá trị phải là một số nguyên"),
        ({"parameter": "so-sang-kien"}, "không áp dụng cho «Tập thể lao động tiên tiến»"),
        ({"award": "khong-co"}, "Hình thức khen thưởng đã chọn không có trong danh sách"),
        ({"document": ""}, "Cần nhập số, ký hiệu văn bản"),
        ({"start": "31/02/2024"}, "Ngày có hiệu lực phải viết theo dạng ngày/tháng/năm"),
        ({"end": "01/01/2024"}, "trước ngày có hiệu lực"),
        ({"start": "01/03/2024"}, "trước ngày ban hành văn bản"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(
    seed: Seed, board: Client, change: dict[str, str], message: str
) -> None:
    audit = AuditEvent.objects.count()
    response = board.post(_url(seed), {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProvinceRule.objects.exists()
    assert AuditEvent.objects.count() == audit


def test_two_figures_in_force_at_once_are_refused(seed: Seed, board: Client) -> None:
    first = _seventy(seed)
    response = board.post(_url(seed), {**GOOD, "value": "80", "start": "01/01/2025"})
    assert response.status_code == 400
    assert f"Đã có quy định {first.rule_id}" in response.content.decode()
    assert ProvinceRule.objects.count() == 1
    board.post(reverse("registry:province_rule_end", args=[first.pk]), {"end": "31/12/2024"})
    assert board.post(_url(seed), {**GOOD, "value": "80", "start": "01/01/2025"}).status_code == 302
    assert ProvinceRule.objects.count() == 2


def test_only_the_organizers_board_sees_or_changes_its_rules(seed: Seed) -> None:
    rule = _seventy(seed)
    officer: AbstractUser = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    outsider: AbstractUser = user_with(
        "ban-khac", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory()
    )
    end = reverse("registry:province_rule_end", args=[rule.pk])
    for user in (officer, outsider):
        client = client_for(user)
        assert client.get(_url(seed)).status_code == 404
        assert client.post(_url(seed), {**GOOD, "start": "01/01/2026"}).status_code == 404
        assert client.post(end, {"end": "31/12/2024"}).status_code == 404
    anonymous = Client().get(_url(seed))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    rule.refresh_from_db()
    assert rule.end is None and ProvinceRule.objects.count() == 1
