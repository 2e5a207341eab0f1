"""The embedded deployment's file cache (core/filecache.py): culling that does not list the directory on
every write yet keeps it bounded, and an `add` only one of several processes wins."""

from __future__ import annotations

import time
from pathlib import Path

from thidua.core.filecache import CULL_EVERY, FileCache


def _cache(where: Path, **options: int) -> FileCache:
    return FileCache(str(where), {"OPTIONS": options})


def test_the_directory_stays_bounded_and_is_listed_once_in_a_hundred_writes(tmp_path, monkeypatch):
    cache = _cache(tmp_path, MAX_ENTRIES=300, CULL_FREQUENCY=3)
    listed = []
    real = FileCache._list_cache_files  # type: ignore[attr-defined]
    monkeypatch.setattr(FileCache, "_list_cache_files", lambda self: listed.append(1) or real(self))
    for number in range(1000):
        cache.set(f"page-{number}", b"x" * 100, 300)
    assert len(list(tmp_path.glob("*.djcache"))) <= 300 + CULL_EVERY
    assert len(listed) <= 1000 // CULL_EVERY + 1
    assert cache.get("page-999") == b"x" * 100


def test_of_two_processes_adding_one_key_one_wins(tmp_path):
    one, other = _cache(tmp_path), _cache(tmp_path)  # two processes' caches on one directory
    assert one.add("building", "one", 30)
    assert not other.add("building", "other", 30)
    assert other.get("building") == "one"
    one.delete("building")
    assert other.add("building", "other", 30)


def test_an_expired_key_can_be_added_again(tmp_path):
    cache = _cache(tmp_path)
    assert cache.add("building", "first", 1)
    time.sleep(1.1)
    assert cache.add("building", "second", 30)
    assert cache.get("building") == "second"
    assert not list(tmp_path.glob("tmp*"))  # no file left behind by the writes
