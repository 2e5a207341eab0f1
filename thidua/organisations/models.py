"""Organizers, their units with dated lineage, their award catalogue and their clusters.

A unit keeps its stable code for life; renames, mergers and splits are dated events, so a unit's past
(its memberships, its awards) stays its own (DESIGN.md: history is never rewritten).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


class Organizer(models.Model):
    """The body that runs clusters and receives their proposals (cơ quan tổ chức cụm, khối)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("abbreviation"), max_length=100, blank=True)
    province = models.CharField(_("province or city"), max_length=100, blank=True)
    standing_body = models.CharField(_("standing body"), max_length=255, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizer of clusters and blocks")
        verbose_name_plural = _("organizers of clusters and blocks")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="units", verbose_name=_("organizer")
    )
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("full unit name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=255, blank=True)
    female_share = models.DecimalField(
        _("female share"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("From 0 to 1; used when weighing priority (Decree 152/2025, Article 4, clause 6)."),
    )
    # A phòng, ban or đơn vị trực thuộc: the unit head grants its titles; it is never a cluster member.
    # One level only, so "a unit and its sub-units" is one query (registry/scope.py).
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_units",
        verbose_name=_("parent unit"),
        help_text=_(
            "Leave empty for a member unit of a cluster or block; choose the parent unit for a department or "
            "office under it."
        ),
    )
    # Dissolved (giải thể) without a successor: the unit and its history stay, it takes no new year.
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        ordering = ["organizer", "code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
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
            raise ValidationError({"parent": gettext("A unit cannot be a sub-unit of itself.")})
        if parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": gettext(
                        "«{name}» is already a sub-unit; record only one level of sub-units."
                    ).format(name=parent.name)
                }
            )
        if self.organizer_id is not None and parent.organizer_id != self.organizer_id:
            raise ValidationError({"parent": gettext("The parent unit must belong to the same organizer.")})
        if self.pk is not None and self.sub_units.exists():
            raise ValidationError(
                {
                    "parent": gettext(
                        "The unit has sub-units of its own, so it cannot be a sub-unit of another unit."
                    )
                }
            )


class UnitEvent(models.Model):
    """A dated change of a unit's identity; `other` is the unit it became, joined or came from."""

    class Kind(models.TextChoices):
        RENAMED_TO = "renamed_to", _("Renamed to")
        MERGED_INTO = "merged_into", _("Merged into")
        SPLIT_FROM = "split_from", _("Split from")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="events", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    other = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="incoming_events", verbose_name=_("related unit")
    )
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("unit history event")
        verbose_name_plural = _("unit history (renames, mergers, splits)")

    def __str__(self) -> str:
        # A whole sentence per kind of event: languages order the words around the two units differently.
        values = {"unit": self.unit, "other": self.other, "date": f"{self.date:%d/%m/%Y}"}
        if self.kind == self.Kind.MERGED_INTO:
            return gettext("%(unit)s merged into %(other)s (%(date)s)") % values
        if self.kind == self.Kind.SPLIT_FROM:
            return gettext("%(unit)s split from %(other)s (%(date)s)") % values
        return gettext("%(unit)s renamed to %(other)s (%(date)s)") % values


class AwardTier(models.Model):
    """An award a cluster may propose, in the organizer's catalogue, with who grants it."""

    class Subject(models.TextChoices):
        COLLECTIVE = "collective", _("Collective")
        INDIVIDUAL = "individual", _("Individual")

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="award_tiers", verbose_name=_("organizer")
    )
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("award name"), max_length=255)
    grantor = models.CharField(_("granted by"), max_length=255)
    subject = models.CharField(
        _("subject"), max_length=20, choices=Subject.choices, default=Subject.COLLECTIVE
    )
    catalog = models.CharField(
        _("code in the legal catalogue"),
        max_length=64,
        blank=True,
        help_text=_(
            "Leave empty for an award outside the state catalogue (the Front's, the Party committee's…)."
        ),
    )
    position = models.PositiveIntegerField(_("precedence"), default=0, help_text=_("0 is the highest."))

    class Meta:
        ordering = ["organizer", "position", "id"]
        verbose_name = _("award of the cluster's catalogue")
        verbose_name_plural = _("award catalogue")
        constraints = [models.UniqueConstraint(fields=["organizer", "code"], name="tier_code_per_organizer")]

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    class Kind(models.TextChoices):
        CUM = "cum", _("Emulation cluster")
        KHOI = "khoi", _("Emulation block")

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("organizer")
    )
    code = models.CharField(_("code"), max_length=64)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CUM)
    name = models.CharField(_("name"), max_length=255)
    source = models.TextField(_("data source"), blank=True)
    award_tiers = models.ManyToManyField(
        AwardTier, related_name="clusters", blank=True, verbose_name=_("awards it may propose")
    )
    # Units the cluster's records name (members, lineage partners…), kept so an export names them all.
    units = models.ManyToManyField(Unit, related_name="clusters", blank=True, verbose_name=_("related units"))

    class Meta:
        ordering = ["organizer", "name"]
        verbose_name = _("emulation cluster or block")
        verbose_name_plural = _("emulation clusters and blocks")
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
        if self.kind == self.Kind.KHOI:
            return pgettext("the word in a leader's title, as in “Cluster head”", "Block")
        return pgettext("the word in a leader's title, as in “Cluster head”", "Cluster")
