"""News items: the board drafts the item of the seed's concluded 2021 review from the record, edits it as
plain text with photos (re-encoded: no GPS left, at most 1600 px wide), previews, publishes now or later,
unpublishes, corrects; the public sees it at an address that never changes, in the feeds, and its photos
only once it is public. Another organizer's board and the units get 404."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from PIL import ExifTags, Image

from thidua.core.models import AuditEvent
from thidua.emulation.queries.news import news_article
from thidua.publication import news
from thidua.publication.models import NewsArticle
from thidua.publication.tests.conftest import PublicWorld


@pytest.fixture(autouse=True)
def media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


@pytest.fixture
def public_world(public_world: PublicWorld) -> PublicWorld:
    """The public world without its published 2021 item: each test drafts it afresh, as the board would."""
    NewsArticle.objects.all().delete()
    return public_world


def jpeg_with_gps(width: int = 2400, height: int = 1200) -> bytes:
    image = Image.new("RGB", (width, height), (30, 120, 60))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Máy ảnh của phóng viên"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (21.0, 50.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (106.0, 45.0, 0.0),
    }
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 0, 0, 128)).save(out, "PNG")
    return out.getvalue()


def board(w: PublicWorld) -> Any:
    return w.matrix.clients["board"]


def drafted(w: PublicWorld) -> NewsArticle:
    answer = board(w).post(reverse("publication:news_draft", args=[w.matrix.concluded.pk]))
    assert answer.status_code == 302
    return NewsArticle.objects.get(cluster_year=w.matrix.concluded)


def form_of(article: NewsArticle, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": article.title,
        "lead": article.lead,
        "body": article.body,
        "author": article.author,
    }
    for photo in article.photos.all():
        data[f"caption_{photo.pk}"] = photo.caption
    data.update(changes)
    return data


def test_the_draft_is_the_reviews_news_item_from_the_record(public_world: PublicWorld) -> None:
    article = drafted(public_world)
    expected = news_article(public_world.matrix.concluded)
    assert expected is not None
    assert article.title == expected.title
    assert article.lead == expected.lead
    assert article.body == "\n\n".join(expected.paragraphs)
    assert article.author == expected.author
    assert article.publish_at is None and article.slug is None
    # Drafting again opens the same draft, never a second one.
    drafted(public_world)
    assert NewsArticle.objects.filter(cluster_year=public_world.matrix.concluded).count() == 1
    assert AuditEvent.objects.filter(verb="publication.news.draft", object_id=str(article.pk)).exists()


def test_the_body_is_plain_text_headings_and_paragraphs_never_markup(
    public_world: PublicWorld, anonymous: Any
) -> None:
    article = drafted(public_world)
    body = "Đoạn mở đầu.\n\n## Kết quả năm 2021\nDòng một\ndòng hai\n\n<script>alert(1)</script> <b>đậm</b>"
    answer = board(public_world).post(
        reverse("publication:news_edit", args=[article.pk]), form_of(article, body=body)
    )
    assert answer.status_code == 302
    news.publish(article, by="kiểm thử")
    article.refresh_from_db()
    page = anonymous.get(reverse("publication:news_item", args=[article.slug])).content.decode()
    assert "<h2>Kết quả năm 2021</h2>" in page
    assert "<p>Dòng một<br>dòng hai</p>" in page
    assert "<script>alert" not in page and "<b>đậm" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_photo_is_reencoded_without_its_gps_and_public_only_once_published(
    public_world: PublicWorld, anonymous: Any
) -> None:
    article = drafted(public_world)
    editor = board(public_world)
    answer = editor.post(
        reverse("publication:news_edit", args=[article.pk]),
        form_of(
            article,
            photo_1=SimpleUploadedFile("hoi-nghi.jpg", jpeg_with_gps()),
            new_caption_1="Quang cảnh hội nghị",
            photo_2=SimpleUploadedFile("ky-ket.png", png(300, 200)),
            new_caption_2="Các đơn vị ký kết giao ước thi đua",
        ),
    )
    assert answer.status_code == 302
    photo, second = article.photos.all()
    assert (photo.width, photo.height) == (1600, 800)
    with photo.image.open("rb") as stored:
        data = stored.read()
    kept = Image.open(io.BytesIO(data))
    assert kept.format == "JPEG" and kept.size == (1600, 800)
    assert not kept.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(kept.getexif()) == 0 and "exif" not in kept.info
    assert b"Exif" not in data[:200]
    assert second.caption == "Các đơn vị ký kết giao ước thi đua"
    # Before publishing: the board previews it, the public gets nothing (no address even).
    preview = editor.get(reverse("publication:news_preview", args=[article.pk])).content.decode()
    assert (
        'alt="Quang cảnh hội nghị"' in preview and "<figcaption>Quang cảnh hội nghị</figcaption>" in preview
    )
    assert (
        editor.get(reverse("publication:news_preview_photo", args=[article.pk, photo.pk])).status_code == 200
    )
    news.publish(article, by="kiểm thử")
    article.refresh_from_db()
    url = reverse("publication:news_photo", args=[article.slug, photo.pk])
    got = anonymous.get(url)
    assert got.status_code == 200 and got["Content-Type"] == "image/jpeg"
    news.unpublish(article, by="kiểm thử")
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(reverse("publication:news_item", args=[article.slug])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("chan-dung.jpg", b"MZ\x90\x00 not a photo at all", "the content is not a JPEG file"),
        ("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n", "only JPEG, PNG, WEBP files are accepted"),
        ("rong.png", png(8001, 10), "larger than 8000 × 8000 pixels"),
    ],
)
def test_a_bad_photo_is_refused_with_its_reason_and_the_typed_text_kept(
    public_world: PublicWorld, name: str, content: bytes, message: str
) -> None:
    article = drafted(public_world)
    answer = board(public_world).post(
        reverse("publication:news_edit", args=[article.pk]),
        form_of(
            article,
            title="Tiêu đề mới vừa gõ",
            body="Nội dung mới vừa gõ",
            photo_1=SimpleUploadedFile(name, content),
            new_caption_1="Chú thích",
        ),
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Tiêu đề mới vừa gõ" in page and "Nội dung mới vừa gõ" in page
    expected = {
        "the content is not a JPEG file": gettext(
            "File “{name}”: the content is not a {kind} file (the file extension does not match the content)."
        ).format(name=name, kind="JPEG"),
        "only JPEG, PNG, WEBP files are accepted": gettext(
            "File “{name}”: only {types} files are accepted."
        ).format(name=name, types="JPEG, PNG, WEBP"),
        "larger than 8000 × 8000 pixels": gettext(
            "File “{name}” is larger than {side} × {side} pixels."
        ).format(name=name, side=8000),
    }[message]
    assert expected.replace("“", "&ldquo;") in page or expected in page
    article.refresh_from_db()
    assert article.title != "Tiêu đề mới vừa gõ" and not article.photos.exists()


def test_a_photo_needs_a_caption(public_world: PublicWorld) -> None:
    article = drafted(public_world)
    answer = board(public_world).post(
        reverse("publication:news_edit", args=[article.pk]),
        form_of(article, photo_1=SimpleUploadedFile("a.jpg", jpeg_with_gps(40, 30)), new_caption_1=" "),
    )
    assert answer.status_code == 400 and not article.photos.exists()


def test_a_scheduled_item_shows_when_its_time_comes(public_world: PublicWorld, anonymous: Any) -> None:
    article = drafted(public_world)
    later = timezone.now() + dt.timedelta(days=1)
    answer = board(public_world).post(
        reverse("publication:news_publish", args=[article.pk]),
        {"act": "schedule", "at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M")},
    )
    assert answer.status_code == 302
    article.refresh_from_db()
    assert article.slug and article.publish_at is not None and article.publish_at > timezone.now()
    listing = reverse("publication:news_list", args=[public_world.organizer.pk])
    assert article.title not in anonymous.get(listing).content.decode()
    assert anonymous.get(reverse("publication:news_item", args=[article.slug])).status_code == 404
    # The time comes (no job runs: the public query compares with the clock).
    NewsArticle.objects.filter(pk=article.pk).update(publish_at=timezone.now() - dt.timedelta(minutes=1))
    from django.core.cache import cache

    cache.clear()
    assert article.title in anonymous.get(listing).content.decode()
    assert anonymous.get(reverse("publication:news_item", args=[article.slug])).status_code == 200


def test_a_bad_schedule_is_refused_and_changes_nothing(public_world: PublicWorld) -> None:
    article = drafted(public_world)
    for at in ("ngày mai", "2020-01-01T08:00"):
        answer = board(public_world).post(
            reverse("publication:news_publish", args=[article.pk]), {"act": "schedule", "at": at}, follow=True
        )
        assert answer.status_code == 200
        article.refresh_from_db()
        assert article.publish_at is None and article.slug is None


def test_a_correction_keeps_the_address_and_shows_its_note(public_world: PublicWorld, anonymous: Any) -> None:
    article = drafted(public_world)
    editor = board(public_world)
    editor.post(reverse("publication:news_publish", args=[article.pk]), {"act": "publish"})
    article.refresh_from_db()
    slug = article.slug
    assert slug
    edit = reverse("publication:news_edit", args=[article.pk])
    refused = editor.post(edit, form_of(article, title="Tiêu đề đã sửa"))
    assert refused.status_code == 400
    article.refresh_from_db()
    assert article.title != "Tiêu đề đã sửa"
    note = "Sửa tên đơn vị dẫn đầu cho đúng quyết định."
    assert editor.post(edit, form_of(article, title="Tiêu đề đã sửa", correction=note)).status_code == 302
    article.refresh_from_db()
    correction = article.corrections.get()
    assert article.slug == slug and correction.note == note
    page = anonymous.get(reverse("publication:news_item", args=[slug])).content.decode()
    assert "Tiêu đề đã sửa" in page and note in page and gettext("Correction") in page
    assert news.dated(correction.made_at) in page
    # Unpublished and published again: the same address.
    news.unpublish(article, by="kiểm thử")
    assert news.publish(article, by="kiểm thử").slug == slug
    assert AuditEvent.objects.filter(verb="publication.news.correct", object_id=str(article.pk)).exists()


def test_the_public_item_is_in_the_seeds_shape(public_world: PublicWorld, anonymous: Any) -> None:
    article = drafted(public_world)
    news.publish(article, by="kiểm thử")
    NewsArticle.objects.filter(pk=article.pk).update(
        publish_at=timezone.make_aware(dt.datetime(2021, 12, 6, 9, 30))
    )
    article.refresh_from_db()
    page = anonymous.get(reverse("publication:news_item", args=[article.slug])).content.decode()
    assert f"{pgettext('weekday', 'Monday')}, 06/12/2021 09:30" in page
    expected = news_article(public_world.matrix.concluded)
    assert expected is not None
    for text in (expected.title, expected.lead, *expected.paragraphs, expected.author):
        assert text and text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") in page
    home = anonymous.get(reverse("publication:home", args=[public_world.organizer.pk])).content.decode()
    assert reverse("publication:news_item", args=[article.slug]) in home


def test_the_weekday_reads_as_the_seed_prints_it() -> None:
    with translation.override("vi"):
        sunday = timezone.make_aware(dt.datetime(2021, 12, 12, 23, 59))
        assert news.dated(timezone.make_aware(dt.datetime(2021, 12, 6, 9, 30))) == "Thứ Hai, 06/12/2021 09:30"
        assert news.dated(sunday) == "Chủ Nhật, 12/12/2021 23:59"


def test_the_feeds_list_the_public_items(public_world: PublicWorld, anonymous: Any) -> None:
    article = drafted(public_world)
    other = drafted_other(public_world)
    news.publish(article, by="kiểm thử")
    org = public_world.organizer.pk
    for name in ("publication:news_rss", "publication:news_atom"):
        answer = anonymous.get(reverse(name, args=[org]))
        assert answer.status_code == 200
        text = answer.content.decode()
        article.refresh_from_db()
        assert article.title in text
        assert reverse("publication:news_item", args=[article.slug]) in text
        assert other.title not in text  # a draft is in no feed


def drafted_other(w: PublicWorld) -> NewsArticle:
    return NewsArticle.objects.create(
        organizer=w.organizer, title="Bản nháp chưa công bố", body="Nháp", created_at=timezone.now()
    )


def test_only_the_board_of_the_items_organizer_reaches_its_pages(public_world: PublicWorld) -> None:
    article = drafted(public_world)
    photo_answer = board(public_world).post(
        reverse("publication:news_edit", args=[article.pk]),
        form_of(article, photo_1=SimpleUploadedFile("a.jpg", jpeg_with_gps(40, 30)), new_caption_1="Ảnh"),
    )
    assert photo_answer.status_code == 302
    photo = article.photos.get()
    clients = public_world.matrix.clients
    for role in ("board_other", "officer_in", "lead_other_year"):
        client = clients[role]
        assert client.get(reverse("publication:news_edit", args=[article.pk])).status_code == 404, role
        assert (
            client.post(reverse("publication:news_edit", args=[article.pk]), form_of(article)).status_code
            == 404
        )
        assert client.get(reverse("publication:news_preview", args=[article.pk])).status_code == 404
        assert (
            client.get(reverse("publication:news_preview_photo", args=[article.pk, photo.pk])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("publication:news_publish", args=[article.pk]), {"act": "publish"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                reverse("publication:news_draft", args=[public_world.matrix.concluded.pk])
            ).status_code
            == 404
        )
    article.refresh_from_db()
    assert article.publish_at is None
