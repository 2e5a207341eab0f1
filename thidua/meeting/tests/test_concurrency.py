"""The same code sent from many requests at once casts exactly one ballot (PostgreSQL decides): at a
cluster meeting and at a secret council sitting, through the one code machinery."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from thidua.meeting import services
from thidua.meeting.council import cast_council_ballot as council_cast
from thidua.meeting.models import CouncilBallot
from thidua.meeting.tests.council_secret_helpers import member_codes, secret_council
from thidua.meeting.tests.helpers import issued_codes
from thidua.review.models import Ballot

THREADS = 12


def from_many_threads(cast: Callable[[], object]) -> list[str]:
    """Run `cast` from THREADS threads released together; each outcome: "cast" or the refusal's code."""
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def one() -> None:
        try:
            barrier.wait()
            cast()
            result = "cast"
        except ValidationError as refused:
            result = refused.code or "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_one_code_cast_from_many_threads_makes_one_ballot(open_meeting):
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL để thử bỏ phiếu đồng thời (SQLite khóa cả tệp khi ghi).")
    code = next(iter(issued_codes(open_meeting).values()))
    outcomes = from_many_threads(lambda: services.cast_with_code(code, {"co-ubnd": ["STC"]}))
    assert sorted(outcomes) == ["cast"] + ["used"] * (THREADS - 1)
    assert Ballot.objects.filter(review=open_meeting.review).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_council_code_cast_from_many_threads_makes_one_secret_ballot(organizer, flag):
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL để thử bỏ phiếu đồng thời (SQLite khóa cả tệp khi ghi).")
    council = secret_council(organizer, present=3, absent=0)
    code = member_codes(council)[0]
    outcomes = from_many_threads(lambda: council_cast(code, {flag.pk: "agree"}))
    assert sorted(outcomes) == ["cast"] + ["used"] * (THREADS - 1)
    assert CouncilBallot.objects.filter(council=council).count() == 1
