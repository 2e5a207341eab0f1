"""A whole province backed up on one database engine comes back whole on the other: PostgreSQL to SQLite,
then that SQLite database's own backup to PostgreSQL. The office that starts on the embedded SQLite and
moves to PostgreSQL (or back, to take a copy home) loses nothing and reads the same results.

The province is `thidua demo`'s data (six clusters and blocks, 2021–2026, the board's decisions and council,
the units' people, the current year in progress with a council ballot open, the demo accounts) without its
papers. Each restore runs in its own process on its own database, as on a new server; every backed-up
table's rows and every cluster-year's results.json are compared with the original's.

Runs when the suite runs on PostgreSQL (DATABASE_URL); on SQLite it is skipped with a note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from thidua.bench import throwaway_postgres
from thidua.operations.backup import backup
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.operations.demo_board import past_years
from thidua.operations.demo_current import council_sitting, current_year
from thidua.operations.province import CURRENT_YEAR, FIRST_YEAR, load_province
from thidua.testing.snapshot import differences, snapshot

ROOT = Path(settings.BASE_DIR)
BY = "kiểm thử sao lưu"


@pytest.fixture
def province(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "Khôi phục chéo SQLite ↔ PostgreSQL chỉ chạy khi bộ kiểm thử chạy trên PostgreSQL "
            "(DATABASE_URL=postgres://…)."
        )
    made = load_province(by=BY)
    past_years(made.organizer, range(FIRST_YEAR, CURRENT_YEAR), by=BY)
    current_year(made.organizer, CURRENT_YEAR, by=BY)
    council_sitting(made.organizer, CURRENT_YEAR, by=BY)
    create_demo_accounts(made.seed.years.get(year=CURRENT_YEAR), by=BY)


def _run(url: str, media: Path, *command: str) -> str:
    """`python *command` on the database at `url`, with `media` as its attachments folder: its own server."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "MEDIA_ROOT": str(media),
    }
    done = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-4000:])
    return done.stdout


def _restored(url: str, media: Path, backup_zip: Path) -> dict[str, Any]:
    """Migrate the empty database at `url`, restore the zip into it, and read it back there."""
    _run(url, media, "-m", "thidua.cli", "migrate", "--verbosity", "0")
    assert "Đã khôi phục" in _run(url, media, "-m", "thidua.cli", "restore", str(backup_zip))
    out = media.parent / f"{media.name}.json"
    _run(url, media, "-m", "thidua.testing.snapshot", str(out))
    return dict(json.loads(out.read_text(encoding="utf-8")))


def _engine(backup_zip: Path) -> str:
    with zipfile.ZipFile(backup_zip) as archive:
        return str(json.loads(archive.read("manifest.json"))["database"])


@pytest.mark.usefixtures("province")
def test_a_province_crosses_from_postgresql_to_sqlite_and_back_unchanged(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    original = snapshot()
    assert len(original["results"]) == 30  # six clusters and blocks, 2021–2026
    assert sum(map(len, original["tables"].values())) > 3000

    from_postgres = tmp_path / "tu-postgresql.zip"
    backup(from_postgres)
    assert _engine(from_postgres) == "postgresql"
    sqlite_url = f"sqlite:///{tmp_path / 'khoi-phuc.sqlite3'}"
    on_sqlite = _restored(sqlite_url, tmp_path / "media-sqlite", from_postgres)
    assert not (found := differences(original, on_sqlite)), "\n".join(found)

    from_sqlite = tmp_path / "tu-sqlite.zip"
    _run(sqlite_url, tmp_path / "media-sqlite", "-m", "thidua.cli", "backup", "--out", str(from_sqlite))
    assert _engine(from_sqlite) == "sqlite"
    with throwaway_postgres(os.environ["DATABASE_URL"], "_khoi_phuc") as postgres_url:
        on_postgres = _restored(postgres_url, tmp_path / "media-postgresql", from_sqlite)
    assert not (found := differences(original, on_postgres)), "\n".join(found)
