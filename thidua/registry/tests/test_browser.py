"""In a real browser: the board fills the decision form for the seed's flag and reads the decision page.
The screenshot lands in test-artifacts/ for a person to look at."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.emulation.actions.review import conclude_as_reported
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Organizer
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.scenarios import SEED
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import BY, push_through, user_with

pytestmark = [
    *NEEDS_CHROMIUM,
]


@pytest.fixture
def accepted(transactional_db: None) -> AwardProposal:
    year = import_exchange(read_exchange_file(SEED), by=BY).years.get(year=2021)
    conclude_as_reported(year, by=BY, source="tệp trao đổi")
    flag = next(p for p in services.proposals_from_review(year.review, by=BY) if p.award == "co-thi-dua-tinh")
    return push_through(flag, on=date(2022, 1, 25))


def test_the_board_walks_the_decision_form(browser, live_server, accepted: AwardProposal) -> None:
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=Organizer.objects.get())
    user.set_password("mat-khau-thu")
    user.save()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:proposal", args=[accepted.pk]))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("link", name="Lập quyết định").click()
    page.get_by_label("Sở Tài chính tỉnh Lạng Sơn").check()
    page.get_by_label("Số quyết định").fill("245/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("2022-02-15")
    page.get_by_label("Người ký").fill("Hồ Tiến Thiệu")
    page.get_by_role("button", name="Ghi quyết định").click()
    # A date typed the ISO way is refused with the field named; the rest stays filled in.
    assert page.get_by_text("Ngày quyết định phải viết theo dạng ngày/tháng/năm").is_visible()
    page.get_by_label("Sở Tài chính tỉnh Lạng Sơn").check()
    page.get_by_label("Ngày quyết định").fill("15/02/2022")
    page.get_by_role("button", name="Ghi quyết định").click()

    assert page.locator("h1").inner_text() == "Quyết định số 245/QĐ-UBND"
    assert page.get_by_role("cell", name="23.100.000 đ").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "quyet-dinh-khen-thuong.png"), full_page=True)
