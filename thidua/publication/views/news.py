"""News items: the board's pages behind the sign-in (the list and the concluded years to draft from, the
plain editor, the preview, publishing) and the public ones (an organizer's list, an item at its address,
its photos, the RSS and Atom feeds). Only the board of the item's organizer reaches the first: anyone else
gets 404, as on the board's other publication pages. The public reaches an item only once it is live
(publication.news.live); its photos likewise."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.roles import board_organizers
from thidua.core.feedback import add_refusal, show_refusal
from thidua.core.replica import reads_replica
from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.news import news_article
from thidua.organisations.models import Organizer
from thidua.publication import news
from thidua.publication.cache import public_page
from thidua.publication.forms import NEW_PHOTO_SLOTS, NewsForm, ScheduleForm
from thidua.publication.models import NewsArticle, NewsPhoto
from thidua.registry.views.decisions import board_organizer

FEED_SIZE = 30
PAGE_SIZE = 30
BOARD_PAGE_SIZE = 50


# ---- the board's pages -----------------------------------------------------------------------------------


def _article(request: HttpRequest, article_id: int) -> NewsArticle:
    """The item, for the board of its organizer; 404 for anyone else (the id says nothing)."""
    return get_object_or_404(
        NewsArticle.objects.filter(organizer__in=board_organizers(request.user)).select_related("organizer"),
        pk=article_id,
    )


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The board's items (drafts, scheduled, public) and the concluded years with no item yet."""
    organizer = board_organizer(request)
    # Drafts first (what the board is working on), then the newest published; the same on every database.
    articles = (
        NewsArticle.objects.filter(organizer=organizer)
        .select_related("cluster_year__cluster")
        .order_by(F("publish_at").desc(nulls_first=True), "-id")
    )
    # A page of items at a time: a board writes dozens of items a year, for years.
    page = Paginator(articles, BOARD_PAGE_SIZE).get_page(request.GET.get("trang"))
    drafted = NewsArticle.objects.filter(organizer=organizer, cluster_year__isnull=False)
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
        .exclude(pk__in=drafted.values("cluster_year"))
        .select_related("cluster")
        .order_by("-year", "cluster__name")[:100]
    )
    context = {
        "organizer": organizer,
        "rows": [(a, _state(a)) for a in page],
        "page": page,
        "keep": f"to_chuc={organizer.pk}&",
        "years": list(years),
    }
    return render(request, "publication/news/board.html", context)


def _state(article: NewsArticle) -> str:
    if article.publish_at is None:
        return _("Draft") if article.first_published_at is None else _("Unpublished")
    if news.is_live(article):
        return _("Public")
    return _("Scheduled")


