"""In a real browser, on a desktop and on a phone: a unit's officer attaches the signed achievement report to
its own proposal and sees it on the dossier with its size, uploader and time. Screenshots land in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from thidua.accounts.models import Role
from thidua.registry.actions import proposals as services
from thidua.registry.models import DossierScan
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM
from thidua.testing.worlds import BY, build_seed, person_at, user_with

pytestmark = [*NEEDS_CHROMIUM]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_officer_attaches_a_signed_scan(
    browser, live_server, transactional_db, settings, tmp_path, width
):
    settings.MEDIA_ROOT = tmp_path
    seed = build_seed()
    person = person_at(seed, "STP", "Đường Thị Nhã", direct=True)
    proposal = services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=person,
        proposed_by=seed.units["STP"],
        by=BY,
    )
    user = user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    user.set_password("mat-khau-thu")
    user.save()
    scan = tmp_path / "bao-cao-co-chu-ky.png"
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, format="PNG")
    scan.write_bytes(out.getvalue())

    page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    page.goto(live_server.url + reverse("registry:proposal", args=[proposal.pk]))
    page.get_by_label("Tên đăng nhập").fill("can-bo-stp")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Tài liệu trong hồ sơ").select_option(label="Báo cáo thành tích")
    page.get_by_label("Bản quét có chữ ký (PDF, JPEG hoặc PNG)").set_input_files(str(scan))
    page.get_by_role("button", name="Đính kèm bản quét").click()

    assert page.get_by_text("Đã đính kèm bản quét vào «Báo cáo thành tích»").is_visible()
    assert page.get_by_role("link", name="bao-cao-co-chu-ky.png").is_visible()
    assert DossierScan.objects.get().item.provided
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#h-dossier").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"ho-so-ban-quet-{width}.png"), full_page=True)
