"""A cluster-year's score table (bảng chấm điểm), each unit's self-score and its appraisal, and evidence.

The table is data of the year (REALITY.md 9: 100 points in one place, 1,000 in another, with bonus and
deduction items). Appraised totals reach `Membership.score` only when the table is locked (services.lock).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import Unit


class ScoreSheet(models.Model):
    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="score_sheet", verbose_name=_("emulation year")
    )
    scale = models.DecimalField(_("scale"), max_digits=8, decimal_places=2)
    locked_at = models.DateTimeField(_("scores locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scores locked by"),
    )

    class Meta:
        db_table = "scoring_scoresheet"
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return gettext("Score sheet %(cluster_year)s") % {"cluster_year": self.cluster_year}

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class Criterion(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", _("Scored criterion")
        BONUS = "bonus", _("Bonus points")
        DEDUCTION = "deduction", _("Deducted points")

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("score sheet")
    )
    group = models.CharField(_("criterion group"), max_length=255)
    name = models.CharField(_("criterion text"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    max_points = models.DecimalField(_("maximum points"), max_digits=8, decimal_places=2)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        db_table = "scoring_criterion"
        ordering = ["sheet", "position", "id"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")

    def __str__(self) -> str:
        return f"{self.group} – {self.name}"


class UnitScore(models.Model):
    """One unit's score sheet for the year: its self-score, submitted, then appraised. A unit that never
    submits is scored on its behalf by the lead, or marked as not submitted, each with a written reason,
    so the table can always be locked."""

    class Absence(models.TextChoices):
        ON_BEHALF = "on_behalf", _("Scored by the cluster head on the unit's behalf")
        NOT_SUBMITTED = "not_submitted", _("Did not submit")

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="unit_scores", verbose_name=_("score sheet")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("appraised at"), null=True, blank=True)
    absence = models.CharField(
        _("unit did not score itself"), max_length=20, choices=Absence.choices, blank=True
    )
    absence_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        db_table = "scoring_unitscore"
        verbose_name = _("unit score")
        verbose_name_plural = _("unit scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="one_unit_score")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.sheet}"


class ItemScore(models.Model):
    unit_score = models.ForeignKey(
        UnitScore, on_delete=models.CASCADE, related_name="items", verbose_name=_("unit score")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    self_points = models.DecimalField(
        _("self-scored points"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    note = models.TextField(_("explanation"), blank=True)
    appraised_points = models.DecimalField(
        _("appraised points"), null=True, blank=True, max_digits=8, decimal_places=2
    )
    reason = models.TextField(_("reason for the adjustment"), blank=True)

    class Meta:
        db_table = "scoring_itemscore"
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [models.UniqueConstraint(fields=["unit_score", "criterion"], name="one_item_score")]

    def __str__(self) -> str:
        return f"{self.unit_score.unit} – {self.criterion}"

    @property
    def difference(self) -> Decimal | None:
        if self.self_points is None or self.appraised_points is None:
            return None
        return self.appraised_points - self.self_points


def evidence_path(instance: Evidence, filename: str) -> str:
    """A random name under MEDIA_ROOT: the uploader's file name is kept only as a label."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"scoring/{secrets.token_hex(16)}{suffix}"


class Evidence(models.Model):
    item = models.ForeignKey(
        ItemScore, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("criterion score")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        db_table = "scoring_evidence"
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name
