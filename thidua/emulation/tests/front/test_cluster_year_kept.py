"""A cluster-year's page is kept between changes of the data (core/pagecache.py): a change recorded through
an action shows on the next request, and a ballot cast (which writes no audit row) drops what was kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.core import pagecache
from thidua.emulation.actions.review import cast_ballot, record_next_leadership
from thidua.emulation.models import Review
from thidua.testing.worlds import BY, World, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.PAGE_CACHE_SECONDS = 300


def _next_section(client, cluster_year) -> str:
    url = reverse("front:cluster_year", args=[cluster_year.cluster_id, cluster_year.year])
    html = re.sub(r"\s+", " ", client.get(url).content.decode())
    start = html.index('id="h-next"')
    return html[start : html.index("</section>", start)]


def test_next_years_head_recorded_through_the_action_shows_at_once(world: World):
    client = client_for(world.officer_a)
    assert "Cụm trưởng</dt><dd>Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm" in _next_section(client, world.year_a)
    review = Review.objects.get(cluster_year=world.year_a)
    record_next_leadership(
        review, head=world.units["SNV"], deputies=[world.units["STP"]], decided_by="vote", by=BY
    )
    following = _next_section(client, world.year_a)
    assert "Cụm trưởng</dt><dd>Sở Nội vụ tỉnh Thử Nghiệm" in following


def test_a_ballot_cast_drops_what_was_kept(world: World, django_capture_on_commit_callbacks):
    review = Review.objects.create(cluster_year=world.year_a_before)
    before = pagecache.generation()
    # The kept pages are dropped once the ballot is committed (pagecache.changed_on_commit), not before.
    with django_capture_on_commit_callbacks(execute=True):
        cast_ballot(review, {})
        assert pagecache.generation() == before
    assert pagecache.generation() != before
