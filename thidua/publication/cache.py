"""The public pages' cache: each page (its path and query) kept in Django's cache for TTL seconds, under a
generation number every publishing act bumps after commit, so what the board publishes or withdraws shows at
once, and what the registry decides (a decision, a revocation) shows within TTL seconds.

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
