"""An organizer's own Word template for one of its papers (templating.py). Replacing or dropping a template
never deletes it: the old row is retired with who and when, so the board can see which template made a
paper it printed last year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.organisations.models import Organizer


class PaperTemplate(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="paper_templates", verbose_name=_("organizer")
    )
    paper = models.CharField(_("paper"), max_length=64)  # a key of the papers' catalogue
    filename = models.CharField(_("file name"), max_length=255)
    # Kept in the database, not on disk: a few hundred kilobytes, backed up and restored with the rest.
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    retired_at = models.DateTimeField(_("no longer used from"), null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organizer", "paper", "-uploaded_at"]
        verbose_name = _("paper template")
        verbose_name_plural = _("paper templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organizer", "paper"],
                condition=models.Q(retired_at__isnull=True),
                name="one_template_in_use_per_paper",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organizer} – {self.paper} ({self.filename})"
