"""The board's worklist of proposals and its council sittings come a page at a time (issue 13: every list
paginated): a page shows at most its size, the next page's link keeps the filters, and the page runs as many
queries whatever the number of rows it shows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import MemberEntry, create_council
from thidua.registry.models import AwardProposal, Council
from thidua.registry.views import council as council_views
from thidua.registry.views import proposals as proposal_views
from thidua.testing.worlds import BY, Seed, client_for

pytestmark = pytest.mark.django_db


def test_the_worklist_of_proposals_comes_a_page_at_a_time(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.proposals_from_review(seed.year.review, by=BY)
    every = set(AwardProposal.objects.filter(organizer=seed.organizer).values_list("pk", flat=True))
    assert len(every) >= 3
    client = client_for(board)
    asked = {"to_chuc": seed.organizer.pk, "nam": seed.year.year}
    with CaptureQueriesContext(connection) as all_at_once:
        whole = client.get(reverse("registry:proposals"), asked)
    assert {p.pk for p in whole.context["rows"]} == every
    monkeypatch.setattr(proposal_views, "PROPOSALS_PAGE_SIZE", 2)
    with CaptureQueriesContext(connection) as paged:
        response = client.get(reverse("registry:proposals"), asked)
    # As many queries for a page of 2 as for every proposal on one page: none per row.
    assert len(paged) == len(all_at_once)
    seen: list[int] = []
    while True:
        assert len(response.context["rows"]) <= 2
        seen += [p.pk for p in response.context["rows"]]
        page = response.context["page"]
        if not page.has_next():
            break
        link = f"?to_chuc={seed.organizer.pk}&amp;nam={seed.year.year}&amp;trang={page.next_page_number()}"
        assert link in response.text
        response = client.get(reverse("registry:proposals"), {**asked, "trang": page.next_page_number()})
    assert sorted(seen) == sorted(every)
    assert client.get(reverse("registry:proposals"), {**asked, "trang": "x"}).status_code == 200


def test_the_council_sittings_come_a_page_at_a_time(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    for year in range(2015, 2020):
        create_council(seed.organizer, year, members=[MemberEntry("Chủ tịch Hội đồng")], on=None, by=BY)
    client = client_for(board)
    with CaptureQueriesContext(connection) as all_at_once:
        whole = client.get(reverse("council:councils"))
    assert len(whole.context["councils"]) == 5
    monkeypatch.setattr(council_views, "COUNCILS_PAGE_SIZE", 2)
    with CaptureQueriesContext(connection) as paged:
        first = client.get(reverse("council:councils"))
    assert len(paged) == len(all_at_once)
    assert [c.year for c in first.context["councils"]] == [2019, 2018]
    assert "?trang=2" in first.text
    second = client.get(reverse("council:councils"), {"trang": 2})
    assert [c.year for c in second.context["councils"]] == [2017, 2016]
    last = client.get(reverse("council:councils"), {"trang": 3})
    assert [c.year for c in last.context["councils"]] == [2015]
    assert Council.objects.count() == 5
