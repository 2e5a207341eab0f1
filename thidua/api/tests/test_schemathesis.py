"""schemathesis against the API's own OpenAPI description (openapi.json), in process through the WSGI
application, with a board officer's real token in the test world.

Each operation gets a few derandomized examples (the suite's fixed hypothesis profile): values that fit the
description, values that break it, and the world's own cluster and year as path parameters, so the answers
with data in them are checked too. Every answer is below 500, has a status code the description lists, and
a body of the declared type and schema. The world is built once for all operations: the walk takes seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as bounded
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from thidua.api.services import issue_token
from thidua.scenarios import SEED
from thidua.testing.worlds import World
from thidua.wsgi import application

pytestmark = pytest.mark.django_db

SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12


@pytest.fixture
def _one_connection() -> Iterator[None]:
    """The WSGI application closes the database connection at the end of each request, which inside the
    test's transaction would lose the world; Django's test client holds it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _documented_cases(world: World) -> list[tuple[str, dict[str, Any], int]]:
    """Files that read well, so the answers past the reader are checked too: the seed exchange file as the
    world's organizer's (a new cluster of the world's units: refused until the unit changes are accepted,
    imported, then 409 without ?replace, then replaced), and
    the case file of ELIGIBILITY.md, each as the document schemathesis writes back as YAML, with the status
    it must get."""
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    seed["organizer"]["name"] = world.cluster_a.organizer.name
    seed["cluster"]["code"] = "TMTH-API"
    case_file = (Path(django_settings.BASE_DIR) / "docs" / "ELIGIBILITY.md").read_text(encoding="utf-8")
    example = yaml.safe_load(case_file.split("```yaml\n", 1)[1].split("```", 1)[0])
    return [
        ("POST /api/v1/exchange", {"body": seed}, 422),  # it renames units the world's clusters share
        ("POST /api/v1/exchange", {"body": seed, "accept_unit_changes": "true"}, 201),
        ("POST /api/v1/exchange", {"body": seed}, 409),
        ("POST /api/v1/exchange", {"body": seed, "replace": "true", "accept_unit_changes": "true"}, 201),
        ("POST /api/v1/eligibility", {"body": example}, 200),
    ]


def _cases(operation: Any, world: World) -> st.SearchStrategy[Any]:
    names = {parameter.name for parameter in operation.path_parameters}
    real = {
        "cluster_id": world.cluster_a.pk,
        "year": world.year_a.year,
        "organizer_id": world.cluster_a.organizer_id,
    }
    strategies = [operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]
    if names:
        known = {name: value for name, value in real.items() if name in names}
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known))
    return st.one_of(strategies)


@pytest.mark.usefixtures("_one_connection")
def test_every_operation_answers_as_described(world: World, settings: Any) -> None:
    # A hundred requests in a minute from one token: the limit has its own test (test_rate_limit.py).
    settings.API_RATE_PER_MINUTE = 0
    token = issue_token(world.board, label="schemathesis", by="kiểm thử")[1]
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in SCHEMA.get_all_operations()]
    assert len(operations) == 14  # every operation of the API (a new one is walked without asking)

    for operation in operations:

        @bounded(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        @given(case=_cases(operation, world))
        def answers_as_described(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_as_described()

    by_label = {operation.label: operation for operation in operations}
    for label, sent, status in _documented_cases(world):
        query = {key: value for key, value in sent.items() if key != "body"}
        case = by_label[label].Case(body=sent["body"], media_type="application/yaml", query=query)
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        assert response.status_code == status, (label, query, response.text[:500])
