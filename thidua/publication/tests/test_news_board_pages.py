"""The board's list of news items comes a page of 50 at a time, newest first, with the organizer it was
asked for kept from page to page; reading a page costs the same queries however many items there are."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.publication.models import NewsArticle
from thidua.publication.tests.conftest import PublicWorld


@pytest.fixture(autouse=True)
def media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def _items(w: PublicWorld, count: int, start: int = 1) -> None:
    now = timezone.now()
    NewsArticle.objects.bulk_create(
        NewsArticle(organizer=w.organizer, title=f"Tin số {n:03d}", created_at=now)
        for n in range(start, start + count)
    )


def _board(w: PublicWorld, page: int | None = None) -> Any:
    query = {"to_chuc": w.organizer.pk} | ({"trang": page} if page else {})
    return w.matrix.clients["board"].get(reverse("publication:news_board"), query)


@pytest.mark.django_db
def test_the_51st_item_is_on_page_two_with_the_organizer_kept(public_world: PublicWorld) -> None:
    NewsArticle.objects.all().delete()
    _items(public_world, 51)
    first = _board(public_world)
    assert first.status_code == 200
    page = first.content.decode()
    assert "Tin số 051" in page and "Tin số 002" in page  # newest first
    assert "Tin số 001" not in page
    assert f"?to_chuc={public_world.organizer.pk}&amp;trang=2" in page
    second = _board(public_world, 2).content.decode()
    assert "Tin số 001" in second and "Tin số 002" not in second
    assert f"?to_chuc={public_world.organizer.pk}&amp;trang=1" in second
    # A page number past the end shows the last page, never an error.
    assert "Tin số 001" in _board(public_world, 9).content.decode()


@pytest.mark.django_db
def test_the_board_list_reads_the_same_queries_for_few_and_many_items(public_world: PublicWorld) -> None:
    NewsArticle.objects.all().delete()
    _items(public_world, 3)
    _board(public_world)  # the session and the caches warm
    with CaptureQueriesContext(connection) as few:
        assert _board(public_world).status_code == 200
    _items(public_world, 120, start=4)
    with CaptureQueriesContext(connection) as many:
        assert _board(public_world).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_concluded_year_with_an_item_on_an_older_page_is_not_offered_again(
    public_world: PublicWorld,
) -> None:
    # The seed's 2021 item is public, so it comes after the 60 drafts: on page 2.
    assert NewsArticle.objects.filter(cluster_year=public_world.matrix.concluded).exists()
    _items(public_world, 60)
    page = _board(public_world).content.decode()
    assert reverse("publication:news_draft", args=[public_world.matrix.concluded.pk]) not in page
