"""Wrong ballot codes at the ballot door (/hop/phieu/): counted per client and per open vote in Django's
cache, so guessing codes is slowed to nothing while a delegate who mistyped once is not.

A code names no meeting until it is found, so a wrong one counts at every vote open when it is tried (in
practice the one or two sittings of the day): that is the number the chair sees. A client with CLIENT_LIMIT
wrong codes in a window waits for the window's end; once a vote has had VOTE_LIMIT wrong codes in a
window (many clients guessing together), every client with a wrong code in that window waits too, while
those who typed their code right the first time still vote. A waiting client is answered before its code
is looked at, so the answer never says whether a code exists. Nothing here stores a code. The client is
the one the verification page and the sign-in limit see (core.client: behind a proxy, CLIENT_IP_HEADER).
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from thidua.core.client import client_address
from thidua.emulation import balloting
from thidua.emulation.models import Voting

WINDOW = 15 * 60  # seconds
CLIENT_LIMIT = 10
VOTE_LIMIT = 100
# The chair's count of wrong codes outlives a window: kept for a few days, as long as a sitting lasts.
TOTAL_SECONDS = 7 * 24 * 3600
PREFIX = "thidua:wrong-codes"


def _window() -> int:
    return int(time.time() // WINDOW)


def _owner_key(owner: Any) -> str:
    return f"{owner._meta.label_lower}:{owner.pk}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _add(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout)
        return 1


def waiting_until(request: HttpRequest) -> datetime | None:
    """When this client may try a code again, or None if it may now."""
    window = _window()
    tried = _count(f"{PREFIX}:client:{client_address(request)}:{window}")
    if not tried:
        return None
    crowded = any(
        _count(f"{PREFIX}:vote:{_owner_key(owner)}:{window}") >= VOTE_LIMIT
        for owner in balloting.open_owners()
    )
    if tried >= CLIENT_LIMIT or crowded:
        return datetime.fromtimestamp((window + 1) * WINDOW, tz=timezone.get_current_timezone())
    return None


def record_wrong(request: HttpRequest) -> None:
    """A code that matches no code of any vote was tried. Only something shaped like a code counts: an
    empty or malformed one cannot open anything, and a phone that sends the form twice is not guessing."""
    window = _window()
    _add(f"{PREFIX}:client:{client_address(request)}:{window}", WINDOW)
    for owner in balloting.open_owners():
        if owner.voting == Voting.OPEN:
            _add(f"{PREFIX}:vote:{_owner_key(owner)}:{window}", WINDOW)
            _add(f"{PREFIX}:total:{_owner_key(owner)}", TOTAL_SECONDS)


def wrong_codes(owner: Any) -> int:
    """Wrong codes tried at the ballot door while this vote was open (the chair's screen)."""
    return _count(f"{PREFIX}:total:{_owner_key(owner)}")
