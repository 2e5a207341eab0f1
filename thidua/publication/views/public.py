"""The public side, open without an account: an organizer's honour registry (decided awards only), the
results of the years its board published, and its exemplary models. Each page is cached whole
(publication.cache), reads the replica, works without JavaScript and shows only what publication.queries
builds for it. A cluster-year's results and a model are reached at their tokens, never at an id."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.awards.catalogue import AWARDS
from thidua.core.converters import bounded_int
from thidua.core.replica import reads_replica
from thidua.core.text import clean_text
from thidua.organisations.models import Organizer
from thidua.publication import queries
from thidua.publication.cache import public_page
from thidua.publication.models import ExemplaryModel, PublishedResults
from thidua.publication.views.news import home_news
from thidua.registry import verification
from thidua.registry.search import BadCursor, page_of
from thidua.registry.views import verify

PAGE_SIZE = 50


def _page(request: HttpRequest, template: str, organizer: Organizer, **context: Any) -> HttpResponse:
    return render(request, f"publication/{template}", {"organizer": organizer, **context})


@require_GET
@reads_replica
@public_page
def organizers(request: HttpRequest) -> HttpResponse:
    """The organizers whose public side this site serves; with one, its home page directly."""
    found = list(Organizer.objects.order_by("name"))
    if len(found) == 1:
        return redirect("publication:home", found[0].pk)
    return render(request, "publication/organizers.html", {"organizers": found})


def _organizer(organizer_id: int) -> Organizer:
    return get_object_or_404(Organizer, pk=organizer_id)


@require_GET
@reads_replica
@public_page
def home(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = _organizer(organizer_id)
    models = queries.published_models(organizer)
    return _page(
        request,
        "home.html",
        organizer,
        featured=list(models.filter(featured=True).order_by("-published_at")[:6]),
        results=list(queries.published_results(organizer)[:6]),
        news=home_news(organizer),
        awards=sorted(((a.code, a.name) for a in AWARDS.values()), key=lambda item: item[1]),
    )


# ---- the honour registry ---------------------------------------------------------------------------------


def _typed(request: HttpRequest, name: str) -> tuple[str, bool]:
    text, problem = clean_text(request.GET.get(name, "").strip()[:200], max_length=None)
    return ("", True) if problem is not None else (text, False)


def _link(request: HttpRequest, **cursor: str) -> str:
    kept = request.GET.copy()
    for name in ("sau", "truoc"):
        kept.pop(name, None)
    kept.update(cursor)
    return "?" + kept.urlencode()


@require_GET
@reads_replica
@public_page
def registry(request: HttpRequest, organizer_id: int) -> HttpResponse:
    """Decided awards by name (without diacritics too), year, form and unit, a keyset page at a time."""
    organizer = _organizer(organizer_id)
    query, bad_query = _typed(request, "q")
    award, bad_award = _typed(request, "hinh_thuc")
    year = bounded_int(request.GET.get("nam"), 1, 9999)
    units = queries.public_units(organizer)
    unit = bounded_int(request.GET.get("don_vi"), 1)
    if unit is not None and not units.filter(pk=unit).exists():
        unit = None
    rows = queries.honour_roll(organizer, query, year=year, award=award or None, unit=unit)
    bad_cursor = False
    try:
        page = page_of(rows, PAGE_SIZE, after=request.GET.get("sau"), before=request.GET.get("truoc"))
    except BadCursor:
        bad_cursor = True
        page = page_of(rows, PAGE_SIZE)
    return _page(
        request,
        "registry.html",
        organizer,
        section="registry",
        entries=[queries.entry_of(row) for row in page.rows],
        query=query,
        year=year,
        award=award,
        unit=unit,
        units=units,
        awards=sorted(((a.code, a.name) for a in AWARDS.values()), key=lambda item: item[1]),
        ignored=bad_query or bad_award or bad_cursor,
        next_link=_link(request, sau=str(page.next)) if page.next else None,
        previous_link=_link(request, truoc=str(page.previous)) if page.previous else None,
        first_link=None if page.is_first else _link(request),
    )


@never_cache
@require_GET
@reads_replica
def entry(request: HttpRequest, code: str) -> HttpResponse:
    """One award at its verification code (the certificate's QR code leads to /xac-minh/, which links
    here). A code is looked up under the verification page's limit on guesses."""
    if verify.blocked(request):
        raise Http404
    normalized = verification.normalize(code)
    found = queries.entry(normalized) if verification.is_well_formed(normalized) else None
    if found is None:
        verify.missed(request)
        raise Http404
    organizer = _organizer(found.organizer_id)
    return _page(
        request,
        "entry.html",
        organizer,
        section="registry",
        entry=found,
        code=verification.grouped(found.code),
    )


# ---- a cluster-year's results ----------------------------------------------------------------------------


@require_GET
@reads_replica
@public_page
def results_list(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = _organizer(organizer_id)
    return _page(
        request,
        "results_list.html",
        organizer,
        section="results",
        rows=list(queries.published_results(organizer)),
    )


@require_GET
@reads_replica
@public_page
def results(request: HttpRequest, token: str) -> HttpResponse:
    published = get_object_or_404(
        PublishedResults.objects.select_related("cluster_year__cluster__organizer"), token=token
    )
    organizer = published.cluster_year.cluster.organizer
    return _page(request, "results.html", organizer, section="results", results=queries.results(published))


# ---- exemplary models ------------------------------------------------------------------------------------


@require_GET
@reads_replica
@public_page
def models(request: HttpRequest, organizer_id: int) -> HttpResponse:
    """Published models by movement and year (?phong_trao=, ?nam=), featured ones first."""
    organizer = _organizer(organizer_id)
    movements = list(queries.movements_with_models(organizer))
    movement = bounded_int(request.GET.get("phong_trao"), 1)
    if movement is not None and movement not in {m.pk for m in movements}:
        movement = None
    year = bounded_int(request.GET.get("nam"), 1, 9999)
    years = sorted(
        set(queries.models_listed(organizer, movement=movement, year=None).values_list("year", flat=True)),
        reverse=True,
    )
    return _page(
        request,
        "models.html",
        organizer,
        section="models",
        rows=list(queries.models_listed(organizer, movement=movement, year=year)),
        movements=movements,
        movement=movement,
        years=years,
        year=year,
    )


@require_GET
@reads_replica
@public_page
def model(request: HttpRequest, token: str) -> HttpResponse:
    found = get_object_or_404(
        ExemplaryModel.objects.select_related("organizer", "movement", "proposed_by"),
        token=token,
        state=ExemplaryModel.State.PUBLISHED,
    )
    return _page(
        request,
        "model.html",
        found.organizer,
        section="models",
        model=found,
        paragraphs=queries.paragraphs(found),
        awards=queries.awards_of_model(found),
    )
