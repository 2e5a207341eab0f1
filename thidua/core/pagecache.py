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
import json
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from importlib import import_module
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
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
    # Deleted rather than set: the next reader makes a new one (generation()), so no part kept before is
    # asked for again. A meeting's casts replace it once per ballot, and with the file cache deleting one file
    # costs a fraction of writing one (a temporary file, a rename, a scan of the folder to cull it): 13% of
    # the server's time in a cast (issue 13, 1,000 delegates at once).
    cache.delete(GENERATION)


def changed() -> None:
    """The data changed: no part kept before is served again, now and once the transaction commits."""
    _replace()
    transaction.on_commit(_replace)


def _account_saved(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    # A kept page is served without reading the user (WholePageMiddleware): a password, an account turned off
    # or deleted, by any path (the admin's and the board's are audited; `changepassword` is not) must drop
    # them all. Signing in writes last_login alone, which no page shows.
    if update_fields is None or set(update_fields) - {"last_login"}:
        changed()


def connect() -> None:
    """Listen to the saves and deletions of accounts (core.apps): see _account_saved."""
    from django.db.models.signals import post_delete, post_save

    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            _account_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid=f"pagecache.account.{name}"
        )


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


# Whole signed-in pages (issue 13: the main pages under 50 clients). Only these pages, by name: the ones read
# most, which read nothing but the data, the user and the session. Never the meeting's pages (a delegate's
# ballot, the chair's count), never a form: an allow-list, so a page added later is not kept by mistake.
WHOLE_PAGES = frozenset(
    {
        "front:home",
        "front:cluster_year",
        "registry:dashboard",
        "registry:search",
        "registry:proposals",
    }
)

# Fifty clients missing the same page at once (a change of the data drops every kept page) build it once: the
# first takes this mark with `add` (atomic) and builds; the others look again for the page, waiting at most
# about 10 s before building it themselves (a builder that died leaves its mark for MARK_SECONDS).
BUILDING = ":building"
MARK_SECONDS = 30
# The pauses between two looks: about 10 s in all, counted in looks rather than read from a clock
# (a clock stopped by a test or set back must not make a request wait for ever).
_LOOKS = (0.01, 0.02, 0.04, 0.08) + (0.1,) * 98


@dataclass
class _Asked:
    """A request for a page that may be served kept: its key and what it found in the cache."""

    key: str
    generation: str
    session: str  # the fingerprint of the session's contents as the cache holds them ("" if it held none)
    kept: Any  # what the cache holds under `key`: (generation, session, content, content type), or None


def _session_store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]


def _fingerprint(data: dict[str, Any] | None) -> str:
    """The session's contents in a few bytes: its user, the user's password hash as it was at sign-in, the
    two-step device…, so a page is served only to the session it was made for, unchanged since."""
    if not data:
        return ""
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _asked(request: HttpRequest) -> _Asked | None:
    """The page `request` asks for, if it may be kept or served kept (else None), with one read of the cache
    (get_many, one round trip on Redis or memcached) for the data's generation, the session and the page.

    The key holds the session's key (the CSRF secret and the permissions follow the session, not only the
    user), the CSRF cookie the page's token is masked from, the full path with its query, the language and
    today's date. The page is kept with the generation and the session's fingerprint it was made under."""
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
        return None
    match = request.resolver_match
    if match is None or match.view_name not in WHOLE_PAGES:
        return None
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key or len(messages.get_messages(request)):
        return None  # no session: nobody signed in; messages waiting: the view shows them once, not kept
    raw = repr(
        (
            session_key,
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            request.get_full_path(),
            get_language(),
            timezone.localdate().isoformat(),
        )
    )
    key = "pages:whole:" + hashlib.sha256(raw.encode()).hexdigest()
    session_cache_key = _session_store().cache_key_prefix + session_key  # type: ignore[attr-defined]
    recent = _RECENT.get(key)
    found = cache.get_many([GENERATION, session_cache_key] + ([] if recent else [key]))
    asked = _Asked(
        key, str(found.get(GENERATION) or generation()), _fingerprint(found.get(session_cache_key)), None
    )
    if recent is not None and _current(asked, recent):
        asked.kept = recent
    else:  # this process has not served it under this generation: the shared cache may hold it
        asked.kept = found[key] if key in found else cache.get(key) if recent is not None else None
        _RECENT.put(key, asked.kept)
    return asked


def _served(asked: _Asked, kept: Any) -> HttpResponse | None:
    """The kept page, if it was made under this generation for this session as it is now. A session signed
    out or expired is gone from the cache (its fingerprint is ""), and one whose password changed is gone
    from the generation (every change of an account replaces it): the request goes on to the view, which
    finds nobody signed in."""
    if kept is None or not _current(asked, kept):
        return None
    _generation, _session, content, content_type = kept
    return _private(HttpResponse(content, content_type=content_type))


