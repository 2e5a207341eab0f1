"""Bad input to the API's two files is refused with JSON naming what is wrong, nothing written, never a
500, the same on SQLite and PostgreSQL (text is checked in Python before the database sees it)."""

from __future__ import annotations

import pytest

from thidua.api.tests.conftest import World, caller
from thidua.api.tests.test_eligibility import example
from thidua.api.tests.test_exchange_import import board_ls  # noqa: F401 (fixture)
from thidua.core.models import AuditEvent
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db

NAME = '"Sở Tư pháp tỉnh Lạng Sơn"'


def seed(old: str = "", new: str = "") -> str:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def deep(depth: int = 1000) -> str:
    return "[" * depth + "]" * depth


def refused(board, text: str) -> list[dict]:
    response = caller(board).post("/api/v1/exchange", text)
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/json")
    assert not Cluster.objects.filter(code="TMTH").exists()
    assert not Unit.objects.exists()
    assert not AuditEvent.objects.filter(verb="exchange.import").exists()
    return response.json()["errors"]


def test_a_list_nested_a_thousand_deep_is_refused_with_its_line(board_ls):  # noqa: F811
    errors = refused(board_ls, seed("source: ", f"deep: {deep()}\nsource: "))
    assert "lồng nhau quá 20 cấp" in errors[0]["vi"] and errors[0]["line"] == 10


def test_an_unknown_tag_is_refused(board_ls):  # noqa: F811
    errors = refused(board_ls, seed("name: " + NAME, "name: !python/object " + NAME))
    assert "thẻ YAML không được hỗ trợ '!python/object'" in errors[0]["vi"]


def test_an_alias_is_refused(board_ls):  # noqa: F811
    text = seed("tie_break: [score, female_share]", "tie_break: &t [score, female_share]\n    exclusive: *t")
    assert "*t" in refused(board_ls, text)[0]["vi"]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (NAME, '"Sở Tư pháp \\ud800"', "ký tự không hợp lệ"),
        (NAME, '"Sở Tư\\0 pháp"', "ký tự điều khiển"),
        (NAME, '"' + "Sở Tư pháp " * 30 + '"', "quá dài: tối đa 255 ký tự"),
        ("code: STP,", f"code: {'S' * 100},", "quá dài: tối đa 64 ký tự"),
        ("code: TMTH", f"code: {'T' * 100}", "quá dài: tối đa 64 ký tự"),
    ],
)
def test_text_no_database_can_hold_alike_is_refused_before_it_is_written(board_ls, old, new, said):  # noqa: F811
    errors = refused(board_ls, seed(old, new))
    assert any(said in error["vi"] for error in errors), errors


def test_a_name_written_in_decomposed_unicode_is_stored_composed(board_ls):  # noqa: F811
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Sở Tư pháp tỉnh Lạng Sơn")
    assert caller(board_ls).post("/api/v1/exchange", seed(NAME, f'"{decomposed}"')).status_code == 201
    assert Unit.objects.filter(name="Sở Tư pháp tỉnh Lạng Sơn").exists()


def test_more_ballots_than_a_meeting_can_have_are_refused(board_ls):  # noqa: F811
    ballot = "      - {co-ubnd: [STC], bk-ct: [VPDBQH, SNGV]}\n"
    errors = refused(board_ls, seed("    ballots:\n", "    ballots:\n" + ballot * 1001))
    assert any("1008 phiếu bầu" in error["vi"] for error in errors), errors


def test_a_body_over_the_limit_gets_a_json_413(board_ls):  # noqa: F811
    big = "# " + "x" * (3 * 1024 * 1024) + "\n"
    for path in ("/api/v1/exchange", "/api/v1/eligibility"):
        response = caller(board_ls).post(path, big)
        assert response.status_code == 413
        assert response["Content-Type"].startswith("application/json")
        assert "lớn hơn 2 MB" in response.json()["detail"]
    assert not Organizer.objects.exclude(pk=board_ls.roles.get().organizer_id).exists()


def test_the_eligibility_file_is_bounded_in_depth_and_queries(world: World):
    deep_file = example().replace("queries:", f"extra: {deep()}\nqueries:", 1)
    response = caller(world.officer_a).post("/api/v1/eligibility", deep_file)
    assert response.status_code == 422 and "lồng nhau" in response.json()["errors"][0]["vi"]

    query = "  - {subject: P1, award: chien-si-thi-dua-tinh, year: 2024}\n"
    many = example() + query * 2001
    response = caller(world.officer_a).post("/api/v1/eligibility", many)
    assert response.status_code == 422
    assert "tối đa 2000" in response.json()["errors"][0]["vi"]

    surrogate = example().replace('name: "Sở Tư pháp"', 'name: "Sở \\udc00"', 1)
    response = caller(world.officer_a).post("/api/v1/eligibility", surrogate)
    assert response.status_code == 422 and "ký tự không hợp lệ" in response.json()["errors"][0]["vi"]


def test_the_openapi_description_lists_the_refusals(world: World):
    schema = caller(world.board).get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if operation.get("parameters") or method == "post":
                assert "422" in operation["responses"], (method, path)
    assert "413" in schema["paths"]["/api/v1/exchange"]["post"]["responses"]
    assert "413" in schema["paths"]["/api/v1/eligibility"]["post"]["responses"]
