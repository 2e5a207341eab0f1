"""One way to write the audit trail (STYLE.md 2): services call `record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from thidua.core.models import AuditEvent

Actor = AbstractBaseUser | AnonymousUser | str | None


def record(actor: Actor, verb: str, obj: models.Model, **data: Any) -> AuditEvent:
    """Write one audit row. `actor` is a user, or a label such as "thidua import" for commands."""
    # Any authenticated user object (AUTH_USER_MODEL); anonymous and labels leave the FK empty.
    user = actor if isinstance(actor, AbstractBaseUser) else None
    label = actor if isinstance(actor, str) else ""
    return AuditEvent.objects.create(
        actor=user,  # type: ignore[misc]  # AbstractBaseUser is AUTH_USER_MODEL at run time
        actor_label=label,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )


def actor_name(actor: Actor) -> str:
    """Who acted, as a page shows it: a user's full name or login, or a command's label."""
    if isinstance(actor, str):
        return actor
    if actor is None or not actor.is_authenticated:
        return ""
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or actor.get_username())