@login_required
@require_POST
def draft(request: HttpRequest, cluster_year_id: int) -> HttpResponse:
    year = get_object_or_404(
        ClusterYear.objects.filter(cluster__organizer__in=board_organizers(request.user)).select_related(
            "cluster"
        ),
        pk=cluster_year_id,
    )
    try:
        article = news.draft_from_review(year, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(reverse("publication:news_board") + f"?to_chuc={year.cluster.organizer_id}")
    return redirect("publication:news_edit", article.pk)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _article(request, article_id)
    photos = list(article.photos.all())
    live = news.is_live(article)
    form = NewsForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        photos=photos,
        published=live,
        initial={
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "author": article.author,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            news.save_article(
                article,
                title=data["title"],
                lead=data["lead"],
                body=data["body"],
                author=data["author"],
                correction=data.get("correction", ""),
                captions={p.pk: data[f"caption_{p.pk}"] for p in photos},
                remove=[p.pk for p in photos if data[f"remove_{p.pk}"]],
                order={p.pk: data[f"order_{p.pk}"] for p in photos if data[f"order_{p.pk}"] is not None},
                new_photos=[
                    news.NewPhoto(upload, data[f"new_caption_{n}"])
                    for n, upload in ((n, data[f"photo_{n}"]) for n in range(1, NEW_PHOTO_SLOTS + 1))
                    if upload
                ],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("publication:news_edit", article.pk)
    if form.errors and request.FILES:
        form.add_error(None, _("Nothing was saved: choose the photos again (your text is kept)."))
    # The captions the record suggests for the review's photos (the papers' news draft), until one is added.
    drafted = news_article(article.cluster_year) if article.cluster_year and not photos else None
    context = {
        "article": article,
        "form": form,
        "live": live,
        "state": _state(article),
        "schedule": ScheduleForm(),
        "suggested": drafted.captions if drafted is not None else [],
        "public_url": reverse("publication:news_item", args=[article.slug]) if live else "",
        "corrections": [(c, news.dated(c.made_at)) for c in article.corrections.all()],
    }
    return render(request, "publication/news/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def publish(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _article(request, article_id)
    act = request.POST.get("act", "")
    try:
        if act == "publish":
            news.publish(article, by=request.user)
            messages.success(request, _("The item is public."))
        elif act == "schedule":
            schedule = ScheduleForm(request.POST)
            if not schedule.is_valid():
                raise ValidationError(_("Enter the date and time to publish, such as 06/12/2021 09:30."))
            found = news.publish(article, at=schedule.cleaned_data["at"], by=request.user)
            messages.success(
                request,
                _("The item will be public from {when}.").format(when=news.dated(found.publish_at)),  # type: ignore[arg-type]
            )
        elif act == "unpublish":
            news.unpublish(article, by=request.user)
            messages.success(request, _("The item is no longer public."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        show_refusal(request, error)
    return redirect("publication:news_edit", article.pk)


@login_required
@require_GET
def preview(request: HttpRequest, article_id: int) -> HttpResponse:
    """The item as the public will see it (the public template), photos from the board's own address."""
    article = _article(request, article_id)
    return render(request, "publication/news/item.html", _item_context(article, preview=True))


@login_required
@require_GET
def preview_photo(request: HttpRequest, article_id: int, photo_id: int) -> FileResponse:
    article = _article(request, article_id)
    response = _photo_response(get_object_or_404(NewsPhoto, pk=photo_id, article=article))
    response["Cache-Control"] = "private, no-store"
    return response


# ---- the public pages ------------------------------------------------------------------------------------


def _item_context(article: NewsArticle, *, preview: bool) -> dict[str, Any]:
    photos = list(article.photos.all())
    moment = article.publish_at or article.first_published_at
    return {
        "organizer": article.organizer,
        "section": "news",
        "article": article,
        "blocks": news.blocks(article.body),
        "when": news.dated(moment) if moment else "",
        "corrections": [(c, news.dated(c.made_at)) for c in article.corrections.all()],
        "photos": [
            (
                p,
                reverse("publication:news_preview_photo", args=[article.pk, p.pk])
                if preview
                else reverse("publication:news_photo", args=[article.slug, p.pk]),
            )
            for p in photos
        ],
        "preview": preview,
    }


@require_GET
@reads_replica
@public_page
def news_list(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = get_object_or_404(Organizer, pk=organizer_id)
    rows = list(news.public_news(organizer)[:PAGE_SIZE])
    return render(
        request,
        "publication/news/list.html",
        {
            "organizer": organizer,
            "section": "news",
            "rows": [(a, news.dated(a.publish_at)) for a in rows],  # type: ignore[arg-type]
        },
    )


@require_GET
@reads_replica
@public_page
def item(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(news.live().select_related("organizer"), slug=slug)
    return render(request, "publication/news/item.html", _item_context(article, preview=False))


def _photo_response(photo: NewsPhoto) -> FileResponse:
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def photo(request: HttpRequest, slug: str, photo_id: int) -> FileResponse:
    """A photo of a live item; 404 before it is published, once withdrawn, or for another item's photo."""
    found = get_object_or_404(
        NewsPhoto.objects.filter(article__in=news.live()), pk=photo_id, article__slug=slug
    )
    response = _photo_response(found)
    response["Cache-Control"] = "public, max-age=300"
    return response


# ---- the feeds -------------------------------------------------------------------------------------------


class NewsFeed(Feed):  # type: ignore[type-arg]
    """The organizer's live items, newest first: title, lead, address, time, author."""

    def get_object(self, request: HttpRequest, organizer_id: int) -> Organizer:  # type: ignore[override]
        return get_object_or_404(Organizer, pk=organizer_id)

    def title(self, obj: Organizer) -> str:
        return _("News of {organizer}").format(organizer=obj.name)

    def link(self, obj: Organizer) -> str:
        return reverse("publication:news_list", args=[obj.pk])

    def description(self, obj: Organizer) -> str:
        return _("The emulation and commendation news {organizer} publishes.").format(organizer=obj.name)

    def items(self, obj: Organizer) -> list[NewsArticle]:
        return list(news.public_news(obj)[:FEED_SIZE])

    def item_title(self, item: NewsArticle) -> str:
        return item.title

    def item_description(self, item: NewsArticle) -> str:
        return item.lead

    def item_link(self, item: NewsArticle) -> str:
        return reverse("publication:news_item", args=[item.slug])

    def item_pubdate(self, item: NewsArticle) -> Any:
        return item.publish_at

    def item_updateddate(self, item: NewsArticle) -> Any:
        return getattr(item, "last_corrected", None) or item.publish_at

    def item_author_name(self, item: NewsArticle) -> str | None:
        return item.author or None


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Organizer) -> str:
        return self.description(obj)


rss = require_GET(reads_replica(public_page(NewsFeed())))
atom = require_GET(reads_replica(public_page(NewsAtomFeed())))


def home_news(organizer: Organizer) -> list[tuple[NewsArticle, str]]:
    """The latest live items for the organizer's public home page."""
    return [(a, news.dated(a.publish_at)) for a in news.public_news(organizer)[:5]]  # type: ignore[arg-type]
