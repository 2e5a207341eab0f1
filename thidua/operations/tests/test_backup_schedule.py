"""`thidua backup --dir DIR --keep N` for a daily timer: time-named zips, the newest N kept, and nothing in
the folder that the command did not write ever deleted."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.operations.backup import backup, backup_into

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media-root")
    get_user_model().objects.create(username="quan-tri-sao-luu")


def _at(day: int, hour: int = 2) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, 0, 0, tzinfo=dt.UTC)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_the_newest_n_are_kept_and_only_the_commands_own_files_are_deleted(tmp_path):
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    # What the office keeps beside: a note, a backup copied under its own name, a file that only looks like
    # one of ours by its name, and a folder.
    (folder / "ghi-chu.txt").write_text("đừng xóa", encoding="utf-8")
    backup(folder / "ban-sao-truoc-khi-nang-cap.zip")
    (folder / "thidua-backup-20200101T000000Z.zip").write_bytes(b"not a zip, kept by hand")
    (folder / "thidua-backup-20200102T000000Z.zip").mkdir()

    for day in (1, 2, 3):
        assert backup_into(folder, keep=3, now=_at(day)).pruned == []
    done = backup_into(folder, keep=2, now=_at(4))

    assert [path.name for path in done.pruned] == [
        "thidua-backup-20261201T020000Z.zip",
        "thidua-backup-20261202T020000Z.zip",
    ]
    assert _names(folder) == [
        "ban-sao-truoc-khi-nang-cap.zip",
        "ghi-chu.txt",
        "thidua-backup-20200101T000000Z.zip",
        "thidua-backup-20200102T000000Z.zip",
        "thidua-backup-20261203T020000Z.zip",
        "thidua-backup-20261204T020000Z.zip",
    ]


def test_newest_is_read_from_the_name_not_the_files_dates(tmp_path):
    folder = tmp_path / "sao-luu"
    backup_into(folder, keep=5, now=_at(5))
    older = backup_into(folder, keep=5, now=_at(3)).summary.path  # written last, named earlier
    later = folder / "thidua-backup-20261205T020000Z.zip"
    backup_into(folder, keep=2, now=_at(6))
    assert not older.exists()
    assert later.exists()


def test_two_backups_in_the_same_second_both_kept_and_ordered(tmp_path):
    folder = tmp_path / "sao-luu"
    first = backup_into(folder, keep=2, now=_at(7)).summary.path
    second = backup_into(folder, keep=2, now=_at(7)).summary.path
    assert (first.name, second.name) == (
        "thidua-backup-20261207T020000Z.zip",
        "thidua-backup-20261207T020000Z-1.zip",
    )
    third = backup_into(folder, keep=2, now=_at(7))
    assert third.pruned == [first]


def test_the_command_reports_what_it_deleted(tmp_path):
    folder = tmp_path / "sao-luu"
    call_command("backup", dir=folder, keep=1, stdout=io.StringIO())
    [kept] = folder.iterdir()
    kept.rename(folder / "thidua-backup-20261201T020000Z.zip")
    said = io.StringIO()
    call_command("backup", dir=folder, keep=1, stdout=said)
    text = said.getvalue()
    assert "Đã sao lưu" in text
    assert "Đã xóa 1 bản sao lưu cũ (giữ 1 bản mới nhất)" in text
    assert str(folder / "thidua-backup-20261201T020000Z.zip") in text
    assert len(list(folder.iterdir())) == 1

    again = io.StringIO()
    call_command("backup", dir=folder, keep=3, stdout=again)
    assert "Không có bản sao lưu cũ nào cần xóa (giữ 3 bản mới nhất)" in again.getvalue()


def test_keep_needs_the_folder_and_at_least_one(tmp_path):
    with pytest.raises(CommandError, match="--keep đi cùng --dir"):
        call_command("backup", out=tmp_path / "b.zip", keep=2)
    assert not (tmp_path / "b.zip").exists()
    with pytest.raises(CommandError, match="ít nhất là 1"):
        call_command("backup", "--dir", str(tmp_path / "sao-luu"), "--keep", "0")
    assert not (tmp_path / "sao-luu").exists()
