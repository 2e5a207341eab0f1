"""Sub-units (phòng, ban, đơn vị trực thuộc): one level under a unit of the same organizer, entered in the
admin under their unit, and never offered as cluster members, leaders or hosts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.emulation.forms.edit import LeadershipForm, ReviewFactsForm, RosterForm
from thidua.emulation.views.presenters import leader_words
from thidua.organisations.models import Unit
from thidua.testing import factories
from thidua.testing.worlds import pass_code_step

pytestmark = pytest.mark.django_db


def _unit_with_phong() -> tuple[Unit, Unit]:
    unit = factories.UnitFactory(code="STC", name="Sở Tài chính")
    phong = Unit.objects.create(organizer=unit.organizer, parent=unit, code="STC-TCCB", name="Phòng Tổ chức")
    return unit, phong


def test_a_sub_unit_is_one_level_under_a_unit_of_the_same_organizer() -> None:
    unit, phong = _unit_with_phong()
    with pytest.raises(ValidationError, match="chỉ ghi một cấp"):
        Unit(organizer=unit.organizer, parent=phong, code="X", name="Tổ").full_clean()
    elsewhere = factories.UnitFactory()
    with pytest.raises(ValidationError, match="cùng cơ quan tổ chức"):
        Unit(organizer=elsewhere.organizer, parent=unit, code="Y", name="Tổ").full_clean()
    with pytest.raises(ValidationError, match="đang có đơn vị trực thuộc"):
        unit.parent = factories.UnitFactory(organizer=unit.organizer)
        unit.full_clean()


def test_cluster_pickers_offer_members_not_sub_units() -> None:
    member = factories.MembershipFactory()
    cluster_year, unit = member.cluster_year, member.unit
    phong = Unit.objects.create(organizer=unit.organizer, parent=unit, code="PH", name="Phòng Kế toán")
    roster = RosterForm(cluster_year=cluster_year)
    offered = [value for value, _ in roster.fields["members"].widget.choices]
    assert unit.pk in offered and phong.pk not in offered
    assert not RosterForm({"members": [phong.pk]}, cluster_year=cluster_year).is_valid()
    leadership = LeadershipForm(cluster_year=cluster_year, words=leader_words(cluster_year.cluster.kind))
    hosts = [value for value, _ in leadership.fields["host"].widget.choices]
    assert unit.pk in hosts and phong.pk not in hosts
    facts = ReviewFactsForm({"present": [phong.pk]}, cluster_year=cluster_year)
    assert not facts.is_valid() and "present" in facts.errors


def test_the_admin_adds_sub_units_under_their_unit() -> None:
    unit = factories.UnitFactory(code="STP", name="Sở Tư pháp")
    factories.UnitFactory(organizer=unit.organizer, code="TAKEN")
    admin = factories.UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pass_code_step(client, admin)  # the admin site asks for the code step
    url = reverse("admin:organisations_unit_change", args=[unit.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Đơn vị trực thuộc (phòng, ban)" in page.text

    def post(code: str) -> object:
        return client.post(
            url,
            {
                "organizer": unit.organizer_id,
                "code": unit.code,
                "name": unit.name,
                "short_name": unit.short_name,
                "female_share": "0.5",
                "parent": "",
                "sub_units-TOTAL_FORMS": "1",
                "sub_units-INITIAL_FORMS": "0",
                "sub_units-0-code": code,
                "sub_units-0-name": "Phòng Hành chính tư pháp",
                "sub_units-0-short_name": "",
                "events-TOTAL_FORMS": "0",
                "events-INITIAL_FORMS": "0",
            },
        )

    refused = post("TAKEN")
    assert refused.status_code == 200 and "Mã «TAKEN» đã dùng cho một đơn vị khác." in refused.text
    assert not unit.sub_units.exists()
    assert post("STP-HCTP").status_code == 302
    phong = unit.sub_units.get()
    assert (phong.code, phong.organizer_id) == ("STP-HCTP", unit.organizer_id)
