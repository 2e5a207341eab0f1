"""The start of a cluster's year (DESIGN.md, step 2): the launch (phát động), each member unit's
registration (đăng ký) of targets and titles, and the pact (giao ước) the units sign.

The pact signed here opens the year; `Review.pact_signed` is next year's pact as the exchange file reports
it at the year-end review, and stays where it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import Unit


class Launch(models.Model):
    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="launch", verbose_name=_("emulation year")
    )
    date = models.DateField(_("launch date"))
    document_number = models.CharField(_("document number"), max_length=100)
    document_title = models.CharField(_("document summary"), max_length=500)
    theme = models.TextField(_("theme and content of the movement"))
    deadline = models.DateField(_("registration deadline"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        db_table = "pact_launch"
        verbose_name = _("emulation launch")
        verbose_name_plural = _("emulation launches")

    def __str__(self) -> str:
        return gettext("Launch of %(year)s (%(date)s)") % {
            "year": self.cluster_year,
            "date": f"{self.date:%d/%m/%Y}",
        }


class Registration(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("emulation year")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    targets = models.TextField(_("registered targets"), help_text=_("One target per line."))
    # Each title as {"code": "tier:<code>" | "award:<code>", "name": "…"}: the name is kept as registered.
    titles = models.JSONField(_("registered titles and awards"), default=list)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now=True)

    class Meta:
        db_table = "pact_registration"
        ordering = ["cluster_year", "unit__name"]
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_registration_per_unit")
        ]

    def __str__(self) -> str:
        return gettext("Registration of %(unit)s (%(year)s)") % {"unit": self.unit, "year": self.cluster_year}

    def target_lines(self) -> list[str]:
        return [line for line in self.targets.splitlines() if line.strip()]

    def title_names(self) -> list[str]:
        return [title["name"] for title in self.titles]


class Signing(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="pact_signings", verbose_name=_("emulation year")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    signed_on = models.DateField(_("pact signing date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        db_table = "pact_signing"
        ordering = ["cluster_year", "signed_on", "unit__name"]
        verbose_name = _("emulation pact signing")
        verbose_name_plural = _("emulation pact signings")
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_pact_signing_per_unit")
        ]

    def __str__(self) -> str:
        return gettext("%(unit)s signed the pact on %(date)s") % {
            "unit": self.unit,
            "date": f"{self.signed_on:%d/%m/%Y}",
        }
