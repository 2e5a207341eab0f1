"""The board's news items: a draft from a concluded review (emulation.queries.news writes its text from the
record), edited as plain text, photos re-encoded on the server, published now or from a set time, withdrawn,
corrected. Every change is one transaction and one audit row, and drops the public pages' cache.

The body is plain text, never HTML: a blank line separates paragraphs and a line starting with "## " is a
heading (`blocks`); templates print it with autoescape, so nothing typed can become markup or script.

A photo is checked by its content (core.uploads), then decoded and written again as a JPEG at most
MAX_WIDTH wide: what the camera wrote beside the pixels (EXIF, GPS position, comments) is not copied."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, ImageOps

from thidua.core import uploads
from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.news import news_article
from thidua.organisations.models import Organizer
from thidua.publication import cache
from thidua.publication.models import NewsArticle, NewsCorrection, NewsPhoto
from thidua.registry.folding import fold

PHOTO_ACCEPTED = (".jpg", ".jpeg", ".png", ".webp")
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000  # px: a larger picture is no news photo (and would take the server's memory to decode)
MAX_WIDTH = 1600  # px: what a page needs on the widest screen
JPEG_QUALITY = 85
MOST_PHOTOS = 20  # an item's photos, added a few at a time (the editor's slots come back empty)
HEADING = "## "


# ---- the body ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


def blocks(body: str) -> list[Block]:
    """Paragraphs (separated by a blank line; a single line break stays a line break) and headings (a line
    starting with "## ")."""
    found: list[Block] = []
    lines: list[str] = []

    def close() -> None:
        text = "\n".join(lines).strip()
        if text:
            found.append(Block(text))
        lines.clear()

    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            close()
        elif stripped.startswith(HEADING) and stripped[len(HEADING) :].strip():
            close()
            found.append(Block(stripped[len(HEADING) :].strip(), heading=True))
        else:
            lines.append(stripped)
    close()
    return found


def dated(moment: dt.datetime) -> str:
    """ "Thứ Hai, 06/12/2021 09:30": the weekday, day and time in the site's time zone, as the seed prints."""
    local = timezone.localtime(moment)
    weekday = (
        pgettext("weekday", "Monday"),
        pgettext("weekday", "Tuesday"),
        pgettext("weekday", "Wednesday"),
        pgettext("weekday", "Thursday"),
        pgettext("weekday", "Friday"),
        pgettext("weekday", "Saturday"),
        pgettext("weekday", "Sunday"),
    )[local.weekday()]
    return f"{weekday}, {local:%d/%m/%Y %H:%M}"


# ---- what the public sees ------------------------------------------------------------------------------


def live(rows: QuerySet[NewsArticle] | None = None) -> QuerySet[NewsArticle]:
    """Items public now: published, from a time already passed (a scheduled one shows when its time comes)."""
    rows = NewsArticle.objects.all() if rows is None else rows
    return rows.filter(publish_at__isnull=False, publish_at__lte=timezone.now(), slug__isnull=False)


def public_news(organizer: Organizer) -> QuerySet[NewsArticle]:
    """The organizer's live items, newest first, each with `last_corrected` (None when never corrected)."""
    latest = NewsCorrection.objects.filter(article=OuterRef("pk")).order_by("-made_at", "-id")
    return (
        live(NewsArticle.objects.filter(organizer=organizer))
        .annotate(last_corrected=Subquery(latest.values("made_at")[:1]))
        .order_by("-publish_at", "-id")
    )


def is_live(article: NewsArticle) -> bool:
    return article.publish_at is not None and article.publish_at <= timezone.now() and bool(article.slug)


# ---- photos ----------------------------------------------------------------------------------------------


