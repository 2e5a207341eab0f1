"""In a real browser, with JavaScript off, on a 390-px phone and a 1280-px desktop: every public page has one
h1, headings in order, an alt on every image, a label on every form field, text contrast of at least 4.5:1
(computed in the page from the colours Chromium applied), and no horizontal scrolling. Screenshots land in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from thidua.publication import news
from thidua.publication.tests.conftest import PublicWorld, build_public_world
from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

pytestmark = [*NEEDS_CHROMIUM]

# Words of the templates' English msgids that no Vietnamese page holds: one of them shown means a string
# left untranslated (a msgid without its msgstr, or text written outside the translation machinery).
ENGLISH = re.compile(
    r"\b(the|of|and|by|Revoked|Decision|Search|Year|Ranking|Results|Models?|Honour|Show|All|Next|Featured"
    r"|Movement|Awards?|Unit|Grantor|Back|No\.)\b"
)

# Runs in the page: what an accessibility reviewer checks first, as a list of problems (empty: none).
CHECK = """() => {
  const problems = [];
  const h1 = document.querySelectorAll('h1');
  if (h1.length !== 1) problems.push('h1 count ' + h1.length);
  let last = 0;
  for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
    const level = +h.tagName[1];
    if (last && level > last + 1) problems.push('heading jumps to ' + h.tagName);
    last = level;
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('img without alt');
  }
  for (const f of document.querySelectorAll('input,select,textarea')) {
    if (['hidden','submit','button'].includes(f.type)) continue;
    const labelled = (f.id && document.querySelector('label[for="' + f.id + '"]')) || f.closest('label') ||
      f.getAttribute('aria-label');
    if (!labelled) problems.push('field without label: ' + (f.name || f.id));
  }
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  let worst = 21;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    const shown = style.visibility !== 'hidden' && el.getClientRects().length > 0;
    if (!own || !shown) continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    worst = Math.min(worst, ratio);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' on ' + el.tagName + ': ' + text);
  }
  return {problems, worst};
}"""


@pytest.fixture
def world(transactional_db: None) -> PublicWorld:
    return build_public_world()


def test_every_public_page_passes_the_accessibility_check(
    browser: Any, live_server: Any, world: PublicWorld
) -> None:
    org = world.organizer.pk
    pages = {
        "trang-chu": reverse("publication:home", args=[org]),
        "vinh-danh": reverse("publication:registry", args=[org]) + "?q=hoang",
        "muc-vinh-danh": reverse("publication:entry", args=[world.revoked.code]),
        "ket-qua": reverse("publication:results_list", args=[org]),
        "ket-qua-nam": reverse("publication:results", args=[world.results.token]),
        "guong-dien-hinh": reverse("publication:models", args=[org]),
        "mot-guong": reverse("publication:model", args=[world.model.token]),
        "tin-tuc": reverse("publication:news_list", args=[org]),
        "mot-tin": reverse("publication:news_item", args=[news.public_news(world.organizer).get().slug]),
    }
    worst = 21.0
    for width, label in ((390, "phone"), (1280, "desktop")):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="vi-VN", java_script_enabled=False
        )
        page = context.new_page()
        for name, url in pages.items():
            page.goto(live_server.url + url)
            assert page.locator("h1").count() == 1, url
            page.screenshot(path=str(ARTIFACTS / f"cong-khai-{name}-{label}.png"), full_page=True)
            english = ENGLISH.findall(page.inner_text("body"))
            assert not english, (url, label, english)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, label)
        context.close()
        # The checks run with JavaScript on (they are a script); the pages above were read without it.
        checker = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
        for url in pages.values():
            checker.goto(live_server.url + url)
            found = checker.evaluate(CHECK)
            assert not found["problems"], (url, label, found["problems"])
            worst = min(worst, found["worst"])
        checker.close()
    print(f"lowest text contrast on the public pages: {worst:.2f}:1")
    assert worst >= 4.5


def test_a_certificates_qr_code_leads_to_its_public_registry_entry(
    browser: Any, live_server: Any, world: PublicWorld
) -> None:
    """The registry's certificate paper for the world's decision, made for this site: the QR image printed
    on it is the one verification.qr_png draws for the award's verification address (segno draws a text the
    same way every time, so equal images encode equal addresses). Chromium opens that address and the page
    names the award as its decision published it; its link leads to the public honour roll's entry, and the
    honour roll's list links each award by its verification code."""
    import io
    import zipfile

    from thidua.registry import verification
    from thidua.registry.papers.certificate import certificate_paper

    award = world.person_award
    decision = award.decision
    paper = certificate_paper(decision, site=live_server.url)
    with zipfile.ZipFile(io.BytesIO(paper)) as docx:
        images = [docx.read(name) for name in docx.namelist() if name.startswith("word/media/")]
        text = docx.read("word/document.xml").decode()
    url = verification.verify_url(award.code, live_server.url)
    assert verification.qr_png(url) in images, "the certificate's QR code is not the award's address"
    assert verification.grouped(award.code) in text  # the code printed under the QR code, for typing
    assert url.startswith(live_server.url + "/xac-minh/")

    page = browser.new_page(viewport={"width": 390, "height": 900}, locale="vi-VN")
    page.goto(url)
    shown = page.locator("main").inner_text()
    assert award.name in shown
    assert decision.award_name in shown
    assert f"{decision.number}" in shown and decision.date.strftime("%d/%m/%Y") in shown
    page.screenshot(path=str(ARTIFACTS / "qr-xac-minh-phone.png"), full_page=True)
    page.click(f"a[href='{reverse('publication:entry', args=[award.code])}']")
    assert page.url == live_server.url + reverse("publication:entry", args=[award.code])
    entry = page.locator("main").inner_text()
    assert award.name in entry and decision.award_name in entry
    assert decision.number in entry and decision.date.strftime("%d/%m/%Y") in entry
    page.screenshot(path=str(ARTIFACTS / "qr-muc-vinh-danh-phone.png"), full_page=True)

    # The honour roll's list: each award's link carries its verification code.
    page.goto(live_server.url + reverse("publication:registry", args=[world.organizer.pk]) + "?q=hoang")
    hrefs = page.eval_on_selector_all("main a[href*='/cong-khai/vinh-danh/']", "as => as.map(a => a.href)")
    assert live_server.url + reverse("publication:entry", args=[award.code]) in hrefs
    page.close()
