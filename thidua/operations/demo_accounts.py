"""Account changes: the demo accounts, one per role, for a cluster-year.

Running `create_demo_accounts` again keeps the same five users, points their roles at the given
cluster-year and gives each a new random password (the old ones printed on a console stop working).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from axes.utils import reset as reset_lockouts
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear


@dataclass
class DemoAccount:
    username: str
    password: str
    role_label: str


@transaction.atomic
def create_demo_accounts(cluster_year: ClusterYear, *, by: Actor = "thidua demo") -> list[DemoAccount]:
    """The board officer, the cluster head's and deputy's officers, one member unit's officer and a
    superuser, for `cluster_year`."""
    organizer = cluster_year.cluster.organizer
    members = cluster_year.member_units()
    # The officer belongs to a plain member (neither head nor deputy), so the demo shows the narrowest scope:
    # the last one on the roster (in the demo's current year, the unit that has not self-scored yet).
    deputies = cluster_year.deputy_units()
    leaders = {cluster_year.head_id, *(u.pk for u in deputies)}
    officer_unit = next((u for u in reversed(members) if u.pk not in leaders), None) or (
        members[0] if members else None
    )
    if officer_unit is None:
        raise ValueError(
            _(
                "{year}: the emulation year has no member unit yet, the sample accounts cannot be made."
            ).format(year=cluster_year)
        )
    specs: list[tuple[str, Role | None, str]] = [
        (
            "bqt",
            Role(kind=Role.Kind.BOARD, organizer=organizer),
            _("Officer of the Emulation and Commendation Board ({organizer})").format(
                organizer=organizer.name
            ),
        ),
        (
            "cumtruong",
            Role(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year),
            _("Officer of the cluster head unit ({year})").format(year=cluster_year),
        ),
        (
            "cumpho",
            Role(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year),
            _("Officer of the deputy head unit {unit} ({year})").format(
                unit=deputies[0].display_name if deputies else "–", year=cluster_year
            ),
        ),
        (
            "donvi",
            Role(kind=Role.Kind.UNIT_OFFICER, unit=officer_unit),
            _("Emulation officer of {unit}").format(unit=officer_unit.display_name),
        ),
        ("quantri", None, _("System administrator (the /admin/ pages)")),
    ]
    return [_reset_account(username, role, label, by=by) for username, role, label in specs]


def _reset_account(username: str, role: Role | None, label: str, *, by: Actor) -> DemoAccount:
    user, _ = get_user_model().objects.get_or_create(username=username)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_active = True
    user.is_superuser = user.is_staff = role is None
    user.save()
    # Exactly the one role: a second run for another cluster-year moves the scope, never widens it.
    user.roles.all().delete()
    # A demo account locked by earlier wrong guesses opens again with its new password.
    reset_lockouts(username=username)
    if role is not None:
        role.user = user
        role.full_clean()
        role.save()
    record(by, "demo_account.reset", user, username=username, role=role.kind if role else "superuser")
    return DemoAccount(username=username, password=password, role_label=label)