def _current(asked: _Asked, kept: tuple[str, str, bytes, str]) -> bool:
    return bool(asked.session) and kept[0] == asked.generation and kept[1] == asked.session


class _Recent:
    """The pages this process served or kept last (at most MAX_BYTES of them), so that serving one again reads
    only the generation and the session from the shared cache: the page itself is the costly read (a file
    read and its decompression, 0.1–0.4 ms for 20–100 KB, against 0.05 ms for the two small entries). What
    is here is served only under the same test as what the shared cache holds (_current), so a change or a
    signing out anywhere is seen at once; each process holds its own copy."""

    MAX_BYTES = 16 * 1024 * 1024

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[str, str, bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # gthread workers serve several requests at once

    def get(self, key: str) -> tuple[str, str, bytes, str] | None:
        with self._lock:
            kept = self._pages.get(key)
            if kept is not None:
                self._pages.move_to_end(key)
            return kept

    def put(self, key: str, kept: tuple[str, str, bytes, str] | None) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            if kept is None:
                return
            self._pages[key] = kept
            self._bytes += len(kept[2])
            while self._bytes > self.MAX_BYTES:
                _key, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped[2])


_RECENT = _Recent()


def _private(response: HttpResponse) -> HttpResponse:
    # One user's page: no proxy or shared cache may keep it, and the browser asks again each time.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


class WholePageMiddleware:
    """Serves the allow-listed signed-in pages (WHOLE_PAGES) from the cache until the data changes.

    Placed right after SessionMiddleware: its process_view runs once the messages are known, and its answer
    passes back through every middleware below it (CSRF, messages, the security headers), so what it keeps is
    only what the view made. A page is served kept without reading the user or the session through Django
    (one cache read, _asked), and kept only if it is a plain 200 to a signed-in user that sets no cookie,
    changed nothing in the session and showed no message.

    Sessions must live in the default cache (cached_db or cache): that is where a kept page looks for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not hasattr(_session_store(), "cache_key_prefix") or settings.SESSION_CACHE_ALIAS != "default":
            raise ImproperlyConfigured(
                "WholePageMiddleware needs sessions in the default cache (SESSION_ENGINE cached_db or cache)."
            )
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            building: _Asked | None = getattr(request, "_whole_page_building", None)
            if building is not None:
                cache.delete(building.key + BUILDING)
        asked: _Asked | None = getattr(request, "_whole_page", None)
        if asked is None:
            return response
        if (
            response.status_code == 200
            and not response.streaming
            and request.user.is_authenticated
            and request.session.session_key == request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            and not request.session.modified
            and not _sets_cookies(request, response)
            and not _messages_shown(request)
        ):
            # The session as the view read it: the next request's cache read finds the same contents.
            session = _fingerprint(dict(request.session.items()))
            kept = (asked.generation, session, response.content, response["Content-Type"])
            cache.set(asked.key, kept, settings.PAGE_CACHE_SECONDS)
            _RECENT.put(asked.key, kept)
        return _private(response)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        asked = _asked(request)
        if asked is None:
            return None
        served = _served(asked, asked.kept)
        if served is None and asked.session:
            served = self._built_by_another(request, asked)
        if served is not None:
            return served
        request._whole_page = asked  # type: ignore[attr-defined]
        return None

    def _built_by_another(self, request: HttpRequest, asked: _Asked) -> HttpResponse | None:
        """The page once another request has built it, or None when this request is to build it (it took the
        mark, or waited long enough)."""
        mark = asked.key + BUILDING
        for pause in _LOOKS:
            if cache.add(mark, 1, MARK_SECONDS):
                request._whole_page_building = asked  # type: ignore[attr-defined]
                return None
            time.sleep(pause)
            kept = cache.get(asked.key)
            served = _served(asked, kept)
            if served is not None:
                _RECENT.put(asked.key, kept)
                return served
            # Not kept yet: still being built, or built but not to be kept (the mark is gone, and the next
            # `add` makes this request the builder).
        return None  # waited long enough: the builder died or is stuck


def _sets_cookies(request: HttpRequest, response: HttpResponse) -> bool:
    """The answer sets a cookie. Every page with a form sends the CSRF cookie again to renew its date
    (django.middleware.csrf.get_token): that one alone, with the value the browser sent, does not count."""
    csrf = settings.CSRF_COOKIE_NAME
    sent = request.COOKIES.get(csrf)
    others = [name for name in response.cookies if name != csrf]
    return bool(others) or (csrf in response.cookies and response.cookies[csrf].value != sent)


def _messages_shown(request: HttpRequest) -> bool:
    """A message was waiting or the view added one: that page says it once and is not kept. (Not `used`:
    the layout's loop over no message sets it on every page.)"""
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and len(storage))
