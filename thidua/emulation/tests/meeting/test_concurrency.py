"""Casting is exact under concurrent submits, on SQLite and PostgreSQL alike: the same code sent by many
requests at once casts exactly one ballot and the others are refused in words; many codes at once are all
cast. Through the ballot page over HTTP (a live server answering each request in its own thread, as the
site does), and through the services, at a cluster meeting and at a secret council sitting."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Ballot
from thidua.emulation.tests.meeting.council_secret_helpers import member_codes, secret_council
from thidua.emulation.tests.meeting.helpers import issued_codes
from thidua.registry.actions.council import cast_council_ballot as council_cast
from thidua.registry.models import CouncilBallot

THREADS = 20
USED = "Mã phiếu này đã được dùng"

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls: list[Callable[[], str]]) -> list[str]:
    """Run each call in its own thread, all released together; their results (or refusal codes)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def one(call: Callable[[], str]) -> None:
        try:
            barrier.wait()
            result = call()
        except ValidationError as refused:
            result = refused.code or "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=one, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


class Phone:
    """A delegate's browser: its own cookies, the ballot page's CSRF token fetched beforehand."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))
        page = self.opener.open(f"{base}/hop/phieu/").read().decode()
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def cast(self, fields: dict[str, str]) -> str:
        """POST the cast step; returns "<status> <page>" so a server error shows in the outcome."""
        body = urlencode({**fields, "step": "cast", "csrfmiddlewaretoken": self.token}).encode()
        try:
            with self.opener.open(f"{self.base}/hop/phieu/bo/", body, timeout=60) as response:
                return f"{response.status} {response.read().decode()}"
        except HTTPError as error:
            return f"{error.code} {error.read().decode()}"


def receipts(pages: list[str]) -> list[str]:
    return [found.group(1) for page in pages if (found := re.search(r'id="receipt">(\w+)<', page))]


def test_twenty_submits_of_one_code_over_http_cast_one_ballot_and_refuse_the_rest(live_server, open_meeting):
    code = issued_codes(open_meeting)["SNV"]
    phones = [Phone(live_server.url) for _ in range(THREADS)]
    ballot = {"code": code, "tier-co-ubnd": "STC"}
    pages = at_once([lambda phone=phone: phone.cast(ballot) for phone in phones])
    assert [page[:3] for page in pages] == ["200"] * THREADS  # no server error, no lock timeout
    assert len(receipts(pages)) == 1
    assert sum(USED in page for page in pages) == THREADS - 1
    assert list(Ballot.objects.values_list("receipt", flat=True)) == receipts(pages)


def test_twenty_codes_cast_at_once_over_http_are_all_counted(live_server, organizer, flag):
    council = secret_council(organizer, present=THREADS, absent=0)
    codes = member_codes(council)
    phones = [Phone(live_server.url) for _ in codes]
    pages = at_once(
        [
            lambda phone=phone, code=code: phone.cast({"code": code, f"p-{flag.pk}": "agree"})
            for phone, code in zip(phones, codes, strict=True)
        ]
    )
    assert [page[:3] for page in pages] == ["200"] * THREADS
    assert len(receipts(pages)) == THREADS
    stored = CouncilBallot.objects.filter(council=council).values_list("receipt", flat=True)
    assert sorted(stored) == sorted(receipts(pages))


def test_one_code_cast_from_many_threads_makes_one_ballot(open_meeting):
    code = issued_codes(open_meeting)["SNV"]
    outcomes = at_once([lambda: services.cast_with_code(code, {"co-ubnd": ["STC"]}).receipt] * THREADS)
    assert outcomes.count("used") == THREADS - 1
    assert [o for o in outcomes if o != "used"] == [Ballot.objects.get(review=open_meeting.review).receipt]


def test_one_council_code_cast_from_many_threads_makes_one_secret_ballot(organizer, flag):
    council = secret_council(organizer, present=3, absent=0)
    code = member_codes(council)[0]
    outcomes = at_once([lambda: council_cast(code, {flag.pk: "agree"}).receipt] * THREADS)
    assert outcomes.count("used") == THREADS - 1
    assert [o for o in outcomes if o != "used"] == [CouncilBallot.objects.get(council=council).receipt]
