"""The embedded deployment's cache: Django's file cache, with culling bounded and `add` atomic (issue 13).

Django's FileBasedCache lists its whole directory on every `set` to count its entries (10,000 files: a few
milliseconds of one core for each session saved or page kept). Here each process counts one `set` in
CULL_EVERY (and its first): the directory holds at most MAX_ENTRIES + CULL_EVERY × the processes writing to it
(while MAX_ENTRIES / CULL_FREQUENCY, the files one count drops, is at least CULL_EVERY), and listing it costs
a hundredth of what it did.

Django's `add` reads then writes, so two processes may both believe they added the key. Here the value is
written to a file of its own and linked under the key's name, which fails if the name exists: one process
wins. The kept pages (core/pagecache.py) take their "I build this page" mark with `add`, so fifty clients
missing the same page build it once, and `generation()` makes the first generation with it.

Several application servers share no directory: they need one shared cache (Redis or memcached through
Django's own backends, docs/DEPLOYMENT.md), whose `add` is atomic and whose culling costs nothing per write.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100


class FileCache(FileBasedCache):
    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        super().__init__(dir, params)
        self._sets = itertools.count()  # next() on a count is atomic under the GIL: threads share it safely

    def _cull(self) -> None:
        if next(self._sets) % CULL_EVERY == 0:
            super()._cull()  # type: ignore[misc]

    def add(
        self, key: Any, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        if self.has_key(key, version):  # an expired file is removed here, and the name is free again
            return False
        django: Any = self  # FileBasedCache's own helpers, which django-stubs does not declare
        django._createdir()
        self._cull()
        fname = django._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=django._dir)
        try:
            with open(fd, "wb") as f:
                django._write_content(f, timeout, value)
            os.link(tmp_path, fname)  # atomic: fails when another process made the key meanwhile
        except FileExistsError:
            return False
        finally:
            os.remove(tmp_path)
        return True
