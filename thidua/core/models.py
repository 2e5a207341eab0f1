"""The audit trail: every state change writes one row naming who did what to which object."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thực hiện",
    )
    # Commands and imports run without a logged-in user; they name themselves here.
    actor_label = models.CharField("nguồn", max_length=100, blank=True)
    verb = models.CharField("hành động", max_length=100)
    object_type = models.CharField("loại đối tượng", max_length=100)
    object_id = models.CharField("mã đối tượng", max_length=64)
    data = models.JSONField("chi tiết", default=dict, blank=True)
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb} {self.object_type}#{self.object_id}"
