"""The plan launching the movement (kế hoạch phát động) and the registration list (danh sách đăng ký),
as Word and as the PDF made from it, for the seed cluster (Lạng Sơn 2021) and for a ministry's block of
other provinces' units: each carries its own record, a dotted line where the record is silent, and is
offered on the year's page only once a launch is recorded."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from thidua.documents.wording import CELL_FILL, FILL
from thidua.emulation.papers.render import available_documents, render_document
from thidua.emulation.tests.papers.conftest import open_docx, start_the_year
from thidua.testing.papers import first_page_png, needs_pdf, page_size_mm, pdf_text, pdfs_of
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db
PLAN = "ke-hoach-phat-dong-thi-dua.docx"
LIST = "danh-sach-dang-ky-thi-dua.docx"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "papers"


def _texts(cluster_year, *names: str) -> dict[str, str]:
    pdfs = pdfs_of({name: render_document(cluster_year, name) for name in names})
    for name, pdf in pdfs.items():
        assert page_size_mm(pdf) == (210, 297)
        code = cluster_year.cluster.code.lower()
        first_page_png(pdf, ARTIFACTS / f"{Path(name).stem}-{code}.png")
    return {name: pdf_text(pdf) for name, pdf in pdfs.items()}


@needs_pdf
def test_the_seed_plan_states_its_number_date_theme_forms_and_deadline(seed_started) -> None:
    plan, listing = _texts(seed_started, PLAN, LIST).values()
    assert "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in plan and "CỤM THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP" in plan
    assert "Số: 05/KH-CTĐ" in plan and "Lạng Sơn, ngày 15 tháng 01 năm 2021" in plan
    assert "KẾ HOẠCH Phát động phong trào thi đua năm 2021" in plan
    assert "100% đơn vị thành viên hoàn thành kế hoạch công tác năm." in plan
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh (Ủy ban nhân dân tỉnh Lạng Sơn): tối đa 01 đơn vị" in plan
    assert "đến hết ngày 14/02/2021" in plan
    assert "ký Giao ước thi đua năm 2021 ngày 20/01/2021" in plan
    assert "Đơn vị thành viên năm 2021 (07):" in plan and "Sở Ngoại vụ tỉnh Lạng Sơn." in plan
    assert "TM. CỤM TRƯỞNG" in plan and "Nơi nhận:" in plan

    assert "DANH SÁCH Đăng ký thi đua năm 2021" in listing
    assert "(Theo Kế hoạch số 05/KH-CTĐ ngày 15/01/2021)" in listing
    assert "Hoàn thành 100% dự toán thu ngân sách" in listing and "Thu hút đầu tư đạt kế hoạch" in listing
    assert "05/07 đơn vị thành viên đã đăng ký (hạn 14/02/2021)." in listing
    for text in (plan, listing):
        assert "chưa ghi nhận" not in text


def test_a_unit_that_did_not_register_gets_dotted_lines_not_guesses(seed_started) -> None:
    rows = open_docx(render_document(seed_started, LIST)).table_rows("STT", "Tên đơn vị")
    by_unit = {row[1]: row[2:] for row in rows}
    assert len(rows) == 7
    assert by_unit["Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn"] == [FILL, CELL_FILL]
    assert by_unit["Sở Tài chính tỉnh Lạng Sơn"] == [
        "- Hoàn thành 100% dự toán thu ngân sách\n- Không có cán bộ vi phạm kỷ luật",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
    ]


@needs_pdf
def test_another_clusters_plan_and_list_carry_its_own_names_never_the_seeds(block_started) -> None:
    plan, listing = _texts(block_started, PLAN, LIST).values()
    assert "KHỐI THI ĐUA CÁC SỞ XÂY DỰNG SỐ 5" in plan and "SỞ XÂY DỰNG TỈNH AN GIANG" in plan
    assert "Số: 01/KH-KTĐ" in plan and "TM. KHỐI TRƯỞNG" in plan
    assert "Cờ thi đua của Chính phủ (Thủ tướng Chính phủ): tối đa 01 đơn vị" in plan
    assert "Bằng khen của Bộ trưởng Bộ Xây dựng (Bộ trưởng Bộ Xây dựng): không giới hạn số lượng" in plan
    assert "Cấp phép xây dựng đúng hạn" in listing and "02/06 đơn vị thành viên đã đăng ký" in listing
    for text in (plan, listing):
        assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text


def test_the_papers_are_offered_only_once_a_launch_is_recorded(world: World, seed_started) -> None:
    assert PLAN not in available_documents(world.year_a) and LIST not in available_documents(world.year_a)
    url = reverse("front:document", args=[world.cluster_a.pk, 2021, PLAN])
    assert client_for(world.board).get(url).status_code == 404
    assert available_documents(seed_started)[:2] == [PLAN, LIST]


def test_the_year_page_offers_them_to_who_may_see_the_year_and_no_one_else(world: World) -> None:
    start_the_year(
        world.year_a,
        number="02/KH-CTĐ",
        launched=datetime.date(2021, 1, 10),
        theme="Thi đua hoàn thành nhiệm vụ",
        registered={"STP": "Giải quyết hồ sơ đúng hạn"},
        signed={},
    )
    base = f"/cum/{world.cluster_a.pk}/2021/"
    page = client_for(world.officer_a).get(base).content.decode()
    assert f'href="{base}van-ban/{PLAN}"' in page and f'href="{base}van-ban/{LIST[:-5]}.pdf"' in page
    assert "Kế hoạch, phát động phong trào thi đua" in page and "Danh sách đăng ký thi đua" in page
    for user in (world.officer_a, world.lead_a, world.board):
        response = client_for(user).get(f"{base}van-ban/{LIST}")
        assert response.status_code == 200 and response.content[:2] == b"PK"
    for outsider in (world.officer_b, world.board_other):
        assert client_for(outsider).get(f"{base}van-ban/{PLAN}").status_code == 404
