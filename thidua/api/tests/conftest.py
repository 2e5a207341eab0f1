"""The API's callers: the page tests' people (front/tests/conftest.World) with a token each, anonymous
callers, and a revoked token."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from thidua.api.services import issue_token, revoke_token
from thidua.testing.worlds import Seed, World, client_for, decide_seed, make_user, person_at, user_with

BY = "kiểm thử"


class Caller:
    """A Django test client that sends a bearer token with every request."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: str | bytes, **params: Any) -> Any:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        url = f"{path}?{query}" if query else path
        return self.client.post(url, body, content_type="application/yaml", headers=self.headers)


def caller(user: AbstractUser | None) -> Caller:
    if user is None:
        return Caller(None)
    return Caller(issue_token(user, label="cổng thông tin tỉnh", by=BY)[1])


def revoked_caller(user: AbstractUser) -> Caller:
    token, secret = issue_token(user, label="đã thu hồi", by=BY)
    revoke_token(token, by=BY)
    return Caller(secret)


@pytest.fixture
def outsider(db: None) -> AbstractUser:
    """A user with an account and no role at all."""
    return make_user("nguoi-ngoai")


__all__ = [
    "Caller",
    "Seed",
    "World",
    "caller",
    "client_for",
    "decide_seed",
    "make_user",
    "person_at",
    "revoked_caller",
    "user_with",
]
