"""A workbook paper (the cluster's score table in Excel) is replaceable by the organizer's own .xlsx the way
a Word paper is: uploaded on Set-up > Mẫu giấy tờ, checked by the one upload check and a trial fill, then
used for the file the year's page downloads and `thidua scenario` writes; a bad upload is refused with a
Vietnamese message naming what is wrong, and nothing is kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from thidua.accounts.models import Role
from thidua.documents.models import PaperTemplate
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.render import render_workbook, render_workbooks
from thidua.emulation.papers.scores import PAPER_TABLE
from thidua.emulation.tests.papers.conftest import imported_year
from thidua.scenarios import SEED
from thidua.testing.workbooks import workbook
from thidua.testing.worlds import client_for, user_with

pytestmark = pytest.mark.django_db
BOOK = "bang-tong-hop-diem.xlsx"


def _xlsx(*rows: tuple[object, ...]) -> bytes:
    return workbook(*rows, title="Bảng điểm", merged="A1:C1")


OWN = _xlsx(
    ("BẢNG ĐIỂM MẪU RIÊNG – {{ ten_cum }} năm {{ nam }}",),
    ("Thứ tự", "Cơ quan", "Điểm"),
    ("{%tr for r in bang_diem %}",),
    ("{{ r.stt }}", "{{ r.don_vi }}", "{{ r.diem }}"),
    ("{%tr endfor %}",),
    ("Người lập bảng",),
)


@pytest.fixture
def seed_scored() -> ClusterYear:
    """The seed (Lạng Sơn 2021) scored on a locked table, then concluded."""
    return imported_year(SEED, 2021, scored=True)


@pytest.fixture
def board(seed_scored: ClusterYear) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed_scored.cluster.organizer)


def _upload(board: AbstractUser, year: ClusterYear, content: bytes, name: str = "mau-rieng.xlsx") -> object:
    url = reverse("registry:setup_paper", args=[year.cluster.organizer_id, PAPER_TABLE])
    return client_for(board).post(url, {"template": SimpleUploadedFile(name, content)})


def test_the_uploaded_workbook_template_makes_the_score_table(
    seed_scored: ClusterYear,
    board: AbstractUser,
    tmp_path: Path,
) -> None:
    assert _upload(board, seed_scored, OWN).status_code == 302  # type: ignore[attr-defined]
    url = reverse("front:document", args=[seed_scored.cluster_id, seed_scored.year, BOOK])
    answer = client_for(board).get(url)
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "BẢNG ĐIỂM MẪU RIÊNG – Cụm các cơ quan Tham mưu tổng hợp năm 2021"
    assert rows[2][:3] == [1, "Sở Tài chính tỉnh Lạng Sơn", 98.5]  # numbers stay numbers
    assert len(rows) == 2 + 7 + 1 and rows[-1][0] == "Người lập bảng"  # seven units; the footer moved down
    assert "BẢNG TỔNG HỢP ĐIỂM" not in str(rows)  # the built-in layout is gone
    assert "A1:C1" in [str(r) for r in sheet.merged_cells.ranges]
    # `thidua scenario --out` writes the same file through the same template.
    written = render_workbooks(seed_scored, tmp_path, ["bang-tong-hop-diem.docx"])
    assert written.names == [BOOK] and written.notices == []
    again = load_workbook(tmp_path / BOOK).active
    assert [[c.value for c in row] for row in again.iter_rows()] == rows


def _word() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "said"),
    [
        (_word(), "mau.xlsx", "Tệp “mau.xlsx”: nội dung không phải tệp XLSX"),
        (_word(), "mau.docx", "Tệp “mau.docx”: chỉ nhận tệp XLSX."),
        (
            _xlsx(("{{ khong_co_truong }}",)),
            "mau.xlsx",
            "Mẫu dùng {{ khong_co_truong }} nhưng dữ liệu không có trường này.",
        ),
        (
            _xlsx(("{%tr for r in bang_diem %}",), ("{{ r.ho_ten }}",), ("{%tr endfor %}",)),
            "mau.xlsx",
            "Mẫu dùng {{ ho_ten }} nhưng dữ liệu không có trường này.",
        ),
        (
            _xlsx(("{%tr for r in bang_diem %}",), ("{{ r.stt }}",)),
            "mau.xlsx",
            "danh sách chưa được đóng bằng {%tr endfor %}",
        ),
    ],
    ids=["word-named-xlsx", "word-file", "unknown-field", "unknown-column", "unclosed-list"],
)
def test_a_bad_workbook_template_is_refused_with_what_is_wrong(
    seed_scored: ClusterYear,
    board: AbstractUser,
    content: bytes,
    name: str,
    said: str,
) -> None:
    answer = _upload(board, seed_scored, content, name)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert said in answer.content.decode()  # type: ignore[attr-defined]
    assert not PaperTemplate.objects.exists()


def test_a_workbook_template_that_no_longer_fits_falls_back_with_a_notice(
    seed_scored: ClusterYear,
) -> None:
    PaperTemplate.objects.create(
        organizer=seed_scored.cluster.organizer,
        paper=PAPER_TABLE,
        filename="cu.xlsx",
        content=_xlsx(("{{ truong_cu }}",)),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    made = render_workbook(seed_scored, BOOK)
    assert load_workbook(io.BytesIO(made.content)).active["A2"].value == "BẢNG TỔNG HỢP ĐIỂM"
    assert "Mẫu dùng {{ truong_cu }} nhưng dữ liệu không có trường này." in made.notice


def test_the_page_offers_the_built_in_workbook_template(
    seed_scored: ClusterYear, board: AbstractUser
) -> None:
    organizer = seed_scored.cluster.organizer_id
    page = (
        client_for(board).get(reverse("registry:setup_paper", args=[organizer, PAPER_TABLE])).content.decode()
    )
    assert "Tải mẫu gốc (.xlsx)" in page and "{%tr for r in bang_diem %}" in page
    default = client_for(board).get(reverse("registry:setup_paper_default", args=[organizer, PAPER_TABLE]))
    assert default["Content-Disposition"].endswith('.xlsx"')
    # The built-in template is itself an acceptable template.
    assert _upload(board, seed_scored, default.content).status_code == 302  # type: ignore[attr-defined]


def test_the_preview_is_the_workbook_itself_and_no_pdf_of_it_is_made(
    seed_scored: ClusterYear, board: AbstractUser
) -> None:
    organizer = seed_scored.cluster.organizer_id
    client = client_for(board)
    preview = client.get(reverse("registry:setup_paper_preview", args=[organizer, PAPER_TABLE]))
    assert preview.status_code == 200
    assert load_workbook(io.BytesIO(preview.content)).active["A2"].value == "BẢNG TỔNG HỢP ĐIỂM"
    pdf = client.get(reverse("registry:setup_paper_preview_pdf", args=[organizer, PAPER_TABLE]))
    assert pdf.status_code == 404
