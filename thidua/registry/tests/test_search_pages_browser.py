"""In a real browser, on a phone and a desktop: the registry search with a unit typed by name, page after
page by the "next" link, without horizontal scrolling. Screenshots land in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.registry.tests.test_search_pages import awards
from thidua.registry.views import registry as views
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import build_seed, user_with

pytestmark = [*NEEDS_CHROMIUM]


@pytest.mark.parametrize(("width", "label"), [(390, "phone"), (1280, "desktop")])
def test_the_board_pages_through_the_registry(
    browser: Any,
    live_server: Any,
    transactional_db: None,
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    label: str,
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    seed = build_seed()
    awards(seed, 25)
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)
    user.set_password("mat-khau-thu")
    user.save()
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:search"))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Đơn vị", exact=True).fill("Sở Tư")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_load_state()
    assert "Sở Tư pháp" in page.inner_text("main")
    page.get_by_label("Đơn vị", exact=True).fill("")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Trang sau").click()
    page.wait_for_load_state()
    text = page.inner_text("main")
    assert "Trang đầu" in text and "Trang trước" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"so-khen-thuong-trang-{label}.png"), full_page=True)
