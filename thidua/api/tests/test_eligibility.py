"""POST /eligibility answers a case file exactly as `thidua eligibility` writes verdicts.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from thidua.api.tests.conftest import World, caller

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[3] / "docs" / "ELIGIBILITY.md"


def example() -> str:
    """The case file printed in docs/ELIGIBILITY.md (its first yaml block)."""
    text = DOC.read_text(encoding="utf-8")
    return text.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_verdicts_equal_the_command_line_for_the_documented_example(world: World, tmp_path):
    case_file = tmp_path / "truong-hop.yaml"
    case_file.write_text(example(), encoding="utf-8")
    call_command("eligibility", str(case_file), "--out", str(tmp_path / "verdicts.json"))
    written = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    for who in (world.officer_a, world.board):
        response = caller(who).post("/api/v1/eligibility", example())
        assert response.status_code == 200
        assert response.json() == written


def test_a_bad_case_file_lists_its_errors_by_line(world: World):
    text = example().replace("kind: person", "kind: robot", 1)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "kind: robot" in row)
    response = caller(world.officer_a).post("/api/v1/eligibility", text)
    assert response.status_code == 422
    errors = response.json()["errors"]
    # The unknown kind, then whatever depends on that subject (its query), each at its own line.
    assert errors[0]["line"] == line and all(isinstance(e["line"], int) for e in errors)
    assert "robot" in errors[0]["vi"] and errors[0]["en"]


def test_broken_yaml_is_refused_with_its_line(world: World):
    response = caller(world.officer_a).post("/api/v1/eligibility", "format: 1\nsubjects: [\n")
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] == 3


def test_anonymous_callers_are_refused(world: World):
    assert caller(None).post("/api/v1/eligibility", example()).status_code == 401
