"""Backup of a seeded database and its restore into a fresh one (another process, another database)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from thidua.emulation.actions.review import cast_ballot, conclude_as_reported
from thidua.emulation.models import Ballot, Review
from thidua.emulation.results import results_for
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.backup import BackupInvalid, backup, restore, row_counts
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.scenarios import SEED

ROOT = Path(settings.BASE_DIR)

# Run in the fresh database's own process: what a user of the restored office would see.
READ_BACK = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from thidua.operations.backup import row_counts
from thidua.emulation.models import ClusterYear
from thidua.emulation.results import results_for
passwords = json.loads(__import__("sys").argv[1])
users = get_user_model().objects.all()
seen = {
    "results": results_for(ClusterYear.objects.get(cluster__code="TMTH", year=2021), []),
    "hashes": {u.username: u.password for u in users},
    "logins": {u.username: u.check_password(passwords[u.username]) for u in users if u.username in passwords},
    "counts": row_counts(),
}
# The office goes on working: new rows get ids after the restored ones (sequences reset on PostgreSQL).
seen["new_user_id"] = get_user_model().objects.create(username="sau-khoi-phuc").pk
print(json.dumps(seen))
"""


@pytest.fixture(autouse=True)
def _empty_media(settings, tmp_path):
    """A restore goes only into an empty media folder: each test has its own, whatever others stored."""
    settings.MEDIA_ROOT = str(tmp_path / "media-root")


@pytest.fixture
def seeded(db):
    return _seed()


@pytest.fixture
def seeded_committed(transactional_db):
    """For tests that empty the database (flush) after the backup, as a fresh server would be."""
    return _seed()


def _seed() -> tuple:
    cluster = import_exchange(read_exchange_file(SEED), by="test")
    cluster_year = cluster.years.get(year=2021)
    review = Review.objects.get(cluster_year=cluster_year)
    cast_ballot(review, {"co-ubnd": ["SNGV"], "bk-ct": ["STP", "SNV"]})
    cast_ballot(review, {"co-ubnd": ["STC"], "bk-ct": ["SNGV", "STP"]})
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    accounts = create_demo_accounts(cluster_year)
    return cluster_year, {account.username: account.password for account in accounts}


def _thidua(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _read_back(url: str, passwords: dict[str, str]) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    done = subprocess.run(
        [sys.executable, "-c", READ_BACK, json.dumps(passwords)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """An empty database of the same vendor as the test run: a SQLite file, or a new PostgreSQL database."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
    }
    name = f"thidua_restore_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
    except psycopg.OperationalError as error:
        pytest.skip(f"không tạo được cơ sở dữ liệu PostgreSQL thứ hai để khôi phục thử: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{params['user']}@{params['host']}:{params['port']}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_backup_restores_into_a_fresh_database_with_the_same_results_and_logins(seeded, tmp_path, fresh_url):
    cluster_year, passwords = seeded
    zip_path = tmp_path / "sao-luu.zip"
    call_command("backup", out=zip_path, verbosity=0)
    expected_results = results_for(cluster_year, [])
    expected_hashes = {u.username: u.password for u in get_user_model().objects.all()}

    assert _thidua(fresh_url, "migrate", "--verbosity", "0").returncode == 0
    done = _thidua(fresh_url, "restore", str(zip_path))
    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout

    seen = _read_back(fresh_url, passwords)
    assert seen["results"] == expected_results
    assert seen["hashes"] == expected_hashes
    assert seen["logins"] == dict.fromkeys(passwords, True)
    assert seen["counts"] == row_counts()
    assert seen["counts"]["emulation.ballot"] == Ballot.objects.count() == 9
    assert seen["new_user_id"] > max(get_user_model().objects.values_list("pk", flat=True))

    again = _thidua(fresh_url, "restore", str(zip_path))
    assert again.returncode != 0
    assert "Chỉ khôi phục vào cơ sở dữ liệu mới, trống" in again.stderr


def test_manifest_states_versions_counts_and_checksum(seeded, tmp_path):
    zip_path = tmp_path / "b.zip"
    backup(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == 1
    assert manifest["database"] == connection.vendor
    assert manifest["counts"]["auth.user"] == 5  # the five demo accounts
    assert manifest["counts"]["core.auditevent"] == row_counts()["core.auditevent"] > 0
    assert len(manifest["sha256"]) == 64


def test_restore_into_a_database_with_data_is_refused(seeded, tmp_path):
    zip_path = tmp_path / "b.zip"
    backup(zip_path)
    before = row_counts()
    with pytest.raises(CommandError, match="cơ sở dữ liệu này đã có dữ liệu"):
        call_command("restore", zip_path)
    assert row_counts() == before


def _rewrite(source: Path, target: Path, **changes: bytes) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, changes.get(name.replace(".", "_"), old.read(name)))


@pytest.fixture
def backup_of_seed(seeded_committed, tmp_path) -> Path:
    """A backup of the seed, taken, then the database emptied as a fresh one would be."""
    zip_path = tmp_path / "b.zip"
    backup(zip_path)
    call_command("flush", interactive=False, verbosity=0)
    assert not any(row_counts().values())
    return zip_path


def test_tampered_data_is_refused_and_nothing_written(backup_of_seed, tmp_path):
    data = zipfile.ZipFile(backup_of_seed).read("data.json").replace(b"STC", b"STX", 1)
    tampered = tmp_path / "sua.zip"
    _rewrite(backup_of_seed, tampered, data_json=data)
    with pytest.raises(BackupInvalid, match="sha256"):
        restore(tampered)
    assert not any(row_counts().values())


def test_counts_that_do_not_match_roll_everything_back(backup_of_seed, tmp_path):
    with zipfile.ZipFile(backup_of_seed) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["counts"]["emulation.ballot"] += 1
    wrong = tmp_path / "sai.zip"
    _rewrite(backup_of_seed, wrong, manifest_json=json.dumps(manifest).encode())
    with pytest.raises(BackupInvalid, match=r"emulation\.ballot: cần 10, có 9"):
        restore(wrong)
    assert not any(row_counts().values())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "không phải tệp sao lưu zip"),
        (None, "không phải bản sao lưu của thidua"),
    ],
)
def test_damaged_or_foreign_zip_gets_a_vietnamese_error(db, tmp_path, content, message):
    path = tmp_path / "la.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "một tệp zip khác")
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", path)
    assert not any(row_counts().values())


def test_media_files_travel_with_the_backup(seeded_committed, tmp_path):
    media = tmp_path / "media"
    (media / "ho-so").mkdir(parents=True)
    (media / "ho-so" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 thu")
    with_media = tmp_path / "kem.zip"
    backup(with_media, media_root=media)
    call_command("flush", interactive=False, verbosity=0)
    target = tmp_path / "restored-media"
    restore(with_media, media_root=target)
    assert (target / "ho-so" / "to-trinh.pdf").read_bytes() == b"%PDF-1.4 thu"
    assert get_user_model().objects.count() == 5


def test_times_come_back_to_the_microsecond(transactional_db, tmp_path):
    """Django's JSON cuts times to the millisecond: the audit trail's order within one would be lost."""
    at = dt.datetime(2026, 12, 4, 8, 30, 15, 123456, tzinfo=dt.UTC)
    user = get_user_model().objects.create(username="dung-tung-micro-giay", last_login=at)
    zip_path = tmp_path / "micro.zip"
    backup(zip_path)
    call_command("flush", interactive=False, verbosity=0)
    restore(zip_path)
    assert get_user_model().objects.get(pk=user.pk).last_login == at
