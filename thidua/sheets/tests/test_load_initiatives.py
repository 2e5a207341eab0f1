"""Recognised initiatives from a unit's list: each author gets the initiative the eligibility engine reads,
a second import changes nothing, and a date that does not exist is said by row and column."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from thidua.registry.models import Initiative, Person
from thidua.registry.subjects import person_subject
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import office_workbook

BY = "kiểm thử"
HEADER = [
    "STT",
    "Tên sáng kiến",
    "Tác giả",
    "Đơn vị",
    "Cơ quan công nhận",
    "Cấp công nhận",
    "Ngày quyết định",
    "Số QĐ",
]
ROWS = [
    [
        1,
        "Số hóa hồ sơ chứng thực ",
        "Nguyễn Thị Hồng Nhung; Trần Văn Hùng",
        "Sở Tư pháp",
        "Hội đồng sáng kiến Sở Tư pháp",
        "Cấp cơ sở",
        "15/11/2023",
        "210/QĐ-STP",
    ],
    [
        2,
        "Phần mềm quản lý lý lịch tư pháp",
        "Nguyễn Thị Hồng Nhung",
        "Sở Tư pháp",
        "UBND tỉnh",
        "Tỉnh",
        "20/12/2022",
        "1234/QĐ-UBND",
    ],
]


def _run(scope: Scope, rows: list[list[object]], **kw):
    data = office_workbook(HEADER, rows)
    return run(kinds()["initiatives"], BytesIO(data), "sang-kien.xlsx", scope, by=BY, **kw)


def test_each_author_gets_the_initiative(office):
    plan = _run(Scope(office.organizer), ROWS, write=True)

    assert plan.written and (plan.created, plan.problems) == (2, [])
    nhung = Person.objects.get(name="Nguyễn Thị Hồng Nhung")
    assert list(
        nhung.initiatives.values_list("title", "level", "year", "recognised_on", "decision_number")
    ) == [
        ("Phần mềm quản lý lý lịch tư pháp", "tinh", 2022, dt.date(2022, 12, 20), "1234/QĐ-UBND"),
        ("Số hóa hồ sơ chứng thực", "co-so", 2023, dt.date(2023, 11, 15), "210/QĐ-STP"),
    ]
    # The eligibility engine reads them as it reads initiatives entered by hand.
    levels = {
        year: [i.level for i in record.initiatives] for year, record in person_subject(nhung).years.items()
    }
    assert levels == {2022: ["tinh"], 2023: ["co-so"]}
    hung = Person.objects.get(name="Trần Văn Hùng")
    assert hung.initiatives.get().recognised_by == "Hội đồng sáng kiến Sở Tư pháp"
    assert hung.postings.get().unit == office.stp


def test_the_same_file_again_changes_nothing(office):
    _run(Scope(office.organizer), ROWS, write=True)

    again = _run(Scope(office.organizer), ROWS, write=True)

    assert (again.created, again.changed, again.same, again.written) == (0, 0, 2, False)
    assert Initiative.objects.count() == 3

    changed = [ROWS[0], [*ROWS[1][:5], "Toàn quốc", *ROWS[1][6:]]]
    plan = _run(Scope(office.organizer), changed, write=True)
    assert (plan.changed, plan.same, plan.written) == (1, 1, True)
    assert Initiative.objects.get(title__startswith="Phần mềm").level == "toan-quoc"


def test_mistakes_are_said_by_row_and_column(office):
    rows = [
        [1, "Sáng kiến A", "Lê Văn Bình", "Sở Tư pháp", "", "", "31/02/2019", ""],
        [2, "Sáng kiến B", "Lê Văn Bình", "Sở Nội vụ", "", "Cấp huyện", "01/02/2019", ""],
        [3, "Sáng kiến A", "Lê Văn Bình", "Sở Tư pháp", "", "", "01/03/2019", ""],
        [4, "Sáng kiến A", "Lê Văn Bình", "Sở Tư pháp", "", "", "01/03/2019", ""],
    ]

    plan = _run(Scope(office.organizer), rows, write=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 5, cột 'Ngày công nhận': 31/02/2019 không phải là ngày",
        "Trang tính 'Danh sách', dòng 6, cột 'Đơn vị': «Sở Nội vụ» không phải là đơn vị của Ủy ban nhân dân "
        "tỉnh Lạng Sơn.",
        "Trang tính 'Danh sách', dòng 6, cột 'Cấp công nhận': «Cấp huyện» không phải là cấp công nhận "
        "(«Cấp cơ sở», «Cấp tỉnh», «Toàn quốc»).",
        "Trang tính 'Danh sách', dòng 8, cột 'Tên sáng kiến': Lê Văn Bình đã có sáng kiến này ở dòng 7.",
    ]
    assert not plan.written and not Initiative.objects.exists()


def test_an_officer_enters_the_own_units_initiatives_only(office):
    officer = Scope(office.organizer, frozenset({office.stp.pk, office.phong.pk}))
    rows = [*ROWS, [3, "Sáng kiến C", "Phạm Minh", "Sở Giáo dục và Đào tạo", "", "", "01/01/2023", ""]]

    plan = _run(officer, rows, write=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 7, cột 'Đơn vị': «Sở Giáo dục và Đào tạo» không thuộc các đơn vị "
        "bạn được nhập liệu."
    ]
    assert _run(officer, ROWS, write=True).written
