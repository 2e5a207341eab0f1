"""POST /exchange: the board imports an exchange file; a bad file is refused with every line, nothing
written; anyone else is refused before the file is read."""

from __future__ import annotations

import pytest

from thidua.accounts.models import Role
from thidua.api.tests.conftest import World, caller, client_for, user_with
from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import conclude_as_reported
from thidua.exchange.tests.conftest import K2, RENAMED, SHARE, line_of
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db

SEED_ORGANIZER = "Ủy ban nhân dân tỉnh Lạng Sơn"


@pytest.fixture
def board_ls(db: None):
    organizer = Organizer.objects.create(name=SEED_ORGANIZER)
    return user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=organizer)


def organizer_name() -> str:
    line = next(line for line in SEED.read_text(encoding="utf-8").splitlines() if "name:" in line)
    return line.split("name:", 1)[1].strip().strip('"')


def test_the_seed_organizer_is_the_one_the_fixture_boards():
    assert organizer_name() == SEED_ORGANIZER


def test_the_board_imports_the_seed_then_replaces_it_only_when_asked(board_ls):
    body = SEED.read_text(encoding="utf-8")
    first = caller(board_ls).post("/api/v1/exchange", body)
    assert first.status_code == 201, first.content
    assert first.json()["code"] == "TMTH" and first.json()["years"] == [2021] and not first.json()["replaced"]
    assert AuditEvent.objects.filter(verb="exchange.import", actor=board_ls).count() == 1

    again = caller(board_ls).post("/api/v1/exchange", body)
    assert again.status_code == 409
    assert "?replace=true" in again.json()["detail"]
    replaced = caller(board_ls).post("/api/v1/exchange", body, replace="true")
    assert replaced.status_code == 201 and replaced.json()["replaced"]
    assert Cluster.objects.filter(code="TMTH").count() == 1


def test_a_bad_file_lists_every_error_with_its_line_and_writes_nothing(board_ls):
    text = SEED.read_text(encoding="utf-8").replace("format: 1", "format: 7", 1) + "khong_biet: 1\n"
    lines = text.splitlines()
    format_line = next(i for i, line in enumerate(lines, 1) if line.startswith("format:"))
    response = caller(board_ls).post("/api/v1/exchange", text)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Tệp trao đổi có 2 lỗi; không có dữ liệu nào được ghi."
    assert [e["line"] for e in body["errors"]] == [format_line, len(lines)]
    assert all(e["vi"] and e["en"] for e in body["errors"])
    assert "khong_biet" in body["errors"][1]["vi"]
    assert not Cluster.objects.exists()
    assert not AuditEvent.objects.filter(verb="exchange.import").exists()


def test_text_that_is_not_utf8_is_refused(board_ls):
    response = caller(board_ls).post("/api/v1/exchange", "format: 1\nname: Sở Tư pháp\n".encode("utf-16"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["vi"] == "tệp không phải văn bản UTF-8"


def test_a_board_of_another_organizer_is_refused_and_nothing_written(world: World):
    response = caller(world.board).post("/api/v1/exchange", SEED.read_text(encoding="utf-8"))
    assert response.status_code == 403
    assert "không có dữ liệu nào được ghi" in response.json()["detail"]
    assert not Cluster.objects.filter(code="TMTH", organizer__name=SEED_ORGANIZER).exists()


def test_anyone_but_a_board_does_not_find_the_endpoint(world: World, outsider):
    body = SEED.read_text(encoding="utf-8")
    for who in (world.lead_a, world.officer_a, outsider):
        assert caller(who).post("/api/v1/exchange", body).status_code == 404
    assert caller(None).post("/api/v1/exchange", body).status_code == 401


def test_a_browser_session_must_send_its_csrf_token(board_ls):
    client = client_for(board_ls)
    client.handler.enforce_csrf_checks = True
    response = client.post(
        "/api/v1/exchange", SEED.read_text(encoding="utf-8"), content_type="application/yaml"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Cluster.objects.exists()


def test_changes_to_units_another_cluster_uses_are_listed_and_made_only_when_accepted(board_ls):
    assert caller(board_ls).post("/api/v1/exchange", SEED.read_text(encoding="utf-8")).status_code == 201
    refused = caller(board_ls).post("/api/v1/exchange", K2)

    assert refused.status_code == 422
    body = refused.json()
    assert "?accept_unit_changes=true" in body["detail"] and "Không có dữ liệu nào được ghi" in body["detail"]
    assert [(e["line"], e["vi"]) for e in body["errors"]] == [
        (line_of(K2, "code: STC"), RENAMED),
        (line_of(K2, "code: SNV"), SHARE),
    ]
    assert not Cluster.objects.filter(code="K2").exists()
    assert Unit.objects.get(code="STC").name == "Sở Tài chính tỉnh Lạng Sơn"

    accepted = caller(board_ls).post("/api/v1/exchange", K2, accept_unit_changes="true")
    assert accepted.status_code == 201, accepted.content
    assert set(accepted.json()["unit_changes"]) == {RENAMED, SHARE}
    assert Unit.objects.get(code="STC").name == "Sở Tài chính"


def test_a_second_import_of_the_same_file_reports_the_concluded_year_unchanged(board_ls):
    body = SEED.read_text(encoding="utf-8")
    cluster = Cluster.objects.get(pk=caller(board_ls).post("/api/v1/exchange", body).json()["cluster"])
    conclude_as_reported(cluster.years.get(), by="kiểm thử", source="tệp kiểm thử")
    again = caller(board_ls).post("/api/v1/exchange", body, replace="true")
    assert again.status_code == 201 and again.json()["unchanged"] == [2021] and again.json()["kept"] == []
    changed_body = body.replace("    head: STC", "    head: SNV")
    changed = caller(board_ls).post("/api/v1/exchange", changed_body, replace="true")
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["vi"].startswith("năm 2021 đã chốt kết quả bình xét")
