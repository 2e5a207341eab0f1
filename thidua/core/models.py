"""The audit trail: every state change writes one row naming who did what to which object."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryIsWritten(Exception):
    """History is never rewritten: an audit row, once written, is neither changed nor deleted."""


def _refuse() -> NoReturn:
    raise HistoryIsWritten("Audit rows are append-only: they cannot be changed or deleted.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # The bulk paths too, so no code of ours rewrites history by a query. (Deleting a user empties
    # `actor` through the base manager, which keeps the row: SET_NULL is the one change allowed.)
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse()

    def delete(self) -> NoReturn:
        _refuse()


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("performed by"),
    )
    # Commands and imports run without a logged-in user; they name themselves here.
    actor_label = models.CharField(_("source"), max_length=100, blank=True)
    verb = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    data = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()
