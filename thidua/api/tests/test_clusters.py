"""Clusters, their years, results and export answer each caller exactly as the web pages do."""

from __future__ import annotations

import pytest
import yaml

from thidua.accounts.models import Role
from thidua.api.tests.conftest import Seed, World, caller, revoked_caller, user_with
from thidua.exchange.exporter import dump_exchange, export_cluster

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()]


def test_each_role_lists_the_clusters_it_may_open(world: World, outsider):
    assert codes(caller(world.board).get("/api/v1/clusters")) == ["TMTH", "VHXH"]
    assert codes(caller(world.lead_a).get("/api/v1/clusters")) == ["TMTH"]
    assert codes(caller(world.officer_a).get("/api/v1/clusters")) == ["TMTH"]
    assert codes(caller(world.officer_b).get("/api/v1/clusters")) == ["VHXH"]
    assert codes(caller(world.board_other).get("/api/v1/clusters")) == ["KT"]
    assert codes(caller(outsider).get("/api/v1/clusters")) == []


def test_without_a_valid_token_the_answer_is_401_in_vietnamese(world: World):
    for who in (caller(None), revoked_caller(world.board)):
        response = who.get("/api/v1/clusters")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert "Authorization: Bearer" in response.json()["detail"]
    wrong = caller(None)
    wrong.headers = {"Authorization": "Bearer thidua_khong-phai-ma-that"}
    assert wrong.get("/api/v1/clusters").status_code == 401


def test_years_of_a_cluster_follow_the_roster(world: World):
    url = f"/api/v1/clusters/{world.cluster_a.pk}/years"
    board = caller(world.board).get(url).json()
    assert [y["year"] for y in board] == [2020, 2021]
    concluded = board[1]
    assert concluded["head"] == "STC" and concluded["members"] == ["SKH", "SNV", "STC", "STP"]
    # The officer's unit joined in 2021: the 2020 year is not theirs to see, as on the cluster page.
    assert [y["year"] for y in caller(world.officer_a).get(url).json()] == [2021]
    assert [y["year"] for y in caller(world.lead_a).get(url).json()] == [2020, 2021]


def test_outside_the_scope_everything_is_404(world: World, outsider):
    cluster, year = world.cluster_a.pk, world.year_a.year
    urls = [
        f"/api/v1/clusters/{cluster}/years",
        f"/api/v1/clusters/{cluster}/years/{year}/results",
        f"/api/v1/clusters/{cluster}/export",
    ]
    for who in (world.officer_b, world.board_other, outsider):
        for url in urls:
            response = caller(who).get(url)
            assert response.status_code == 404, (who, url)
            assert response.json()["detail"].startswith("Không tìm thấy")
    before = f"/api/v1/clusters/{cluster}/years/{world.year_a_before.year}/results"
    assert caller(world.officer_a).get(before).status_code == 404
    assert caller(world.lead_a).get(before).status_code == 200


def test_results_of_a_concluded_year(world: World):
    url = f"/api/v1/clusters/{world.cluster_a.pk}/years/2021/results"
    for who in (world.board, world.lead_a, world.officer_a):
        results = caller(who).get(url).json()
        assert (results["cluster"], results["year"], results["head"]) == ("TMTH", 2021, "STC")
        assert {"unit": "STC", "award": "co", "votes": 3, "share": 0.75} in results["tally"]


def test_export_is_the_exchange_file_of_the_cluster(seed: Seed):
    board = user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=seed.organizer)
    response = caller(board).get(f"/api/v1/clusters/{seed.year.cluster_id}/export")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    text = response.content.decode("utf-8")
    assert text == dump_exchange(export_cluster(seed.year.cluster))
    data = yaml.safe_load(text)
    assert (data["cluster"]["code"], [y["year"] for y in data["years"]]) == ("TMTH", [2021])


def test_a_cluster_the_format_cannot_express_is_refused_with_the_reason(world: World):
    # The page-test cluster changes its rules between 2020 and 2021, which one file cannot say.
    response = caller(world.board).get(f"/api/v1/clusters/{world.cluster_a.pk}/export")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Không xuất được tệp trao đổi: ")


def test_the_browser_session_works_too(world: World):
    from thidua.api.tests.conftest import client_for

    response = client_for(world.lead_a).get("/api/v1/clusters")
    assert [row["code"] for row in response.json()] == ["TMTH"]
