"""In a real browser, on a phone: the board meets a proposal the law does not allow, is refused, writes its
override on the dossier page and sends it to the council, whose page says it goes on by override. The
screenshots land in test-artifacts/ for a person to look at."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Organizer
from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import MemberEntry, create_council
from thidua.registry.models import AwardProposal
from thidua.scenarios import SEED
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import BY, user_with

pytestmark = [*NEEDS_CHROMIUM]
REASON = "Tỉnh ủy chỉ đạo khen đơn vị dẫn đầu khối chuyên đề (Công văn 12/TU)"


@pytest.fixture
def rated_good(transactional_db: None) -> AwardProposal:
    cluster = import_exchange(read_exchange_file(SEED), by=BY)
    unit = cluster.organizer.units.get(code="STP")
    proposal = services.propose(
        organizer=cluster.organizer, award="co-thi-dua-tinh", year=2021, unit=unit, proposed_by=unit, by=BY
    )
    services.provide_documents(proposal, proposal.dossier.values_list("code", flat=True), by=BY)
    proposal = services.submit(proposal, by=BY, on=date(2022, 1, 25))
    services.check_eligibility(proposal, by=BY)
    return proposal


def test_the_board_overrides_on_a_phone_and_the_council_page_says_so(
    browser, live_server, rated_good: AwardProposal
) -> None:
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=Organizer.objects.get())
    user.set_password("mat-khau-thu")
    user.save()
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:proposal", args=[rated_good.pk]))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("button", name="Tiếp nhận").click()
    assert page.get_by_text("ghi lý do vượt qua tại trang hồ sơ đề nghị nếu vẫn tiếp nhận").is_visible()
    page.get_by_label("Lý do vượt qua kết quả xét điều kiện").fill(REASON)
    page.get_by_role("button", name="Ghi lý do vượt qua").click()
    assert page.locator("#override").get_by_text(REASON).is_visible()
    page.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_role("button", name="Trình Hội đồng").click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ho-so-vuot-qua-dien-thoai.png"), full_page=True)

    council = create_council(
        rated_good.organizer, 2021, members=[MemberEntry("Nguyễn Văn An", "Chủ tịch")], on=None, by=BY
    )
    page.goto(live_server.url + reverse("council:council", args=[council.pk]))
    assert page.get_by_text("Trình theo lý do vượt qua của Ban Thi đua – Khen thưởng").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "hoi-dong-vuot-qua-dien-thoai.png"), full_page=True)
