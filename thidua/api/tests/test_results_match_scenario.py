"""The results endpoint answers exactly what `thidua scenario` writes to results.json for the seed."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from thidua.accounts.models import Role
from thidua.api.tests.conftest import caller, user_with
from thidua.organisations.models import Cluster
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db


def test_results_equal_the_scenario_results_json(tmp_path):
    call_command("scenario", str(SEED), "--out", str(tmp_path))
    written = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    cluster = Cluster.objects.get(code=written["cluster"])
    board = user_with("bqt-ls", kind=Role.Kind.BOARD, organizer=cluster.organizer)
    response = caller(board).get(f"/api/v1/clusters/{cluster.pk}/years/{written['year']}/results")
    assert response.status_code == 200
    assert response.json() == written
