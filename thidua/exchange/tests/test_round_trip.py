"""export(import(file)) reads back as the same file: what was known stays known, nothing is added."""

from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from thidua.exchange.data import ExchangeData
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange, read_exchange_file
from thidua.exchange.tests.conftest import FILES

pytestmark = pytest.mark.django_db


def canonical(data: ExchangeData) -> ExchangeData:
    """Ballots as a multiset: the order they were cast in is deliberately not kept."""
    years = []
    for year in data.years:
        ballots = year.ballots
        if ballots is not None:
            ballots = tuple(sorted(ballots, key=lambda b: json.dumps(b, sort_keys=True)))
        years.append(dataclasses.replace(year, ballots=ballots))
    return dataclasses.replace(data, years=tuple(years))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_export_reads_back_as_the_imported_file(path):
    original = read_exchange_file(path)
    cluster = import_exchange(original, by="test")
    exported = dump_exchange(export_cluster(cluster))
    again = parse_exchange(exported, "exported.yaml")
    assert canonical(again) == canonical(original)

    cluster = import_exchange(again, by="test", replace=True)
    assert canonical(parse_exchange(dump_exchange(export_cluster(cluster)), "twice.yaml")) == canonical(
        original
    )


def test_export_leaves_unknowns_out_and_keeps_the_formats_key_order():
    path = next(p for p in FILES if p.name == "theo-diem.yaml")
    exported = export_cluster(import_exchange(read_exchange_file(path), by="test"))
    assert list(exported) == ["format", "organizer", "awards", "units", "cluster", "years"]
    earlier, later = exported["years"]
    assert "deputies" not in earlier and "host" not in earlier and "review" not in earlier
    assert earlier["next"] == {"head": "S2", "decided_by": "vote"}
    assert later["deputies"] == ["S5"] and "next" not in later
    assert list(yaml.safe_load(dump_exchange(exported))) == list(exported)
