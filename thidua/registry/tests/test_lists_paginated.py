"""No page renders an unbounded list: the board's decisions come a page at a time, the pages keep the
organizer chosen."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.urls import reverse

from thidua.registry.models import Decision
from thidua.registry.verification import new_codes
from thidua.registry.views.decisions import DECISIONS_PAGE_SIZE
from thidua.testing.worlds import Seed, client_for

pytestmark = pytest.mark.django_db


def test_the_decisions_come_a_page_at_a_time(seed: Seed, board: AbstractUser) -> None:
    Decision.objects.bulk_create(
        [
            Decision(
                organizer=seed.organizer,
                number=f"{n}/QĐ-UBND",
                date=date(2000 + n % 20, 1 + n % 12, 1 + n % 28),
                signer="Chủ tịch",
                grantor="Chủ tịch Ủy ban nhân dân tỉnh",
                award="bang-khen-chu-tich-tinh",
                award_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                regime="law-2022/decree-98-2023",
                code=code,
            )
            for n, code in enumerate(new_codes(DECISIONS_PAGE_SIZE + 3))
        ]
    )
    client = client_for(board)
    first = client.get(reverse("registry:decisions"), {"to_chuc": seed.organizer.pk})
    assert len(first.context["decisions"]) == DECISIONS_PAGE_SIZE
    assert f"?to_chuc={seed.organizer.pk}&amp;trang=2" in first.text
    second = client.get(reverse("registry:decisions"), {"to_chuc": seed.organizer.pk, "trang": 2})
    assert len(second.context["decisions"]) == 3
    shown = {d.pk for d in first.context["decisions"]} | {d.pk for d in second.context["decisions"]}
    assert shown == set(Decision.objects.filter(organizer=seed.organizer).values_list("pk", flat=True))
    # A page past the last, or not a number, shows a page of the list rather than an error.
    assert client.get(reverse("registry:decisions"), {"trang": "999"}).status_code == 200
    assert client.get(reverse("registry:decisions"), {"trang": "x"}).status_code == 200
