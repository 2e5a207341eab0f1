"""In a real browser: the board's editor drafts the seed review's news item (the Lạng Sơn cluster's 2021
review) from the record, adds a photo with its caption, previews and publishes it; a visitor without an
account, JavaScript off, on a phone and a desktop, reads it with the record's units, head, deputies and
results. Screenshots of the editor, the list and the item land in test-artifacts/."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from PIL import Image

from thidua.emulation.queries.news import news_article
from thidua.emulation.queries.summary import year_summary
from thidua.publication import news
from thidua.publication.models import NewsArticle
from thidua.publication.tests.conftest import PublicWorld, build_public_world
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

pytestmark = [*NEEDS_CHROMIUM]

CAPTION = "Các đại biểu dự hội nghị tổng kết năm 2021"


@pytest.fixture
def world(transactional_db: None, tmp_path: Any, settings: Any) -> PublicWorld:
    settings.MEDIA_ROOT = tmp_path
    built = build_public_world()
    NewsArticle.objects.all().delete()  # the editor starts from no item, as the board would
    return built


def _photo(tmp_path: Any) -> str:
    path = tmp_path / "hoi-nghi.jpg"
    Image.new("RGB", (2000, 1200), (155, 20, 25)).save(path, "JPEG")
    return str(path)


def _signed_in(browser: Any, live_server: Any, w: PublicWorld, width: int) -> Any:
    client = w.matrix.clients["board"]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def test_the_editor_publishes_the_seed_reviews_item_and_the_public_reads_the_record(
    browser: Any, live_server: Any, world: PublicWorld, tmp_path: Any
) -> None:
    year = world.matrix.concluded
    expected = news_article(year)
    summary = year_summary(year)
    assert expected is not None
    context = _signed_in(browser, live_server, world, 1280)
    page = context.new_page()
    page.goto(live_server.url + reverse("publication:news_board") + f"?to_chuc={world.organizer.pk}")
    page.get_by_role("button", name=news_button()).first.click()
    page.wait_for_load_state()
    assert page.locator("input[name=title]").input_value() == expected.title
    page.set_input_files("input[name=photo_1]", _photo(tmp_path))
    page.fill("input[name=new_caption_1]", CAPTION)
    page.locator("form.entry button[type=submit]").first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(ARTIFACTS / "tin-tuc-soan-desktop.png"), full_page=True)
    article = NewsArticle.objects.get(cluster_year=year)
    assert article.photos.get().caption == CAPTION
    page.goto(live_server.url + reverse("publication:news_preview", args=[article.pk]))
    assert page.locator("h1").inner_text() == expected.title
    page.locator("figure img").scroll_into_view_if_needed()  # loading="lazy": fetched once in view
    page.wait_for_function("() => document.querySelector('figure img').naturalWidth > 0")
    assert page.locator("figure img").evaluate("img => img.naturalWidth") == news.MAX_WIDTH
    page.goto(live_server.url + reverse("publication:news_edit", args=[article.pk]))
    page.locator("form[action$='/dang/'] input[value=publish] + button").click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.slug and news.is_live(article)
    phone_editor = _signed_in(browser, live_server, world, 390).new_page()
    phone_editor.goto(live_server.url + reverse("publication:news_edit", args=[article.pk]))
    phone_editor.screenshot(path=str(ARTIFACTS / "tin-tuc-soan-phone.png"), full_page=True)
    assert phone_editor.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()

    record = [
        *([summary.head.name] if summary.head else []),
        *[unit.name for unit in summary.deputies or []],
        *([summary.next_head.name] if summary.next_head else []),
        *[unit.name for unit in summary.next_deputies or []],
    ]
    for width, label in ((390, "phone"), (1280, "desktop")):
        visitor = browser.new_context(
            viewport={"width": width, "height": 900}, locale="vi-VN", java_script_enabled=False
        )
        public = visitor.new_page()
        public.goto(live_server.url + reverse("publication:news_list", args=[world.organizer.pk]))
        public.screenshot(path=str(ARTIFACTS / f"tin-tuc-danh-sach-{label}.png"), full_page=True)
        public.get_by_role("link", name=expected.title).click()
        public.wait_for_load_state()
        assert public.url.endswith(reverse("publication:news_item", args=[article.slug]))
        public.screenshot(path=str(ARTIFACTS / f"tin-tuc-mot-tin-{label}.png"), full_page=True)
        text = public.locator("article").inner_text()
        for line in (expected.title, expected.lead, *expected.paragraphs, expected.author, CAPTION):
            assert line in text, line
        for name in record:
            assert name in text, name
        assert public.locator("figure img").get_attribute("alt") == CAPTION
        assert public.evaluate("document.documentElement.scrollWidth") <= width
        visitor.close()


def news_button() -> str:
    from django.utils.translation import gettext, override

    with override("vi"):
        return gettext("Draft the news item")
