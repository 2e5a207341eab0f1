"""The API docs page in Chromium: it draws the endpoints under our CSP, asking nothing of the internet."""

from __future__ import annotations

from thidua.testing.browser import ARTIFACTS, NEEDS_CHROMIUM

pytestmark = [
    *NEEDS_CHROMIUM,
]


def test_the_docs_page_draws_every_endpoint_from_local_files(browser, live_server, transactional_db):
    page = browser.new_page()
    requested: list[str] = []
    refused: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/api/v1/registry/awards", exact=True).wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=True)
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert not [text for text in refused if "Content Security Policy" in text], refused
    page.close()
