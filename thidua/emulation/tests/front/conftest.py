"""The year's pages are tested on the world of thidua.testing.worlds (the root conftest's `world`: a
cluster's lead, a member unit's officer, an officer of another cluster, the organizer's board and another
organizer's board, over one concluded review) and on the real seed year below."""

from __future__ import annotations

import pytest

from thidua.emulation.actions.review import (
    conclude_as_reported,
)
from thidua.emulation.models import ClusterYear
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.scenarios import SEED


@pytest.fixture
def seed_year(db: None) -> ClusterYear:
    """The Lạng Sơn 2021 seed cluster-year, imported as `thidua demo` does and concluded."""
    cluster = import_exchange(read_exchange_file(SEED), by="kiểm thử")
    cluster_year = cluster.years.get(year=2021)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp trao đổi")
    return cluster_year
