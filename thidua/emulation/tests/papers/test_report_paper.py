"""The year-end summary report (báo cáo tổng kết) with its figures and next year's directions, as Word and
PDF: for the seed cluster with its launch, scores and next year's plan on record, and for a ministry's
block whose file holds no launch (dotted lines there, never invented text)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from thidua.documents.wording import FILL
from thidua.emulation.models import Launch
from thidua.emulation.papers.render import available_documents, render_document
from thidua.emulation.tests.papers.conftest import BLOCK_FILE, imported_year, open_docx, start_the_year
from thidua.scenarios import SEED
from thidua.testing import factories
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text, pdfs_of

pytestmark = pytest.mark.django_db
REPORT = "bao-cao-tong-ket.docx"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "papers"
NEXT_THEME = "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước năm 2022"


@pytest.fixture
def seed_whole_year():
    """The seed year launched, registered, signed, scored on a locked table, concluded; and its next
    year launched."""
    cluster_year = imported_year(SEED, 2021, scored=True)
    start_the_year(
        cluster_year,
        number="05/KH-CTĐ",
        launched=datetime.date(2021, 1, 15),
        theme="Hoàn thành xuất sắc nhiệm vụ năm 2021",
        registered={"STC": "Hoàn thành dự toán", "SNV": "Cải cách hành chính"},
        signed={"STC": datetime.date(2021, 1, 20), "SNV": datetime.date(2021, 1, 22)},
    )
    following = factories.ClusterYearFactory(cluster=cluster_year.cluster, year=2022)
    Launch.objects.create(
        cluster_year=following,
        date=datetime.date(2022, 2, 10),
        document_number="03/KH-CTĐ",
        document_title="Kế hoạch phát động phong trào thi đua năm 2022",
        theme=NEXT_THEME,
        deadline=datetime.date(2022, 3, 10),
    )
    return cluster_year


def _text(cluster_year) -> str:
    pdf = pdfs_of({REPORT: render_document(cluster_year, REPORT)})[REPORT]
    first_page_png(pdf, ARTIFACTS / f"bao-cao-tong-ket-{cluster_year.cluster.code.lower()}.png")
    return pdf_text(pdf)


@needs_pdf
def test_the_seed_report_states_its_figures_and_next_years_directions(seed_whole_year) -> None:
    text = _text(seed_whole_year)
    assert "BÁO CÁO Tổng kết phong trào thi đua năm 2021 của Cụm các cơ quan Tham mưu tổng hợp" in text
    assert "phương hướng, nhiệm vụ năm 2022" in text and "Lạng Sơn, ngày 20 tháng 01 năm 2022" in text
    assert "Năm 2021, Cụm các cơ quan Tham mưu tổng hợp có 07 đơn vị thành viên" in text
    assert "Cụm trưởng: Sở Tài chính tỉnh Lạng Sơn; cụm phó: Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn." in text
    assert "Kế hoạch số 05/KH-CTĐ ngày 15/01/2021" in text
    assert "Số đơn vị đăng ký thi đua: 02/07" in text
    assert "Giao ước thi đua: 02/07 (ký ngày 20/01/2021)" in text
    assert "chấm theo thang 100 điểm." in text and "98,5" in text
    assert "- Hoàn thành xuất sắc nhiệm vụ: 04 đơn vị;" in text
    assert "- Hoàn thành tốt nhiệm vụ: 03 đơn vị;" in text
    assert "tổ chức ngày 20/01/2022 tại Trụ sở Sở Tài chính tỉnh Lạng Sơn" in text
    assert (
        "Cờ thi đua của Ủy ban nhân dân tỉnh (Ủy ban nhân dân tỉnh Lạng Sơn): 01 đơn vị: "
        "Sở Tài chính tỉnh Lạng Sơn;" in text
    )
    assert "Cụm trưởng: Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn; cụm phó: Sở Ngoại vụ tỉnh Lạng Sơn" in text
    assert "Ký kết Giao ước thi đua năm 2022: 20/01/2022." in text
    assert "theo Kế hoạch số 03/KH-CTĐ ngày 10/02/2022: - " + NEXT_THEME in text
    assert "chưa ghi nhận" not in text


@needs_pdf
def test_another_clusters_report_carries_its_own_names_and_leaves_the_unknown_dotted(db) -> None:
    block = imported_year(BLOCK_FILE, 2024)
    text = _text(block)
    assert "KHỐI THI ĐUA CÁC SỞ XÂY DỰNG SỐ 5" in text and "06 đơn vị thành viên" in text
    assert "Cờ thi đua của Chính phủ (Thủ tướng Chính phủ): 01 đơn vị: Sở Xây dựng tỉnh An Giang;" in text
    assert "Khối trưởng: Sở Xây dựng tỉnh Bắc Ninh; khối phó: Sở Xây dựng tỉnh Cà Mau" in text
    assert "888/QĐ-BXD" in text and "TM. KHỐI TRƯỞNG" in text
    assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text
    lines = open_docx(render_document(block, REPORT)).lines
    launch = lines.index("1. Phát động, đăng ký và ký kết giao ước thi đua: ")
    assert lines[launch + 1] == FILL
    assert "3. Phương hướng, nhiệm vụ trọng tâm: " + FILL in lines
    assert REPORT in available_documents(block)
