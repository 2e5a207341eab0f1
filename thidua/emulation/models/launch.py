"""The start of a cluster's year (DESIGN.md, step 2): the launch (phát động), each member unit's
registration (đăng ký) of targets and titles, and the pact (giao ước) the units sign.

The pact signed here opens the year; `Review.pact_signed` is next year's pact as the exchange file reports
it at the year-end review, and stays where it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import Unit


class Launch(models.Model):
    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="launch", verbose_name="năm thi đua"
    )
    date = models.DateField("ngày phát động")
    document_number = models.CharField("số văn bản", max_length=100)
    document_title = models.CharField("trích yếu văn bản", max_length=500)
    theme = models.TextField("chủ đề, nội dung phong trào")
    deadline = models.DateField("hạn đăng ký")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ghi nhận",
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now=True)

    class Meta:
        db_table = "pact_launch"
        verbose_name = "phát động thi đua"
        verbose_name_plural = "phát động thi đua"

    def __str__(self) -> str:
        return f"Phát động {self.cluster_year} ({self.date:%d/%m/%Y})"


class Registration(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="registrations", verbose_name="năm thi đua"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    targets = models.TextField("chỉ tiêu đăng ký", help_text="Mỗi dòng một chỉ tiêu.")
    # Each title as {"code": "tier:<code>" | "award:<code>", "name": "…"}: the name is kept as registered.
    titles = models.JSONField("danh hiệu, hình thức đăng ký", default=list)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người đăng ký",
    )
    registered_at = models.DateTimeField("đăng ký lúc", auto_now=True)

    class Meta:
        db_table = "pact_registration"
        ordering = ["cluster_year", "unit__name"]
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_registration_per_unit")
        ]

    def __str__(self) -> str:
        return f"Đăng ký của {self.unit} ({self.cluster_year})"

    def target_lines(self) -> list[str]:
        return [line for line in self.targets.splitlines() if line.strip()]

    def title_names(self) -> list[str]:
        return [title["name"] for title in self.titles]


class Signing(models.Model):
    cluster_year = models.ForeignKey(
        ClusterYear, on_delete=models.CASCADE, related_name="pact_signings", verbose_name="năm thi đua"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    signed_on = models.DateField("ngày ký giao ước")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ghi nhận",
    )
    recorded_at = models.DateTimeField("ghi nhận lúc", auto_now_add=True)

    class Meta:
        db_table = "pact_signing"
        ordering = ["cluster_year", "signed_on", "unit__name"]
        verbose_name = "ký giao ước thi đua"
        verbose_name_plural = "ký giao ước thi đua"
        constraints = [
            models.UniqueConstraint(fields=["cluster_year", "unit"], name="one_pact_signing_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} ký giao ước ngày {self.signed_on:%d/%m/%Y}"
