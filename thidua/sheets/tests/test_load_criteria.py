"""A year's criteria table round-trips through Excel: the score page's export imported back is the same
table, an edited maximum is the one change, and a table with mistakes writes nothing."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.accounts.models import Role
from thidua.emulation.actions import scoring
from thidua.emulation.models import ClusterYear, Criterion, ScoreSheet
from thidua.emulation.papers.criteria import criteria_workbook
from thidua.sheets.importer import Plan, Scope, kinds, run
from thidua.sheets.tests.files import office_workbook
from thidua.testing import factories
from thidua.testing.workbooks import read_table
from thidua.testing.worlds import client_for, user_with

BY = "kiểm thử"
GROUPS = ("Thực hiện nhiệm vụ chính trị", "Công tác thi đua, khen thưởng", "Xây dựng tổ chức")
NAMES = ("Hoàn thành chỉ tiêu được giao", "Cải cách hành chính", "Phòng, chống tham nhũng", "Chuyển đổi số")


@pytest.fixture
def year(office) -> ClusterYear:
    cluster = factories.ClusterFactory(organizer=office.organizer, name="Cụm các Sở Nội chính", code="NC")
    return factories.ClusterYearFactory(cluster=cluster, year=2026)


def _load(office, content: bytes, **kw: object) -> Plan:
    return run(kinds()["criteria"], BytesIO(content), "tieu-chi.xlsx", Scope(office.organizer), by=BY, **kw)  # type: ignore[arg-type]


def _table(year: ClusterYear) -> list[tuple[object, ...]]:
    return [row[1:] for row in read_table(criteria_workbook(year.score_sheet)).rows]


def _fill(year: ClusterYear, scale: Decimal, criteria: list[tuple[str, str, str, Decimal]]) -> None:
    sheet = scoring.create_sheet(year, scale=scale, by=BY)
    for group, name, kind, points in criteria:
        scoring.add_criterion(sheet, group=group, name=name, kind=kind, max_points=points, by=BY)


POINTS = st.decimals(min_value=Decimal("0.25"), max_value=Decimal(30), places=2)
CRITERIA = st.lists(
    st.tuples(
        st.sampled_from(GROUPS), st.sampled_from(NAMES), st.sampled_from(Criterion.Kind.values), POINTS
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda c: (c[0], c[1]),
)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(criteria=CRITERIA, scale=st.sampled_from([Decimal(100), Decimal(1000), Decimal("250.5")]))
def test_export_then_import_is_the_identity(office, year, criteria, scale) -> None:
    with transaction.atomic():
        _fill(year, scale, criteria)
        exported = criteria_workbook(year.score_sheet)
        before = _table(year)
        ScoreSheet.objects.filter(cluster_year=year).delete()

        plan = _load(office, exported, write=True)

        assert plan.problems == [] and plan.written and plan.created == len(criteria)
        year.refresh_from_db()
        assert _table(year) == before
        again = _load(office, exported, write=True)
        assert (again.created, again.changed, again.same, again.written) == (0, 0, len(criteria), False)
        transaction.set_rollback(True)


def test_an_edited_maximum_is_the_only_change(office, year) -> None:
    _fill(
        year,
        Decimal(100),
        [(GROUPS[0], NAMES[0], "standard", Decimal(60)), (GROUPS[1], NAMES[1], "standard", Decimal(30))],
    )
    table = read_table(criteria_workbook(year.score_sheet))
    rows = [list(row) for row in table.rows]
    rows[0][7] = "50"  # lowered, so that the raised one below still fits the scale of 100
    rows[1][7] = "40,5"
    rows.append([3, "Cum cac So Noi chinh", 2026, 100, GROUPS[2], NAMES[2], "Điểm thưởng", 5])

    plan = _load(office, office_workbook(table.header, rows), write=True, confirmed=True)

    assert plan.problems == [] and (plan.created, plan.changed, plan.same) == (1, 2, 0)
    assert [m.typed for m in plan.mappings.values()] == ["Cum cac So Noi chinh"]
    found = [(c.name, c.kind, c.max_points) for c in year.score_sheet.criteria.order_by("position")]
    assert found == [
        (NAMES[0], "standard", Decimal(50)),
        (NAMES[1], "standard", Decimal("40.5")),
        (NAMES[2], "bonus", Decimal(5)),
    ]


def test_a_table_with_mistakes_writes_nothing_and_says_where(office, year) -> None:
    header = [
        "STT",
        "Cụm, khối",
        "Năm",
        "Thang điểm",
        "Nhóm tiêu chí",
        "Nội dung tiêu chí",
        "Loại",
        "Điểm tối đa",
    ]
    rows = [
        [1, "Cụm các Sở Nội chính", 2026, 100, GROUPS[0], NAMES[0], "", "abc"],
        [2, "Cụm các Sở Nội chính", 2026, 100, GROUPS[0], NAMES[1], "Điểm phạt", 10],
        [3, "Cụm các Sở Nội chính", 2025, 100, GROUPS[0], NAMES[2], "", 10],
        [4, "Cụm không có", 2026, 100, GROUPS[0], NAMES[3], "", 10],
        [5, "Cụm các Sở Nội chính", 2026, 100, GROUPS[1], NAMES[0], "", 95],
        [6, "Cụm các Sở Nội chính", 2026, 90, GROUPS[1], NAMES[1], "", 10],
        [7, "Cụm các Sở Nội chính", 2026, 100, GROUPS[2], NAMES[1], "", 10],
    ]

    plan = _load(office, office_workbook(header, rows), write=True)

    said = [str(problem) for problem in plan.problems]
    assert not plan.written and not ScoreSheet.objects.exists()
    assert any("dòng 5" in s and "'Điểm tối đa'" in s and "abc không phải là số" in s for s in said), said
    assert any("dòng 6" in s and "«Điểm phạt»" in s for s in said), said
    assert any("dòng 7" in s and "không có năm thi đua 2025" in s for s in said), said
    assert any("dòng 8" in s and "«Cụm không có»" in s for s in said), said
    assert any("dòng 10" in s and "dòng 9 ghi thang điểm của năm này là 100" in s for s in said), said
    assert any("(105) vượt thang điểm 100" in s for s in said), "\n".join(said)


def test_the_score_page_links_its_export_and_the_load_page_offers_the_kind(office, year) -> None:
    _fill(year, Decimal(100), [(GROUPS[0], NAMES[0], "standard", Decimal(60))])
    board = user_with("ban", kind=Role.Kind.BOARD, organizer=office.organizer)
    client = client_for(board)
    url = reverse("scoring:criteria_export", args=[year.cluster_id, 2026])
    assert url in client.get(reverse("scoring:sheet", args=[year.cluster_id, 2026])).text
    response = client.get(url)
    assert response.status_code == 200
    assert read_table(response.content).rows[0][1:] == (
        "Cụm các Sở Nội chính",
        2026,
        100,
        GROUPS[0],
        NAMES[0],
        "Tiêu chí chấm điểm",
        60,
    )
    assert "Bảng tiêu chí chấm điểm của một năm" in client.get(reverse("sheets:load")).text
    template = client.get(reverse("sheets:template", args=["criteria"]))
    assert template.status_code == 200
