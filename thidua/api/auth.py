"""Who is calling: a personal token (`Authorization: Bearer <token>`) or the browser's Django session.

The token is looked up by its keyed hash; a revoked token, or one of a deactivated user, is no token at all.
The user found is also set as `request.user`, so code shared with the web pages sees the same person.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from ninja.security import HttpBearer, SessionAuth

from thidua.api.models import ApiToken

PREFIX = "thidua_"
# Recording every request would turn each read into a write; a minute is precise enough to spot a stale token.
LAST_USED_PRECISION = timedelta(minutes=1)


def new_secret() -> str:
    """A fresh token: the prefix lets secret scanners and people recognise it."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """HMAC-SHA256 keyed with SECRET_KEY: rotating the key invalidates every token."""
    return salted_hmac("thidua.api.token", token, algorithm="sha256").hexdigest()


def user_for_token(token: str) -> User | None:
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(token), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        return None
    now = timezone.now()
    if found.last_used is None or now - found.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=found.pk).update(last_used=now)
    return found.user


class RateLimited(Exception):
    """A token past its requests for the minute: answered 429 with Retry-After (api.api)."""

    def __init__(self, limit: int, retry_after: int) -> None:
        super().__init__(limit, retry_after)
        self.limit, self.retry_after = limit, retry_after


def count_request(token: str) -> None:
    """One more request with this token in the current minute; RateLimited past API_RATE_PER_MINUTE.
    Counted in Django's cache (shared by the server's workers), keyed by the token's digest."""
    limit = settings.API_RATE_PER_MINUTE
    if not limit:
        return
    now = time.time()
    key = f"thidua:api-rate:{digest(token)}:{int(now // 60)}"
    cache.add(key, 0, 60)
    try:
        used = cache.incr(key)
    except ValueError:  # the minute ended between the two calls
        cache.set(key, 1, 60)
        used = 1
    if used > limit:
        raise RateLimited(limit, 60 - int(now % 60))


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            count_request(token)
            request.user = user
        return user


# Session first would make a browser with a stale cookie and a token ambiguous; the token is explicit.
AUTH = [TokenAuth(), SessionAuth()]
