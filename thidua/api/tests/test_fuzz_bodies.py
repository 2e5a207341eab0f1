"""Fuzzing the API's bodies and parameters with a board officer's token: the seed exchange file and the
documented case file with bad values anywhere, sent as JSON (lone surrogates escaped, huge integers,
wrong types, nesting thousands deep) or YAML, any bytes at all, and odd values in the registry search's
query. Every answer is JSON below 500; a refusal says what is wrong in Vietnamese and leaves every table
as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.api.tests.conftest import Caller, caller
from thidua.api.tests.test_exchange_import import board_ls  # noqa: F401 (fixture)
from thidua.awards.tests.test_fuzz_casefile import EXAMPLE
from thidua.awards.tests.test_fuzz_casefile import KEYS as CASE_KEYS
from thidua.exchange.tests.test_fuzz_reader import KEYS as EXCHANGE_KEYS
from thidua.exchange.tests.test_fuzz_reader import SEED_DOC
from thidua.testing.fuzz import HUGE_INTS, ODD_TEXT, documents, table_counts, vietnamese

pytestmark = pytest.mark.django_db
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

BODIES = st.one_of(
    documents(SEED_DOC, EXCHANGE_KEYS).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)
CASE_BODIES = st.one_of(
    documents(EXAMPLE, CASE_KEYS).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)
CONTENT_TYPES = st.sampled_from(
    ["application/json", "application/yaml", "text/plain", "application/x-www-form-urlencoded"]
)


def _checked(response: Any, before: dict[str, int]) -> None:
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    if response.status_code >= 400:
        assert table_counts() == before
        assert vietnamese(json.dumps(body, ensure_ascii=False)), body


def _post(who: Caller, path: str, body: bytes, content_type: str, query: str = "") -> Any:
    return who.client.post(path + query, body, content_type=content_type, headers=who.headers)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(body=BODIES, content_type=CONTENT_TYPES, replace=st.booleans())
def test_any_exchange_body_is_imported_or_refused_with_nothing_written(
    board_ls: Any,  # noqa: F811
    body: bytes,
    content_type: str,
    replace: bool,
) -> None:
    who = caller(board_ls)  # a token each: the per-token rate limit is not what is tried here
    before = table_counts()
    query = "?replace=true" if replace else ""
    _checked(_post(who, "/api/v1/exchange", body, content_type, query), before)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(body=CASE_BODIES, content_type=CONTENT_TYPES)
def test_any_case_file_body_is_answered_or_refused(
    board_ls: Any,  # noqa: F811
    body: bytes,
    content_type: str,
) -> None:
    who = caller(board_ls)
    before = table_counts()
    _checked(_post(who, "/api/v1/eligibility", body, content_type), before)


QUERY_VALUES = st.one_of(
    ODD_TEXT, HUGE_INTS.map(str), st.sampled_from(["[]", "{}", "true", "-1", "1e9", "%00"])
)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(
    st.dictionaries(
        st.sampled_from(["q", "year", "award", "unit", "grantor", "after", "before", "page_size"]),
        QUERY_VALUES,
        max_size=4,
    )
)
def test_odd_registry_search_parameters_are_answered_in_json(
    board_ls: Any,  # noqa: F811
    params: dict[str, str],
) -> None:
    who = caller(board_ls)
    before = table_counts()
    params = {
        key: value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        for key, value in params.items()
    }
    _checked(who.get("/api/v1/registry/awards", **params), before)


def test_a_lone_surrogate_quoted_back_in_an_error_is_replaced_not_a_server_error(board_ls: Any) -> None:  # noqa: F811
    body = json.dumps({**SEED_DOC, "\ud800": 1}, default=str).encode()
    response = _post(caller(board_ls), "/api/v1/exchange", body, "application/json")
    assert response.status_code == 422
    assert "«\ufffd»" in response.json()["errors"][0]["vi"]


@pytest.mark.parametrize("name", ["q", "award", "grantor"])
def test_a_nul_byte_in_a_registry_filter_is_refused_the_same_on_both_databases(
    board_ls: Any,  # noqa: F811 (the fixture)
    name: str,
) -> None:
    response = caller(board_ls).get("/api/v1/registry/awards", **{name: "Sở\x00"})
    assert response.status_code == 422
    assert "ký tự điều khiển" in response.json()["errors"][0]["msg"]
