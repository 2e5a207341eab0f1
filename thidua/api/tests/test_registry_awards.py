"""GET /registry/awards: the registry search of the web page, within the caller's scope, page by page."""

from __future__ import annotations

import pytest

from thidua.accounts.models import Role
from thidua.api.tests.conftest import Seed, caller, decide_seed, user_with

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["items"])


def test_the_board_finds_its_awards_and_an_officer_only_its_units(seed: Seed, outsider):
    flag, merit = decide_seed(seed)
    every = sorted(a.name for a in [*flag.awardees.all(), *merit.awardees.all()])
    board = user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer)
    assert names(caller(board).get("/api/v1/registry/awards")) == every

    winner = flag.awardees.get()
    officer = user_with("donvi-ls", kind=Role.Kind.UNIT_OFFICER, unit=winner.unit)
    mine = caller(officer).get("/api/v1/registry/awards").json()
    assert [row["name"] for row in mine["items"]] == [winner.name]
    assert mine["items"][0]["unit"] == winner.unit.code
    assert mine["items"][0]["decision"]["number"] == "245/QĐ-UBND"
    assert caller(outsider).get("/api/v1/registry/awards").json() == {"items": [], "count": 0}


def test_filters_are_those_of_the_search_page(seed: Seed):
    flag, merit = decide_seed(seed)
    board = caller(user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer))
    by_award = board.get("/api/v1/registry/awards", award="bang-khen-chu-tich-tinh")
    assert names(by_award) == sorted(a.name for a in merit.awardees.all())
    # Without diacritics, as people type on a keyboard without Vietnamese input.
    winner = flag.awardees.get()
    from thidua.registry.folding import fold

    assert names(board.get("/api/v1/registry/awards", q=fold(winner.name))) == [winner.name]
    assert names(board.get("/api/v1/registry/awards", year=1999)) == []
    assert board.get("/api/v1/registry/awards", year="hai nghìn").status_code == 422


def test_results_come_page_by_page(seed: Seed):
    flag, merit = decide_seed(seed)
    total = flag.awardees.count() + merit.awardees.count()
    board = caller(user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer))
    first = board.get("/api/v1/registry/awards", page_size=1).json()
    second = board.get("/api/v1/registry/awards", page_size=1, page=2).json()
    assert first["count"] == second["count"] == total >= 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_without_a_token_the_registry_is_closed(seed: Seed):
    assert caller(None).get("/api/v1/registry/awards").status_code == 401
