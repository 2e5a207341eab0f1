"""Demo accounts: one per role, with fresh random passwords on every run, never duplicated."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory

from thidua.accounts.models import Role
from thidua.emulation.rules import can_manage_cluster_year, can_view_cluster_year
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.testing import factories

pytestmark = pytest.mark.django_db

USERNAMES = ["bqt", "cumtruong", "cumpho", "donvi", "quantri"]


@pytest.fixture
def cluster_year():
    head = factories.MembershipFactory().unit
    cy = head.memberships.get().cluster_year
    cy.head = head
    cy.save()
    factories.MembershipFactory(cluster_year=cy)
    return cy


def logs_in(username: str, password: str) -> bool:
    return (
        authenticate(RequestFactory().post("/dang-nhap/"), username=username, password=password) is not None
    )


def test_creates_one_account_per_role_that_can_log_in(cluster_year):
    accounts = create_demo_accounts(cluster_year)
    assert [a.username for a in accounts] == USERNAMES
    assert all(logs_in(a.username, a.password) for a in accounts)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    assert users["quantri"].is_superuser and users["quantri"].is_staff
    assert can_manage_cluster_year(users["bqt"], cluster_year)
    assert can_manage_cluster_year(users["cumtruong"], cluster_year)
    assert can_view_cluster_year(users["donvi"], cluster_year)
    assert not can_manage_cluster_year(users["donvi"], cluster_year)
    officer_unit = Role.objects.get(user=users["donvi"]).unit
    assert officer_unit != cluster_year.head  # a plain member, not the head


def test_a_second_run_resets_the_passwords_without_duplicating_anything(cluster_year):
    first = {a.username: a.password for a in create_demo_accounts(cluster_year)}
    second = {a.username: a.password for a in create_demo_accounts(cluster_year)}
    assert get_user_model().objects.filter(username__in=USERNAMES).count() == 5
    assert Role.objects.filter(user__username__in=USERNAMES).count() == 4
    for username in USERNAMES:
        assert first[username] != second[username]
        assert logs_in(username, second[username])
        assert not logs_in(username, first[username])


def test_a_year_without_members_is_refused_with_a_vietnamese_message():
    with pytest.raises(ValueError, match="chưa có đơn vị thành viên"):
        create_demo_accounts(factories.ClusterYearFactory())
    assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
