"""Clusters and their yearly rosters from the board's list: a new cluster with its years, head, deputies and
host; a roster on record brought to what the file says (through the set-up actions); the year's rules
refused by row; a concluded year left alone."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Cluster
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import office_workbook
from thidua.testing.factories import (
    ClusterFactory,
    ClusterYearFactory,
    MembershipFactory,
    ReviewFactory,
    UnitFactory,
)

BY = "kiểm thử"
HEADER = ["STT", "Tên cụm, khối", "Loại", "Năm", "Đơn vị", "Vai trò"]
CUM = "Cụm các cơ quan Tham mưu tổng hợp"


@pytest.fixture
def units(office):
    stc = UnitFactory(organizer=office.organizer, code="STC", name="Sở Tài chính", short_name="STC")
    snv = UnitFactory(organizer=office.organizer, code="SNV", name="Sở Nội vụ", short_name="SNV")
    return office, stc, snv


def _rows() -> list[list[object]]:
    return [
        [1, CUM, "Cụm", 2023, "Sở Tư pháp", "Cụm trưởng; Đăng cai"],
        [2, CUM, "Cụm", 2023, "Sở Tài chính", "Cụm phó"],
        [3, CUM, "Cụm", 2023, "Sở Nội vụ ", ""],
        [4, CUM + " ", "", 2024, "So Tai chinh", "Cụm trưởng"],
        [5, CUM, "", 2024, "Sở Tư pháp", "Cụm phó"],
    ]


def _run(scope: Scope, rows: list[list[object]], **kw):
    data = office_workbook(HEADER, rows)
    return run(kinds()["clusters"], BytesIO(data), "cum-khoi.xlsx", scope, by=BY, **kw)


def test_a_new_cluster_with_its_yearly_rosters(units):
    office, stc, snv = units

    plan = _run(Scope(office.organizer), _rows(), write=True)
    assert not plan.written and [m.typed for m in plan.mappings.values()] == ["So Tai chinh"]

    plan = _run(Scope(office.organizer), _rows(), write=True, confirmed=True)

    assert plan.written and (plan.created, plan.problems) == (5, [])
    cluster = Cluster.objects.get(name=CUM)
    assert cluster.kind == "cum" and cluster.code
    y2023 = ClusterYear.objects.get(cluster=cluster, year=2023)
    assert y2023.member_units() == [office.stp, stc, snv]
    assert (y2023.head, y2023.deputy_units(), y2023.host) == (office.stp, [stc], office.stp)
    y2024 = ClusterYear.objects.get(cluster=cluster, year=2024)
    assert y2024.member_units() == [stc, office.stp]
    assert (y2024.head, y2024.deputy_units(), y2024.host) == (stc, [office.stp], None)
    assert AuditEvent.objects.filter(verb="cluster_year.roster").count() == 2

    events = AuditEvent.objects.count()
    again = _run(Scope(office.organizer), _rows(), write=True, confirmed=True)
    assert (again.created, again.changed, again.same, again.written) == (0, 0, 5, False)
    assert AuditEvent.objects.count() == events


def test_a_roster_on_record_is_brought_to_the_file(units):
    office, stc, snv = units
    cluster = ClusterFactory(organizer=office.organizer, name=CUM, code="TMTH")
    year = ClusterYearFactory(cluster=cluster, year=2023, head=office.sgd)
    for unit in (office.sgd, stc):
        MembershipFactory(cluster_year=year, unit=unit)

    plan = _run(Scope(office.organizer), _rows()[:3], write=True)

    assert plan.written and (plan.created, plan.changed, plan.same) == (2, 1, 0)
    assert plan.also == [f"{CUM}, năm 2023: bỏ khỏi danh sách thành viên: Sở Giáo dục và Đào tạo"]
    year.refresh_from_db()
    assert year.member_units() == [office.stp, stc, snv]
    assert (year.head, year.deputy_units(), year.host) == (office.stp, [stc], office.stp)
    assert Cluster.objects.count() == 1


def test_a_concluded_year_is_left_alone(units):
    office, stc, _snv = units
    cluster = ClusterFactory(organizer=office.organizer, name=CUM, code="TMTH")
    year = ClusterYearFactory(cluster=cluster, year=2023)
    MembershipFactory(cluster_year=year, unit=stc)
    ReviewFactory(cluster_year=year, concluded_at=timezone.now())

    plan = _run(Scope(office.organizer), _rows()[:3], write=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 5, cột 'Năm': Kết quả bình xét năm 2023 đã chốt; mở lại (kèm lý do) "
        "trước khi sửa."
    ]
    assert year.member_units() == [stc]


def test_mistakes_are_said_by_row_and_column(units):
    office, _stc, _snv = units
    rows = [
        [1, CUM, "Cụm", 2023, "Sở Tư pháp", "Cụm trưởng"],
        [2, CUM, "Cụm", 2023, "Sở Tài chính", "Cụm trưởng"],
        [3, CUM, "Cụm", 2023, "Sở Công Thương", ""],
        [4, CUM, "Cụm", 2023, "Sở Nội vụ", "Trưởng đoàn"],
        [5, CUM, "Khối", 2024, "Sở Nội vụ", ""],
        [6, CUM, "", 2023, "Sở Tư pháp", ""],
        [7, CUM, "", "năm 2023", "Sở Tư pháp", ""],
    ]

    plan = _run(Scope(office.organizer), rows, write=True, confirmed=True)

    assert [str(p) for p in plan.problems] == [
        "Trang tính 'Danh sách', dòng 6, cột 'Vai trò': dòng 5 đã ghi cụm trưởng năm 2023: mỗi năm có một "
        "cụm trưởng.",
        "Trang tính 'Danh sách', dòng 7, cột 'Đơn vị': «Sở Công Thương» không phải là đơn vị của Ủy ban nhân "
        "dân tỉnh Lạng Sơn.",
        "Trang tính 'Danh sách', dòng 8, cột 'Vai trò': «Trưởng đoàn» không phải là vai trò trong cụm (Cụm "
        "trưởng, Cụm phó, Đơn vị đăng cai, Thành viên).",
        "Trang tính 'Danh sách', dòng 9, cột 'Loại': dòng 5 ghi cụm, khối này là loại khác.",
        "Trang tính 'Danh sách', dòng 10, cột 'Đơn vị': Sở Tư pháp đã có trong danh sách năm 2023 ở dòng 5.",
        "Trang tính 'Danh sách', dòng 11, cột 'Năm': năm 2023 không phải là năm",
    ]
    assert not Cluster.objects.exists()
