"""In a real browser, on a phone's width: the board sends an office's workbook, reads the preview with the
names to confirm, confirms, and the decision page says which file it came from. Screenshots land in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import pytest

from thidua.accounts.models import Role
from thidua.registry.models import Decision
from thidua.sheets.tests.files import two_line_header_workbook
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import user_with

pytestmark = [*NEEDS_CHROMIUM]

ROWS = [
    [
        1,
        "Nguyen Thi Hong Nhung",
        "So Tu phap",
        "CSTĐCS",
        2019,
        "12/QĐ-UBND",
        "20/01/2020",
        "Chủ tịch UBND tỉnh",
    ],
    [
        2,
        "Lê Văn Bình",
        "Sở Tư pháp",
        "Chiến sĩ thi đua cơ sở",
        2019,
        "12/QĐ-UBND",
        "20/01/2020",
        "Chủ tịch UBND tỉnh",
    ],
]


@pytest.fixture
def office_live(transactional_db, settings, tmp_path):
    from thidua.sheets.tests.conftest import Office
    from thidua.testing.factories import OrganizerFactory, UnitFactory

    settings.MEDIA_ROOT = tmp_path
    organizer = OrganizerFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn")
    stp = UnitFactory(organizer=organizer, code="STP", name="Sở Tư pháp", short_name="STP")
    return Office(organizer, stp, stp, stp)


def test_the_board_previews_confirms_and_finds_the_imported_decision(
    browser, live_server, office_live, tmp_path
):
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office_live.organizer)
    user.set_password("mat-khau-thu")
    user.save()
    path = tmp_path / "khen-thuong-2019.xlsx"
    path.write_bytes(two_line_header_workbook(ROWS))
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page.goto(live_server.url + "/nhap-du-lieu/")
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_label("Nội dung của tệp").select_option("decisions")
    page.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(str(path))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "nhap-du-lieu.png"), full_page=True)
    page.get_by_role("button", name="Đọc tệp và xem trước").click()

    assert page.get_by_text("Sẽ thêm: 2").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "nhap-du-lieu-xem-truoc.png"), full_page=True)
    page.get_by_label("Tôi đã kiểm tra các tên ở trên và chúng được hiểu đúng").check()
    page.get_by_role("button", name="Nhập 2 dòng").click()

    assert page.get_by_text("Đã nhập khen-thuong-2019.xlsx").is_visible()
    page.goto(live_server.url + f"/khen-thuong/quyet-dinh/{Decision.objects.get().pk}/")
    assert page.get_by_text("khen-thuong-2019.xlsx").is_visible()


CLUSTER_HEADER = ["STT", "Tên cụm, khối", "Loại", "Năm", "Đơn vị", "Vai trò"]
CLUSTER_ROWS = [
    [1, "Cụm các cơ quan Tham mưu tổng hợp", "Cụm", 2025, "Sở Tư pháp", "Cụm trưởng; Đăng cai"],
    [2, "Cụm các cơ quan Tham mưu tổng hợp", "Cụm", 2025, "So Tai chinh", "Cụm phó"],
    [3, "Cụm các cơ quan Tham mưu tổng hợp", "Cụm", 2025, "Sở Nội vụ", ""],
]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_board_previews_a_roster_file_at_both_widths(browser, live_server, office_live, tmp_path, width):
    from thidua.emulation.models import ClusterYear
    from thidua.sheets.tests.files import office_workbook
    from thidua.testing.factories import UnitFactory

    for code, name in (("STC", "Sở Tài chính"), ("SNV", "Sở Nội vụ")):
        UnitFactory(organizer=office_live.organizer, code=code, name=name, short_name=code)
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office_live.organizer)
    user.set_password("mat-khau-thu")
    user.save()
    path = tmp_path / "cum-khoi-2025.xlsx"
    path.write_bytes(office_workbook(CLUSTER_HEADER, CLUSTER_ROWS))
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + "/nhap-du-lieu/")
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_label("Nội dung của tệp").select_option("clusters")
    page.get_by_label("Tệp (.xlsx hoặc .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()

    assert page.get_by_text("Sẽ thêm: 3").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"nhap-cum-khoi-{width}.png"), full_page=True)
    page.get_by_label("Tôi đã kiểm tra các tên ở trên và chúng được hiểu đúng").check()
    page.get_by_role("button", name="Nhập 3 dòng").click()

    assert page.get_by_text("Đã nhập cum-khoi-2025.xlsx").is_visible()
    assert ClusterYear.objects.get(year=2025).head == office_live.stp
