"""Import files nobody came back for: a file sent to the import page is held until it is imported or another
is sent; one left older than the cut-off (the user went away) is deleted by `thidua prune`, unless waiting or
running work still reads it."""

from __future__ import annotations

import datetime as dt

from django.core.files.storage import default_storage

from thidua.accounts.jobs import active_paths

FOLDER = "imports"


def prune_uploads(cutoff: dt.datetime) -> int:
    """Delete the held import files last changed before `cutoff`; returns how many."""
    if not default_storage.exists(FOLDER):
        return 0
    busy = active_paths()
    deleted = 0
    _folders, files = default_storage.listdir(FOLDER)
    for name in files:
        path = f"{FOLDER}/{name}"
        if path in busy or default_storage.get_modified_time(path) >= cutoff:
            continue
        default_storage.delete(path)
        deleted += 1
    return deleted
