"""A cluster's year: its own roster, head, deputies, host and the rules in force for that year."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.organisations.models import Cluster, Unit


# The labels of Method and Rating are typed as str (they stay lazy at run time): other modules pass their
# .label on where a str is expected.
class Method(models.TextChoices):
    BALLOT = "ballot", cast(str, _("Secret ballot"))
    ACCLAMATION = "acclamation", cast(str, _("Acclamation"))
    SCORE = "score", cast(str, _("By appraisal score"))


class Rating(models.TextChoices):
    XUAT_SAC = "xuat-sac", cast(str, _("Completed their tasks with distinction"))
    TOT = "tot", cast(str, _("Completed their tasks well"))
    HOAN_THANH = "hoan-thanh", cast(str, _("Completed their tasks"))
    KHONG_HOAN_THANH = "khong-hoan-thanh", cast(str, _("Did not complete their tasks"))


class TieBreak(models.TextChoices):
    SCORE = "score", _("Higher appraisal score")
    FEMALE_SHARE = "female_share", _("Higher share of women")


class ClusterYear(models.Model):
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="years", verbose_name=_("cluster or block")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    head = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cluster head"),
    )
    # False: the deputies were not recorded; True with no rows: there was no deputy.
    deputies_known = models.BooleanField(_("cluster deputies recorded"), default=False)
    host = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host unit"),
    )
    method = models.CharField(
        _("review method"), max_length=20, choices=Method.choices, default=Method.BALLOT
    )
    quotas = models.JSONField(
        _("maximum number per award"),
        default=dict,
        blank=True,
        help_text=_("Award code → maximum number of units; an award not listed here has no limit."),
    )
    min_approval = models.DecimalField(
        _("minimum share of votes"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    tie_break = models.JSONField(_("order of consideration on equal votes"), default=list, blank=True)
    exclusive = models.BooleanField(
        _("one award per unit"),
        default=True,
        help_text=_("A unit proposed for a higher award is not proposed for a lower one."),
    )

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = _("emulation year of a cluster or block")
        verbose_name_plural = _("emulation years of a cluster or block")
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="one_cluster_year")]

    def __str__(self) -> str:
        return gettext("%(cluster)s – year %(year)s") % {"cluster": self.cluster, "year": self.year}

    def member_units(self) -> list[Unit]:
        return [m.unit for m in self.memberships.select_related("unit").order_by("position", "id")]

    def deputy_units(self) -> list[Unit]:
        return [d.unit for d in self.deputy_links.select_related("unit").order_by("position", "id")]


class Membership(models.Model):
    """A unit on a year's roster, with its appraised score, rating and reported place for that year."""

    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("emulation year")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    score = models.DecimalField(_("appraised score"), max_digits=8, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    reported_place = models.PositiveSmallIntegerField(_("reported place"), null=True, blank=True)

    class Meta:
        ordering = ["cluster_year", "position", "id"]
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cluster_year})"


class Deputy(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="deputy_links", verbose_name=_("emulation year")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cluster deputy")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["cluster_year", "position"]
        verbose_name = _("cluster deputy")
        verbose_name_plural = _("cluster deputies")
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_deputy_link")]

    def __str__(self) -> str:
        return str(self.unit)
