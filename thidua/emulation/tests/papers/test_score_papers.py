"""Each member's score sheet and the cluster's score table, as Word, as PDF and the table as Excel, read
from the locked table and the year's frozen results: for the seed cluster and a ministry's block."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thidua.emulation.papers.render import available_documents, render_document, render_workbook
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.tests.papers.conftest import CUT, open_docx
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text, pdfs_of
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db
SHEETS, TABLE, BOOK = "phieu-cham-diem.docx", "bang-tong-hop-diem.docx", "bang-tong-hop-diem.xlsx"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "papers"


def _pdfs(cluster_year) -> dict[str, bytes]:
    pdfs = pdfs_of({name: render_document(cluster_year, name) for name in (SHEETS, TABLE)})
    code = cluster_year.cluster.code.lower()
    for name, pdf in pdfs.items():
        first_page_png(pdf, ARTIFACTS / f"{Path(name).stem}-{code}.png")
    return pdfs


@needs_pdf
def test_the_seed_sheets_and_table_state_each_units_points_rank_and_rating(seed_scored) -> None:
    sheets, table = (pdf_text(pdf) for pdf in _pdfs(seed_scored).values())
    assert sheets.count("PHIẾU CHẤM ĐIỂM") == 7
    assert "Chấm điểm thi đua năm 2021 của Sở Tài chính tỉnh Lạng Sơn" in sheets
    assert "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in sheets and "Cải cách hành chính" in sheets
    assert CUT in sheets and "Điểm thi đua: 98,5/100 điểm." in sheets
    assert "Sáng kiến được công nhận (điểm thưởng)" in sheets

    assert "BẢNG TỔNG HỢP ĐIỂM" in table and "Thang điểm: 100 điểm." in table
    assert "Kết quả chấm điểm thi đua năm 2021 của Cụm các cơ quan Tham mưu tổng hợp" in table
    for text in (sheets, table):
        assert "chưa ghi nhận" not in text


def test_the_table_lists_self_final_rank_and_rating_in_rank_order(seed_scored) -> None:
    rows = open_docx(render_document(seed_scored, TABLE)).table_rows("STT", "Tên đơn vị")
    assert len(rows) == 7
    assert rows[0] == [
        "1",
        "Sở Tài chính tỉnh Lạng Sơn",
        "100",
        "98,5",
        "1",
        "Hoàn thành xuất sắc nhiệm vụ",
    ]
    # The places the review froze, in their order; the units it did not place follow in roster order.
    places = [str(place) for _unit, place in year_summary(seed_scored).ranking]
    assert [row[4] for row in rows] == places + [""] * (7 - len(places))
    assert [row[1] for row in rows[: len(places)]] == [u.name for u, _p in year_summary(seed_scored).ranking]
    sheet_rows = open_docx(render_document(seed_scored, SHEETS)).table_rows("STT", "Tiêu chí")
    assert ["2", "Cải cách hành chính", "40", "40", "38,5", CUT] in sheet_rows


def test_the_excel_table_has_vietnamese_headers_numbers_and_print_setup(seed_scored) -> None:
    book = load_workbook(BytesIO(render_workbook(seed_scored, BOOK).content))
    sheet = book.active
    assert sheet["A2"].value == "BẢNG TỔNG HỢP ĐIỂM"
    header = [cell.value for cell in sheet[5]]
    assert header == ["STT", "Tên đơn vị", "Tự chấm", "Điểm thi đua", "Thứ hạng", "Xếp loại"]
    assert [cell.value for cell in sheet[6]][:5] == [1, "Sở Tài chính tỉnh Lạng Sơn", 100, 98.5, 1]
    assert sheet.max_row == 12
    assert int(sheet.page_setup.paperSize) == 9 and sheet.print_title_rows == "$5:$5"


@needs_pdf
def test_another_clusters_score_papers_carry_its_own_names_never_the_seeds(block_scored) -> None:
    sheets, table = (pdf_text(pdf) for pdf in _pdfs(block_scored).values())
    assert "Sở Xây dựng tỉnh Gia Lai" in sheets and "KHỐI THI ĐUA CÁC SỞ XÂY DỰNG SỐ 5" in table
    assert "Sở Xây dựng tỉnh An Giang" in table and "TM. KHỐI TRƯỞNG" in table
    book = load_workbook(BytesIO(render_workbook(block_scored, BOOK).content)).active
    names = [row[1].value for row in book.iter_rows(min_row=6)]
    assert "Sở Xây dựng tỉnh An Giang" in names
    for text in (sheets, table, " ".join(names)):
        assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text


def test_reported_scores_give_the_table_but_no_sheets(world: World) -> None:
    names = available_documents(world.year_a)
    assert TABLE in names and SHEETS not in names


def test_the_excel_file_downloads_for_who_may_see_the_year_only(world: World) -> None:
    url = f"/cum/{world.cluster_a.pk}/2021/van-ban/{BOOK}"
    response = client_for(world.officer_a).get(url)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert BOOK in response["Content-Disposition"]
    page = client_for(world.officer_a).get(f"/cum/{world.cluster_a.pk}/2021/").content.decode()
    assert f'van-ban/{BOOK}"' in page
    for outsider in (world.officer_b, world.board_other):
        assert client_for(outsider).get(url).status_code == 404
    assert client_for(world.board).get(f"/cum/{world.cluster_a.pk}/2020/van-ban/{BOOK}").status_code == 404
