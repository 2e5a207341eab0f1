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

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import Unit


class ScoreSheet(models.Model):
    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="score_sheet", verbose_name="năm thi đua"
    )
    scale = models.DecimalField("thang điểm", max_digits=8, decimal_places=2)
    locked_at = models.DateTimeField("khóa điểm lúc", null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người khóa điểm",
    )

    class Meta:
        db_table = "scoring_scoresheet"
        verbose_name = "bảng chấm điểm"
        verbose_name_plural = "bảng chấm điểm"

    def __str__(self) -> str:
        return f"Bảng chấm điểm {self.cluster_year}"

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class Criterion(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", "Tiêu chí chấm điểm"
        BONUS = "bonus", "Điểm thưởng"
        DEDUCTION = "deduction", "Điểm trừ"

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="criteria", verbose_name="bảng chấm điểm"
    )
    group = models.CharField("nhóm tiêu chí", max_length=255)
    name = models.CharField("nội dung tiêu chí", max_length=500)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    max_points = models.DecimalField("điểm tối đa", max_digits=8, decimal_places=2)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        db_table = "scoring_criterion"
        ordering = ["sheet", "position", "id"]
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"

    def __str__(self) -> str:
        return f"{self.group} – {self.name}"


class UnitScore(models.Model):
    """One unit's score sheet for the year: its self-score, submitted, then appraised. A unit that never
    submits is scored on its behalf by the lead, or marked as not submitted, each with a written reason,
    so the table can always be locked."""

    class Absence(models.TextChoices):
        ON_BEHALF = "on_behalf", "Cụm trưởng chấm thay"
        NOT_SUBMITTED = "not_submitted", "Không nộp"

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="unit_scores", verbose_name="bảng chấm điểm"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    appraised_at = models.DateTimeField("thẩm định lúc", null=True, blank=True)
    absence = models.CharField("đơn vị không tự chấm", max_length=20, choices=Absence.choices, blank=True)
    absence_reason = models.TextField("lý do", blank=True)

    class Meta:
        db_table = "scoring_unitscore"
        verbose_name = "điểm của đơn vị"
        verbose_name_plural = "điểm của đơn vị"
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="one_unit_score")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.sheet}"


class ItemScore(models.Model):
    unit_score = models.ForeignKey(
        UnitScore, on_delete=models.CASCADE, related_name="items", verbose_name="điểm của đơn vị"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name="tiêu chí"
    )
    self_points = models.DecimalField("điểm tự chấm", null=True, blank=True, max_digits=8, decimal_places=2)
    note = models.TextField("giải trình", blank=True)
    appraised_points = models.DecimalField(
        "điểm thẩm định", null=True, blank=True, max_digits=8, decimal_places=2
    )
    reason = models.TextField("lý do điều chỉnh", blank=True)

    class Meta:
        db_table = "scoring_itemscore"
        verbose_name = "điểm theo tiêu chí"
        verbose_name_plural = "điểm theo tiêu chí"
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
        ItemScore, on_delete=models.CASCADE, related_name="evidence", verbose_name="điểm theo tiêu chí"
    )
    file = models.FileField("tệp", upload_to=evidence_path, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        db_table = "scoring_evidence"
        ordering = ["uploaded_at", "id"]
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.original_name
