"""The bench's URLconf (settings.BENCH_BARE_VIEW, `make bench` only): every address of the site, plus a bare
view that answers through the same middleware without touching the database or a template, the floor of
requests per second the main pages are measured against (bench_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from thidua.urls import urlpatterns as site

BARE_PATH = "bench/bare/"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH, bare, name="bench_bare"), *site]
