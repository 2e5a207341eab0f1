"""The year-end review: its meeting facts, the secret ballots, and the frozen outcome.

Secrecy is a property of this schema (STYLE.md 7): a Ballot has a random id and its choices, nothing else:
no voter, no code, no timestamp, no sequence number.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models.year import ClusterYear
from thidua.organisations.models import AwardTier, Unit


class Review(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the cluster")
        APPROVED = "approved", _("Approved by the council")
        AWARDED = "awarded", _("Award decided")

    cluster_year = models.OneToOneField(
        ClusterYear, on_delete=models.CASCADE, related_name="review", verbose_name=_("emulation year")
    )
    date = models.DateField(_("meeting date"), null=True, blank=True)
    place = models.CharField(_("venue"), max_length=255, blank=True)
    chair = models.CharField(_("chair"), max_length=255, blank=True)
    secretary = models.CharField(_("secretary"), max_length=255, blank=True)
    board_representative = models.CharField(
        _("representative of the Emulation and Commendation Board"), max_length=255, blank=True
    )
    present_known = models.BooleanField(_("attending units recorded"), default=False)
    present = models.ManyToManyField(
        Unit,
        related_name="+",
        blank=True,
        verbose_name=_("attending units"),
        db_table="review_review_present",
    )
    # True once ballots are on record (cast here or imported); then the count comes from them alone.
    ballots_known = models.BooleanField(_("has ballots"), default=False)
    # The agreed lists per tier when no ballots are known: {tier code: [unit codes in rank order]}.
    outcome = models.JSONField(_("agreed outcome"), null=True, blank=True)
    # Proposals reported only as a number: {tier code: count}.
    unnamed = models.JSONField(_("unnamed proposals"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)

    next_known = models.BooleanField(_("next year's leadership recorded"), default=False)
    next_head = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next year's cluster head"),
    )
    next_deputies_known = models.BooleanField(_("next year's cluster deputies recorded"), default=False)
    next_decided_by = models.CharField(_("how it was decided"), max_length=255, blank=True)
    pact_signed = models.DateField(_("next year's pact signing date"), null=True, blank=True)

    concluded_at = models.DateTimeField(_("results concluded at"), null=True, blank=True)
    # True when concluded from what a historic file reports (review.services.conclude_as_reported), where
    # the facts the live gate asks for may be missing; False for a conclusion through the live gate.
    reported = models.BooleanField(_("concluded as reported"), default=False)

    class Meta:
        db_table = "review_review"
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")

    def __str__(self) -> str:
        return gettext("Review %(cluster_year)s") % {"cluster_year": self.cluster_year}

    def next_deputy_units(self) -> list[Unit]:
        return [d.unit for d in self.next_deputy_links.select_related("unit").order_by("position", "id")]


class NextDeputy(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="next_deputy_links")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("next year's cluster deputy")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "review_nextdeputy"
        ordering = ["review", "position"]
        verbose_name = _("next year's cluster deputy")
        verbose_name_plural = _("next year's cluster deputies")
        constraints = [models.UniqueConstraint(fields=["review", "unit"], name="one_next_deputy")]

    def __str__(self) -> str:
        return str(self.unit)


class Ballot(models.Model):
    """One ballot as cast: {tier code: [unit codes]}. Voiding happens at count time, per tier."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField(_("choices"), default=dict)
    # A random fingerprint shown to the voter, to find the ballot in the published list; it names nothing.
    receipt = models.CharField(_("receipt code"), max_length=16, null=True, blank=True, unique=True)

    class Meta:
        db_table = "review_ballot"
        # Random ids: listing in id order says nothing about the order of casting.
        ordering = ["id"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return gettext("Ballot %(id)s") % {"id": str(self.id)[:8]}


class Proposal(models.Model):
    """A unit the review proposes for a tier, frozen when the review is concluded, with its basis."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proposals")
    tier = models.ForeignKey(AwardTier, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("unit"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    grantor = models.CharField(_("grantor"), max_length=255)
    # Structured, language-neutral: review.explain renders it in Vietnamese and English.
    basis = models.JSONField(_("grounds"), default=dict)

    class Meta:
        db_table = "review_proposal"
        ordering = ["review", "tier__position", "rank"]
        verbose_name = _("cluster proposal")
        verbose_name_plural = _("cluster proposals")
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
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    position = models.PositiveIntegerField(_("order"), default=0)
    place = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("locked score"), max_digits=8, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=20, blank=True)

    class Meta:
        db_table = "review_standing"
        ordering = ["review", "position"]
        verbose_name = _("concluded standing")
        verbose_name_plural = _("concluded standings")
        constraints = [models.UniqueConstraint(fields=["review", "unit"], name="one_standing_per_unit")]

    def __str__(self) -> str:
        if not self.place:
            return gettext("%(unit)s – unranked") % {"unit": self.unit}
        return f"{self.unit} – {self.place}"


class NotProposed(models.Model):
    """A unit that drew votes on a tier but is not proposed on it, with the reason."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="not_proposed")
    tier = models.ForeignKey(AwardTier, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    position = models.PositiveIntegerField(_("order"), default=0)
    reason = models.JSONField(_("reason"), default=dict)

    class Meta:
        db_table = "review_notproposed"
        ordering = ["review", "position"]
        verbose_name = _("unit not proposed")
        verbose_name_plural = _("units not proposed")

    def __str__(self) -> str:
        return f"{self.unit} – {self.tier}"
