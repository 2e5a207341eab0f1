"""Organizers, their units with dated lineage, their award catalogue and their clusters.

A unit keeps its stable code for life; renames, mergers and splits are dated events, so a unit's past
(its memberships, its awards) stays its own (DESIGN.md: history is never rewritten).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class Organizer(models.Model):
    """The body that runs clusters and receives their proposals (cơ quan tổ chức cụm, khối)."""

    name = models.CharField("tên", max_length=255, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    province = models.CharField("tỉnh, thành phố", max_length=100, blank=True)
    standing_body = models.CharField("cơ quan thường trực", max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "cơ quan tổ chức cụm, khối"
        verbose_name_plural = "cơ quan tổ chức cụm, khối"

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="units", verbose_name="cơ quan tổ chức"
    )
    code = models.CharField("mã", max_length=64)
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=255, blank=True)
    female_share = models.DecimalField(
        "tỷ lệ nữ",
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Từ 0 đến 1; dùng khi xét ưu tiên (NĐ 152/2025 Điều 4 khoản 6).",
    )
    # A phòng, ban or đơn vị trực thuộc: the unit head grants its titles; it is never a cluster member.
    # One level only, so "a unit and its sub-units" is one query (registry/scope.py).
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_units",
        verbose_name="thuộc đơn vị",
        help_text="Để trống với đơn vị thành viên cụm, khối; chọn đơn vị cấp trên với phòng, ban trực thuộc.",
    )

    class Meta:
        ordering = ["organizer", "code"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [models.UniqueConstraint(fields=["organizer", "code"], name="unit_code_per_organizer")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        parent = self.parent
        if parent is None:
            return
        if parent.pk is not None and parent.pk == self.pk:
            raise ValidationError({"parent": "Một đơn vị không thể trực thuộc chính nó."})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": f"«{parent.name}» đã là đơn vị trực thuộc; chỉ ghi một cấp đơn vị trực thuộc."}
            )
        if self.organizer_id is not None and parent.organizer_id != self.organizer_id:
            raise ValidationError({"parent": "Đơn vị cấp trên phải thuộc cùng cơ quan tổ chức."})
        if self.pk is not None and self.sub_units.exists():
            raise ValidationError(
                {"parent": "Đơn vị đang có đơn vị trực thuộc, không thể trực thuộc đơn vị khác."}
            )


class UnitEvent(models.Model):
    """A dated change of a unit's identity; `other` is the unit it became, joined or came from."""

    class Kind(models.TextChoices):
        RENAMED_TO = "renamed_to", "Đổi tên thành"
        MERGED_INTO = "merged_into", "Sáp nhập vào"
        SPLIT_FROM = "split_from", "Chia tách từ"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events", verbose_name="đơn vị")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    other = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="incoming_events", verbose_name="đơn vị liên quan"
    )
    date = models.DateField("ngày")

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "sự kiện lịch sử đơn vị"
        verbose_name_plural = "lịch sử đơn vị (đổi tên, sáp nhập, chia tách)"

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display().lower()} {self.other} ({self.date:%d/%m/%Y})"


class AwardTier(models.Model):
    """An award a cluster may propose, in the organizer's catalogue, with who grants it."""

    class Subject(models.TextChoices):
        COLLECTIVE = "collective", "Tập thể"
        INDIVIDUAL = "individual", "Cá nhân"

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="award_tiers", verbose_name="cơ quan tổ chức"
    )
    code = models.CharField("mã", max_length=64)
    name = models.CharField("tên hình thức", max_length=255)
    grantor = models.CharField("cấp quyết định", max_length=255)
    subject = models.CharField(
        "đối tượng", max_length=20, choices=Subject.choices, default=Subject.COLLECTIVE
    )
    catalog = models.CharField(
        "mã trong danh mục pháp luật",
        max_length=64,
        blank=True,
        help_text="Để trống với hình thức ngoài danh mục nhà nước (của Mặt trận, của cấp ủy…).",
    )
    position = models.PositiveIntegerField("thứ bậc", default=0, help_text="0 là cao nhất.")

    class Meta:
        ordering = ["organizer", "position", "id"]
        verbose_name = "hình thức khen thưởng của cụm"
        verbose_name_plural = "danh mục hình thức khen thưởng"
        constraints = [models.UniqueConstraint(fields=["organizer", "code"], name="tier_code_per_organizer")]

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CUM = "cum", "Cụm thi đua"
        KHOI = "khoi", "Khối thi đua"

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="clusters", verbose_name="cơ quan tổ chức"
    )
    code = models.CharField("mã", max_length=64)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices, default=Kind.CUM)
    name = models.CharField("tên", max_length=255)
    source = models.TextField("nguồn dữ liệu", blank=True)
    award_tiers = models.ManyToManyField(
        AwardTier, related_name="clusters", blank=True, verbose_name="hình thức được đề nghị"
    )
    # Units the cluster's records name (members, lineage partners…), kept so an export names them all.
    units = models.ManyToManyField(Unit, related_name="clusters", blank=True, verbose_name="đơn vị liên quan")

    class Meta:
        ordering = ["organizer", "name"]
        verbose_name = "cụm, khối thi đua"
        verbose_name_plural = "cụm, khối thi đua"
        constraints = [
            models.UniqueConstraint(fields=["organizer", "code"], name="cluster_code_per_organizer")
        ]

    def __str__(self) -> str:
        return self.name

    def ordered_tiers(self) -> list[AwardTier]:
        return sorted(self.award_tiers.all(), key=lambda tier: (tier.position, tier.pk))

    @property
    def word(self) -> str:
        """ "Cụm" or "Khối", as in "Cụm trưởng" / "Khối trưởng" (GLOSSARY)."""
        return "Khối" if self.kind == self.Kind.KHOI else "Cụm"
