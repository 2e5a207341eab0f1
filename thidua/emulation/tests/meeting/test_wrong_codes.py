"""Guessing ballot codes: a client that tries too many wrong codes waits (told until when, never whether
a code exists), a crowd of guessers slows everyone who guessed, and the chair sees how many were tried."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from thidua.accounts.models import Role
from thidua.emulation import attempts
from thidua.emulation.tests.meeting.helpers import issued_codes
from thidua.emulation.tests.meeting.test_views import chair_url
from thidua.testing import factories
from thidua.testing.worlds import client_for

pytestmark = pytest.mark.django_db
WRONG = "ZZZZ-ZZZZ"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def _try(client: Client, code: str):
    return client.post("/hop/phieu/bo/", {"code": code, "step": "open"})


def test_a_client_that_guesses_too_often_waits_even_with_a_right_code(open_meeting):
    right = next(iter(issued_codes(open_meeting).values()))
    guesser = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(attempts.CLIENT_LIMIT - 1):
        assert "Không có mã phiếu này" in _try(guesser, WRONG).content.decode()
    _try(guesser, WRONG)
    for code in (WRONG, right):  # the same answer: it says nothing of the code
        answer = _try(guesser, code)
        page = answer.content.decode()
        assert answer.status_code == 429
        assert "Thiết bị này đã nhập sai mã phiếu quá nhiều lần. Vui lòng thử lại sau" in page
        assert "Không có mã phiếu này" not in page
    # Another delegate's phone is not slowed by this one's guesses.
    assert _try(Client(REMOTE_ADDR="10.0.0.10"), right).status_code == 200
    assert "Thiết bị này" not in _try(Client(REMOTE_ADDR="10.0.0.10"), right).content.decode()


def test_a_mistyped_code_once_costs_nothing(open_meeting):
    right = next(iter(issued_codes(open_meeting).values()))
    delegate = Client(REMOTE_ADDR="10.0.0.11")
    _try(delegate, WRONG)
    page = _try(delegate, right).content.decode()
    assert "Thiết bị này" not in page and right in page


def test_many_guessers_at_once_slow_those_who_guessed_and_not_the_others(open_meeting, monkeypatch):
    monkeypatch.setattr(attempts, "VOTE_LIMIT", 5)
    right = next(iter(issued_codes(open_meeting).values()))
    for n in range(5):
        _try(Client(REMOTE_ADDR=f"10.0.1.{n}"), WRONG)
    assert _try(Client(REMOTE_ADDR="10.0.1.0"), right).status_code == 429
    assert _try(Client(REMOTE_ADDR="10.0.2.1"), right).status_code == 200


def test_the_chair_sees_how_many_wrong_codes_were_tried(open_meeting, seed_year):
    chair = client_for(factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year).user)
    for n in range(3):
        _try(Client(REMOTE_ADDR=f"10.0.3.{n}"), WRONG)
    page = chair.get(chair_url(seed_year)).content.decode()
    assert "Trong khi bỏ phiếu, đã có 3 mã phiếu sai được nhập tại trang bỏ phiếu." in page


def test_behind_a_proxy_each_delegate_is_counted_by_the_proxys_header(open_meeting, settings):
    """As on the verification page: one guesser behind the office's proxy does not make everyone wait."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    right = next(iter(issued_codes(open_meeting).values()))
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    for _ in range(attempts.CLIENT_LIMIT):
        _try(guesser, WRONG)
    assert _try(guesser, right).status_code == 429
    delegate = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2")
    assert _try(delegate, right).status_code == 200
