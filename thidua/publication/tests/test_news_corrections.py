"""A public item's corrections are kept, each with its note, time and who made it: the public page shows
every one in order, each marked as a correction with its time, at the address it always had; the feeds'
entry is updated at the latest correction; each correction is audited. The notes kept before this (one an
item) become each item's first correction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from thidua.core.models import AuditEvent
from thidua.publication import news
from thidua.publication.models import NewsArticle, NewsCorrection
from thidua.publication.tests.conftest import PublicWorld


@pytest.fixture(autouse=True)
def media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def _seed_item(w: PublicWorld) -> NewsArticle:
    """The seed's 2021 item, public (the world publishes it with one photo)."""
    article = NewsArticle.objects.get(cluster_year=w.matrix.concluded)
    assert news.is_live(article)
    return article


def _correct(w: PublicWorld, article: NewsArticle, note: str, **changes: Any) -> Any:
    article.refresh_from_db()
    data: dict[str, Any] = {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "author": article.author,
        "correction": note,
        **{f"caption_{p.pk}": p.caption for p in article.photos.all()},
        **changes,
    }
    return w.matrix.clients["board"].post(reverse("publication:news_edit", args=[article.pk]), data)


@pytest.mark.django_db
def test_every_correction_is_shown_in_order_at_the_same_address(
    public_world: PublicWorld, anonymous: Any
) -> None:
    article = _seed_item(public_world)
    slug = article.slug
    first, second = "Sửa tên đơn vị dẫn đầu.", "Bổ sung chức vụ của Phó Trưởng khối."
    assert _correct(public_world, article, first, title="Tiêu đề đã sửa lần một").status_code == 302
    assert _correct(public_world, article, second, lead="Phần mở đầu đã sửa.").status_code == 302
    article.refresh_from_db()
    assert article.slug == slug
    page = anonymous.get(reverse("publication:news_item", args=[slug])).content.decode()
    assert page.count('class="notice correction"') == 2
    assert page.count(f"<strong>{gettext('Correction')}</strong>") == 2
    assert page.index(first) < page.index(second)
    kept = list(article.corrections.all())
    assert [c.note for c in kept] == [first, second]
    assert all(c.made_by is not None and c.made_by.username == "matrix-ban" for c in kept)
    for c in kept:
        assert news.dated(c.made_at) in page
    assert "Tiêu đề đã sửa lần một" in page and "Phần mở đầu đã sửa." in page
    audited = AuditEvent.objects.filter(verb="publication.news.correct", object_id=str(article.pk))
    assert [e.data["correction"] for e in audited.order_by("pk")] == [first, second]
    listed = anonymous.get(reverse("publication:news_list", args=[public_world.organizer.pk])).content
    assert gettext("Corrected") in listed.decode()


@pytest.mark.django_db
def test_a_refused_correction_keeps_the_ones_before_and_adds_none(public_world: PublicWorld) -> None:
    article = _seed_item(public_world)
    assert _correct(public_world, article, "Đính chính thứ nhất.", title="Tiêu đề mới").status_code == 302
    refused = _correct(public_world, article, "", title="Tiêu đề khác nữa")
    assert refused.status_code == 400
    assert "Tiêu đề khác nữa" in refused.content.decode()  # what was typed stays in the form
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới"
    assert [c.note for c in article.corrections.all()] == ["Đính chính thứ nhất."]


@pytest.mark.django_db
def test_the_feeds_entry_is_updated_at_the_latest_correction(
    public_world: PublicWorld, anonymous: Any
) -> None:
    article = _seed_item(public_world)
    published = timezone.make_aware(dt.datetime(2021, 12, 6, 9, 30))
    NewsArticle.objects.filter(pk=article.pk).update(publish_at=published, first_published_at=published)
    cache.clear()  # rows written here, not by an action: the public pages' cache is dropped by hand
    atom = reverse("publication:news_atom", args=[public_world.organizer.pk])
    assert "<updated>2021-12-06T02:30:00+00:00</updated>" in anonymous.get(atom).content.decode()
    for day, note in ((8, "Lần một."), (10, "Lần hai.")):
        NewsCorrection.objects.create(
            article=article, note=note, made_at=timezone.make_aware(dt.datetime(2021, 12, day, 8, 0))
        )
    cache.clear()
    feed = anonymous.get(atom).content.decode()
    entry = feed[feed.index("<entry>") :]
    assert "<updated>2021-12-10T01:00:00+00:00</updated>" in entry
    assert "<published>2021-12-06T02:30:00+00:00</published>" in entry


@pytest.mark.django_db(transaction=True)
def test_the_one_note_kept_before_becomes_the_first_correction() -> None:
    executor = MigrationExecutor(connection)
    before = [("publication", "0002_news_articles_and_photos")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organizer = old.get_model("organisations", "Organizer").objects.create(name="Tỉnh thử chuyển đổi")
    at = timezone.make_aware(dt.datetime(2022, 1, 3, 10, 0))
    article = old.get_model("publication", "NewsArticle")
    noted = article.objects.create(
        organizer_id=organizer.pk,
        title="Tin đã đính chính",
        created_at=at,
        correction="Ghi chú cũ",
        corrected_at=at,
    )
    article.objects.create(organizer_id=organizer.pk, title="Tin chưa đính chính", created_at=at)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    kept = NewsCorrection.objects.get()
    assert (kept.article_id, kept.note, kept.made_at, kept.made_by) == (noted.pk, "Ghi chú cũ", at, None)
