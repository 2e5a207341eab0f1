"""Two saves of the same opened form at the same instant: the row lock makes the version check exact, so
exactly one is written and the other is refused as changed meanwhile (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest

from thidua.core.concurrency import version_of
from thidua.emulation.actions import scoring as services
from thidua.emulation.models import ItemScore, ScoreSheet
from thidua.emulation.tests.meeting.test_concurrency import at_once
from thidua.emulation.tests.scoring.helpers import make_table, make_year

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_saves_from_one_version_write_once():
    year = make_year()
    ids = make_table(year)
    unit_score = services.unit_score_for(ScoreSheet.objects.get(cluster_year=year.cluster_year), year.a)
    seen = version_of(unit_score)

    def save(points: int) -> str:
        entries = {ids["k1"]: services.Entry(points, f"lần {points}")}
        services.save_self_scores(unit_score, entries, by=year.officer_a_user, seen=seen)
        return "saved"

    assert sorted(at_once([lambda: save(40), lambda: save(50)])) == ["changed", "saved"]
    assert ItemScore.objects.get(criterion_id=ids["k1"], unit_score=unit_score).self_points in (40, 50)
