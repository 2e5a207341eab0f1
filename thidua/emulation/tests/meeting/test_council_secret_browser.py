"""A council member votes by secret ballot on a phone-sized screen, from the QR link, without an account."""

from __future__ import annotations

import pytest

from thidua.emulation.tests.meeting.council_secret_helpers import member_codes, secret_council
from thidua.emulation.tests.meeting.test_browser import PHONE, shot
from thidua.registry.models import CouncilBallot
from thidua.testing.browser import NEEDS_CHROMIUM

pytestmark = [
    *NEEDS_CHROMIUM,
    pytest.mark.django_db(transaction=True),
]


def test_a_member_votes_secretly_on_a_phone(browser, live_server, organizer, flag):
    council = secret_council(organizer, present=3, absent=1)
    code = member_codes(council)[0]
    page = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True).new_page()
    page.goto(f"{live_server.url}/hop/phieu/#{code}")  # the QR code's address
    page.get_by_label("Đồng ý", exact=True).check()
    assert page.url == f"{live_server.url}/hop/phieu/bo/"  # posted: the code is in no address
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "hoi-dong-phieu-kin-dien-thoai")
    page.get_by_role("button", name="Xem lại phiếu").click()
    assert page.locator(f'dd[data-proposal="{flag.pk}"]').inner_text() == "Đồng ý"
    page.get_by_role("button", name="Bỏ phiếu").click()
    receipt = page.locator("#receipt").inner_text()
    shot(page, "hoi-dong-bien-nhan")
    assert CouncilBallot.objects.get().receipt == receipt
    page.goto(f"{live_server.url}/hop/phieu/#{code}")
    assert "Mã phiếu này đã được dùng" in page.get_by_role("alert").inner_text()
