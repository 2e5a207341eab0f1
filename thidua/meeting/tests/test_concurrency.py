"""The same code sent from many requests at once casts exactly one ballot (PostgreSQL decides)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from thidua.meeting import services
from thidua.meeting.tests.helpers import issued_codes
from thidua.review.models import Ballot

THREADS = 12


@pytest.mark.django_db(transaction=True)
def test_one_code_cast_from_many_threads_makes_one_ballot(open_meeting):
    if connection.vendor != "postgresql":
        pytest.skip("Cần PostgreSQL để thử bỏ phiếu đồng thời (SQLite khóa cả tệp khi ghi).")
    code = next(iter(issued_codes(open_meeting).values()))
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def cast(n: int) -> None:
        try:
            barrier.wait()
            services.cast_with_code(code, {"co-ubnd": ["STC"]})
            result = "cast"
        except ValidationError as refused:
            result = refused.code or "refused"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["cast"] + ["used"] * (THREADS - 1)
    assert Ballot.objects.filter(review=open_meeting.review).count() == 1
