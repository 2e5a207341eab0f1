"""In a real browser, on a 390-px phone and on a desktop: the public verification page for a decided award
and for an unknown code, without an account and without horizontal scrolling. Screenshots land in
test-artifacts/ for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from thidua.registry import verification
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import build_seed, decide_seed

pytestmark = [*NEEDS_CHROMIUM]


@pytest.fixture
def code(transactional_db: None) -> str:
    _flag, merit = decide_seed(build_seed())
    return merit.awardees.order_by("id").first().code  # type: ignore[union-attr]


@pytest.mark.parametrize(("width", "label"), [(390, "phone"), (1280, "desktop")])
def test_anyone_checks_a_certificate_on_a_phone_or_a_desktop(
    browser: Any, live_server: Any, code: str, width: int, label: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("verify:enter"))
    page.fill("#ma", verification.grouped(code).lower())
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(reverse("verify:award", args=[code]))
    text = page.inner_text("main")
    assert "đang có hiệu lực" in text and "246/QĐ-UBND" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"xac-minh-{label}.png"), full_page=True)

    page.fill("#ma", "ZZZZZ-ZZZZZ")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "Không có khen thưởng hay quyết định nào" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"xac-minh-khong-co-{label}.png"), full_page=True)
