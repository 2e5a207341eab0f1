"""The yearly statistical report for the Ministry of Home Affairs, as Excel: the awards of the decisions of
the year by level and form, collectives and persons apart, women and direct labourers among the persons,
revoked awards left out; the board downloads it from its statistics page, nobody else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from thidua.registry.actions import proposals as services
from thidua.registry.papers.statistics_form import statistics_workbook
from thidua.testing.workbooks import sheet_values
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, department_giay_khen

pytestmark = pytest.mark.django_db


def _unit_decision(seed: Seed) -> None:
    """A department head's Giấy khen of 2022 to three of its people, the third revoked afterwards."""
    _, awards = department_giay_khen(seed)
    services.revoke(awards[2], number="20/QĐ-STC", date=date(2022, 12, 28), reason="Sai đối tượng", by=BY)


def test_the_year_counts_by_level_and_form_with_women_and_direct_labourers(seed: Seed) -> None:
    decide_seed(seed)
    _unit_decision(seed)
    rows = sheet_values(statistics_workbook(seed.organizer, 2022))
    text = " ".join(str(cell) for row in rows for cell in row if cell is not None)
    assert "SỐ LƯỢNG KHEN THƯỞNG NĂM 2022" in text and "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Lạng Sơn" in text
    assert "Đơn vị nhận báo cáo: Bộ Nội vụ" in text
    body = {row[1]: row[:7] for row in rows if row[1] and isinstance(row[2], int)}
    assert body["Tổng cộng"][2:7] == [5, 3, 2, 1, 1]
    assert body["Khen thưởng cấp Nhà nước"][2:7] == [0, 0, 0, 0, 0]
    assert body["Khen thưởng cấp bộ, ban, ngành, tỉnh"] == [
        "II",
        "Khen thưởng cấp bộ, ban, ngành, tỉnh",
        3,
        3,
        0,
        0,
        0,
    ]
    assert body["Cờ thi đua của Ủy ban nhân dân tỉnh"][2:5] == [1, 1, 0]
    assert body["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"][2:5] == [2, 2, 0]
    assert body["Khen thưởng cấp cơ sở"][0] == "III"
    assert body["Giấy khen của Giám đốc Sở Tài chính"][2:7] == [2, 0, 2, 1, 1]
    assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text


def test_a_year_without_decisions_is_a_form_of_zeros(seed: Seed) -> None:
    rows = sheet_values(statistics_workbook(seed.organizer, 2021))
    total = next(row for row in rows if row[1] == "Tổng cộng")
    assert total[2:7] == [0, 0, 0, 0, 0]


def test_the_board_downloads_it_from_the_statistics_page(world: Any) -> None:
    board = client_for(world.board)
    page = board.get(reverse("registry:statistics") + "?nam=2022").content.decode()
    url = reverse("registry:statistics_form")
    assert f"{url}?nam=2022" in page
    got = board.get(url + "?nam=2022")
    assert got.status_code == 200 and got["Content-Disposition"].endswith('-2022.xlsx"')
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in str(sheet_values(got.content))
    assert client_for(world.officer_a).get(url + "?nam=2022").status_code == 404
    assert client_for(world.lead_a).get(url + "?nam=2022").status_code == 404
    assert board.get(url + "?nam=abc").status_code in (200, 404)
