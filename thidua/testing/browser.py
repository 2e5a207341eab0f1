"""Debian's Chromium driven by Playwright, for the browser tests (never `playwright install`: nothing is
downloaded at test time). The `browser` fixture lives in the root conftest; screenshots go to
test-artifacts/ for a person to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# Every browser test module: `pytestmark = [*NEEDS_CHROMIUM, ...]`.
NEEDS_CHROMIUM = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium không có: chạy `make browser` (apt-get install chromium)"
    ),
]


def launch() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls unless told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"]
        )
        yield chromium
        chromium.close()
