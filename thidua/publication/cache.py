"""The public pages' cache: each page (its path and query, so per organizer and per page of a list) kept in
Django's cache for TTL seconds, under a generation number bumped after commit by every publishing act and by
the registry's decisions and revocations (their rows' saves and deletes, `connect`), so what the board
publishes, withdraws, decides or revokes shows at once. Paths that write awards in bulk without saving a
decision row one by one show within TTL seconds.

Only whole anonymous pages are kept: the public templates read nothing of the user, the session or the
CSRF token, so one page serves everyone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

TTL = 120
_GENERATION = "publication:generation"


def _generation() -> int:
    found = cache.get(_GENERATION)
    if found is None:
        cache.add(_GENERATION, 1, None)
        found = cache.get(_GENERATION, 1)
    return int(found)


def changed() -> None:
    """Drop every public page, once the current transaction commits."""

    def bump() -> None:
        try:
            cache.incr(_GENERATION)
        except ValueError:
            cache.add(_GENERATION, 2, None)

    transaction.on_commit(bump)


def _registry_changed(sender: Any, **kwargs: Any) -> None:
    changed()


def connect() -> None:
    """Listen to the registry's decisions and revocations (publication depends on the registry, never the
    reverse: the registry's actions know nothing of the public side's cache)."""
    from django.db.models.signals import post_delete, post_save

    from thidua.registry.models import Decision, Revocation

    for model in (Decision, Revocation):
        for signal in (post_save, post_delete):
            uid = f"publication.cache.{model.__name__}"
            signal.connect(_registry_changed, sender=model, dispatch_uid=uid)


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's 200 answers from the cache for TTL seconds; anything else is not kept."""

    @wraps(view)
    def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"publication:page:{_generation()}:{get_language()}:{digest}"
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, (response.content, response["Content-Type"]), TTL)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=TTL)
        return response

    return cached
