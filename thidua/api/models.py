"""Personal API tokens: only a keyed hash of the token is kept, so a database copy cannot be replayed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    label = models.CharField(
        _("label"), max_length=100, help_text=_("what it is used for, for example «provincial portal»")
    )
    # HMAC-SHA256 keyed with SECRET_KEY (auth.digest): the token itself is shown once and never stored.
    digest = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API access token")
        verbose_name_plural = _("API access tokens")

    def __str__(self) -> str:
        return f"{self.user} – {self.label}"

    @property
    def active(self) -> bool:
        return self.revoked is None
