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
    nothing = caller(outsider).get("/api/v1/registry/awards").json()
    assert nothing["items"] == [] and nothing["count"] == 0 and nothing["count_is_exact"]


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


def test_results_come_page_by_page_after_a_cursor_each_exactly_once(seed: Seed):
    flag, merit = decide_seed(seed)
    total = flag.awardees.count() + merit.awardees.count()
    board = caller(user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer))
    pages = [board.get("/api/v1/registry/awards", page_size=1).json()]
    while pages[-1]["next"]:
        pages.append(board.get("/api/v1/registry/awards", page_size=1, after=pages[-1]["next"]).json())
    assert all(page["count"] == total and page["count_is_exact"] for page in pages)
    seen = [row["id"] for page in pages for row in page["items"]]
    assert len(seen) == len(set(seen)) == total >= 2
    back = board.get("/api/v1/registry/awards", page_size=1, before=pages[-1]["previous"]).json()
    assert back["items"] == pages[-2]["items"]


@pytest.mark.parametrize("cursor", ["abc", "2024", "2024.x", "-1.2"])
def test_a_bad_cursor_is_refused_in_vietnamese(seed: Seed, cursor: str):
    board = caller(user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer))
    for name in ("after", "before"):
        answer = board.get("/api/v1/registry/awards", **{name: cursor})
        assert answer.status_code == 422
        assert "Con trỏ trang không hợp lệ" in answer.json()["detail"]


def test_past_the_cap_the_count_is_not_exact(seed: Seed, monkeypatch):
    from thidua.registry import search

    monkeypatch.setattr(search, "COUNT_CAP", 1)
    decide_seed(seed)
    board = caller(user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer))
    answer = board.get("/api/v1/registry/awards", page_size=1).json()
    assert answer["count"] == 2 and not answer["count_is_exact"] and answer["next"]


def test_without_a_token_the_registry_is_closed(seed: Seed):
    assert caller(None).get("/api/v1/registry/awards").status_code == 401
