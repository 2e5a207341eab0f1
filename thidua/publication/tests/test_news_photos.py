"""An item gets as many photos as it needs, a few at each save (the editor's slots come back empty), up to
news.MOST_PHOTOS, with a clear refusal past it that changes nothing and keeps the typed text; the board
reorders the photos by their order numbers and the public item shows them in that order."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from thidua.publication import news
from thidua.publication.models import NewsArticle
from thidua.publication.tests.conftest import PublicWorld
from thidua.publication.tests.test_news import png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def _form(article: NewsArticle, **changes: Any) -> dict[str, Any]:
    article.refresh_from_db()
    data: dict[str, Any] = {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "author": article.author,
        "correction": "Bổ sung ảnh.",
    }
    for photo in article.photos.all():
        data[f"caption_{photo.pk}"] = photo.caption
        data[f"order_{photo.pk}"] = photo.position
    data.update(changes)
    return data


def _three_new(first: int) -> dict[str, Any]:
    return {
        key: value
        for n in (1, 2, 3)
        for key, value in (
            (f"photo_{n}", SimpleUploadedFile(f"anh-{first + n}.png", png(30, 20))),
            (f"new_caption_{n}", f"Ảnh số {first + n}"),
        )
    }


def _save(w: PublicWorld, article: NewsArticle, **changes: Any) -> Any:
    url = reverse("publication:news_edit", args=[article.pk])
    return w.matrix.clients["board"].post(url, _form(article, **changes))


def test_photos_accumulate_past_three_and_reorder_on_the_public_item(
    public_world: PublicWorld, anonymous: Any
) -> None:
    article = NewsArticle.objects.get(cluster_year=public_world.matrix.concluded)  # public, one photo
    for first in (0, 3):
        assert _save(public_world, article, **_three_new(first)).status_code == 302
    editor = public_world.matrix.clients["board"].get(reverse("publication:news_edit", args=[article.pk]))
    assert 'name="photo_1"' in editor.content.decode() and "Ảnh số 6" in editor.content.decode()
    captions = list(article.photos.values_list("caption", flat=True))
    assert captions[1:] == [f"Ảnh số {n}" for n in range(1, 7)]
    last = article.photos.get(caption="Ảnh số 6")
    assert _save(public_world, article, **{f"order_{last.pk}": 1}).status_code == 302
    assert list(article.photos.values_list("position", flat=True)) == list(range(1, 8))
    page = anonymous.get(reverse("publication:news_item", args=[article.slug])).content.decode()
    shown = [c for c in page.split("<figcaption>")[1:]]
    assert [c.split("</figcaption>")[0] for c in shown][:3] == ["Ảnh số 6", "Quang cảnh hội nghị", "Ảnh số 1"]
    for photo in article.photos.all():
        assert reverse("publication:news_photo", args=[article.slug, photo.pk]) in page


def test_past_the_most_photos_nothing_is_saved_and_the_text_is_kept(public_world: PublicWorld) -> None:
    article = NewsArticle.objects.get(cluster_year=public_world.matrix.concluded)
    while article.photos.count() + 3 <= news.MOST_PHOTOS:
        assert _save(public_world, article, **_three_new(article.photos.count())).status_code == 302
    before = list(article.photos.values_list("pk", flat=True))
    refused = _save(public_world, article, title="Tiêu đề đang gõ", **_three_new(90))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert f"tối đa {news.MOST_PHOTOS} ảnh" in text and "Tiêu đề đang gõ" in text
    assert list(article.photos.values_list("pk", flat=True)) == before
    article.refresh_from_db()
    assert article.title != "Tiêu đề đang gõ"
