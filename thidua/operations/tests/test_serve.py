"""The real server (`thidua serve`, gunicorn) takes a meeting's burst of ballots: fifty delegates casting in
the same instant each get a receipt, each receipt is a stored ballot, nothing is stored twice, and no phone
sees an error page or a dropped connection. Run against the test database, SQLite or PostgreSQL alike."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.request import build_opener

import pytest
from django.test import override_settings
from django_tasks import task

from thidua.accounts import jobs
from thidua.accounts.models import Job
from thidua.operations.castload import (
    cast_at_once,
    database_url,
    meeting_of,
    running_server,
    stored_receipts,
)
from thidua.operations.serving import configured_size, gunicorn_command
from thidua.testing.worlds import make_user

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


def _answer(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    return {"message": f"pid {os.getpid()}"}


@task()
def answer_task(job_id: int) -> None:
    jobs.perform(job_id, _answer)


@pytest.mark.django_db(transaction=True)
def test_the_server_runs_the_background_worker_beside_it(tmp_path: Path):
    owner = make_user("nguoi-nhap")
    with (tmp_path / "server.log").open("wb") as log, running_server(database_url(), log, workers=1):
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            job = jobs.start(answer_task, kind="test.answer", title="Thử", owner=owner)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not job.over:
            time.sleep(0.5)
            job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.result["message"] != f"pid {os.getpid()}"  # done by the server's worker, not this process


@override_settings(SERVER_BIND="0.0.0.0:9000", SERVER_WORKERS=3, SERVER_THREADS=8)
def test_the_server_is_sized_from_the_settings_unless_the_command_line_says_otherwise():
    command = gunicorn_command(configured_size(threads=4))
    assert command[command.index("--bind") + 1] == "0.0.0.0:9000"
    assert command[command.index("--workers") + 1] == "3"
    assert command[command.index("--threads") + 1] == "4"
    assert command[command.index("--worker-class") + 1] == "gthread"
