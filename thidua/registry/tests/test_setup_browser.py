"""In a real browser, on a phone and on a desktop: the board finds "Thiết lập" on its dashboard, records a
merger on a unit's page and creates an officer's account. Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.organisations.models import Unit, UnitEvent
from thidua.testing import factories
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import PASSWORD, user_with

pytestmark = [*NEEDS_CHROMIUM]


@pytest.mark.parametrize(("size", "width"), [("phone", 390), ("desktop", 1280)])
def test_the_board_sets_up_from_its_dashboard(
    browser, live_server, transactional_db, size: str, width: int
) -> None:
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Thử Nghiệm")
    skh = factories.UnitFactory(
        organizer=organizer, code="SKHDT", name="Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm"
    )
    stc = factories.UnitFactory(organizer=organizer, code="STC", name="Sở Tài chính tỉnh Thử Nghiệm")
    cluster = factories.ClusterFactory(organizer=organizer, code="TMTH", name="Cụm Tham mưu tổng hợp")
    year = factories.ClusterYearFactory(cluster=cluster, year=2024, head=stc)
    for unit in (skh, stc):
        factories.MembershipFactory(cluster_year=year, unit=unit)
    user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=organizer)
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:dashboard"))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**" + reverse("registry:dashboard"))  # the login posts and redirects: wait for it

    def fits(name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"thiet-lap-{name}-{size}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name}: {overflow}px cut off at {width}px"

    assert page.get_by_role("heading", name="Thiết lập").is_visible()
    fits("tong-quan")
    page.locator("#h-setup + ul a").nth(0).click()
    fits("don-vi-danh-sach")
    page.get_by_role("link", name="Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm").click()
    page.get_by_label("Sự kiện").select_option("merged_into")
    page.get_by_label("Đơn vị liên quan").select_option(str(stc.pk))
    page.get_by_label("Ngày (ngày/tháng/năm)").fill("01/03/2025")
    page.get_by_role("button", name="Thêm vào lịch sử").click()
    assert page.get_by_text("Đã thêm vào lịch sử của đơn vị.").is_visible()
    assert UnitEvent.objects.get(unit=skh).other == stc
    fits("don-vi")

    page.get_by_role("link", name="Cụm, khối", exact=True).click()
    page.get_by_role("link", name="Cụm Tham mưu tổng hợp").click()
    assert page.get_by_role("button", name="Tạo năm 2025 từ năm 2024").is_visible()
    fits("cum")

    page.get_by_role("link", name="Tài khoản và vai trò", exact=True).click()
    fits("tai-khoan")
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Tên đăng nhập").fill("canbo.skhdt")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Cán Bộ")
    page.get_by_label("Vai trò").select_option("unit_officer")
    page.get_by_role("button", name="Tạo tài khoản").click()
    assert page.get_by_text("Chọn đơn vị của cán bộ thi đua.").is_visible()
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Thị Cán Bộ"
    page.locator("#id_unit").select_option(str(skh.pk))
    page.get_by_role("button", name="Tạo tài khoản").click()
    assert page.locator("code.password").is_visible()
    fits("mat-khau")
    page.get_by_role("link", name="Quay lại tài khoản").click()
    assert page.get_by_text("Cán bộ thi đua của đơn vị: Sở Kế hoạch và Đầu tư").is_visible()
    fits("tai-khoan-mot")
    assert Unit.objects.count() == 2
