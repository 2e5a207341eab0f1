"""Each access token has its requests a minute (API_RATE_PER_MINUTE): past them, a 429 in JSON with a
Vietnamese message and Retry-After, documented in the OpenAPI description; other tokens go on. The public
side takes no token: neither that answer nor its documentation is theirs."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.api.api import api
from thidua.api.tests.conftest import caller

pytestmark = pytest.mark.django_db


def test_a_token_past_its_minute_waits_and_another_token_does_not(world: Any, settings: Any) -> None:
    settings.API_RATE_PER_MINUTE = 3
    portal = caller(world.board)
    for _ in range(3):
        assert portal.get("/api/v1/clusters").status_code == 200
    refused = portal.get("/api/v1/clusters")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Khóa truy cập này đã gửi quá nhiều yêu cầu: tối đa 3 yêu cầu")
    assert caller(world.board).get("/api/v1/clusters").status_code == 200


def test_every_operation_behind_a_token_documents_the_429_and_no_public_one_does() -> None:
    schema = api.get_openapi_schema()
    public = 0
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            codes = {str(code) for code in operation["responses"]}
            if path.startswith("/api/v1/public/"):
                public += 1
                assert not operation.get("security"), path
                assert "429" not in codes, path
                assert {"404", "422"} <= codes or path == "/api/v1/public/organizers", path
            else:
                assert "429" in codes, path
    assert public == 6
    award = schema["paths"]["/api/v1/public/awards/{code}"]["get"]
    assert "10" in award["description"] and "404" in award["description"]


def test_the_public_side_answers_past_a_tokens_minute(world: Any, settings: Any) -> None:
    """A public operation takes no token, so a token past its minute does not stop it (nothing documented
    as 429 happens there)."""
    settings.API_RATE_PER_MINUTE = 1
    portal = caller(world.board)
    assert portal.get("/api/v1/clusters").status_code == 200
    assert portal.get("/api/v1/clusters").status_code == 429
    assert portal.get("/api/v1/public/organizers").status_code == 200
