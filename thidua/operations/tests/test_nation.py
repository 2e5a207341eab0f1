"""A nation's or a province's synthetic data: the counts asked for, every person with an award, the registry
loaded through the importer as an office's history, the same data for the same seed."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.operations import nation
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.registry.models import Awardee, Decision, Person

SMALL = nation.Size(organizers=2, clusters=2, units=4, years=2, people=30, awards=120)


@pytest.mark.django_db
def test_a_small_nation_has_the_counts_asked_for_and_its_registry_is_imported_history():
    made = nation.make(SMALL, seed=5, by="test")
    assert (made.organizers, made.clusters, made.units, made.cluster_years) == (2, 4, 16, 8)
    assert Organizer.objects.count() == 2 and Cluster.objects.count() == 4 and Unit.objects.count() == 16
    assert made.awards == Awardee.objects.count() == 120
    assert made.people == Person.objects.count() == 30
    # Every person has an award; each organizer's people and awards are its own.
    assert not Person.objects.filter(awards__isnull=True).exists()
    for organizer in Organizer.objects.all():
        assert Awardee.objects.filter(decision__organizer=organizer).count() == 60
        assert (
            not Awardee.objects.filter(decision__organizer=organizer)
            .exclude(person__organizer=organizer)
            .exclude(person__isnull=True)
            .exists()
        )
    # History as the office brought it: marked with its file, from 2003 to the synthetic last year.
    assert not Decision.objects.filter(imported_from="").exists()
    years = set(Awardee.objects.values_list("year", flat=True))
    assert min(years) >= nation.FIRST_YEAR and len(years) > 5
    assert Awardee.objects.filter(person__isnull=True, unit__isnull=False).exists()  # collectives too


def test_the_same_seed_writes_the_same_award_list_and_another_seed_another():
    units = [f"Đơn vị {n}" for n in range(6)]

    def listed(seed: str) -> bytes:
        return nation.award_list(random.Random(seed), 0, units, people=40, awards=90).getvalue()

    assert listed("a") == listed("a")
    assert listed("a") != listed("b")
    text = listed("a").decode("utf-8")
    assert text.splitlines()[0].startswith("Họ và tên") or "Số quyết định" in text.splitlines()[0]
    assert len(text.splitlines()) == 91


def test_scaling_keeps_the_tree_and_shrinks_the_registry():
    small = nation.NATION.scaled(0.01)
    assert (small.organizers, small.clusters, small.units, small.years) == (34, 25, 10, 5)
    assert (small.people, small.awards) == (5_000, 25_000)


@pytest.mark.django_db
def test_the_command_refuses_a_wrong_scale_and_missing_sizes_in_vietnamese():
    with pytest.raises(CommandError, match="--scale"):
        call_command("synthetic", province=True, scale=2)
    with pytest.raises(CommandError, match="--organizers"):
        call_command("synthetic", organizers=1)
    assert not Organizer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_organizers_made_in_parallel_processes_on_postgresql_are_the_same_data():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has one writer, so organizers are made one after another there")
    made = nation.make(SMALL, seed=5, by="test", processes=2)
    assert made.awards == Awardee.objects.count() == 120
    assert made.people == Person.objects.count() == 30
    assert Cluster.objects.count() == 4


def _decided_years(organizers: int, first: int = 0) -> tuple[dict, dict, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.emulation.actions.review import decide
    from thidua.emulation.models import ClusterYear, Review
    from thidua.emulation.queries.results import decide_many
    from thidua.operations.synthetic import generate

    generate(
        organizers=organizers,
        clusters_per_organizer=2,
        units_per_cluster=5,
        years=2,
        seed=4,
        by="test",
        first_organizer=first,
    )
    years = list(ClusterYear.objects.all())
    one_by_one = {cy.pk: decide(cy, Review.objects.filter(cluster_year=cy).first()) for cy in years}
    with CaptureQueriesContext(connection) as queries:
        at_once = decide_many(years)
    return one_by_one, at_once, len(queries.captured_queries)


@pytest.mark.django_db
def test_every_year_decided_at_once_is_what_each_year_decides_and_costs_the_same_queries_at_any_size():
    one_by_one, at_once, queries = _decided_years(1)
    assert at_once == one_by_one and len(at_once) == 4
    assert any(decision.proposals for decision in at_once.values())
    one_by_one, at_once, more_queries = _decided_years(2, first=1)  # two more organizers' years
    assert at_once == one_by_one and len(at_once) == 12
    assert more_queries == queries


def test_a_registry_larger_than_its_units_can_hold_gives_the_rest_to_people():
    # 3 units × 22 years × 2 collective forms: 132 places for collectives, far fewer than a quarter of 2,000.
    text = nation.award_list(random.Random(1), 0, ["A", "B", "C"], people=100, awards=2_000).getvalue()
    lines = text.decode("utf-8").splitlines()[1:]
    assert len(lines) == 2_000
    collectives = [line for line in lines if ",Tập thể," in line]
    assert 0 < len(collectives) <= 66
