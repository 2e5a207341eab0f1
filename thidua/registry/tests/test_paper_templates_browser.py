"""In a real browser, on a phone and on a desktop: the board opens its papers' templates from Set-up,
reads the decision's placeholders, uploads a template naming a field the data lacks (the refusal names it)
and picks the record its preview is made from; the page fits the screen. Screenshots land in
test-artifacts/."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from thidua.accounts.models import Role
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import PASSWORD, build_seed, decide_seed, user_with

pytestmark = [*NEEDS_CHROMIUM]


@pytest.mark.parametrize(("size", "width"), [("phone", 390), ("desktop", 1280)])
def test_the_board_reads_the_placeholders_and_sees_a_refusal(
    browser, live_server, transactional_db, size: str, width: int, tmp_path
) -> None:
    seed = build_seed()
    decide_seed(seed)
    user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:setup_papers", args=[seed.organizer.pk]))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/mau-giay-to/")

    def fits(name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"mau-giay-to-{name}-{size}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px cut off at {width}px"

    assert page.get_by_role("heading", name="Mẫu giấy tờ").is_visible()
    fits("danh-sach")
    page.get_by_role("link", name="Quyết định khen thưởng kèm danh sách").click()
    assert page.get_by_text("{{ so_quyet_dinh }}").first.is_visible()
    doc = Document()
    doc.add_paragraph("Số {{ so_quyet_dinh_x }}")
    out = io.BytesIO()
    doc.save(out)
    wrong = tmp_path / "mau-sai.docx"
    wrong.write_bytes(out.getvalue())
    page.get_by_label("Mẫu riêng (.docx)").set_input_files(str(wrong))
    page.get_by_role("button", name="Kiểm tra và dùng mẫu này").click()
    page.wait_for_load_state()
    assert page.get_by_text("Mẫu dùng {{ so_quyet_dinh_x }} nhưng dữ liệu không có trường này.").is_visible()
    fits("quyet-dinh-tu-choi")
    # The preview's record: the user picks the flag's decision rather than the latest one.
    picker = page.get_by_label("Bản ghi dùng để xem thử")
    picker.select_option(label="Quyết định 245/QĐ-UBND ngày 15/02/2022")
    page.locator("#chon-ban-ghi").get_by_role("button", name="Xem").click()
    page.wait_for_url("**ban_ghi=*")
    assert page.get_by_text("Xem thử với dữ liệu thật (Quyết định 245/QĐ-UBND ngày 15/02/2022)").is_visible()
    fits("chon-ban-ghi")
