"""Read-only pages on a read replica (docs/DEPLOYMENT.md).

With DATABASE_REPLICA_URL set, the settings add the database alias `replica` (a streaming replica of the
main PostgreSQL) and this router. A view marked @reads_replica (the registry search, the public verification
page, the statistics) reads its rows from the replica; everything else, every write, and any read inside a
transaction goes to `default`, so a change is always read back from where it was written. Who is logged in
is read before the view turns to the replica: a session just opened may not have reached the replica yet.
Without a replica nothing changes: no alias, no router.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"

_reading: ContextVar[bool] = ContextVar("thidua_replica_reads", default=False)


class ReplicaRouter:
    """Reads of a @reads_replica view go to the replica; every other query to `default`."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not _reading.get() or not getattr(settings, "REPLICA_READS", False):
            return None
        if REPLICA not in settings.DATABASES or connections["default"].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # one database and its copy: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the main database; nothing migrates it


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_replica(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a read-only view: its queries read the replica when there is one."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 - the session and the user, read from default first
        with replica_reads():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    return wrapped
