"""The real server (`thidua serve`, gunicorn) takes a meeting's burst of ballots: fifty delegates casting in
the same instant each get a receipt, each receipt is a stored ballot, nothing is stored twice, and no phone
sees an error page or a dropped connection. Run against the test database, SQLite or PostgreSQL alike."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.request import build_opener

import pytest
from django.test import override_settings

from thidua.operations.castload import (
    cast_at_once,
    database_url,
    meeting_of,
    running_server,
    stored_receipts,
)
from thidua.operations.serving import configured_size, gunicorn_command

DELEGATES = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_delegates_casting_at_once_through_the_server_lose_nothing(tmp_path: Path):
    review_id, delegates = meeting_of(DELEGATES)
    with (tmp_path / "server.log").open("wb") as log, running_server(database_url(), log, workers=2) as base:
        report = cast_at_once(base, delegates)
        # The page the phones opened links its stylesheet under a hashed name, served compressed.
        page = build_opener().open(f"{base}/hop/phieu/").read().decode()
        sheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
        assert sheet, "the stylesheet is not linked under its hashed name"
        styles = build_opener().open(f"{base}{sheet.group(1)}")
        assert styles.status == 200 and "max-age=315360000" in styles.headers["Cache-Control"]
    figures = report.figures(stored_receipts(review_id))
    assert (report.errors, report.resets, report.refused) == ([], [], [])
    assert figures["receipts"] == figures["ballots stored"] == DELEGATES
    assert (figures["lost"], figures["double"], figures["stored without receipt"]) == (0, 0, 0)


@override_settings(SERVER_BIND="0.0.0.0:9000", SERVER_WORKERS=3, SERVER_THREADS=8)
def test_the_server_is_sized_from_the_settings_unless_the_command_line_says_otherwise():
    command = gunicorn_command(configured_size(threads=4))
    assert command[command.index("--bind") + 1] == "0.0.0.0:9000"
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--threads") + 1] == "4"
    assert command[command.index("--worker-class") + 1] == "gthread"
