"""The one writer of units, their lineage and clusters: each refusal names its field and writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.organisations import actions
from thidua.organisations.models import Cluster, Unit, UnitEvent
from thidua.testing import factories

pytestmark = pytest.mark.django_db
BY = "kiểm thử"


def _refused(call, field: str) -> str:  # type: ignore[no-untyped-def]
    before = (
        Unit.objects.count(),
        UnitEvent.objects.count(),
        Cluster.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError) as refused:
        call()
    after = (
        Unit.objects.count(),
        UnitEvent.objects.count(),
        Cluster.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    assert field in refused.value.error_dict
    return " ".join(refused.value.messages)


def test_a_unit_is_created_once_and_audited() -> None:
    organizer = factories.OrganizerFactory()
    unit = actions.create_unit(
        organizer, code=" STC ", name="Sở Tài chính", female_share=Decimal("0.45"), by=BY
    )
    assert (unit.code, unit.female_share) == ("STC", Decimal("0.45"))
    assert AuditEvent.objects.filter(verb="unit.create", object_id=str(unit.pk)).exists()
    _refused(lambda: actions.create_unit(organizer, code="STC", name="Sở Tài chính", by=BY), "code")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "", "name": "Sở"}, "code"),
        ({"code": "A B", "name": "Sở"}, "code"),
        ({"code": "x" * 65, "name": "Sở"}, "code"),
        ({"code": "A", "name": "  "}, "name"),
        ({"code": "A", "name": "Sở\x00"}, "name"),
        ({"code": "A", "name": "Sở", "female_share": Decimal("1.2")}, "female_share"),
        ({"code": "A", "name": "Sở", "female_share": Decimal("0.1234")}, "female_share"),
    ],
)
def test_a_bad_unit_is_refused(fields: dict, field: str) -> None:  # type: ignore[type-arg]
    organizer = factories.OrganizerFactory()
    _refused(lambda: actions.create_unit(organizer, by=BY, **fields), field)


def test_a_sub_unit_has_one_level_and_its_own_organizer() -> None:
    organizer = factories.OrganizerFactory()
    parent = factories.UnitFactory(organizer=organizer)
    office = actions.create_unit(organizer, code="P1", name="Phòng", parent=parent, by=BY)
    _refused(lambda: actions.create_unit(organizer, code="T1", name="Tổ", parent=office, by=BY), "parent")
    stranger = factories.UnitFactory()
    _refused(
        lambda: actions.create_unit(organizer, code="P2", name="Phòng", parent=stranger, by=BY), "parent"
    )


def test_lineage_is_added_never_twice_never_to_itself_nor_across_organizers() -> None:
    organizer = factories.OrganizerFactory()
    skh, stc = factories.UnitFactory(organizer=organizer), factories.UnitFactory(organizer=organizer)
    day = date(2025, 3, 1)
    event = actions.add_unit_event(skh, kind="merged_into", other=stc, date=day, by=BY)
    assert (event.unit, event.other, event.date) == (skh, stc, day)
    assert "đã có trong lịch sử" in _refused(
        lambda: actions.add_unit_event(skh, kind="merged_into", other=stc, date=day, by=BY), "other"
    )
    _refused(lambda: actions.add_unit_event(skh, kind="renamed_to", other=skh, date=day, by=BY), "other")
    _refused(lambda: actions.add_unit_event(skh, kind="renamed_to", other=None, date=day, by=BY), "other")
    _refused(lambda: actions.add_unit_event(skh, kind="renamed_to", other=stc, date=None, by=BY), "date")
    _refused(lambda: actions.add_unit_event(skh, kind="vanished", other=stc, date=day, by=BY), "kind")
    stranger = factories.UnitFactory()
    _refused(lambda: actions.add_unit_event(skh, kind="split_from", other=stranger, date=day, by=BY), "other")


def test_a_dissolution_is_dated_once() -> None:
    unit = factories.UnitFactory()
    actions.dissolve_unit(unit, date=date(2025, 7, 1), by=BY)
    assert Unit.objects.get(pk=unit.pk).dissolved_on == date(2025, 7, 1)
    _refused(lambda: actions.dissolve_unit(unit, date=date(2025, 8, 1), by=BY), "date")


def test_a_cluster_takes_only_its_organizers_awards_and_a_free_code() -> None:
    organizer = factories.OrganizerFactory()
    tier = factories.AwardTierFactory(organizer=organizer)
    cluster = actions.create_cluster(
        organizer, code="KT", kind="khoi", name="Khối Kinh tế", award_tiers=[tier], by=BY
    )
    assert list(cluster.award_tiers.all()) == [tier]
    _refused(lambda: actions.create_cluster(organizer, code="KT", kind="cum", name="Cụm", by=BY), "code")
    _refused(lambda: actions.create_cluster(organizer, code="K2", kind="nhom", name="Nhóm", by=BY), "kind")
    foreign = factories.AwardTierFactory()
    _refused(
        lambda: actions.create_cluster(
            organizer, code="K3", kind="cum", name="Cụm", award_tiers=[foreign], by=BY
        ),
        "award_tiers",
    )
    _refused(lambda: actions.update_cluster(cluster, kind="cum", name="", award_tiers=[], by=BY), "name")
