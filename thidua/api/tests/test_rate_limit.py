"""Each access token has its requests a minute (API_RATE_PER_MINUTE): past them, a 429 in JSON with a
Vietnamese message and Retry-After, documented in the OpenAPI description; other tokens go on."""

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


def test_every_operation_documents_the_429() -> None:
    schema = api.get_openapi_schema()
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "429" in {str(code) for code in operation["responses"]}
