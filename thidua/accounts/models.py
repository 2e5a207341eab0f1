"""Roles give a user a scope: an organizer's board, one cluster-year's lead, or one unit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.organisations.models import Organizer, Unit


class Role(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", _("Emulation and Commendation Board officer")
        CLUSTER_LEAD = "cluster_lead", _("Officer of the cluster head or deputy unit")
        UNIT_OFFICER = "unit_officer", _("Emulation officer of the unit")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    organizer = models.ForeignKey(
        Organizer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizer"),
    )
    # By name: accounts sits below the year's home (emulation), which reads roles to scope its pages.
    cluster_year = models.ForeignKey(
        "emulation.ClusterYear",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emulation year"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    models.Q(
                        kind="board", organizer__isnull=False, cluster_year__isnull=True, unit__isnull=True
                    )
                    | models.Q(
                        kind="cluster_lead",
                        organizer__isnull=True,
                        cluster_year__isnull=False,
                        unit__isnull=True,
                    )
                    | models.Q(
                        kind="unit_officer",
                        organizer__isnull=True,
                        cluster_year__isnull=True,
                        unit__isnull=False,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        scope = self.organizer or self.cluster_year or self.unit
        return f"{self.user} – {self.get_kind_display()} ({scope})"

    def clean(self) -> None:
        if self.kind not in self.Kind.values:
            return  # no role chosen, or an unknown one: the field's own validation says so
        required = {
            self.Kind.BOARD: "organizer",
            self.Kind.CLUSTER_LEAD: "cluster_year",
            self.Kind.UNIT_OFFICER: "unit",
        }[self.Kind(self.kind)]
        for field in ("organizer", "cluster_year", "unit"):
            value = getattr(self, f"{field}_id")
            if field == required and value is None:
                raise ValidationError({field: gettext("This role needs a scope.")})
            if field != required and value is not None:
                raise ValidationError({field: gettext("This role does not use this scope.")})
