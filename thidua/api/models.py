"""Personal API tokens: only a keyed hash of the token is kept, so a database copy cannot be replayed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="người dùng",
    )
    label = models.CharField(
        "nhãn", max_length=100, help_text="dùng cho việc gì, ví dụ «cổng thông tin tỉnh»"
    )
    # HMAC-SHA256 keyed with SECRET_KEY (auth.digest): the token itself is shown once and never stored.
    digest = models.CharField("mã băm", max_length=64, unique=True, editable=False)
    created = models.DateTimeField("tạo lúc", default=timezone.now, editable=False)
    last_used = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)
    revoked = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.user} – {self.label}"

    @property
    def active(self) -> bool:
        return self.revoked is None
