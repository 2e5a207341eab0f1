"""Ids and years in URLs are bounded: one a database cannot hold is a 404 for everyone, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from thidua.core.converters import IdConverter, YearConverter
from thidua.testing.worlds import client_for

HUGE = "99999999999999999999"


def _converters(patterns: list[Any], prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        converters = getattr(entry.pattern, "converters", {})
        found += [(route, converter) for converter in converters.values()]
        if isinstance(entry, URLResolver):
            found += _converters(entry.url_patterns, route)
        else:
            assert isinstance(entry, URLPattern)
    return found


def test_no_url_takes_an_unbounded_integer() -> None:
    unbounded = [
        route
        for route, converter in _converters(get_resolver().url_patterns)
        if type(converter) is IntConverter
    ]
    assert unbounded == [], "use <id:…> or <year:…> (thidua/core/converters.py)"
    kinds = {type(converter) for _, converter in _converters(get_resolver().url_patterns)}
    assert {IdConverter, YearConverter} <= kinds


@pytest.mark.parametrize(
    "url",
    [
        f"/hop/{HUGE}/2021/phieu-da-kiem/",
        f"/cum/{HUGE}/2021/",
        f"/cum/1/{HUGE}/",
        "/cum/1/99999/",
        "/cum/1/0000/",
        f"/cham-diem/{HUGE}/2021/",
        f"/khen-thuong/de-nghi/{HUGE}/",
        f"/khen-thuong/don-vi/{HUGE}/",
        f"/trao-doi/xuat/{HUGE}/",
        "/cum/0/2021/",
    ],
)
def test_an_id_too_large_is_not_found_for_a_visitor_and_the_board(world: Any, url: str) -> None:
    assert Client().get(url).status_code == 404
    assert client_for(world.board).get(url).status_code == 404


def test_a_huge_id_in_the_api_is_refused_with_json(world: Any) -> None:
    client = client_for(world.board)
    for url in (f"/api/v1/clusters/{HUGE}/years", f"/api/v1/clusters/1/years/{HUGE}/results"):
        answer = client.get(url)
        assert answer.status_code in (404, 422)
        assert answer["Content-Type"].startswith("application/json")
    answer = client.get(f"/api/v1/registry/awards?unit={HUGE}")
    assert answer.status_code == 422 and answer.json()["detail"]
