"""The year-end review: its meeting facts, the secret ballots, and the frozen outcome.

Secrecy is a property of this schema (STYLE.md 7): a Ballot has a random id and its choices, nothing else:
no voter, no code, no timestamp, no sequence number.
"""

from __future__ import annotations

import uuid

from django.db import models

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import AwardTier, Unit


class Review(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Cụm đề nghị"
        APPROVED = "approved", "Hội đồng đã thông qua"
        AWARDED = "awarded", "Đã quyết định khen thưởng"

    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="review", verbose_name="năm thi đua"
    )
    date = models.DateField("ngày họp", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    chair = models.CharField("chủ trì", max_length=255, blank=True)
    secretary = models.CharField("thư ký", max_length=255, blank=True)
    board_representative = models.CharField("đại diện Ban Thi đua – Khen thưởng", max_length=255, blank=True)
    present_known = models.BooleanField("đã ghi nhận đơn vị dự họp", default=False)
    present = models.ManyToManyField(
        Unit, related_name="+", blank=True, verbose_name="đơn vị dự họp", db_table="review_review_present"
    )
    # True once ballots are on record (cast here or imported); then the count comes from them alone.
    ballots_known = models.BooleanField("có phiếu bầu", default=False)
    # The agreed lists per tier when no ballots are known: {tier code: [unit codes in rank order]}.
    outcome = models.JSONField("kết quả thống nhất", null=True, blank=True)
    # Proposals reported only as a number: {tier code: count}.
    unnamed = models.JSONField("đề nghị không nêu tên", default=dict, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices, default=Status.PROPOSED)

    next_known = models.BooleanField("đã ghi nhận lãnh đạo cụm năm sau", default=False)
    next_head = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cụm trưởng năm sau",
    )
    next_deputies_known = models.BooleanField("đã ghi nhận cụm phó năm sau", default=False)
    next_decided_by = models.CharField("cách quyết định", max_length=255, blank=True)
    pact_signed = models.DateField("ngày ký giao ước năm sau", null=True, blank=True)

    concluded_at = models.DateTimeField("thời điểm chốt kết quả", null=True, blank=True)
    # True when concluded from what a historic file reports (review.services.conclude_as_reported), where
    # the facts the live gate asks for may be missing; False for a conclusion through the live gate.
    reported = models.BooleanField("chốt theo hồ sơ báo cáo", default=False)

    class Meta:
        db_table = "review_review"
        verbose_name = "hội nghị bình xét"
        verbose_name_plural = "hội nghị bình xét"

    def __str__(self) -> str:
        return f"Bình xét {self.cluster_year}"

    def next_deputy_units(self) -> list[Unit]:
        return [d.unit for d in self.next_deputy_links.select_related("unit").order_by("position", "id")]


class NextDeputy(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="next_deputy_links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="cụm phó năm sau")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        db_table = "review_nextdeputy"
        ordering = ["review", "position"]
        verbose_name = "cụm phó năm sau"
        verbose_name_plural = "cụm phó năm sau"
        constraints = [models.UniqueConstraint(fields=["review", "unit"], name="one_next_deputy")]

    def __str__(self) -> str:
        return str(self.unit)


class Ballot(models.Model):
    """One ballot as cast: {tier code: [unit codes]}. Voiding happens at count time, per tier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField("lựa chọn", default=dict)
    # A random fingerprint shown to the voter, to find the ballot in the published list; it names nothing.
    receipt = models.CharField("mã biên nhận", max_length=16, null=True, blank=True, unique=True)

    class Meta:
        db_table = "review_ballot"
        # Random ids: listing in id order says nothing about the order of casting.
        ordering = ["id"]
        verbose_name = "phiếu bầu"
        verbose_name_plural = "phiếu bầu"

    def __str__(self) -> str:
        return f"Phiếu {str(self.id)[:8]}"


class Proposal(models.Model):
    """A unit the review proposes for a tier, frozen when the review is concluded, with its basis."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proposals")
    tier = models.ForeignKey(AwardTier, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals", verbose_name="đơn vị")
    rank = models.PositiveSmallIntegerField("thứ hạng")
    grantor = models.CharField("cấp quyết định", max_length=255)
    # Structured, language-neutral: review.explain renders it in Vietnamese and English.
    basis = models.JSONField("căn cứ", default=dict)

    class Meta:
        db_table = "review_proposal"
        ordering = ["review", "tier__position", "rank"]
        verbose_name = "đề nghị của cụm"
        verbose_name_plural = "đề nghị của cụm"
        constraints = [
            models.UniqueConstraint(fields=["review", "tier", "unit"], name="one_proposal_per_tier")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.tier}"


class Standing(models.Model):
    """A unit's place, score and rating as they stood when the review was concluded: the concluded page,
    the minutes and results.json read these rows, never a recomputation. Placed units come first, in
    ranking order; then the members without a place, in roster order."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="standings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    position = models.PositiveIntegerField("thứ tự", default=0)
    place = models.PositiveSmallIntegerField("thứ hạng", null=True, blank=True)
    score = models.DecimalField("điểm đã khóa", max_digits=8, decimal_places=2, null=True, blank=True)
    rating = models.CharField("xếp loại", max_length=20, blank=True)

    class Meta:
        db_table = "review_standing"
        ordering = ["review", "position"]
        verbose_name = "thứ hạng đã chốt"
        verbose_name_plural = "thứ hạng đã chốt"
        constraints = [models.UniqueConstraint(fields=["review", "unit"], name="one_standing_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.place or 'không xếp hạng'}"


class NotProposed(models.Model):
    """A unit that drew votes on a tier but is not proposed on it, with the reason."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="not_proposed")
    tier = models.ForeignKey(AwardTier, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    position = models.PositiveIntegerField("thứ tự", default=0)
    reason = models.JSONField("lý do", default=dict)

    class Meta:
        db_table = "review_notproposed"
        ordering = ["review", "position"]
        verbose_name = "đơn vị không được đề nghị"
        verbose_name_plural = "đơn vị không được đề nghị"

    def __str__(self) -> str:
        return f"{self.unit} – {self.tier}"
