"""A cluster's year: its own roster, head, deputies, host and the rules in force for that year."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.organisations.models import Cluster, Unit


class Method(models.TextChoices):
    BALLOT = "ballot", "Bỏ phiếu kín"
    ACCLAMATION = "acclamation", "Suy tôn"
    SCORE = "score", "Theo điểm chấm"


class Rating(models.TextChoices):
    XUAT_SAC = "xuat-sac", "Hoàn thành xuất sắc nhiệm vụ"
    TOT = "tot", "Hoàn thành tốt nhiệm vụ"
    HOAN_THANH = "hoan-thanh", "Hoàn thành nhiệm vụ"
    KHONG_HOAN_THANH = "khong-hoan-thanh", "Không hoàn thành nhiệm vụ"


class TieBreak(models.TextChoices):
    SCORE = "score", "Điểm chấm cao hơn"
    FEMALE_SHARE = "female_share", "Tỷ lệ nữ cao hơn"


class ClusterYear(models.Model):
    cluster = models.ForeignKey(
        Cluster, on_delete=models.PROTECT, related_name="years", verbose_name="cụm, khối"
    )
    year = models.PositiveSmallIntegerField("năm")
    head = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cụm trưởng"
    )
    # False: the deputies were not recorded; True with no rows: there was no deputy.
    deputies_known = models.BooleanField("đã ghi nhận cụm phó", default=False)
    host = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị đăng cai",
    )
    method = models.CharField(
        "hình thức bình xét", max_length=20, choices=Method.choices, default=Method.BALLOT
    )
    quotas = models.JSONField(
        "số lượng tối đa theo hình thức",
        default=dict,
        blank=True,
        help_text="Mã hình thức → số đơn vị tối đa; hình thức không có ở đây thì không giới hạn.",
    )
    min_approval = models.DecimalField(
        "tỷ lệ phiếu tối thiểu",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    tie_break = models.JSONField("thứ tự xét khi bằng phiếu", default=list, blank=True)
    exclusive = models.BooleanField(
        "mỗi đơn vị một hình thức",
        default=True,
        help_text="Đơn vị đã được đề nghị hình thức cao hơn thì không đề nghị hình thức thấp hơn.",
    )

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = "năm thi đua của cụm, khối"
        verbose_name_plural = "năm thi đua của cụm, khối"
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="one_cluster_year")]

    def __str__(self) -> str:
        return f"{self.cluster} – năm {self.year}"

    def member_units(self) -> list[Unit]:
        return [m.unit for m in self.memberships.select_related("unit").order_by("position", "id")]

    def deputy_units(self) -> list[Unit]:
        return [d.unit for d in self.deputy_links.select_related("unit").order_by("position", "id")]


class Membership(models.Model):
    """A unit on a year's roster, with its appraised score, rating and reported place for that year."""

    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="memberships", verbose_name="năm thi đua"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name="đơn vị"
    )
    position = models.PositiveIntegerField("thứ tự", default=0)
    score = models.DecimalField("điểm thẩm định", max_digits=8, decimal_places=2, null=True, blank=True)
    rating = models.CharField("xếp loại", max_length=20, choices=Rating.choices, blank=True)
    reported_place = models.PositiveSmallIntegerField("thứ hạng được công bố", null=True, blank=True)

    class Meta:
        ordering = ["cluster_year", "position", "id"]
        verbose_name = "đơn vị thành viên"
        verbose_name_plural = "đơn vị thành viên"
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.cluster_year})"


class Deputy(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="deputy_links", verbose_name="năm thi đua"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cụm phó")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["cluster_year", "position"]
        verbose_name = "cụm phó"
        verbose_name_plural = "cụm phó"
        constraints = [models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_deputy_link")]

    def __str__(self) -> str:
        return str(self.unit)
