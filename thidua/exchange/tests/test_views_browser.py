"""In a real browser: a board officer uploads a bad file (errors with lines), then the good one (preview),
then confirms; and a file that renames a unit another cluster uses, confirmed only once the change is
accepted. Screenshots land in test-artifacts/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from thidua.accounts.models import Role
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.exchange.tests.conftest import K2, RENAMED, edited, line_of
from thidua.organisations.models import Cluster, Unit
from thidua.scenarios import SEED
from thidua.testing import factories
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import PASSWORD, make_user

pytestmark = [
    *NEEDS_CHROMIUM,
]


def test_a_board_officer_uploads_a_bad_file_then_the_good_one(
    browser,
    live_server,
    transactional_db,
    tmp_path: Path,
):
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn")
    factories.RoleFactory(user=make_user("bqt-ls"), kind=Role.Kind.BOARD, organizer=organizer)
    good = SEED.read_text(encoding="utf-8")
    bad = edited(good, "    head: STC\n", "    head: STC\n    chief: STC\n")
    bad = edited(bad, "deputies: [SKHDT]", "deputies: [SKHDT, SNV, STP]")
    (tmp_path / "sai.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "dung.yaml").write_text(good, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("exchange:upload"))
    _log_in(page, live_server)

    page.get_by_label("Tệp trao đổi").set_input_files(str(tmp_path / "sai.yaml"))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    page.wait_for_selector("h2#h-errors")
    page.screenshot(path=str(ARTIFACTS / "trao-doi-loi.png"), full_page=True)
    errors = page.locator(".file-errors li")
    assert errors.count() == 2
    lines = {line_of(bad, "chief: STC"), line_of(bad, "deputies: [SKHDT, SNV, STP]")}
    assert {errors.nth(i).locator(".line").inner_text() for i in range(2)} == {f"Dòng {n}" for n in lines}
    assert not Cluster.objects.exists()

    page.get_by_label("Tệp trao đổi").set_input_files(str(tmp_path / "dung.yaml"))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    page.wait_for_selector("h2#h-preview")
    page.screenshot(path=str(ARTIFACTS / "trao-doi-xem-truoc.png"), full_page=True)
    assert page.get_by_text("Cụm các cơ quan Tham mưu tổng hợp (mã TMTH)").is_visible()

    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_selector("p[role=status]")
    assert "Đã nhập tệp dung.yaml" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text() == "Cụm các cơ quan Tham mưu tổng hợp"
    page.screenshot(path=str(ARTIFACTS / "trao-doi-da-nhap.png"), full_page=True)
    page.close()


def test_a_board_officer_accepts_the_change_to_a_shared_unit_before_it_is_imported(
    browser,
    live_server,
    transactional_db,
    tmp_path: Path,
):
    import_exchange(read_exchange_file(SEED), by="kiểm thử")
    organizer = Cluster.objects.get().organizer
    factories.RoleFactory(user=make_user("bqt-ls"), kind=Role.Kind.BOARD, organizer=organizer)
    (tmp_path / "khoi-2.yaml").write_text(K2, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page.goto(live_server.url + reverse("exchange:upload"))
    _log_in(page, live_server)
    page.get_by_label("Tệp trao đổi").set_input_files(str(tmp_path / "khoi-2.yaml"))
    page.get_by_role("button", name="Kiểm tra và xem trước").click()
    page.wait_for_selector("h3#h-shared")
    assert RENAMED in page.locator(".unit-changes").inner_text()

    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_selector("#accept-error")
    page.screenshot(path=str(ARTIFACTS / "trao-doi-don-vi-dung-chung.png"), full_page=True)
    assert Unit.objects.get(code="STC").name == "Sở Tài chính tỉnh Lạng Sơn"

    page.get_by_label("Tôi đã xem và đồng ý các thay đổi đơn vị dùng chung nêu trên").check()
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_selector("p[role=status]")
    assert page.locator("h1").inner_text() == "Khối 2"
    assert Unit.objects.get(code="STC").name == "Sở Tài chính"
    page.close()


def _log_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Tên đăng nhập").fill("bqt-ls")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("exchange:upload"))
