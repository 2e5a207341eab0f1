"""A thematic or ad hoc emulation movement (phong trào thi đua chuyên đề, theo đợt) the organizer launches
beside the yearly ones: its name, dates and the awards it may lead to. A unit's proposal made under it is on
the movement's track of the board's worklist and dashboard (worklist.TRACKS)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards import catalogue
from thidua.organisations.models import Organizer


class Movement(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="movements", verbose_name=_("organizer")
    )
    name = models.CharField(_("name of the movement"), max_length=500)
    start = models.DateField(_("launched on"))
    end = models.DateField(_("ends on"), null=True, blank=True)
    # Codes of the legal catalogue a proposal under the movement may ask for (empty: any).
    awards = models.JSONField(_("awards it may lead to"), default=list, blank=True)

    class Meta:
        ordering = ["-start", "name", "id"]
        verbose_name = _("thematic emulation movement")
        verbose_name_plural = _("thematic emulation movements")
        constraints = [
            models.CheckConstraint(
                name="movement_ends_after_start",
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
            ),
            models.UniqueConstraint(fields=["organizer", "name"], name="one_movement_name_per_organizer"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def award_names(self) -> list[str]:
        return [catalogue.AWARDS[c].name if c in catalogue.AWARDS else c for c in self.awards]
