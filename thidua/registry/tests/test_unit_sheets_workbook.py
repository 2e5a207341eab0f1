"""Each member unit's score sheet comes as one workbook, a sheet per unit, and is replaceable like every
paper: the organizer writes ONE sheet (for one unit) with the placeholders its page lists, and gets it
copied and filled for every member unit; the preview is made from a real concluded year, the page shows the
chosen record's numbers as Vietnamese write them (98,50), and a placeholder the sheet lacks is refused."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.accounts.models import Role
from thidua.documents.models import PaperTemplate
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.render import render_workbook
from thidua.emulation.papers.scores import PAPER_SHEETS, PAPER_TABLE
from thidua.emulation.tests.papers.conftest import imported_year
from thidua.scenarios import SEED
from thidua.testing.workbooks import workbook
from thidua.testing.worlds import client_for, user_with

pytestmark = pytest.mark.django_db
BOOK = "phieu-cham-diem.xlsx"


def _xlsx(*rows: tuple[object, ...]) -> bytes:
    # The sheet is named by a placeholder: each unit's copy gets the unit's name.
    return workbook(*rows, title="{{ don_vi }}")


OWN = _xlsx(
    ("PHIẾU TỰ CHẤM – {{ don_vi }} – {{ nam }}",),
    ("TT", "Nội dung", "Tối đa", "Tự chấm"),
    ("{%tr for r in tieu_chi %}",),
    ("{{ r.stt }}", "{{ r.tieu_chi }}", "{{ r.toi_da }}", "{{ r.tu_cham }}"),
    ("{%tr endfor %}",),
    ("Cộng", "", "{{ thang_diem }}", "{{ tong_tu_cham }}"),
    ("Điểm cuối cùng", "", "", "{{ diem_cuoi }}"),
)


@pytest.fixture
def seed_scored() -> ClusterYear:
    """The seed (Lạng Sơn 2021) scored on a locked table, then concluded."""
    return imported_year(SEED, 2021, scored=True)


@pytest.fixture
def board(seed_scored: ClusterYear) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed_scored.cluster.organizer)


def _upload(board: AbstractUser, year: ClusterYear, content: bytes) -> Any:
    url = reverse("registry:setup_paper", args=[year.cluster.organizer_id, PAPER_SHEETS])
    return client_for(board).post(url, {"template": SimpleUploadedFile("phieu.xlsx", content)})


def test_the_built_in_workbook_has_a_sheet_per_unit_with_its_points(seed_scored: ClusterYear) -> None:
    made = render_workbook(seed_scored, BOOK)
    book = load_workbook(io.BytesIO(made.content))
    assert len(book.worksheets) == 7  # the seven member units
    sheet = book["Sở Tài chính tỉnh Lạng Sơn"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][0] == "PHIẾU CHẤM ĐIỂM"
    final = next(row for row in rows if row[1] == "Điểm thi đua")
    assert final[4] == 98.5  # a number, not text
    cell = next(c for c in sheet.iter_rows() if c[1].value == "Điểm thi đua")[4]
    assert cell.number_format == "[$-42A]#,##0.00"


def test_the_organizers_own_sheet_is_copied_for_every_unit(
    seed_scored: ClusterYear, board: AbstractUser
) -> None:
    assert _upload(board, seed_scored, OWN).status_code == 302
    url = reverse("front:document", args=[seed_scored.cluster_id, seed_scored.year, BOOK])
    answer = client_for(board).get(url)
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content))
    assert len(book.worksheets) == 7
    sheet = book["Sở Tài chính tỉnh Lạng Sơn"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "PHIẾU TỰ CHẤM – Sở Tài chính tỉnh Lạng Sơn – 2021"
    assert rows[-1] == ["Điểm cuối cùng", None, None, 98.5]
    assert isinstance(rows[2][0], int) and rows[2][0] == 1
    # The organizer's cells left in the General format show numbers as Vietnamese write them (98,5).
    assert sheet.cell(row=len(rows), column=4).number_format == "[$-42A]General"
    assert sheet["A1"].number_format == "General"  # text keeps its format
    others = {s.title for s in book.worksheets}
    assert "Sở Tư pháp tỉnh Lạng Sơn" in others


def test_a_placeholder_the_sheet_lacks_is_refused_and_the_page_shows_vietnamese_numbers(
    seed_scored: ClusterYear, board: AbstractUser
) -> None:
    answer = _upload(board, seed_scored, _xlsx(("{{ xep_loai }}",)))
    assert answer.status_code == 400
    assert "Mẫu dùng {{ xep_loai }} nhưng dữ liệu không có trường này." in answer.content.decode()
    assert not PaperTemplate.objects.exists()
    page = answer.content.decode()
    assert "{%tr for r in tieu_chi %}" in page
    assert "Mẫu gốc (theo Nghị định 30/2020)" not in page and "Nghị định 30/2020/NĐ-CP quy định" in page
    # The chosen record's values (the first unit's points) as Vietnamese write them: "98,5", never "98.5".
    listed = page.split('<table class="stack">')[1]
    assert re.search(r"\b\d+,\d+\b", listed) and not re.search(r"\b\d+\.\d+\b", listed)


def test_the_score_table_page_shows_points_with_a_decimal_comma(
    seed_scored: ClusterYear, board: AbstractUser
) -> None:
    url = reverse("registry:setup_paper", args=[seed_scored.cluster.organizer_id, PAPER_TABLE])
    page = client_for(board).get(url).content.decode()
    assert "98,5" in page and "98.5" not in page
