"""A board's officers: their accounts and roles (STYLE.md 2: one atomic, audited function per change).

A board acts only inside its organizer: it gives a role on its own board, on one of its units, or on a year
of one of its clusters, and it may reset the password of an account only when every role of that account
lies inside the organizer (an account that also serves another organizer, or a system administrator, is
not the board's to open). A new or reset password is returned once, for the page to show; it is stored
only as Django's hash.
"""

from __future__ import annotations

import secrets
from typing import Any

from axes.utils import reset as reset_lockouts
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts import twofactor
from thidua.accounts.models import Role
from thidua.core.audit import Actor, record
from thidua.core.text import clean_text
from thidua.organisations.checks import checked_text
from thidua.organisations.models import Organizer, Unit

USERNAME = gettext_lazy("the login name")
FULL_NAME = gettext_lazy("the full name")
USERNAME_LENGTH = 150


def new_password() -> str:
    return secrets.token_urlsafe(12)


def role_organizer_id(role: Role) -> int | None:
    """The organizer a role lies inside (select_related unit and cluster_year__cluster to ask many)."""
    if role.unit is not None:
        return role.unit.organizer_id
    if role.cluster_year is not None:
        return role.cluster_year.cluster.organizer_id
    return role.organizer_id


def roles_outside(user: Any, organizer: Organizer) -> bool:
    """True when the user is a system administrator or holds a role outside `organizer`."""
    if user.is_superuser or user.is_staff:
        return True
    roles = Role.objects.filter(user=user).select_related("unit", "cluster_year__cluster")
    return any(role_organizer_id(role) != organizer.pk for role in roles)


def _scoped_role(user: Any, organizer: Organizer, kind: str, unit: Unit | None, cluster_year: Any) -> Role:
    """The role to give, checked to lie inside `organizer` and to carry the scope its kind needs."""
    if kind not in Role.Kind.values:
        raise ValidationError({"kind": _("Choose one of the listed roles.")}, code="kind")
    role = Role(user=user, kind=kind)
    if kind == Role.Kind.BOARD:
        role.organizer = organizer
    elif kind == Role.Kind.UNIT_OFFICER:
        if unit is None:
            raise ValidationError({"unit": _("Choose the unit of the emulation officer.")}, code="required")
        if unit.organizer_id != organizer.pk:
            raise ValidationError({"unit": _("The unit must belong to the same organizer.")})
        role.unit = unit
    else:
        if cluster_year is None:
            raise ValidationError({"cluster_year": _("Choose the cluster's year.")}, code="required")
        if cluster_year.cluster.organizer_id != organizer.pk:
            raise ValidationError({"cluster_year": _("The cluster must belong to the same organizer.")})
        role.cluster_year = cluster_year
    return role


def _same_role(role: Role) -> bool:
    scope = {"organizer": role.organizer, "unit": role.unit, "cluster_year": role.cluster_year}
    return Role.objects.filter(user_id=role.user_id, kind=role.kind, **scope).exists()


@transaction.atomic
def create_account(
    organizer: Organizer,
    *,
    username: str,
    full_name: str,
    email: str = "",
    kind: str,
    unit: Unit | None = None,
    cluster_year: Any = None,
    by: Actor,
) -> tuple[AbstractUser, str]:
    """A new account with its first role inside `organizer`; returns the user and its password (shown
    once). A login name already taken is refused, so a second submit creates nothing."""
    username = checked_text("username", USERNAME, username, code=True)
    if len(username) > USERNAME_LENGTH:
        raise ValidationError({"username": _("The login name is at most 150 characters.")})
    try:
        get_user_model().username_validator(username)  # type: ignore[attr-defined]
    except ValidationError:
        raise ValidationError(
            {"username": _("The login name may hold only letters, digits and . - _ @ +.")}, code="username"
        ) from None
    full_name = checked_text("full_name", FULL_NAME, full_name)
    email = (email or "").strip()
    if email:
        email, problem = clean_text(email)
        try:
            if problem is not None:
                raise ValidationError(problem)
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("The e-mail address is not valid.")}, code="email") from None
    users = get_user_model()
    if users.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("The login name «{name}» is already taken.").format(name=username)}, code="taken"
        )
    user = users(username=username, first_name=full_name, email=email)
    role = _scoped_role(user, organizer, kind, unit, cluster_year)  # checked before anything is written
    password = new_password()
    user.set_password(password)
    user.save()
    role.user = user
    role.save()
    record(by, "account.create", user, username=username, role=kind, organizer=organizer.pk)
    return user, password


@transaction.atomic
def grant_role(
    user: Any,
    organizer: Organizer,
    *,
    kind: str,
    unit: Unit | None = None,
    cluster_year: Any = None,
    by: Actor,
) -> Role:
    """Give `user` one more role inside `organizer`; the same role twice is refused."""
    role = _scoped_role(user, organizer, kind, unit, cluster_year)
    if _same_role(role):
        raise ValidationError({"kind": _("The account already has this role.")}, code="twice")
    role.save()
    record(
        by,
        "role.grant",
        role,
        user=user.username,
        kind=kind,
        scope=str(role.organizer or role.unit or role.cluster_year),
    )
    return role


@transaction.atomic
def revoke_role(role: Role, organizer: Organizer, *, by: Actor) -> Role:
    """Take a role inside `organizer` away; the account stays (its past acts keep their author)."""
    role = (
        Role.objects.select_for_update(of=("self",))
        .select_related("unit", "cluster_year__cluster")
        .get(pk=role.pk)
    )
    if role_organizer_id(role) != organizer.pk:
        raise ValidationError(_("This role is not the board's to take away."), code="outside")
    record(by, "role.revoke", role, user=role.user.username, kind=role.kind)
    role.delete()
    return role


@transaction.atomic
def reset_password(user: Any, organizer: Organizer, *, by: Actor) -> str:
    """A new random password for an account that serves only `organizer`; returned once to be shown."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if roles_outside(user, organizer):
        raise ValidationError(
            _("This account also serves elsewhere; only a system administrator may reset its password."),
            code="outside",
        )
    password = new_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    reset_lockouts(username=user.username)
    record(by, "account.password_reset", user, username=user.username)
    return password


WRONG_CODE = gettext_lazy(
    "The code is wrong or has expired: type the 6 digits your authenticator app shows now."
)


@transaction.atomic
def turn_on_two_factor(user: Any, key: str, code: str, *, by: Actor) -> TOTPDevice:
    """The user's device for two-step sign-in, from the secret shown on their page, once `code` proves
    the app holds it. A device they had before is replaced (a new phone)."""
    totp = twofactor.check_new_key(key, code) if code.isdigit() else None
    if totp is None:
        raise ValidationError({"code": WRONG_CODE}, code="wrong_code")
    TOTPDevice.objects.filter(user_id=user.pk).delete()
    # The confirming code is spent: it cannot sign in a second time (last_t).
    device = TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), key=key, confirmed=True, last_t=totp.t(), drift=totp.drift
    )
    record(by, "account.two_factor_on", user, username=user.username)
    return device


def turn_off_two_factor(user: Any, code: str, *, by: Actor) -> None:
    """Back to the password alone, with a current code (whoever holds an open session cannot do it).
    The code is checked outside the transaction: a wrong one's throttling count must stay written."""
    device = twofactor.device_of(user)
    if device is None:
        return
    if not (code.isdigit() and device.verify_token(code)):
        raise ValidationError({"code": WRONG_CODE}, code="wrong_code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=user.pk).delete()
        record(by, "account.two_factor_off", user, username=user.username)
