"""The demo's public side: the results of the past years that the board has published, the seed
review's news item published with one photo, and one exemplary model of the year's thematic movement,
published and featured, so a visitor's pages (/cong-khai/) have real content. Run twice, the same rows."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from thidua.core.audit import Actor
from thidua.emulation.models import ClusterYear
from thidua.emulation.seal import year_sealed
from thidua.operations import demo_names as names
from thidua.organisations.models import Organizer
from thidua.publication import news
from thidua.publication.actions import feature_model, propose_model, publish_model, publish_results
from thidua.publication.models import ExemplaryModel, NewsArticle
from thidua.registry.models import Awardee, Movement


def public_side(organizer: Organizer, movement: Movement, current: int, *, by: Actor) -> None:
    concluded = ClusterYear.objects.filter(
        cluster__organizer=organizer, year__lt=current, review__concluded_at__isnull=False
    ).select_related("cluster")
    for cluster_year in concluded:
        if not year_sealed(cluster_year):
            publish_results(cluster_year, by=by)
    if ExemplaryModel.objects.filter(organizer=organizer, title=names.MODEL_TITLE).exists():
        return
    # A person already in the registry, so the model's page links their awards.
    awardee = (
        Awardee.objects.filter(decision__organizer=organizer, person__isnull=False, person_unit__isnull=False)
        .select_related("person", "person_unit")
        .order_by("-year", "pk")
        .first()
    )
    if awardee is None or awardee.person is None or awardee.person_unit is None:
        return
    model = propose_model(
        awardee.person_unit,
        movement=movement,
        year=current,
        person=awardee.person,
        unit=None,
        position=awardee.position,
        title=names.MODEL_TITLE,
        story=names.MODEL_STORY,
        by=by,
    )
    feature_model(publish_model(model, by=by), featured=True, by=by)


def _photo() -> bytes:
    """A conference hall drawn on the spot (nothing from the internet): a stage, a banner, rows of seats."""
    image = Image.new("RGB", (1200, 675), (236, 226, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1200, 300), fill=(155, 20, 25))  # the stage's back wall
    draw.rectangle((200, 60, 1000, 150), fill=(250, 220, 60))  # the banner
    draw.rectangle((150, 300, 1050, 360), fill=(120, 80, 50))  # the presidium's table
    for row in range(5):
        for seat in range(14):
            x, y = 90 + seat * 74, 420 + row * 50
            draw.ellipse((x, y, x + 40, y + 34), fill=(40 + row * 20, 50, 70))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def seed_news(cluster_year: ClusterYear, *, by: Actor) -> None:
    """The seed review's news item, drafted from the record, with one photo, published."""
    if NewsArticle.objects.filter(cluster_year=cluster_year).exists():
        return
    article = news.draft_from_review(cluster_year, by=by)
    article = news.save_article(
        article,
        title=article.title,
        lead=article.lead,
        body=article.body,
        author=article.author,
        new_photos=[news.NewPhoto(SimpleUploadedFile("hoi-nghi.jpg", _photo()), names.NEWS_PHOTO_CAPTION)],
        by=by,
    )
    news.publish(article, by=by)
