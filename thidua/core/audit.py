"""One way to write the audit trail (STYLE.md 2): services call `record` inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy

from thidua.core import pagecache
from thidua.core.models import AuditEvent

Actor = AbstractBaseUser | AnonymousUser | str | None


def record(actor: Actor, verb: str, obj: models.Model, **data: Any) -> AuditEvent:
    """Write one audit row. `actor` is a user, or a label such as "thidua import" for commands."""
    # Any authenticated user object (AUTH_USER_MODEL); anonymous and labels leave the FK empty.
    user = actor if isinstance(actor, AbstractBaseUser) else None
    label = actor if isinstance(actor, str) else ""
    pagecache.changed()  # a change of the data: the pages' kept parts are built again
    return AuditEvent.objects.create(
        actor=user,  # type: ignore[misc]  # AbstractBaseUser is AUTH_USER_MODEL at run time
        actor_label=label,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )


def record_many(actor: Actor, verb: str, entries: Iterable[tuple[models.Model, dict[str, Any]]]) -> None:
    """One audit row per (object, data), written together: the bulk paths' `record`."""
    from django.utils import timezone

    from thidua.core import bulk

    user = actor.pk if isinstance(actor, AbstractBaseUser) else None
    label = actor if isinstance(actor, str) else ""
    now = timezone.now()
    pagecache.changed()
    bulk.insert_values(
        AuditEvent,
        [
            {
                "actor_id": user,
                "actor_label": label,
                "verb": verb,
                "object_type": obj._meta.label_lower,
                "object_id": str(obj.pk),
                "data": data,
                "at": now,
            }
            for obj, data in entries
        ],
    )


def actor_name(actor: Actor) -> str:
    """Who acted, as a page shows it: a user's full name or login, or a command's label."""
    if isinstance(actor, str):
        return actor
    if actor is None or not actor.is_authenticated:
        return ""
    full = getattr(actor, "get_full_name", lambda: "")()
    return str(full or actor.get_username())


# What a history panel calls the common verbs; any other verb shows as written.
VERBS = {
    "admin.add": gettext_lazy("Added in the administration pages"),
    "admin.change": gettext_lazy("Changed in the administration pages"),
    "admin.delete": gettext_lazy("Deleted in the administration pages"),
    "unit.create": gettext_lazy("Unit added"),
    "unit.update": gettext_lazy("Unit record corrected"),
    "unit.event": gettext_lazy("Rename, merger or split recorded"),
    "unit.dissolve": gettext_lazy("Dissolution recorded"),
    "cluster.create": gettext_lazy("Cluster added"),
    "cluster.update": gettext_lazy("Cluster record corrected"),
    "registry.decision.create": gettext_lazy("Decision recorded"),
    "registry.award.revoke": gettext_lazy("Award revoked"),
    "documents.template.upload": gettext_lazy("Paper template uploaded"),
    "documents.template.reset": gettext_lazy("Back to the built-in paper template"),
}


@dataclass(frozen=True)
class Change:
    at: datetime
    who: str
    what: str


def history_of(*objs: models.Model) -> list[Change]:
    """Every audit row of the records, oldest first, as a page's history panel shows them."""
    events = AuditEvent.objects.none()
    for obj in objs:
        events |= AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return [
        Change(e.at, actor_name(e.actor) if e.actor else e.actor_label, str(VERBS.get(e.verb, e.verb)))
        for e in events.select_related("actor").order_by("at", "id")
    ]
