from __future__ import annotations

from dataclasses import dataclass

import pytest

from thidua.organisations.models import Organizer, Unit
from thidua.testing.factories import OrganizerFactory, UnitFactory


@dataclass
class Office:
    organizer: Organizer
    stp: Unit
    sgd: Unit
    phong: Unit  # a sub-unit of Sở Tư pháp


@pytest.fixture
def office(db) -> Office:
    organizer = OrganizerFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn")
    stp = UnitFactory(organizer=organizer, code="STP", name="Sở Tư pháp", short_name="STP")
    sgd = UnitFactory(organizer=organizer, code="SGD", name="Sở Giáo dục và Đào tạo", short_name="SGD")
    phong = UnitFactory(
        organizer=organizer, code="STP-VP", name="Văn phòng Sở Tư pháp", short_name="", parent=stp
    )
    return Office(organizer, stp, sgd, phong)
