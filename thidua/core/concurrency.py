"""Two people editing one record: the second save is refused instead of silently undoing the first.

A record's version is the id of its latest audit row. Every change already writes one (STYLE.md 2, and the
admin's changes too: core.signals), so the audit trail doubles as the change counter: no version column on
each model, and the refusal can name who changed the record and when.

A form carries the version read when it was rendered (hidden field VERSION_FIELD, template tag
`{% version_field obj %}`); the action compares it with `refuse_if_changed` inside its transaction, after
it has row-locked the record, so two saves of the same form cannot both pass the check. An action called
without a version (commands, the API, the exchange-file importer: no form was opened) is not checked.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import actor_name
from thidua.core.models import AuditEvent

VERSION_FIELD = "version"


def _events(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def version_of(obj: models.Model) -> str:
    """The record's version as a form carries it: "0" for a record never changed since it was made."""
    latest = _events(obj).order_by("-id").values_list("id", flat=True).first()
    return str(latest or 0)


def seen_version(request: HttpRequest) -> str | None:
    """The version the posted form was opened at; None when the form carries none."""
    return request.POST.get(VERSION_FIELD)


def refuse_if_changed(obj: models.Model, seen: str | None) -> None:
    """Refuse (nothing is written) when `obj` changed after the form posting `seen` was opened. Call it
    inside the action's transaction, after the record's row lock."""
    if seen is None or seen.strip() == version_of(obj):
        return
    latest = _events(obj).select_related("actor").order_by("-id").first()
    who = (actor_name(latest.actor) if latest.actor else latest.actor_label) if latest else ""
    when = f"{timezone.localtime(latest.at):%H:%M %d/%m/%Y}" if latest else ""
    raise ValidationError(
        _(
            "This record was changed by {who} at {when}, after you opened this form; nothing was saved. "
            "What you typed is kept below: open the page again to see the record as it is now, then enter "
            "your changes again."
        ).format(who=who or _("someone else"), when=when),
        code="changed",
    )