def reencode(upload: UploadedFile) -> tuple[bytes, int, int]:
    """The photo as a new JPEG (no metadata), at most MAX_WIDTH wide; ValidationError naming the file."""
    uploads.check_upload(upload, accepted=PHOTO_ACCEPTED, max_bytes=MAX_PHOTO_BYTES)
    name = upload.name or ""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if max(image.size) > MAX_SIDE:
                raise ValidationError(
                    _("File “{name}” is larger than {side} × {side} pixels.").format(name=name, side=MAX_SIDE)
                )
            image.load()
            picture = ImageOps.exif_transpose(image)  # a phone's portrait photo stands upright
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(_("File “{name}” cannot be read as a photo.").format(name=name)) from error
    finally:
        upload.seek(0)
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        ground = Image.new("RGB", picture.size, (255, 255, 255))
        ground.paste(picture, mask=picture.getchannel("A"))
        picture = ground
    elif picture.mode != "RGB":
        picture = picture.convert("RGB")
    if picture.width > MAX_WIDTH:
        height = max(1, round(picture.height * MAX_WIDTH / picture.width))
        picture = picture.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, no icc_profile=, no comment: Pillow writes only the pixels.
    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue(), picture.width, picture.height


# ---- the board's acts ----------------------------------------------------------------------------------


def draft_from_review(cluster_year: ClusterYear, *, by: Actor) -> NewsArticle:
    """The year's news item as a draft, its text written from the record; the one already made if any."""
    existing = NewsArticle.objects.filter(cluster_year=cluster_year).order_by("id").first()
    if existing is not None:
        return existing
    article = news_article(cluster_year)
    if article is None:
        raise ValidationError(
            _("The news item of {year} can be drafted only once the cluster's review is concluded.").format(
                year=cluster_year
            ),
            code="not_concluded",
        )
    with transaction.atomic():
        draft = NewsArticle.objects.create(
            organizer_id=cluster_year.cluster.organizer_id,
            cluster_year=cluster_year,
            title=article.title[:255],
            lead=article.lead,
            body="\n\n".join(article.paragraphs),
            author=article.author[:255],
            created_at=timezone.now(),
            created_by_id=by.pk if isinstance(by, AbstractBaseUser) else None,
        )
        record(by, "publication.news.draft", draft, title=draft.title, cluster_year=cluster_year.pk)
    return draft


@dataclass(frozen=True)
class NewPhoto:
    upload: UploadedFile
    caption: str


def _clean(text: str) -> str:
    return " ".join(text.split())


@transaction.atomic
def save_article(
    article: NewsArticle,
    *,
    title: str,
    lead: str,
    body: str,
    author: str,
    correction: str = "",
    captions: Mapping[int, str] | None = None,
    remove: Sequence[int] = (),
    order: Mapping[int, int] | None = None,
    new_photos: Sequence[NewPhoto] = (),
    by: Actor,
) -> NewsArticle:
    """Save the editor's text and photos; all or nothing. An item the public already sees changes only with
    a correction note, shown on its page with the time (its address stays)."""
    locked = NewsArticle.objects.select_for_update().get(pk=article.pk)
    captions = dict(captions or {})
    photos = {photo.pk: photo for photo in locked.photos.all()}
    errors: dict[str, list[str]] = {}
    title, author, correction = _clean(title), _clean(author), correction.strip()
    lead, body = lead.strip(), body.replace("\r\n", "\n").strip()
    if not title:
        errors["title"] = [_("Enter the title.")]
    for pk, caption in captions.items():
        if pk in photos and pk not in remove and not _clean(caption):
            errors.setdefault("photos", []).append(
                _("Each photo needs a caption (it is also read out in place of the photo).")
            )
            break
    kept = len([pk for pk in photos if pk not in remove])
    if kept + len(new_photos) > MOST_PHOTOS:
        errors.setdefault("photos", []).append(
            _("An item has at most {n} photos: it would have {count}. Remove some first.").format(
                n=MOST_PHOTOS, count=kept + len(new_photos)
            )
        )
    encoded: list[tuple[bytes, int, int, str]] = []
    for photo in new_photos:
        if not _clean(photo.caption):
            errors.setdefault("photos", []).append(
                _("Photo “{name}”: enter its caption (it is also read out in place of the photo).").format(
                    name=photo.upload.name
                )
            )
            continue
        try:
            encoded.append((*reencode(photo.upload), _clean(photo.caption)[:500]))
        except ValidationError as error:
            errors.setdefault("photos", []).extend(error.messages)
    changed_text = (title, lead, body, author) != (locked.title, locked.lead, locked.body, locked.author)
    # The order the editor typed (1, 2, 3…): a photo given another number goes before the one that held it
    # (moving the last photo to 1 makes it the first); new photos after.
    wanted = dict(order or {})
    ranked = sorted(
        (p for pk, p in photos.items() if pk not in remove),
        key=lambda p: (wanted.get(p.pk, p.position), wanted.get(p.pk, p.position) == p.position, p.position),
    )
    reordered = [p.pk for p in ranked] != [
        p.pk for p in sorted(photos.values(), key=lambda p: (p.position, p.pk)) if p.pk not in remove
    ]
    changed_photos = (
        bool(remove)
        or bool(new_photos)
        or reordered
        or any(pk in photos and _clean(text) != photos[pk].caption for pk, text in captions.items())
    )
    corrected = is_live(locked) and (changed_text or changed_photos)
    if corrected and not correction:
        errors["correction"] = [
            _("The item is public: say what is corrected (the note is shown on the item with its time).")
        ]
    if errors:
        raise ValidationError(errors)
    locked.title, locked.lead, locked.body, locked.author = title, lead, body, author
    locked.save()
    if corrected:  # kept beside the ones before it: the public item shows every correction in order
        NewsCorrection.objects.create(
            article=locked,
            note=correction,
            made_at=timezone.now(),
            made_by_id=by.pk if isinstance(by, AbstractBaseUser) else None,
        )
    for pk, text in captions.items():
        if pk in photos and pk not in remove and _clean(text) != photos[pk].caption:
            photos[pk].caption = _clean(text)[:500]
            photos[pk].save(update_fields=["caption"])
    for pk in remove:
        if pk in photos:
            photos[pk].image.delete(save=False)
            photos[pk].delete()
    for position, kept_photo in enumerate(ranked, start=1):
        if kept_photo.position != position:
            kept_photo.position = position
            kept_photo.save(update_fields=["position"])
    position = len(ranked)
    now = timezone.now()
    for data, width, height, caption in encoded:
        position += 1
        stored = NewsPhoto(
            article=locked, caption=caption, position=position, width=width, height=height, uploaded_at=now
        )
        stored.image.save("anh.jpg", ContentFile(data), save=False)
        stored.save()
    record(
        by,
        "publication.news.correct" if corrected else "publication.news.edit",
        locked,
        title=locked.title,
        correction=correction if corrected else "",
        photos_added=len(encoded),
        photos_removed=len([pk for pk in remove if pk in photos]),
        photos_reordered=reordered,
    )
    if is_live(locked):
        cache.changed()
    return locked


