"""In a real browser: log in with a demo account and read the seed year's page on a phone and a desktop.

Uses Debian's Chromium (never `playwright install`: no download at test time). Screenshots land in
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.models import ClusterYear
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.scenarios import SEED
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

SIZES = {"dien-thoai": (390, 844), "may-tinh": (1280, 900)}

pytestmark = [
    *NEEDS_CHROMIUM,
]


@pytest.fixture
def seed_year(transactional_db: None) -> ClusterYear:
    cluster_year = import_exchange(read_exchange_file(SEED), by="kiểm thử").years.get(year=2021)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp trao đổi")
    return cluster_year


@pytest.mark.parametrize("size", SIZES)
def test_a_unit_officer_logs_in_and_reads_the_year_on_a_phone_and_a_desktop(
    browser, live_server, seed_year: ClusterYear, size: str
) -> None:
    officer = next(a for a in create_demo_accounts(seed_year) if a.username == "donvi")
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
    year_url = reverse("front:cluster_year", args=[seed_year.cluster_id, seed_year.year])
    page.goto(live_server.url + year_url)

    # Sent to the login page first, then back to the year.
    assert page.locator("h1").inner_text() == "Đăng nhập"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dang-nhap-{size}.png"))
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(officer.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + year_url)
    page.screenshot(path=str(ARTIFACTS / f"nam-thi-dua-{size}.png"), full_page=True)

    assert page.locator("h1").inner_text() == "Cụm các cơ quan Tham mưu tổng hợp – năm 2021"
    assert page.get_by_text("20/01/2022").first.is_visible()
    assert page.get_by_role("button", name="Đăng xuất").is_visible()
    # Nothing runs off the side of a phone: wide tables scroll inside their own box.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width
    # The stylesheet is served locally and applied (strict CSP, no CDN).
    header = page.locator("header.site")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.close()
