"""Importing a checked file writes the cluster's years exactly as the file states them, or nothing at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.models import Ballot, ClusterYear, Review
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange, read_exchange_file
from thidua.exchange.tests.conftest import FILES, edited
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db


def test_seed_imports_its_roster_leaders_ballots_and_next_leadership():
    cluster = import_exchange(read_exchange_file(SEED), by="test")
    cluster_year = cluster.years.get(year=2021)
    assert [u.code for u in cluster_year.member_units()] == [
        "STC",
        "SKHDT",
        "VPUBND",
        "VPDBQH",
        "SNV",
        "STP",
        "SNGV",
    ]
    assert cluster_year.head.code == "STC" and [u.code for u in cluster_year.deputy_units()] == ["SKHDT"]
    assert cluster_year.quotas == {"co-ubnd": 1, "bk-ct": 2}
    assert cluster_year.tie_break == ["score", "female_share"] and cluster_year.exclusive is True
    assert [t.code for t in cluster.ordered_tiers()] == ["co-ubnd", "bk-ct"]
    review = cluster_year.review
    assert review.ballots.count() == 7 and review.ballots_known and review.outcome is None
    assert review.next_known and review.next_head.code == "SKHDT"
    assert [u.code for u in review.next_deputy_units()] == ["SNGV"] and review.next_decided_by == "vote"
    assert review.present.count() == 7 and review.present_known
    stc = cluster_year.memberships.get(unit__code="STC")
    assert (stc.score, stc.rating) == (Decimal("98.5"), "xuat-sac")
    assert Unit.objects.get(code="SKHDT").events.get().other.code == "STC"
    audit = AuditEvent.objects.get(verb="exchange.import")
    assert audit.actor_label == "test" and audit.data["years"] == [2021]


def test_a_ballot_row_holds_its_choices_and_nothing_else():
    import_exchange(read_exchange_file(SEED), by="test")
    # Whatever else a ballot may carry (a receipt given to a voter), an imported one carries nothing.
    others = [f for f in Ballot._meta.concrete_fields if f.name not in {"id", "review", "choices"}]
    for ballot in Ballot.objects.all():
        assert all(getattr(ballot, f.attname) in (None, "", f.get_default()) for f in others)
    assert {"co-ubnd": ["STC", "VPDBQH"], "bk-ct": ["VPDBQH", "SNV"]} in [
        b.choices for b in Ballot.objects.all()
    ]


def test_unknowns_are_stored_as_unknown():
    cluster = import_exchange(read_exchange_file(FILES[-1]), by="test")  # theo-diem.yaml
    earlier = cluster.years.get(year=2024)
    assert not earlier.deputies_known and earlier.host is None
    review = earlier.review
    assert not review.ballots_known and review.outcome is None and not review.present_known
    assert review.next_known and review.next_head.code == "S2" and not review.next_deputies_known
    later = cluster.years.get(year=2025)
    assert later.deputies_known and not later.review.next_known
    assert earlier.tie_break == ["score"] and earlier.exclusive  # the format's stated defaults


def test_acclamation_outcome_and_unnamed_are_kept():
    path = next(p for p in FILES if p.name == "suy-ton.yaml")
    year = import_exchange(read_exchange_file(path), by="test").years.get()
    assert year.deputies_known and year.deputy_units() == [] and year.host.code == "MT3"
    assert year.review.outcome == {"co-mt": ["MT1"], "bk-mt": ["MT4", "MT2"]}
    assert year.review.unnamed == {"bk-mt": 1} and year.review.status == "approved"
    assert year.review.ballots.count() == 0 and not year.review.ballots_known


def test_importing_the_same_cluster_twice_is_refused_and_changes_nothing():
    data = read_exchange_file(SEED)
    import_exchange(data, by="test")
    audited = AuditEvent.objects.count()
    changed = parse_exchange(
        edited(SEED.read_text(encoding="utf-8"), "    head: STC", "    head: SNV"), "again.yaml"
    )
    with pytest.raises(ExchangeFileInvalid) as raised:
        import_exchange(changed, by="test")
    assert "--replace" in str(raised.value) and "TMTH" in str(raised.value)
    assert ClusterYear.objects.get().head.code == "STC"
    assert Ballot.objects.count() == 7 and AuditEvent.objects.count() == audited


def test_replace_updates_a_year_not_concluded_and_keeps_its_ballots():
    text = SEED.read_text(encoding="utf-8")
    import_exchange(read_exchange_file(SEED), by="test")
    ballots = set(Ballot.objects.values_list("pk", flat=True))
    changed = edited(text, "    head: STC", "    head: SNV")
    changed = edited(changed, "    scores: {STC: 98.5,", "    scores: {STC: 99,")
    import_exchange(parse_exchange(changed, "new.yaml"), by="test", replace=True)
    assert Cluster.objects.count() == 1 and ClusterYear.objects.get().head.code == "SNV"
    assert ClusterYear.objects.get().memberships.get(unit__code="STC").score == Decimal("99")
    assert set(Ballot.objects.values_list("pk", flat=True)) == ballots and Review.objects.count() == 1
    assert Unit.objects.count() == 7 and AwardTier.objects.count() == 2


def test_a_second_cluster_of_the_same_organizer_shares_its_units_without_erasing_what_it_does_not_state():
    import_exchange(read_exchange_file(SEED), by="test")
    other = (
        'format: 1\norganizer: {name: "Ủy ban nhân dân tỉnh Lạng Sơn"}\n'
        'awards: [{code: bk-ct, name: "Bằng khen của Chủ tịch UBND tỉnh", grantor: "Chủ tịch UBND tỉnh"}]\n'
        'units: [{code: STC, name: "Sở Tài chính"}]\n'
        'cluster: {code: K2, kind: khoi, name: "Khối 2", rules: {method: score}}\n'
        "years: [{year: 2022, members: [STC]}]\n"
    )
    # STC is renamed for both clusters: accepted here (test_shared_units: refused unless accepted).
    import_exchange(parse_exchange(other, "k2.yaml"), by="test", accept_unit_changes=True)
    organizer = Organizer.objects.get()
    assert organizer.province == "Lạng Sơn" and organizer.clusters.count() == 2
    stc = Unit.objects.get(code="STC")
    assert stc.name == "Sở Tài chính" and stc.female_share == Decimal("0.45")
    assert AwardTier.objects.get(code="bk-ct").grantor == "Chủ tịch UBND tỉnh"
