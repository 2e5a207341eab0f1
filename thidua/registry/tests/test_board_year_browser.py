"""In a real browser, at desktop and phone widths: the board logs in, reads its dashboard, opens the
year's worklist from it, accepts the cluster's proposals in one act and sends them to the council; once
the council has voted, opens its result and downloads the draft decision. No page is wider than the
screen. Screenshots land in test-artifacts/ for a person to look at."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from thidua.accounts.models import Role
from thidua.awards.catalogue import COUNCIL_SHARE
from thidua.emulation.actions.review import conclude_as_reported
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Organizer
from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import (
    MemberEntry,
    close_council_voting,
    create_council,
    open_council_voting,
    record_council_votes,
)
from thidua.registry.models import AwardProposal, Council, Decision
from thidua.registry.province_rules import add_province_rule
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

    council = _voted_council(Organizer.objects.get(), submitted)
    page.goto(live_server.url + reverse("council:council", args=[council.pk]))
    assert page.get_by_role("heading", name="Kết quả biểu quyết", exact=True).is_visible()
    drafts = page.locator("#h-drafts").locator("xpath=..")
    assert drafts.get_by_role("heading", name="Dự thảo quyết định theo kết quả biểu quyết").is_visible()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"ket-qua-hoi-dong-{width}.png"), full_page=True)
    with page.expect_download() as download:
        drafts.get_by_role("link", name="Word").first.click()
    paper = download.value
    assert paper.suggested_filename.endswith(".docx")
    text = _docx_text(Path(paper.path()).read_bytes())
    assert "DỰ THẢO" in text.upper() and submitted[0].subject_name in text
    assert not Decision.objects.exists()  # a draft writes nothing to the registry


def _voted_council(organizer: Organizer, proposals: list[AwardProposal]) -> Council:
    """One council over the proposals sent to it: its member agrees to each, the vote closed. The 2003
    law sets no council threshold for 2021: the province's majority, from its rules."""
    for award in {p.award for p in proposals}:
        add_province_rule(
            organizer,
            award=award,
            parameter=COUNCIL_SHARE,
            value=51,
            document="Quyết định 3/2020/QĐ-UBND",
            document_date=date(2020, 1, 5),
            article="Điều 9",
            start=date(2020, 1, 15),
            by=BY,
        )
    council = create_council(
        organizer, 2021, members=[MemberEntry("Chủ tịch Hội đồng")], on=date(2022, 2, 10), by=BY
    )
    member = council.members.get().pk
    for proposal in AwardProposal.objects.filter(state=State.AT_COUNCIL):
        record_council_votes(council, proposal, {member: True}, by=BY)
    return close_council_voting(open_council_voting(council, by=BY), by=BY)


def _docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)
