"""In a real browser: the chair runs the seed meeting and seven delegates vote on phone-sized screens.

Uses Debian's Chromium (no download at test time). Screenshots land in test-artifacts/ to look at.
"""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.accounts.models import Role
from thidua.testing import factories
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

PHONE = {"width": 390, "height": 844}

pytestmark = [
    *NEEDS_CHROMIUM,
    pytest.mark.django_db(transaction=True),
]


def signed_in(browser, live_server, user, viewport=None):
    """A browser page with `user`'s session, at a desktop size unless told."""
    user.refresh_from_db()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def chair_page(browser, live_server, seed_year, viewport=None):
    user = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year).user
    page = signed_in(browser, live_server, user, viewport)
    page.goto(f"{live_server.url}/hop/{seed_year.cluster_id}/{seed_year.year}/")
    return page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"hop-{name}.png"), full_page=True)


def vote(browser, url: str, ballot: dict[str, list[str]], n: int) -> str:
    """One delegate on a phone: open the QR link, tick the ballot, review, cast; returns the receipt."""
    page = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True).new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.get_by_role("button", name="Xem lại phiếu").wait_for()
    # The page's script posted the code from the fragment: no request's address held it.
    code = url.split("#")[1]
    assert "#" not in page.url and not any(code in address for address in requested)
    for tier, units in ballot.items():
        for unit in units:
            page.locator(f'input[name="tier-{tier}"][value="{unit}"]').check()
    if n == 1:
        shot(page, "phieu-dien-thoai")
    page.get_by_role("button", name="Xem lại phiếu").click()
    if page.get_by_role("alert").count():
        # Over the quota: the phone already warned, the server refuses and stores nothing.
        assert "chỉ được chọn tối đa 1 đơn vị, phiếu đã chọn 2" in page.get_by_role("alert").inner_text()
        shot(page, "phieu-qua-so-luong")
        for tier, units in ballot.items():
            if len(units) > 1 and tier == "co-ubnd":
                for unit in units:
                    page.locator(f'input[name="tier-{tier}"][value="{unit}"]').uncheck()
        page.get_by_role("button", name="Xem lại phiếu").click()
    page.get_by_role("button", name="Bỏ phiếu").click()
    receipt = page.locator("#receipt").inner_text()
    if n == 1:
        shot(page, "bien-nhan")
    page.context.close()
    return receipt


def test_seven_delegates_vote_on_phones_and_the_chair_shows_the_count(
    browser, live_server, seed_year, seed_ballots
):
    chair = chair_page(browser, live_server, seed_year)
    for box in chair.locator('input[name="present"]').all():
        box.check()
    chair.get_by_role("button", name="Lưu danh sách dự họp").click()
    chair.get_by_role("button", name="Mở bỏ phiếu").click()
    assert chair.locator("#voting-state").inner_text() == "Đang bỏ phiếu."
    chair.get_by_role("button", name="Cấp mã phiếu cho đơn vị dự họp chưa có mã").click()
    shot(chair, "ma-phieu")
    links = chair.locator(".code-card .link").all_inner_texts()
    assert len(links) == 7 and chair.locator(".code-card svg").count() == 7

    pairs = list(enumerate(zip(links, seed_ballots, strict=True), 1))
    receipts = [vote(browser, url, ballot, n) for n, (url, ballot) in pairs[:3]]
    # The chair's screen on a phone while voting is open: codes used so far, nothing wider than the screen.
    phone = chair_page(browser, live_server, seed_year, viewport=PHONE)
    assert phone.locator("#live-count").inner_text() == "3/7"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "chu-tri-dien-thoai-dang-bo-phieu")
    receipts += [vote(browser, url, ballot, n) for n, (url, ballot) in pairs[3:]]

    chair.goto(f"{live_server.url}/hop/{seed_year.cluster_id}/{seed_year.year}/")
    assert chair.locator("#live-count").inner_text() == "7/7"
    chair.get_by_role("button", name="Đóng bỏ phiếu").click()
    flag = chair.locator('table[data-tier="co-ubnd"] tr[data-unit="STC"] .votes')
    assert flag.inner_text() == "5"
    shot(chair, "ket-qua")
    phone.reload()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "chu-tri-dien-thoai-ket-qua")

    # The published list holds every receipt; a replayed code is refused.
    chair.get_by_role("link", name="Danh sách phiếu đã kiểm (theo mã biên nhận)").click()
    assert "/hop/phieu-da-kiem/" in chair.url
    listed = chair.locator("table.counted td.code").all_inner_texts()
    assert listed == sorted(receipts)
    shot(chair, "phieu-da-kiem")
    replay = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    replay.goto(links[0])
    assert "Mã phiếu này đã được dùng" in replay.get_by_role("alert").inner_text()
    shot(replay, "ma-da-dung")


def test_the_board_sets_up_a_council_records_its_vote_and_sees_the_result(browser, live_server):
    from thidua.emulation.tests.meeting.council_helpers import at_council

    organizer = factories.OrganizerFactory(province="Lạng Sơn")
    flag = at_council(organizer, "co-thi-dua-tinh", 2024)
    board = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    page = signed_in(browser, live_server, board)
    page.goto(f"{live_server.url}/hop/hoi-dong/")
    page.get_by_label("Cơ quan tổ chức").select_option(str(organizer.pk))
    page.get_by_label("Năm thi đua").fill("2024")
    page.get_by_label("Ngày họp").fill("2025-03-01")
    present = [f"Thành viên {n}, Ủy viên" for n in range(1, 8)]
    page.get_by_label("Thành viên có mặt").fill("\n".join(present))
    page.get_by_label("Thành viên vắng mặt").fill("Vắng Một, Ủy viên\nVắng Hai\nVắng Ba")
    page.get_by_role("button", name="Lập phiên họp").click()
    assert "Hội đồng có 10 thành viên, có mặt 7" in page.locator("main").inner_text()

    form = page.locator(f"#p-{flag.pk}")
    for n in range(1, 8):
        form.get_by_label(f"Thành viên {n} đồng ý").check()
    form.get_by_role("button", name="Ghi phiếu cho đề nghị này").click()
    row = page.locator(f'table.council-results tr[data-proposal="{flag.pk}"]')
    # Every present member agreed, yet 7 of 10 is under the decree's 80% of all members.
    assert (
        row.locator(".agreeing").inner_text() == "7/10"
        and row.locator(".verdict").inner_text() == "Không đạt"
    )
    form = page.locator(f"#p-{flag.pk}")
    form.get_by_label("Vắng Một đồng ý").check()
    form.get_by_role("button", name="Ghi phiếu cho đề nghị này").click()
    assert row.locator(".agreeing").inner_text().startswith("8/10")
    assert row.locator(".verdict").inner_text() == "Đạt"
    assert "cần ≥ 80% tổng số thành viên Hội đồng (VOTE-1: Nghị định 98/2023" in row.inner_text()
    shot(page, "hoi-dong-ket-qua")
    phone = signed_in(browser, live_server, board, viewport=PHONE)
    phone.goto(page.url)
    shot(phone, "hoi-dong-dien-thoai")
