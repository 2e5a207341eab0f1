"""A unit's own titles: its sub-units (phòng, ban) with the unit head's decisions on record, its people's
ratings and titles entered for a year in one table, and the unit's LĐTT/CSTĐCS counts computed from them on
request. The unit's officer acts for the unit and its sub-units, the board for all, anyone else finds
nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.organisations.models import Unit
from thidua.registry import subjects
from thidua.registry.actions import entry
from thidua.registry.models import Awardee, Decision, Person, PersonPosting, PersonYear, UnitYear
from thidua.testing.worlds import BY, Seed, client_for, person_at, user_with

LDTT, CSTDCS, GK = "lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen"


@pytest.fixture
def phong(seed: Seed) -> Unit:
    return entry.add_sub_unit(seed.units["STC"], name="Phòng Quản lý ngân sách", code="STC-QLNS", by=BY)


def _officer(seed: Seed, code: str) -> Client:
    user = user_with(f"can-bo-{code.lower()}", kind=Role.Kind.UNIT_OFFICER, unit=seed.units[code])
    return client_for(user)


def _title(phong: Unit, **changes: Any) -> dict[str, Any]:
    return {
        "sub_unit": phong.pk,
        "award": "tap-the-lao-dong-tien-tien",
        "year": 2021,
        "number": "12/QĐ-STC",
        "date": "20/01/2022",
        "signer": "Giám đốc Sở Tài chính",
        **changes,
    }


def test_the_units_officer_adds_a_sub_unit_and_no_one_else_can(seed: Seed, board: AbstractUser) -> None:
    stc = seed.units["STC"]
    url = reverse("registry:sub_unit_new", args=[stc.pk])
    officer = _officer(seed, "STC")
    response = officer.post(url, {"name": "Phòng Tin học thống kê", "code": "STC-THTK"})
    assert response.status_code == 302
    page = officer.get(reverse("registry:unit", args=[stc.pk]))
    assert "Phòng Tin học thống kê" in page.text
    phong = stc.sub_units.get()
    assert officer.get(reverse("registry:unit", args=[phong.pk])).status_code == 200

    taken = client_for(board).post(url, {"name": "Phòng khác", "code": "STC-THTK"})
    assert taken.status_code == 400 and "Mã «STC-THTK» đã dùng cho một đơn vị khác." in taken.text
    assert stc.sub_units.count() == 1

    stp = _officer(seed, "STP")
    assert stp.post(url, {"name": "Phòng lạ", "code": "LA"}).status_code == 404
    assert stp.get(reverse("registry:unit", args=[phong.pk])).status_code == 404
    assert stc.sub_units.count() == 1
    # A sub-unit has no sub-units of its own.
    nested = officer.post(reverse("registry:sub_unit_new", args=[phong.pk]), {"name": "Tổ", "code": "T"})
    assert nested.status_code == 404


def test_a_sub_units_title_goes_on_record_as_the_unit_heads_decision(
    seed: Seed, phong: Unit, board: AbstractUser
) -> None:
    officer = _officer(seed, "STC")
    url = reverse("registry:sub_unit_title", args=[seed.units["STC"].pk])
    assert officer.post(url, _title(phong)).status_code == 302
    awardee = Awardee.objects.get(unit=phong)
    assert (awardee.year, awardee.award, awardee.decision.number) == (
        2021,
        "tap-the-lao-dong-tien-tien",
        "12/QĐ-STC",
    )
    assert awardee.decision.grantor == f"Thủ trưởng {seed.units['STC'].name}"
    page = officer.get(reverse("registry:unit", args=[seed.units["STC"].pk]))
    assert "Phòng Quản lý ngân sách" in page.text and "Số 12/QĐ-STC ngày 20/01/2022" in page.text
    # The registry search and the engine read it as any other award.
    found = client_for(board).get(reverse("registry:search"), {"q": "phong quan ly ngan sach"})
    assert "Tìm thấy 1 khen thưởng" in found.text
    assert "tap-the-lao-dong-tien-tien" in subjects.unit_subject(phong).years[2021].titles

    again = officer.post(url, _title(phong, number="13/QĐ-STC"))
    assert again.status_code == 400 and "đã có «Tập thể lao động tiên tiến» năm 2021" in again.text
    same_number = officer.post(url, _title(phong, award=GK))
    assert same_number.status_code == 400 and "Đã có quyết định số 12/QĐ-STC." in same_number.text
    assert Decision.objects.filter(awardees__unit=phong).count() == 1


def test_only_the_units_own_sub_units_can_be_granted_a_title(seed: Seed, phong: Unit) -> None:
    stp_url = reverse("registry:sub_unit_title", args=[seed.units["STP"].pk])
    response = _officer(seed, "STP").post(stp_url, _title(phong))
    assert (
        response.status_code == 400 and "Đơn vị trực thuộc đã chọn không có trong danh sách." in response.text
    )
    stc_url = reverse("registry:sub_unit_title", args=[seed.units["STC"].pk])
    assert _officer(seed, "STP").post(stc_url, _title(phong)).status_code == 404
    assert not Awardee.objects.filter(unit=phong).exists()


@pytest.fixture
def staff(seed: Seed, phong: Unit) -> list[Person]:
    """Two people at Sở Tài chính (one in its phòng), one who left before 2021, one at Sở Tư pháp."""
    at_unit = person_at(seed, "STC", "Nguyễn Văn An")
    in_phong = person_at(seed, "STC", "Trần Thị Bình")
    PersonPosting.objects.filter(person=in_phong).update(unit=phong)
    gone = person_at(seed, "STC", "Lê Văn Cũ")
    PersonPosting.objects.filter(person=gone).update(end=date(2020, 6, 30))
    person_at(seed, "STP", "Phạm Thị Khác")
    return [at_unit, in_phong]


def _table(people: list[Person], rows: list[tuple[str, list[str]]]) -> dict[str, Any]:
    data: dict[str, Any] = {"nam": "2021"}
    for person, (rating, titles) in zip(people, rows, strict=True):
        data[f"rating_{person.pk}"] = rating
        data[f"titles_{person.pk}"] = titles
    return data


def test_the_officer_records_the_years_titles_for_all_its_people(seed: Seed, staff: list[Person]) -> None:
    officer = _officer(seed, "STC")
    url = reverse("registry:people_titles", args=[seed.units["STC"].pk])
    page = officer.get(url, {"nam": 2021})
    assert "Nguyễn Văn An" in page.text and "Trần Thị Bình" in page.text
    assert "Lê Văn Cũ" not in page.text and "Phạm Thị Khác" not in page.text

    rows = [("xuat-sac", [LDTT, CSTDCS, GK]), ("tot", [LDTT])]
    assert officer.post(url, _table(staff, rows)).status_code == 302
    saved = {r.person.name: (r.rating, r.titles) for r in PersonYear.objects.filter(year=2021)}
    assert saved == {"Nguyễn Văn An": ("xuat-sac", [LDTT, CSTDCS, GK]), "Trần Thị Bình": ("tot", [LDTT])}
    assert _officer(seed, "STP").get(url, {"nam": 2021}).status_code == 404


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("xuat-sac", [CSTDCS]), "Chiến sĩ thi đua cơ sở phải kèm danh hiệu Lao động tiên tiến"),
        (
            ("khong-hoan-thanh", [LDTT]),
            "Xếp loại không hoàn thành nhiệm vụ thì không thể đạt Lao động tiên tiến",
        ),
    ],
)
def test_a_wrong_row_saves_nothing(
    seed: Seed, staff: list[Person], row: tuple[str, list[str]], message: str
) -> None:
    url = reverse("registry:people_titles", args=[seed.units["STC"].pk])
    response = _officer(seed, "STC").post(url, _table(staff, [("tot", [LDTT]), row]))
    assert response.status_code == 400 and message in response.text
    assert not PersonYear.objects.exists()
    # The same rule holds on a single person's page.
    single = _officer(seed, "STC").post(
        reverse("registry:person_year", args=[staff[1].pk]),
        {"year": 2021, "rating": row[0], "titles": row[1]},
    )
    assert single.status_code == 400 and message in single.text
    assert not PersonYear.objects.exists()


def test_the_units_counts_are_computed_from_its_people_only_when_asked(
    seed: Seed, staff: list[Person]
) -> None:
    stc = seed.units["STC"]
    UnitYear.objects.create(unit=stc, year=2021, staff=2, staff_completed=2, staff_titles={LDTT: 9})
    officer = _officer(seed, "STC")
    people_url = reverse("registry:people_titles", args=[stc.pk])
    officer.post(people_url, _table(staff, [("xuat-sac", [LDTT, CSTDCS]), ("tot", [LDTT])]))
    assert UnitYear.objects.get(unit=stc, year=2021).staff_titles == {LDTT: 9}  # never silently

    response = officer.post(reverse("registry:compute_staff_titles", args=[stc.pk]), {"nam": "2021"})
    assert response.status_code == 302
    row = UnitYear.objects.get(unit=stc, year=2021)
    assert row.staff_titles == {LDTT: 2, CSTDCS: 1} and (row.staff, row.staff_completed) == (2, 2)
    event = AuditEvent.objects.get(verb="registry.unit.staff_titles")
    assert event.data == {"year": 2021, "before": {LDTT: 9}, "after": {LDTT: 2, CSTDCS: 1}}
    assert subjects.unit_subject(stc).years[2021].staff_titles == {LDTT: 2, CSTDCS: 1}
    other = _officer(seed, "STP").post(
        reverse("registry:compute_staff_titles", args=[stc.pk]), {"nam": "2021"}
    )
    assert other.status_code == 404


def test_decision_numbers_run_per_issuer_so_two_units_may_both_use_01(seed: Seed) -> None:
    stc, stp = seed.units["STC"], seed.units["STP"]
    stc_phong = entry.add_sub_unit(stc, name="Phòng Tổng hợp", code="STC-TH", by=BY)
    stp_phong = entry.add_sub_unit(stp, name="Phòng Tổng hợp", code="STP-TH", by=BY)
    on = date(2022, 1, 20)
    for sub_unit in (stc_phong, stp_phong):
        entry.grant_sub_unit_title(
            sub_unit, "giay-khen", 2021, number="01/QĐ", date=on, signer="Giám đốc", by=BY
        )
    assert Decision.objects.filter(number="01/QĐ").count() == 2
    # The same unit cannot issue the same number twice.
    with pytest.raises(ValidationError, match="Đã có quyết định số 01/QĐ"):
        entry.grant_sub_unit_title(
            stc_phong, "tap-the-lao-dong-tien-tien", 2021, number="01/QĐ", date=on, signer="Giám đốc", by=BY
        )
    assert Decision.objects.filter(number="01/QĐ").count() == 2
