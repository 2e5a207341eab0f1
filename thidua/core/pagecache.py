"""Parts of the signed-in pages kept in the cache between two changes of the data (issue 13: the main pages
under load spent most of their time recomputing and re-rendering the same figures for every request).

A part is kept under the data's generation, a random token that every change replaces. Every change of the
data writes its audit row through core.audit (STYLE.md 2), so `record` and `record_many` call `changed()`;
the bulk paths that write their audit rows in SQL and the cast of a ballot (which writes no audit row, for
secrecy) call it too. The token is replaced at once, so the writer's next page shows the change even before
its transaction ends, and again once the transaction commits, so a part another request built meanwhile from
the data as it was before the commit is not served after it. A random token rather than a counter: replacing
it needs no read-modify-write between processes.

PAGE_CACHE_SECONDS bounds how long a change that escapes both (SQL typed by hand) stays unseen; 0 turns these
parts off. The parts live in the default cache, shared by the server's processes.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

GENERATION = "pages:generation"

T = TypeVar("T")


def generation() -> str:
    """The data's current generation (made on first use, or after the cache lost it)."""
    found = cache.get(GENERATION)
    if found is None:
        cache.add(GENERATION, uuid.uuid4().hex, None)
        found = cache.get(GENERATION)
    return str(found)


def _replace() -> None:
    cache.set(GENERATION, uuid.uuid4().hex, None)


def changed() -> None:
    """The data changed: no part kept before is served again, now and once the transaction commits."""
    _replace()
    transaction.on_commit(_replace)


def changed_on_commit() -> None:
    """The data changes when the transaction commits, and no page read inside it shows the change (a ballot
    cast): one replacement, after the commit, is enough to serve no part kept before."""
    transaction.on_commit(_replace)


def kept(name: str, parts: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """`build()`'s value for (`name`, `parts`), kept until the data changes. The key also holds the language
    and today's date, for the parts that say "late" or "due in 3 days". `parts` must name everything the value
    depends on besides the data (the organizer, the year, the user's organizers…)."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return build()
    # The generation is read before the data: a change committed after this read replaces it, so what is
    # built from older data is kept under a generation nobody asks for any more.
    raw = repr((name, generation(), get_language(), timezone.localdate().isoformat(), parts))
    key = f"pages:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"
    found: T | None = cache.get(key)
    if found is not None:
        return found
    value = build()
    cache.set(key, value, seconds)
    return value
