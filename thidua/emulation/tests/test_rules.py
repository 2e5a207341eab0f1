"""Scopes from roles: who may see and who may manage which cluster and cluster-year."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import Role
from thidua.emulation.rules import (
    can_manage_cluster_year,
    can_view_cluster,
    can_view_cluster_year,
    visible_cluster_years,
    visible_clusters,
)
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def years():
    """Organizer with two clusters; cluster one has 2020 and 2021; the unit is a member in 2021 only."""
    organizer = factories.OrganizerFactory()
    one = factories.ClusterFactory(organizer=organizer)
    two = factories.ClusterFactory(organizer=organizer)
    one_2020 = factories.ClusterYearFactory(cluster=one, year=2020)
    one_2021 = factories.ClusterYearFactory(cluster=one, year=2021)
    two_2021 = factories.ClusterYearFactory(cluster=two, year=2021)
    unit = factories.MembershipFactory(cluster_year=one_2021).unit
    factories.MembershipFactory(cluster_year=one_2020)  # another unit
    return {"one_2020": one_2020, "one_2021": one_2021, "two_2021": two_2021, "unit": unit}


def role(**scope) -> object:
    return factories.RoleFactory(**scope).user


def test_a_unit_officer_sees_only_the_years_its_unit_is_in(years):
    user = role(kind=Role.Kind.UNIT_OFFICER, unit=years["unit"])
    assert list(visible_cluster_years(user)) == [years["one_2021"]]
    assert list(visible_clusters(user)) == [years["one_2021"].cluster]
    assert can_view_cluster_year(user, years["one_2021"])
    assert not can_view_cluster_year(user, years["one_2020"])
    assert not can_view_cluster(user, years["two_2021"].cluster)
    assert not can_manage_cluster_year(user, years["one_2021"])


def test_a_cluster_lead_sees_all_years_of_its_cluster_and_manages_only_its_own_year(years):
    user = role(kind=Role.Kind.CLUSTER_LEAD, cluster_year=years["one_2021"])
    assert set(visible_cluster_years(user)) == {years["one_2020"], years["one_2021"]}
    assert can_manage_cluster_year(user, years["one_2021"])
    assert not can_manage_cluster_year(user, years["one_2020"])
    assert not can_view_cluster(user, years["two_2021"].cluster)


def test_board_staff_see_and_manage_every_year_of_their_organizer_only(years):
    user = role(kind=Role.Kind.BOARD, organizer=years["one_2021"].cluster.organizer)
    elsewhere = factories.ClusterYearFactory()
    empty_cluster = factories.ClusterFactory(organizer=years["one_2021"].cluster.organizer)
    assert set(visible_cluster_years(user)) == {years["one_2020"], years["one_2021"], years["two_2021"]}
    assert can_view_cluster(user, empty_cluster)  # a board sees a cluster before its first year
    assert all(can_manage_cluster_year(user, cy) for cy in visible_cluster_years(user))
    assert not can_view_cluster_year(user, elsewhere)
    assert not can_manage_cluster_year(user, elsewhere)


def test_several_roles_add_up_without_repeating_a_year(years):
    user = role(kind=Role.Kind.UNIT_OFFICER, unit=years["unit"])
    factories.RoleFactory(user=user, kind=Role.Kind.CLUSTER_LEAD, cluster_year=years["one_2021"])
    assert visible_cluster_years(user).count() == 2
    assert visible_clusters(user).count() == 1


def test_superusers_see_everything_and_anonymous_or_inactive_users_nothing(years):
    admin = factories.UserFactory(is_superuser=True)
    assert visible_cluster_years(admin).count() == 3
    assert can_manage_cluster_year(admin, years["two_2021"])
    assert not visible_cluster_years(AnonymousUser()).exists()
    inactive = role(kind=Role.Kind.BOARD, organizer=years["one_2021"].cluster.organizer)
    inactive.is_active = False
    inactive.save()
    assert not can_view_cluster_year(inactive, years["one_2021"])


def test_the_same_scope_answers_through_django_permissions(years):
    user = role(kind=Role.Kind.CLUSTER_LEAD, cluster_year=years["one_2021"])
    assert user.has_perm("thidua.view_cluster_year", years["one_2020"])
    assert user.has_perm("thidua.manage_cluster_year", years["one_2021"])
    assert not user.has_perm("thidua.manage_cluster_year", years["one_2020"])
    assert not user.has_perm("thidua.view_cluster", years["two_2021"].cluster)
