"""The seed cluster's 2021 year, imported from its exchange file with the ballots removed to vote afresh."""

from __future__ import annotations

import pytest

import thidua.scenarios
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import ClusterYear, Meeting, Review
from thidua.emulation.tests.meeting.council_helpers import at_council
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.testing import factories


@pytest.fixture
def seed_data():
    return read_exchange_file(thidua.scenarios.SEED)


@pytest.fixture
def seed_ballots(seed_data) -> list[dict[str, list[str]]]:
    """The seed's seven ballots as written in the file."""
    return [{tier: list(units) for tier, units in b.items()} for b in seed_data.years[0].ballots]


@pytest.fixture
def seed_year(seed_data) -> ClusterYear:
    cluster = import_exchange(seed_data, by="test")
    cluster_year = cluster.years.get(year=2021)
    cluster_year.review.ballots.all().delete()
    # A live meeting from here on: its secretary is recorded, as the chair does before concluding.
    Review.objects.filter(pk=cluster_year.review.pk).update(
        ballots_known=False, secretary="Hoàng Thị Thư Ký, Chuyên viên Sở Tài chính"
    )
    return ClusterYear.objects.get(pk=cluster_year.pk)


@pytest.fixture
def meeting(seed_year) -> Meeting:
    """The seed meeting prepared, every member present (as the seed records)."""
    meeting = services.prepare_meeting(seed_year, by="chủ trì")
    return services.record_attendance(meeting, seed_year.member_units(), by="chủ trì")


@pytest.fixture
def open_meeting(meeting) -> Meeting:
    return services.open_voting(meeting, by="chủ trì")


@pytest.fixture
def organizer():
    """An organizer whose council sits (Lạng Sơn, for the date line of the minutes)."""
    return factories.OrganizerFactory(province="Lạng Sơn")


@pytest.fixture
def flag(organizer):
    """A provincial flag proposal (Cờ thi đua cấp tỉnh) of 2024 sent to the council."""
    return at_council(organizer, "co-thi-dua-tinh", 2024)
