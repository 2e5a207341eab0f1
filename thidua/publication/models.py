"""What the board makes public, and nothing else: a cluster-year's results once published, and the exemplary
models (gương điển hình tiên tiến) units propose and the board publishes. The honour registry itself is the
registry's decided awards, read as they are (publication.queries).

Every public address is an unguessable token drawn once and stored (emulation.codes.new_page_token), never
an id: nobody lists an organizer's clusters or people by counting."""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.emulation.codes import new_page_token
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Organizer, Unit
from thidua.registry.models import Movement, Person


class PublishedResults(models.Model):
    """A cluster-year's results the board published: the page exists from this row on, at its token."""

    cluster_year = models.OneToOneField(
        ClusterYear,
        on_delete=models.PROTECT,
        related_name="published_results",
        verbose_name=_("cluster year"),
    )
    token = models.CharField(_("public address"), max_length=32, unique=True, default=new_page_token)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("published results of a cluster year")
        verbose_name_plural = _("published results of cluster years")

    def __str__(self) -> str:
        return str(self.cluster_year)


class ExemplaryModel(models.Model):
    """A person or a collective a unit proposes as an exemplary model, with its story and the movement it
    belongs to; public once the board publishes it (LAW.md: the board finds, fosters and spreads them)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting the board")
        RETURNED = "returned", _("Returned to the unit")
        PUBLISHED = "published", _("Published")

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="exemplary_models", verbose_name=_("organizer")
    )
    movement = models.ForeignKey(
        Movement,
        on_delete=models.PROTECT,
        related_name="exemplary_models",
        verbose_name=_("thematic emulation movement"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplary_models",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplary_models",
        verbose_name=_("collective"),
    )
    # As the public page names them (a person's name and job title as the unit wrote them; history stays).
    name = models.CharField(_("name of the person or collective"), max_length=255)
    position = models.CharField(_("job title"), max_length=255, blank=True)
    title = models.CharField(_("headline"), max_length=255)
    story = models.TextField(_("story"))
    proposed_by = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="proposed_models", verbose_name=_("proposing unit")
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PROPOSED)
    returned_reason = models.TextField(_("reason for returning"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    token = models.CharField(_("public address"), max_length=32, unique=True, default=new_page_token)

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("exemplary model")
        verbose_name_plural = _("exemplary models")
        constraints = [
            models.CheckConstraint(
                name="exemplary_model_one_subject",
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def collective(self) -> bool:
        return self.unit_id is not None


def evidence_path(instance: ModelEvidence, filename: str) -> str:
    """A random name in the model's own folder: the uploader's file name is only a label."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"exemplary/{instance.model_id}/{secrets.token_hex(16)}{suffix}"


class ModelEvidence(models.Model):
    """A file supporting a proposed model (a report, a letter of thanks, a photo): for the board's review,
    never shown on the public page."""

    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["model", "id"]
        verbose_name = _("evidence of an exemplary model")
        verbose_name_plural = _("evidence of exemplary models")

    def __str__(self) -> str:
        return self.original_name


# ---- news items (publication.news) -------------------------------------------------------------------------


class NewsArticle(models.Model):
    """A news item of the board: a draft until `publish_at` is set, public once `publish_at` <= now (a
    scheduled item needs no job: the public queries compare with the clock). Its address (`slug`) is drawn at
    the first publishing and never changes, even when the title is edited; a change after publishing is a
    correction (NewsCorrection), shown with its note and time beside the ones before it."""

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="news", verbose_name=_("organizer")
    )
    cluster_year = models.ForeignKey(
        ClusterYear,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("cluster year"),
    )
    title = models.CharField(_("title of the item"), max_length=255)
    lead = models.TextField(_("lead"), blank=True)
    # Plain text: a blank line separates paragraphs, a line starting with "## " is a heading (news.blocks).
    body = models.TextField(_("body"), blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    slug = models.CharField(_("public address"), max_length=80, unique=True, null=True, blank=True)
    publish_at = models.DateTimeField(_("published from"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    # Its corrections are NewsCorrection rows, every one kept (the public item shows them all, in order).
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self) -> str:
        return self.title


class NewsCorrection(models.Model):
    """One correction of a public item: what the board said it corrected, when and who. Written only by
    publication.news.save_article (audited); never changed or removed, so the public item shows each one
    in the order they were made."""

    article = models.ForeignKey(
        NewsArticle, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("news item")
    )
    note = models.TextField(_("correction note"))
    made_at = models.DateTimeField(_("corrected at"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["article", "made_at", "id"]
        verbose_name = _("correction of a news item")
        verbose_name_plural = _("corrections of news items")

    def __str__(self) -> str:
        return self.note[:80]


def news_photo_path(instance: NewsPhoto, filename: str) -> str:
    """A random name: the photo is re-encoded (always JPEG), the uploader's name is dropped."""
    return f"news/{instance.article_id}/{secrets.token_hex(16)}.jpg"


class NewsPhoto(models.Model):
    """A photo of a news item as the server re-encoded it (no metadata, at most news.MAX_WIDTH wide), with
    its caption (also its alt text). Served only through publication.views.news (never as a media URL)."""

    article = models.ForeignKey(NewsArticle, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=news_photo_path, max_length=255)
    caption = models.CharField(_("caption"), max_length=500)
    position = models.PositiveSmallIntegerField(_("order among the photos"), default=0)
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("photo of a news item")
        verbose_name_plural = _("photos of news items")

    def __str__(self) -> str:
        return self.caption
