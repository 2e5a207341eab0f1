"""Read-only in the admin: what is public changes only through publication.actions (audited)."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin
from thidua.publication.models import (
    ExemplaryModel,
    ModelEvidence,
    NewsArticle,
    NewsCorrection,
    NewsPhoto,
    PublishedResults,
)


@admin.register(PublishedResults)
class PublishedResultsAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "published_at")


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(ReadOnlyAdmin):
    list_display = ("name", "movement", "year", "state", "featured")
    list_filter = ("state", "featured")


@admin.register(ModelEvidence)
class ModelEvidenceAdmin(ReadOnlyAdmin):
    # Evidence is added with the model's proposal (checked by content, core.uploads); here it is only read.
    list_display = ("model", "original_name", "size", "uploaded_at")


@admin.register(NewsArticle)
class NewsArticleAdmin(ReadOnlyAdmin):
    # Drafted, edited, published and corrected on the board's pages (publication.news, audited).
    list_display = ("title", "organizer", "publish_at", "slug")


@admin.register(NewsPhoto)
class NewsPhotoAdmin(ReadOnlyAdmin):
    list_display = ("article", "caption", "width", "height")


@admin.register(NewsCorrection)
class NewsCorrectionAdmin(ReadOnlyAdmin):
    # Written with the correction it notes (publication.news.save_article, audited); never changed.
    list_display = ("article", "made_at", "note")
