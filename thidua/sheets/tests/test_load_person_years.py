"""People's yearly ratings and titles from a unit's list: new people are added with their unit, a changed
row is shown as a change, and an officer's scope stops at the officer's own unit."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from thidua.registry.models import Person, PersonPosting, PersonYear
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import office_workbook

BY = "kiểm thử"
HEADER = ["STT", "Họ và tên", "Đơn vị ", "Năm", "Xếp loại", "Danh hiệu thi đua"]
ROWS = [
    [1, "Nguyễn Thị Hồng Nhung", "Sở Tư pháp", 2021, "Hoàn thành xuất sắc nhiệm vụ", "LĐTT; CSTĐCS"],
    [2, "Nguyễn Thị Hồng Nhung", "Sở Tư pháp", 2022, "HTXSNV", "Lao động tiên tiến, Chiến sĩ thi đua cơ sở"],
    [3, "Trần Văn Hùng", "Văn phòng Sở Tư pháp", 2022, "Hoàn thành tốt nhiệm vụ", "Lao động tiên tiến"],
]


def _run(scope: Scope, rows: list[list[object]], **kw):
    data = office_workbook(HEADER, rows)
    return run(kinds()["person_years"], BytesIO(data), "danh-hieu.xlsx", scope, by=BY, **kw)


def test_a_unit_list_adds_its_people_with_their_titles(office):
    plan = _run(Scope(office.organizer), ROWS, write=True, confirmed=True)

    assert plan.written and (plan.created, plan.problems) == (3, [])
    nhung = Person.objects.get(name="Nguyễn Thị Hồng Nhung")
    assert list(nhung.years.values_list("year", "rating", "titles")) == [
        (2021, "xuat-sac", ["lao-dong-tien-tien", "chien-si-thi-dua-co-so"]),
        (2022, "xuat-sac", ["lao-dong-tien-tien", "chien-si-thi-dua-co-so"]),
    ]
    posting = PersonPosting.objects.get(person=nhung)
    assert (posting.unit, posting.start) == (office.stp, dt.date(2021, 1, 1))


def test_a_second_import_shows_changes_and_leaves_the_rest(office):
    _run(Scope(office.organizer), ROWS, write=True, confirmed=True)
    rows = [ROWS[0], [*ROWS[2][:4], "Hoàn thành nhiệm vụ", ""]]

    plan = _run(Scope(office.organizer), rows, write=True, confirmed=True)

    assert (plan.created, plan.changed, plan.same, plan.written) == (0, 1, 1, True)
    assert PersonYear.objects.get(person__name="Trần Văn Hùng").rating == "hoan-thanh"
    assert Person.objects.count() == 2


def test_titles_that_break_the_rules_or_are_unknown_are_refused(office):
    rows = [
        [1, "Lê Văn Bình", "Sở Tư pháp", 2022, "Hoàn thành tốt nhiệm vụ", "Chiến sĩ thi đua cơ sở"],
        [2, "Lê Thị Hoa", "Sở Tư pháp", 2022, "Tốt lắm", ""],
        [3, "Lê Văn Bình", "Sở Tư pháp", 2022, "", "Huân chương Lao động"],
        [4, "Lê Văn Bình", "Sở Tư pháp", "năm ngoái", "", ""],
    ]

    plan = _run(Scope(office.organizer), rows, write=True, confirmed=True)

    said = [str(p) for p in plan.problems]
    assert said[0].startswith("Trang tính 'Danh sách', dòng 5, cột 'Danh hiệu': ")
    assert (
        said[1] == "Trang tính 'Danh sách', dòng 6, cột 'Xếp loại': «Tốt lắm» không phải là một mức xếp loại."
    )
    assert said[2].startswith(
        "Trang tính 'Danh sách', dòng 7, cột 'Danh hiệu': «Huân chương Lao động» không phải"
    )
    assert said[3] == "Trang tính 'Danh sách', dòng 8, cột 'Năm': năm ngoái không phải là năm"
    assert not plan.written and not Person.objects.exists()


def test_an_officer_imports_the_own_unit_only(office):
    officer = Scope(office.organizer, frozenset({office.stp.pk, office.phong.pk}))
    rows = [*ROWS, [4, "Phạm Minh", "Sở Giáo dục và Đào tạo", 2022, "", "Lao động tiên tiến"]]

    plan = _run(officer, rows, write=True, confirmed=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 8, cột 'Đơn vị': «Sở Giáo dục và Đào tạo» không thuộc các đơn vị "
        "bạn được nhập liệu."
    ]
    assert not PersonYear.objects.exists()
    assert _run(officer, ROWS, write=True, confirmed=True).written


def test_an_officer_cannot_reach_another_units_person_by_code(office):
    board = Scope(office.organizer)
    header = [*HEADER, "Mã cá nhân"]
    first = office_workbook(header, [[1, "Phạm Minh", "Sở Giáo dục và Đào tạo", 2021, "", "", "PM-01"]])
    run(kinds()["person_years"], BytesIO(first), "ds.xlsx", board, by=BY, write=True)
    officer = Scope(office.organizer, frozenset({office.stp.pk, office.phong.pk}))
    data = office_workbook(header, [[1, "Phạm Minh", "Sở Tư pháp", 2022, "", "Lao động tiên tiến", "PM-01"]])

    plan = run(kinds()["person_years"], BytesIO(data), "ds.xlsx", officer, by=BY, write=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 5, cột 'Họ và tên': Phạm Minh không thuộc cá nhân của các đơn vị bạn "
        "được nhập liệu."
    ]
    assert not PersonYear.objects.filter(year=2022).exists()
