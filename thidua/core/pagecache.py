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
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
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


def _page_key(request: HttpRequest) -> str | None:
    """The key of the signed-in page `request` asks for, or None when it must not be kept or served kept.

    The key holds the session (the CSRF secret and the permissions follow the session, not only the user),
    the CSRF cookie the page's token is masked from, the full path with its query, the language, today's date
    and the data's generation, so any change anywhere makes a new key."""
    if not settings.PAGE_CACHE_SECONDS or request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
        return None
    match = request.resolver_match
    if match is None or match.view_name not in WHOLE_PAGES:
        return None
    # The user first: it reads the session and checks it still holds a valid sign-in (a stale cookie after
    # sign-out or a password change is anonymous here and never finds the page kept under it).
    if not request.user.is_authenticated:
        return None
    session_key = request.session.session_key
    if not session_key or len(messages.get_messages(request)):
        return None  # messages waiting: the view shows them once, and that page is not kept
    raw = repr(
        (
            session_key,
            request.user.pk,
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            request.get_full_path(),
            get_language(),
            timezone.localdate().isoformat(),
            generation(),
        )
    )
    return "pages:whole:" + hashlib.sha256(raw.encode()).hexdigest()


def _private(response: HttpResponse) -> HttpResponse:
    # One user's page: no proxy or shared cache may keep it, and the browser asks again each time.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return response


class WholePageMiddleware:
    """Serves the allow-listed signed-in pages (WHOLE_PAGES) from the cache until the data changes.

    Placed right after SessionMiddleware: its process_view runs once the user and the messages are known,
    and its answer passes back through every middleware below it (CSRF, messages, the security headers), so
    what it keeps is only what the view made. A page is kept only if it is a plain 200 that sets no cookie,
    changed nothing in the session and showed no message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key: str | None = getattr(request, "_whole_page_key", None)
        if key is None:
            return response
        if (
            response.status_code == 200
            and not response.streaming
            and not _sets_cookies(request, response)
            and not request.session.modified
            and not _messages_shown(request)
        ):
            cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        return _private(response)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        key = _page_key(request)
        if key is None:
            return None
        found = cache.get(key)
        if found is None:
            request._whole_page_key = key  # type: ignore[attr-defined]
            return None
        content, content_type = found
        return _private(HttpResponse(content, content_type=content_type))


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
