"""A board's officers' accounts and roles: created, given and taken inside the organizer only."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from thidua.accounts import actions
from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.testing import factories

pytestmark = pytest.mark.django_db
BY = "kiểm thử"


def _refused(call, field: str | None = None) -> None:  # type: ignore[no-untyped-def]
    before = (get_user_model().objects.count(), Role.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        call()
    assert (get_user_model().objects.count(), Role.objects.count(), AuditEvent.objects.count()) == before
    if field is not None:
        assert field in refused.value.error_dict


def test_an_account_is_created_with_its_role_and_a_password_shown_once() -> None:
    organizer = factories.OrganizerFactory()
    unit = factories.UnitFactory(organizer=organizer)
    user, password = actions.create_account(
        organizer, username="canbo", full_name="Nguyễn Văn A", kind="unit_officer", unit=unit, by=BY
    )
    assert user.check_password(password) and password not in user.password
    assert Role.objects.get(user=user).unit == unit
    _refused(
        lambda: actions.create_account(
            organizer, username="CANBO", full_name="Nguyễn Văn B", kind="board", by=BY
        ),
        "username",
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"username": "", "full_name": "A", "kind": "board"}, "username"),
        ({"username": "can bo", "full_name": "A", "kind": "board"}, "username"),
        ({"username": "can#bo", "full_name": "A", "kind": "board"}, "username"),
        ({"username": "canbo", "full_name": "", "kind": "board"}, "full_name"),
        ({"username": "canbo", "full_name": "A", "email": "không phải thư", "kind": "board"}, "email"),
        ({"username": "canbo", "full_name": "A", "kind": "admin"}, "kind"),
        ({"username": "canbo", "full_name": "A", "kind": "unit_officer"}, "unit"),
        ({"username": "canbo", "full_name": "A", "kind": "cluster_lead"}, "cluster_year"),
    ],
)
def test_a_bad_account_is_refused(fields: dict, field: str) -> None:  # type: ignore[type-arg]
    organizer = factories.OrganizerFactory()
    _refused(lambda: actions.create_account(organizer, by=BY, **fields), field)


def test_roles_are_given_once_and_only_inside_the_organizer() -> None:
    organizer, other = factories.OrganizerFactory(), factories.OrganizerFactory()
    user = factories.UserFactory()
    year = factories.ClusterYearFactory(cluster=factories.ClusterFactory(organizer=organizer))
    role = actions.grant_role(user, organizer, kind="cluster_lead", cluster_year=year, by=BY)
    _refused(
        lambda: actions.grant_role(user, organizer, kind="cluster_lead", cluster_year=year, by=BY), "kind"
    )
    foreign_year = factories.ClusterYearFactory(cluster=factories.ClusterFactory(organizer=other))
    _refused(
        lambda: actions.grant_role(user, organizer, kind="cluster_lead", cluster_year=foreign_year, by=BY)
    )
    foreign_unit = factories.UnitFactory(organizer=other)
    _refused(
        lambda: actions.grant_role(user, organizer, kind="unit_officer", unit=foreign_unit, by=BY), "unit"
    )
    _refused(lambda: actions.revoke_role(role, other, by=BY))
    actions.revoke_role(role, organizer, by=BY)
    assert not Role.objects.filter(pk=role.pk).exists()


def test_a_password_is_reset_only_for_an_account_serving_the_organizer_alone() -> None:
    organizer, other = factories.OrganizerFactory(), factories.OrganizerFactory()
    user = factories.UserFactory()
    factories.RoleFactory(user=user, kind=Role.Kind.BOARD, organizer=organizer)
    password = actions.reset_password(user, organizer, by=BY)
    user.refresh_from_db()
    assert user.check_password(password)
    factories.RoleFactory(user=user, kind=Role.Kind.BOARD, organizer=other)
    _refused(lambda: actions.reset_password(user, organizer, by=BY))
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    _refused(lambda: actions.reset_password(admin, organizer, by=BY))
