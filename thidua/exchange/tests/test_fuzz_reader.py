"""Fuzzing the exchange file reader: the seed file with bad values put anywhere (wrong types, huge numbers,
lone surrogates, control characters, text past every limit, nesting thousands deep), as YAML and as JSON,
and text of no shape at all. Every file is read or refused with ExchangeFileInvalid, each error in
Vietnamese with its line; nothing else escapes (a RecursionError, a TypeError… would be a 500 upstream)."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings

from thidua.exchange import reader
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.reader import parse_exchange
from thidua.scenarios import SEED
from thidua.testing.fuzz import documents, vietnamese

SEED_DOC = yaml.safe_load(SEED.read_text(encoding="utf-8"))
KEYS = tuple(
    sorted(
        reader.TOP_KEYS
        | reader.UNIT_KEYS
        | reader.CLUSTER_KEYS
        | reader.RULES_KEYS
        | reader.YEAR_KEYS
        | reader.REVIEW_KEYS
        | reader.NEXT_KEYS
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(SEED_DOC, KEYS))
def test_any_file_is_read_or_refused_in_vietnamese(text: str) -> None:
    try:
        parse_exchange(text, "tep-trao-doi.yaml")
    except ExchangeFileInvalid as refused:
        assert refused.errors
        for error in refused.errors:
            assert vietnamese(error.vi), error
            (error.vi + error.en + error.file).encode("utf-8")  # sendable: no lone surrogate quoted back
            assert error.line is None or error.line >= 1