def _new_slug(title: str) -> str:
    """The item's address for good: its title without diacritics, and a random tail (two items of one title
    never share one; nobody finds a draft by guessing)."""
    words = slugify(fold(title))[:60].strip("-") or "tin"
    return f"{words}-{secrets.token_hex(3)}"


@transaction.atomic
def publish(article: NewsArticle, *, at: dt.datetime | None = None, by: Actor) -> NewsArticle:
    """Public from `at` (now when None); the address is drawn the first time and kept ever after."""
    locked = NewsArticle.objects.select_for_update().get(pk=article.pk)
    if not locked.title.strip():
        raise ValidationError(_("Enter the title before publishing."), code="title")
    now = timezone.now()
    when = now if at is None else at
    if at is not None and at < now - dt.timedelta(minutes=1):
        raise ValidationError(_("The time to publish is in the past: publish now instead."), code="past")
    if not locked.slug:
        locked.slug = _new_slug(locked.title)
        while NewsArticle.objects.filter(slug=locked.slug).exists():
            locked.slug = _new_slug(locked.title)
    locked.publish_at = when
    if locked.first_published_at is None:
        locked.first_published_at = when
    locked.save(update_fields=["slug", "publish_at", "first_published_at"])
    verb = "publication.news.publish" if at is None else "publication.news.schedule"
    record(by, verb, locked, title=locked.title, slug=locked.slug, publish_at=when.isoformat())
    cache.changed()
    return locked


@transaction.atomic
def unpublish(article: NewsArticle, *, by: Actor) -> NewsArticle:
    """Off the public side (its photos too); publishing again brings it back at the same address."""
    locked = NewsArticle.objects.select_for_update().get(pk=article.pk)
    if locked.publish_at is not None:
        locked.publish_at = None
        locked.save(update_fields=["publish_at"])
        record(by, "publication.news.unpublish", locked, title=locked.title, slug=locked.slug)
        cache.changed()
    return locked
