"""Every registry table a page shows comes out as a print-ready workbook with the page's filters: the
proposals' worklist, the decisions, the statistics, a cluster's yearly rosters. Each export answers to the
same checks as its page, and holds nothing of another organizer."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.documents.workbook import Column, Table, filters_line, table_workbook
from thidua.registry.actions import history
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.testing import factories
from thidua.testing.workbooks import read_table
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, user_with

pytestmark = pytest.mark.django_db

CERTIFICATE = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


@pytest.fixture
def elsewhere() -> AwardProposal:
    """Another organizer's decision and proposal, which no export of the seed's board may show."""
    other = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Khác")
    unit = factories.UnitFactory(organizer=other, name="Sở Tư pháp tỉnh Khác", code="KHAC")
    history.record_past_decision(
        organizer=other,
        number="999/QĐ-UBND",
        date=date(2022, 3, 1),
        grantor="Chủ tịch Ủy ban nhân dân tỉnh",
        signer="",
        award="bang-khen-chu-tich-tinh",
        award_name=CERTIFICATE,
        source_file="khac.xlsx",
        by=BY,
    )
    return services.propose(
        organizer=other, award="bang-khen-chu-tich-tinh", year=2021, unit=unit, proposed_by=unit, by=BY
    )


def test_the_shared_helper_writes_dates_amounts_headers_and_print_setup() -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    columns = (Column("Ngày", 12, "date"), Column("Tiền thưởng", 14, "amount"), Column("Tên", 30))
    content = table_workbook(
        Table("Bảng", ["BẢNG THỬ"], columns, [(date(2024, 2, 1), 1_490_000, "An")], "Lọc theo: Năm: 2024")
    )
    table = read_table(content)
    assert table.titles == ["BẢNG THỬ", "Lọc theo: Năm: 2024"]
    assert table.header == ["Ngày", "Tiền thưởng", "Tên"]
    assert table.formats[:2] == ["dd/mm/yyyy", "[$-42A]#,##0"]
    sheet = load_workbook(BytesIO(content)).active
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$4:$4" and sheet["A4"].font.bold
    assert sheet["B5"].value == 1_490_000  # a number to add up, not the text "1.490.000"


def test_filters_line_names_only_the_filters_set() -> None:
    assert filters_line([("Năm", 2024), ("Cụm", "")]) == "Lọc theo: Năm: 2024"
    assert filters_line([("Năm", None)]) == "Không lọc"


def test_the_proposals_export_honours_the_pages_filters(
    seed: Seed, board: AbstractUser, elsewhere: AwardProposal
) -> None:
    services.proposals_from_review(seed.year.review, by=BY)
    client = client_for(board)
    query = {"to_chuc": seed.organizer.pk, "nam": 2021, "hinh_thuc": "bang-khen-chu-tich-tinh"}
    page = client.get(reverse("registry:proposals"), query).text
    assert reverse("registry:proposals_export") + "?to_chuc=" in page and "Xuất Excel" in page

    response = client.get(reverse("registry:proposals_export"), query)

    assert response.status_code == 200 and "de-nghi-khen-thuong-2021.xlsx" in response["Content-Disposition"]
    table = read_table(response.content)
    assert table.header[:5] == ["STT", "Đối tượng", "Hình thức", "Nguồn", "Tình trạng"]
    assert table.titles[0] == "ĐỀ NGHỊ KHEN THƯỞNG NĂM 2021" and seed.organizer.name in table.titles
    assert f"Hình thức: {CERTIFICATE}" in table.titles[-1]
    assert len(table.rows) == 2 and {row[2] for row in table.rows} == {CERTIFICATE}
    assert all("Tham mưu tổng hợp" in str(row[3]) for row in table.rows)
    assert "Sở Tư pháp tỉnh Khác" not in str(table.rows)


def test_the_proposals_export_answers_like_its_page(seed: Seed, elsewhere: AwardProposal) -> None:
    outsider = user_with("ban-khac", kind=Role.Kind.BOARD, organizer=elsewhere.organizer)
    url = reverse("registry:proposals_export")
    # Another organizer's board cannot name this organizer; its own export holds its own proposal only.
    assert client_for(outsider).get(url, {"to_chuc": seed.organizer.pk}).status_code == 404
    table = read_table(client_for(outsider).get(url, {"nam": 2021}).content)
    assert [row[1] for row in table.rows] == ["Sở Tư pháp tỉnh Khác"]


def test_the_decisions_export_lists_the_boards_decisions_only(
    seed: Seed, board: AbstractUser, elsewhere: AwardProposal
) -> None:
    decide_seed(seed)
    page = client_for(board).get(reverse("registry:decisions")).text
    assert reverse("registry:decisions_export") in page

    response = client_for(board).get(reverse("registry:decisions_export"))

    table = read_table(response.content)
    assert table.header == [
        "STT",
        "Số quyết định",
        "Ngày quyết định",
        "Hình thức",
        "Cấp quyết định",
        "Người ký",
        "Số được khen",
    ]
    numbers = {row[1]: row for row in table.rows}
    assert set(numbers) == {"245/QĐ-UBND", "246/QĐ-UBND"}
    assert numbers["246/QĐ-UBND"][2].date() == date(2022, 2, 15) and numbers["246/QĐ-UBND"][6] == 2
    assert table.formats[2] == "dd/mm/yyyy"
    officer = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    assert client_for(officer).get(reverse("registry:decisions_export")).status_code == 404


def test_the_statistics_export_counts_by_form_for_the_chosen_year(
    seed: Seed, board: AbstractUser, elsewhere: AwardProposal
) -> None:
    decide_seed(seed)
    client = client_for(board)
    assert reverse("registry:statistics_export") + "?nam=2021" in client.get(
        reverse("registry:statistics"), {"nam": 2021}
    ).text.replace("&amp;", "&")

    content = client.get(reverse("registry:statistics_export"), {"nam": 2021}).content

    by_form = read_table(content, "Theo hình thức")
    assert by_form.titles[-1] == "Lọc theo: Năm: 2021"
    assert sorted(by_form.rows) == [
        (2021, CERTIFICATE, 2, 0, 2),
        (2021, "Cờ thi đua của Ủy ban nhân dân tỉnh", 1, 0, 1),
    ]
    empty = read_table(client.get(reverse("registry:statistics_export"), {"nam": 2019}).content)
    assert empty.rows == []
    officer = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    assert client_for(officer).get(reverse("registry:statistics_export")).status_code == 404


def test_the_cluster_rosters_export_gives_each_years_members_and_their_parts(seed: Seed) -> None:
    year = seed.year
    lead = user_with("cum-truong", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year)
    cluster = year.cluster
    page = client_for(lead).get(reverse("front:cluster", args=[cluster.pk])).text
    assert reverse("front:cluster_export", args=[cluster.pk]) in page

    response = client_for(lead).get(reverse("front:cluster_export", args=[cluster.pk]))

    table = read_table(response.content)
    assert table.header == ["Năm", "STT", "Mã đơn vị", "Tên đơn vị", "Vai trò trong năm"]
    of_2021 = [row for row in table.rows if row[0] == 2021]
    assert [row[3] for row in of_2021][: len(year.member_units())] == [u.name for u in year.member_units()]
    parts = {row[3]: row[4] for row in of_2021}
    assert year.head is not None and "Cụm trưởng" in parts[year.head.name]
    for deputy in year.deputy_units():
        assert "Cụm phó" in parts[deputy.name]
    other = user_with("ngoai", kind=Role.Kind.UNIT_OFFICER, unit=factories.UnitFactory())
    assert client_for(other).get(reverse("front:cluster_export", args=[cluster.pk])).status_code == 404


def test_the_rosters_export_reads_in_the_same_number_of_queries_however_many_years(seed: Seed) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lead = client_for(user_with("cum-truong", kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed.year))
    url = reverse("front:cluster_export", args=[seed.year.cluster_id])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert lead.get(url).status_code == 200
        return len(queries)

    before = count()
    for year in (2019, 2020):
        added = factories.ClusterYearFactory(cluster=seed.year.cluster, year=year, head=seed.units["STP"])
        for unit in list(seed.units.values())[:3]:
            factories.MembershipFactory(cluster_year=added, unit=unit)
    assert count() == before
    assert {row[0] for row in read_table(lead.get(url).content).rows} >= {2019, 2020, 2021}
