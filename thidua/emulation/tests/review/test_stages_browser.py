"""In a real browser, on a phone and a desktop: the year's stage panel as the lead sees it, with the next
act and its link, and a refused self-score that comes back with what the officer typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.emulation.tests.review.conftest import Live, record_facts, score_sheet
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.factories import PASSWORD

SIZES = {"dien-thoai": (390, 844), "may-tinh": (1280, 900)}

pytestmark = [*NEEDS_CHROMIUM]


def logged_in(browser, live_server, username: str, size: str):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("size", SIZES)
def test_the_lead_sees_the_stages_and_goes_to_the_next_act(
    transactional_db: None, browser, live_server, live: Live, size: str
) -> None:
    record_facts(live, secretary="")
    page = logged_in(browser, live_server, live.user.username, size)
    page.goto(live_server.url + reverse("front:cluster_year", args=[live.cluster_year.cluster_id, live.year]))
    panel = page.locator("section.stages")
    assert "Cụm trưởng: ghi thông tin hội nghị (ngày họp, địa điểm, chủ trì, thư ký)" in panel.inner_text()
    assert panel.locator('[data-state="current"]').inner_text().startswith("Hội nghị bình xét")
    ARTIFACTS.mkdir(exist_ok=True)
    panel.screenshot(path=str(ARTIFACTS / f"cac-buoc-nam-{size}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
    panel.get_by_role("link", name="Đến trang này").click()
    page.wait_for_load_state()
    assert page.get_by_label("Thư ký (họ tên, chức vụ)").input_value() == ""
    page.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_refused_self_score_keeps_what_the_officer_typed(
    transactional_db: None, browser, live_server, live: Live, size: str
) -> None:
    from thidua.accounts.models import Role
    from thidua.testing import factories

    score_sheet(live)
    officer = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=live.units["B"]).user
    page = logged_in(browser, live_server, officer.username, size)
    url = reverse("scoring:unit", args=[live.cluster_year.cluster_id, live.year, live.units["B"].pk])
    page.goto(live_server.url + url)
    page.get_by_label("Điểm tự chấm – Hoàn thành nhiệm vụ").fill("120")
    page.get_by_label("Giải trình – Hoàn thành nhiệm vụ").fill("Vượt kế hoạch 20%, báo cáo số 15/BC")
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    page.wait_for_load_state()
    assert page.get_by_label("Điểm tự chấm – Hoàn thành nhiệm vụ").input_value() == "120"
    assert (
        page.get_by_label("Giải trình – Hoàn thành nhiệm vụ").input_value()
        == "Vượt kế hoạch 20%, báo cáo số 15/BC"
    )
    assert (
        page.get_by_role("alert").first.inner_text()
        == "“Hoàn thành nhiệm vụ”: 120 điểm vượt điểm tối đa 100."
    )
    page.screenshot(path=str(ARTIFACTS / f"tu-cham-bi-tu-choi-{size}.png"), full_page=True)
    page.close()
