"""In a real browser, at desktop and phone widths: the board logs in, reads its dashboard, opens the
year's worklist from it, accepts the cluster's proposals in one act and sends them to the council. No
page is wider than the screen. Screenshots land in test-artifacts/ for a person to look at."""

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
from thidua.testing.proposals import clear_the_gate
from thidua.testing.worlds import BY, user_with

pytestmark = [*NEEDS_CHROMIUM]
State = AwardProposal.State


@pytest.fixture
def submitted(transactional_db: None) -> list[AwardProposal]:
    """The seed cluster's 2021 proposals, each sent with its dossier and past the law's gate."""
    year = import_exchange(read_exchange_file(SEED), by=BY).years.get(year=2021)
    conclude_as_reported(year, by=BY, source="tệp trao đổi")
    found = []
    for proposal in services.proposals_from_review(year.review, by=BY):
        required = proposal.dossier.filter(required=True).values_list("code", flat=True)
        services.provide_documents(proposal, list(required), by=BY)
        services.submit(proposal, by=BY, on=date(2022, 1, 25))
        found.append(clear_the_gate(proposal, by=BY))
    return found


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def _bulk(page, act: str) -> None:
    for box in page.locator('input[name="proposals"]').all():
        box.check()
    page.get_by_label("Với các đề nghị đã đánh dấu").select_option(label=act)
    page.get_by_role("button", name="Thực hiện").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_board_walks_its_year_from_the_dashboard_to_the_council(
    browser, live_server, submitted: list[AwardProposal], width: int
) -> None:
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=Organizer.objects.get())
    user.set_password("mat-khau-thu")
    user.save()
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("front:home"))
    page.get_by_label("Tên đăng nhập").fill("ban-tdkt")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()

    assert page.locator("h1").inner_text() == "Tổng quan năm thi đua 2021"
    _fits(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"tong-quan-{width}.png"), full_page=True)

    page.get_by_role("link", name="Mọi đề nghị khen thưởng của năm").click()
    assert page.locator("h1").inner_text() == "Đề nghị khen thưởng năm 2021"
    _fits(page)
    _bulk(page, "Tiếp nhận")
    assert page.get_by_text(f"Đã tiếp nhận {len(submitted)} đề nghị.").is_visible()
    _bulk(page, "Trình Hội đồng")
    assert page.get_by_text(f"Đã trình Hội đồng {len(submitted)} đề nghị.").is_visible()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"de-nghi-{width}.png"), full_page=True)
    assert AwardProposal.objects.filter(state=State.AT_COUNCIL).count() == len(submitted)

    page.get_by_role("link", name="Hội đồng").first.click()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"hoi-dong-{width}.png"), full_page=True)
