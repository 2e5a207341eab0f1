"""Units with their lineage from the board's list: new units and sub-units, a rename with its date, and a
second import that changes nothing."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from thidua.organisations.models import Unit, UnitEvent
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import office_workbook

BY = "kiểm thử"
HEADER = [
    "Mã đơn vị",
    "Tên đơn vị ",
    "Tên viết tắt",
    "Đơn vị cấp trên",
    "Loại thay đổi",
    "Đơn vị liên quan",
    "Ngày",
]
ROWS = [
    ["SNV-P1", "Phòng Thi đua – Khen thưởng", "", "SNV", "", "", ""],
    ["SNV", "Sở Nội vụ", "SNV", "", "", "", ""],
    [
        "SLDTBXH",
        "Sở Lao động – Thương binh và Xã hội",
        "SLĐTBXH",
        "",
        "Sáp nhập vào",
        "Sở Nội vụ",
        "01/03/2025",
    ],
]


def _run(office, rows, **kw):
    data = office_workbook(HEADER, rows)
    return run(kinds()["units"], BytesIO(data), "don-vi.xlsx", Scope(office.organizer), by=BY, **kw)


def test_units_sub_units_and_a_merger_are_created_then_left_alone(office):
    plan = _run(office, ROWS, write=True)

    assert plan.problems == [] and plan.written and plan.created == 3
    snv = Unit.objects.get(code="SNV")
    assert Unit.objects.get(code="SNV-P1").parent == snv
    event = UnitEvent.objects.get()
    assert (event.unit.code, event.kind, event.other, event.date) == (
        "SLDTBXH",
        "merged_into",
        snv,
        dt.date(2025, 3, 1),
    )

    again = _run(office, ROWS, write=True)
    assert (again.created, again.changed, again.same, again.written) == (0, 0, 3, False)
    assert UnitEvent.objects.count() == 1


def test_a_renamed_unit_on_record_is_a_change(office):
    rows = [["STP", "Sở Tư pháp tỉnh Lạng Sơn", "STP", "", "", "", ""]]

    plan = _run(office, rows, write=True)

    assert (plan.changed, plan.written) == (1, True)
    office.stp.refresh_from_db()
    assert office.stp.name == "Sở Tư pháp tỉnh Lạng Sơn"


def test_unknown_changes_units_and_two_levels_of_sub_units_are_refused(office):
    rows = [
        ["A1", "Phòng A", "", "Văn phòng Sở Tư pháp", "", "", ""],
        ["A2", "Phòng B", "", "", "Giải thể", "Sở Tư pháp", "01/01/2020"],
        ["A3", "Phòng C", "", "", "Đổi tên thành", "Sở Xây dựng", "01/01/2020"],
        ["A3", "Phòng D", "", "", "", "", ""],
    ]

    plan = _run(office, rows, write=True)

    said = [str(p) for p in plan.problems]
    assert said[0].startswith("Trang tính 'Danh sách', dòng 5, cột 'Đơn vị cấp trên': «Văn phòng Sở Tư pháp»")
    assert said[1].startswith("Trang tính 'Danh sách', dòng 6, cột 'Loại thay đổi': «Giải thể»")
    assert said[2].startswith("Trang tính 'Danh sách', dòng 7, cột 'Đơn vị liên quan': «Sở Xây dựng»")
    assert said[3].startswith("Trang tính 'Danh sách', dòng 8, cột 'Mã': mã A3 đã có ở dòng 7")
    assert not plan.written and not Unit.objects.filter(code__startswith="A").exists()
