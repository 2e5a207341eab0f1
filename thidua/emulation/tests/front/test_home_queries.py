"""The home page reads its clusters and years in a fixed number of queries, however many there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.testing import factories
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db


def queries_for_home(user) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("front:clusters")).status_code == 200
    return len(captured)


def test_more_clusters_and_years_do_not_mean_more_queries(world: World):
    before = queries_for_home(world.board)
    organizer = world.cluster_a.organizer
    for _ in range(3):
        cluster = factories.ClusterFactory(organizer=organizer)
        for year in (2022, 2023):
            factories.ClusterYearFactory(cluster=cluster, year=year)
    assert queries_for_home(world.board) == before
