"""A unit dissolved on the board's unit page takes no part in later years: a new year leaves it out and a
roster naming it is refused, with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from thidua.emulation.actions.setup import create_cluster_year, set_roster
from thidua.organisations.actions import dissolve_unit
from thidua.testing.worlds import World

pytestmark = pytest.mark.django_db
BY = "kiểm thử"


def test_a_dissolved_member_is_not_carried_into_the_next_year(world: World) -> None:
    dissolve_unit(world.units["STP"], date=date(2021, 12, 31), by=BY)
    created = create_cluster_year(world.cluster_a, 2022, by=BY)
    assert [u.code for u in created.member_units()] == ["STC", "SKH", "SNV"]


def test_a_roster_naming_a_unit_dissolved_before_the_year_is_refused(world: World) -> None:
    syt, sgd, stp = world.units["SYT"], world.units["SGD"], world.units["STP"]
    dissolve_unit(sgd, date=date(2020, 6, 30), by=BY)
    with pytest.raises(ValidationError) as refused:
        set_roster(world.year_b, [syt, sgd, stp], by=BY)
    assert "giải thể trước năm 2021" in " ".join(refused.value.messages)
    assert world.year_b.memberships.count() == 2
    # Dissolved during the year: still a member of that year.
    dissolve_unit(stp, date=date(2021, 9, 1), by=BY)
    assert set_roster(world.year_b, [syt, stp], by=BY).memberships.count() == 2
