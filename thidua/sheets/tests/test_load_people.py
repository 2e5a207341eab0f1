"""People with their postings from a unit's staff list: a person named on several rows is one person, a
second import changes nothing, and the office's mistakes are said by row and column."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from thidua.core.models import AuditEvent
from thidua.registry.models import Person, PersonPosting
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import office_workbook

BY = "kiểm thử"
HEADER = [
    "STT",
    "Họ và tên ",
    "Ngày sinh",
    "Giới tính",
    "Đơn vị công tác",
    "Chức vụ",
    "Từ ngày",
    "Đến ngày",
    "Lao động trực tiếp",
]
ROWS = [
    [
        1,
        "Nguyễn Thị Hồng Nhung ",
        "12/05/1985",
        "Nữ",
        "Sở Tư pháp",
        "Chuyên viên",
        "01/03/2010",
        "28/02/2015",
        "",
    ],
    [2, "Nguyễn Thị Hồng Nhung", "12/05/1985", "Nữ", "Sở Tư pháp ", "Phó Trưởng phòng", "01/03/2015", "", ""],
    [3, "Trần Văn Hùng", 1979, "Nam", "Văn phòng Sở Tư pháp", "Lái xe", "01/01/2012", "", "x"],
]


def _run(scope: Scope, rows: list[list[object]], header: list[str] = HEADER, **kw):
    data = office_workbook(header, rows)
    return run(kinds()["people"], BytesIO(data), "nhan-su.xlsx", scope, by=BY, **kw)


def test_a_staff_list_adds_people_with_their_postings(office):
    plan = _run(Scope(office.organizer), ROWS, write=True)

    assert plan.written and (plan.created, plan.problems) == (3, [])
    nhung = Person.objects.get(name="Nguyễn Thị Hồng Nhung")
    assert (nhung.birth_year, nhung.sex) == (1985, "nu")
    assert list(nhung.postings.values_list("position", "start", "end")) == [
        ("Chuyên viên", dt.date(2010, 3, 1), dt.date(2015, 2, 28)),
        ("Phó Trưởng phòng", dt.date(2015, 3, 1), None),
    ]
    hung = Person.objects.get(name="Trần Văn Hùng")
    assert (hung.birth_year, hung.sex, hung.direct_labourer) == (1979, "nam", True)
    assert AuditEvent.objects.filter(verb="registry.person.posting").count() == 3


def test_the_same_file_again_changes_nothing_and_a_new_end_date_is_a_change(office):
    _run(Scope(office.organizer), ROWS, write=True)
    events = AuditEvent.objects.count()

    again = _run(Scope(office.organizer), ROWS, write=True)
    assert (again.created, again.changed, again.same, again.written) == (0, 0, 3, False)
    assert AuditEvent.objects.count() == events

    moved = [ROWS[0], ROWS[1], [*ROWS[2][:7], "31/12/2024", "x"]]
    plan = _run(Scope(office.organizer), moved, write=True)
    assert (plan.created, plan.changed, plan.same, plan.written) == (0, 1, 2, True)
    assert PersonPosting.objects.get(person__name="Trần Văn Hùng").end == dt.date(2024, 12, 31)
    assert Person.objects.count() == 2


def test_a_name_without_diacritics_is_confirmed_before_it_is_written(office):
    _run(Scope(office.organizer), ROWS, write=True)
    rows = [
        [1, "Tran Van Hung", 1979, "Nam", "Văn phòng Sở Tư pháp", "Lái xe", "01/01/2012", "31/12/2023", "x"]
    ]

    plan = _run(Scope(office.organizer), rows, write=True)
    assert not plan.written
    assert [(m.typed, m.meaning) for m in plan.mappings.values()] == [
        ("Tran Van Hung", "Trần Văn Hùng (Văn phòng Sở Tư pháp)")
    ]

    plan = _run(Scope(office.organizer), rows, write=True, confirmed=True)
    assert plan.written and plan.changed == 1
    assert Person.objects.count() == 2


def test_mistakes_are_said_by_row_and_column_and_nothing_is_written(office):
    rows = [
        [1, "Lê Văn Bình", "31/02/1980", "Nam", "Sở Tư pháp", "", "01/01/2019", "", ""],
        [2, "Lê Thị Hoa", "", "Không rõ", "Sở Nội vụ", "", "31/02/2019", "", "có lẽ"],
        [3, "Phạm Minh", "", "", "Sở Tư pháp", "", "01/01/2019", "", ""],
        [4, "Phạm Minh", "", "", "Sở Tư pháp", "", "01/01/2019", "", ""],
        [5, "Đỗ An", "", "", "Sở Tư pháp", "", "01/01/2015", "", ""],
        [6, "Đỗ An", "", "", "Sở Giáo dục và Đào tạo", "", "01/01/2020", "", ""],
    ]

    plan = _run(Scope(office.organizer), rows, write=True, confirmed=True)

    said = [str(p) for p in plan.problems]
    assert said == [
        "Trang tính 'Danh sách', dòng 5, cột 'Ngày sinh': 31/02/1980 không phải là ngày hay năm",
        "Trang tính 'Danh sách', dòng 6, cột 'Đơn vị': «Sở Nội vụ» không phải là đơn vị của Ủy ban nhân dân "
        "tỉnh Lạng Sơn.",
        "Trang tính 'Danh sách', dòng 6, cột 'Từ ngày': 31/02/2019 không phải là ngày",
        "Trang tính 'Danh sách', dòng 6, cột 'Giới tính': «Không rõ» không phải là giới tính (Nam hoặc Nữ).",
        "Trang tính 'Danh sách', dòng 6, cột 'Người lao động trực tiếp': «có lẽ» không phải là có (x, có) "
        "hay không (không).",
        "Trang tính 'Danh sách', dòng 8: trùng cá nhân, đơn vị và ngày bắt đầu với dòng 7.",
        "Trang tính 'Danh sách', dòng 10, cột 'Từ ngày': Đỗ An vẫn đang ở Sở Tư pháp ngày 01/01/2020 "
        "(dòng 9): hãy ghi ngày kết thúc của nơi công tác trước.",
    ]
    assert not plan.written and not Person.objects.exists()


def test_an_officer_enters_the_own_units_people_only(office):
    officer = Scope(office.organizer, frozenset({office.stp.pk, office.phong.pk}))
    rows = [*ROWS, [4, "Phạm Minh", "", "Nam", "Sở Giáo dục và Đào tạo", "", "01/01/2019", "", ""]]

    plan = _run(officer, rows, write=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 8, cột 'Đơn vị': «Sở Giáo dục và Đào tạo» không thuộc các đơn vị "
        "bạn được nhập liệu."
    ]
    assert not Person.objects.exists()
    assert _run(officer, ROWS, write=True).written
