"""In a real browser: the cluster lead opens the pact page from the year's page and records the launch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.emulation.models import ClusterYear
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.scenarios import SEED
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

pytestmark = [*NEEDS_CHROMIUM]


@pytest.fixture
def seed_year(transactional_db: None) -> ClusterYear:
    return import_exchange(read_exchange_file(SEED), by="kiểm thử").years.get(year=2021)  # type: ignore[no-any-return]


def test_the_lead_records_the_launch_from_the_year_page(browser, live_server, seed_year: ClusterYear) -> None:
    lead = next(a for a in create_demo_accounts(seed_year) if a.username == "cumtruong")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("front:cluster_year", args=[seed_year.cluster_id, seed_year.year]))
    page.get_by_label("Tên đăng nhập").fill(lead.username)
    page.get_by_label("Mật khẩu").fill(lead.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Phát động, đăng ký, giao ước năm 2021").click()
    page.get_by_label("Ngày phát động").fill("15/01/2021")
    page.get_by_label("Số văn bản").fill("05/KH-CTĐ")
    page.get_by_label("Trích yếu văn bản").fill("Kế hoạch phát động phong trào thi đua năm 2021")
    page.get_by_label("Chủ đề, nội dung phong trào").fill("Đoàn kết, sáng tạo")
    page.get_by_label("Hạn đăng ký").fill("31/12/2099")
    page.get_by_role("button", name="Ghi nhận phát động").click()
    assert page.get_by_text("Đã ghi nhận phát động thi đua.").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "giao-uoc-phat-dong.png"), full_page=True)
