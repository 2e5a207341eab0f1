"""Two-step sign-in with a one-time code (TOTP, django-otp): optional for board staff, required for the
admin site.

A user who turned it on signs in with the password, then with the 6-digit code of their authenticator app.
Between the two steps the session holds only who passed the password (for PENDING_SECONDS), never a
logged-in user. A wrong code counts as a failed sign-in for django-axes, on the account and on the
address, with the password's failures: five of either and signing in waits, whichever step failed.
The secret of a device being set up stays in the session until a code from it is confirmed, so a page
opened and left writes nothing.
"""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from thidua.accounts.models import Role
from thidua.accounts.roles import active

PENDING = "thidua:password-passed"
PENDING_SECONDS = 5 * 60
SETUP_KEY = "thidua:totp-setup-key"
# One step either side of now: a phone's clock a little off still signs in.
TOLERANCE = 1


def device_of(user: Any) -> TOTPDevice | None:
    """The user's confirmed device, or None: they sign in with the password alone."""
    if getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def may_turn_on(user: Any) -> bool:
    """Board staff and the admin site's users may turn it on; anyone who has it may turn it off."""
    if not active(user):
        return False
    if user.is_staff or user.is_superuser or device_of(user) is not None:
        return True
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.BOARD).exists()


def is_verified(user: Any) -> bool:
    """True when this session passed the code step (OTPMiddleware's answer; False without it)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


# ---- setting a device up -----------------------------------------------------------------------------


def setup_key(request: HttpRequest) -> str:
    """The secret offered on the set-up page (hex), the same until it is confirmed or the session ends."""
    key = request.session.get(SETUP_KEY)
    if not isinstance(key, str):
        key = default_key()
        request.session[SETUP_KEY] = key
    return key


def forget_setup_key(request: HttpRequest) -> None:
    request.session.pop(SETUP_KEY, None)


def secret_text(key: str) -> str:
    """The secret as an authenticator app asks for it typed by hand: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def config_url(user: Any, key: str) -> str:
    """The otpauth:// address in the QR code (issuer OTP_TOTP_ISSUER, label the login name)."""
    return str(TOTPDevice(user=user, key=key).config_url)


def check_new_key(key: str, code: str) -> TOTP | None:
    """The key's TOTP when `code` is its current code (None otherwise): proof the app holds the secret."""
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    return totp if totp.verify(int(code), tolerance=TOLERANCE) else None


# ---- the step between password and code -------------------------------------------------------------


def hold_login(request: HttpRequest, user: Any, next_url: str) -> None:
    """The password was right and the account has a device: remember who, not yet signed in."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "since": int(time.time()),
        "next": next_url,
    }


def held_login(request: HttpRequest) -> tuple[Any, str, str] | None:
    """(user, backend, next) of a password passed within PENDING_SECONDS, or None."""
    held = request.session.get(PENDING)
    if not isinstance(held, dict) or time.time() - float(held.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user_id = held.get("user")
    if not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return user, str(held.get("backend")), str(held.get("next") or "")


def drop_held_login(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)
