"""Issuing and revoking API tokens, each an audited state change (STYLE.md 2)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from thidua.api.auth import digest, new_secret
from thidua.api.models import ApiToken
from thidua.core.audit import Actor, record


def issue_token(user: User, *, label: str, by: Actor) -> tuple[ApiToken, str]:
    """A new token for `user`; the clear token is returned here once and is never retrievable again."""
    secret = new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, label=label, digest=digest(secret))
        record(by, "api.token_issued", token, user=user.get_username(), label=label)
    return token, secret


def revoke_token(token: ApiToken, *, by: Actor) -> ApiToken:
    """Revoke `token` (already revoked: unchanged, the first date stays)."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked is None:
            locked.revoked = timezone.now()
            locked.save(update_fields=["revoked"])
            record(by, "api.token_revoked", locked, label=locked.label)
    return locked
