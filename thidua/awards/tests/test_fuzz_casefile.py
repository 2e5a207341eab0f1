"""Fuzzing the eligibility case file reader and the engine behind it: the documented example with bad
values anywhere, as YAML and JSON, and text of no shape. Every file is answered or refused with
CaseFileInvalid, each error naming its place and said in Vietnamese; a file that reads is answered for
every query without an exception (a fact of an odd type must be refused by the reader, not crash a rule)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings

from thidua.awards import casefile
from thidua.awards.casefile import CaseFileInvalid, answer, parse_case_file
from thidua.testing.fuzz import documents, vietnamese

DOC = Path(django_settings.BASE_DIR) / "docs" / "ELIGIBILITY.md"
EXAMPLE = yaml.safe_load(DOC.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0])
KEYS = tuple(
    sorted(
        casefile.TOP_KEYS
        | set().union(*casefile.SUBJECT_KEYS.values())
        | casefile.YEAR_KEYS
        | casefile.HOLD_KEYS
        | casefile.QUERY_KEYS
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(EXAMPLE, KEYS))
def test_any_case_file_is_answered_or_refused_in_vietnamese(text: str) -> None:
    try:
        case_file = parse_case_file(text, "truong-hop.yaml")
    except CaseFileInvalid as refused:
        assert refused.errors
        for error in refused.errors:
            assert error.startswith("truong-hop.yaml"), error
            assert vietnamese(error.split(" / ")[0]), error
            error.encode("utf-8")  # sendable: no lone surrogate quoted back
        return
    verdicts = answer(case_file)
    assert len(verdicts) == len(case_file.queries)
    for verdict in verdicts:
        json.dumps(verdict.as_dict(), ensure_ascii=False).encode("utf-8")
        assert verdict.as_dict()["verdict"] in {"eligible", "not_eligible", "on_hold", "missing_information"}
