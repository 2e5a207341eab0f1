"""The board's dashboard is kept rendered between changes of the data (core/pagecache.py): a change made
through an action shows on the next request, each board still sees only its own organizer, and a second
request with nothing changed does not read the year again."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.emulation.models import Review
from thidua.registry.actions import proposals as services
from thidua.testing.worlds import BY, World, client_for

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("registry:dashboard")


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.PAGE_CACHE_SECONDS = 300


def _cluster_count(html: str, cluster: str) -> int:
    table = html[html.index('id="h-clusters"') :]
    row = table[table.index(f"{cluster}</a>") :].split("</tr>")[0]
    found = re.search(r'data-count="cluster" href="[^"]*">(\d+)<', row)
    assert found, row
    return int(found.group(1))


def test_a_proposal_made_through_an_action_shows_at_once(world: World):
    client = client_for(world.board)
    before = client.get(DASHBOARD).content.decode()
    assert _cluster_count(before, "Cụm Tham mưu tổng hợp") == 0
    made = services.proposals_from_review(
        Review.objects.get(cluster_year=world.year_a), by=BY, due=date(2022, 2, 15)
    )
    assert made
    after = client.get(DASHBOARD).content.decode()
    assert _cluster_count(after, "Cụm Tham mưu tổng hợp") == len(made)


def test_each_board_sees_its_own_organizer_from_the_kept_pages(world: World):
    for _ in range(2):  # the second time from what was kept
        mine = client_for(world.board).get(DASHBOARD).content.decode()
        other = client_for(world.board_other).get(DASHBOARD).content.decode()
        assert "Cụm Tham mưu tổng hợp" in mine and "Khối Kinh tế tỉnh bên cạnh" not in mine
        assert "Khối Kinh tế tỉnh bên cạnh" in other and "Cụm Tham mưu tổng hợp" not in other


def test_a_second_look_with_nothing_changed_does_not_read_the_year_again(world: World):
    client = client_for(world.board)
    with CaptureQueriesContext(connection) as first:
        first_html = client.get(DASHBOARD).content
    with CaptureQueriesContext(connection) as second:
        second_html = client.get(DASHBOARD).content
    body = slice(first_html.index(b"<h1>"), first_html.index(b"</main>"))  # the header holds a CSRF token
    assert second_html[body] == first_html[body]
    assert len(second.captured_queries) < len(first.captured_queries) - 5
