"""Synthetic data: as many of each thing as asked, the same for the same seed, different for another."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from thidua.emulation.models import Ballot, ClusterYear, Review
from thidua.emulation.results import results_for
from thidua.operations.synthetic import cluster_named, generate
from thidua.organisations.models import Cluster, Organizer, Unit

SMALL = {"organizers": 2, "clusters_per_organizer": 2, "units_per_cluster": 6, "years": 3}


def _results(seed: int) -> dict:
    """results.json of one cluster-year after a run on an empty database (rolled back afterwards)."""
    with transaction.atomic():
        generate(**SMALL, seed=seed, by="test")
        results = results_for(cluster_named(1, 1).years.get(year=2023), [])
        transaction.set_rollback(True)
    return results


@pytest.mark.django_db
def test_same_seed_gives_the_same_results_another_seed_differs():
    first = _results(seed=7)
    second = _results(seed=7)
    other = _results(seed=8)
    assert first == second
    assert first["tally"]
    assert other != first


@pytest.mark.django_db
def test_counts_are_as_asked_and_every_year_has_ballots_and_next_leaders(capsys):
    call_command(
        "synthetic",
        organizers=3,
        clusters_per_organizer=2,
        units_per_cluster=5,
        years=2,
        seed=3,
    )
    out = capsys.readouterr().out
    assert "Đã tạo 3 cơ quan tổ chức, 6 cụm, khối, 30 đơn vị, 12 năm thi đua" in out
    assert "giây" in out
    assert Organizer.objects.count() == 3
    assert Cluster.objects.count() == 6
    assert Unit.objects.count() == 30
    assert ClusterYear.objects.count() == 12
    assert set(ClusterYear.objects.values_list("year", flat=True)) == {2023, 2024}
    reviews = Review.objects.all()
    assert all(r.next_known and r.next_head_id and r.concluded_at for r in reviews)
    assert Ballot.objects.count() >= 12 * 3
    assert Organizer.objects.filter(name="Ủy ban nhân dân thành phố Hà Nội").exists()
    shares = set(Unit.objects.values_list("female_share", flat=True))
    assert len(shares) > 1 and None not in shares


@pytest.mark.django_db
def test_rosters_change_from_year_to_year():
    generate(organizers=1, clusters_per_organizer=3, units_per_cluster=8, years=5, seed=11, by="test")
    rosters = [
        frozenset(cy.memberships.values_list("unit__code", flat=True)) for cy in ClusterYear.objects.all()
    ]
    assert len(set(rosters)) > 3


@pytest.mark.django_db
def test_impossible_sizes_are_refused_in_vietnamese():
    with pytest.raises(CommandError, match="ít nhất"):
        call_command("synthetic", organizers=1, clusters_per_organizer=1, units_per_cluster=2, years=1)
    assert not Organizer.objects.exists()
