"""Creating a cluster's next year from the web: roster and rules copied, leadership as recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import ClusterYear
from thidua.testing import factories
from thidua.testing.worlds import World, client_for, make_user

pytestmark = pytest.mark.django_db


def board_of(cluster_year: ClusterYear):
    user = make_user("bqt-hat-giong")
    factories.RoleFactory(user=user, kind=Role.Kind.BOARD, organizer=cluster_year.cluster.organizer)
    return user


def test_board_creates_2022_of_the_seed_cluster_with_next_leadership_prefilled(seed_year: ClusterYear):
    client = client_for(board_of(seed_year))
    url = reverse("front:new_year", args=[seed_year.cluster_id])
    form = client.get(url).content.decode()
    assert 'value="2022"' in form  # the year after the latest is offered

    response = client.post(url, {"year": "2022"}, follow=True)

    new = ClusterYear.objects.get(cluster=seed_year.cluster, year=2022)
    assert response.redirect_chain[-1][0] == reverse("front:edit_year", args=[seed_year.cluster_id, 2022])
    assert [u.code for u in new.member_units()] == [u.code for u in seed_year.member_units()]
    assert new.head.code == "SKHDT"
    assert [u.code for u in new.deputy_units()] == ["SNGV"]
    assert (new.method, new.quotas, new.min_approval) == (
        seed_year.method,
        seed_year.quotas,
        seed_year.min_approval,
    )
    page = response.content.decode()
    assert "Điền sẵn theo kết quả hội nghị năm 2021" in page
    assert new.head.display_name in page

    # The prefilled leadership is shown in an editable form.
    step = client.get(
        reverse("front:edit_step", args=[seed_year.cluster_id, 2022, "lanh-dao"])
    ).content.decode()
    assert f'<option value="{new.head.pk}" selected>' in step
    assert AuditEvent.objects.filter(verb="cluster_year.create", object_id=str(new.pk)).exists()


def test_without_recorded_next_leadership_the_new_year_has_no_head(world: World):
    # 2020 had no review: 2021 exists, so ask for 2022 from 2021 after clearing its recorded leadership.
    world.year_a.review.next_known = False
    world.year_a.review.save()
    client_for(world.board).post(reverse("front:new_year", args=[world.cluster_a.pk]), {"year": "2022"})
    new = ClusterYear.objects.get(cluster=world.cluster_a, year=2022)
    assert new.head is None
    assert not new.deputies_known  # not known, not "none"
    assert len(new.member_units()) == len(world.year_a.member_units())


def test_a_year_that_exists_is_refused_and_nothing_is_created(world: World):
    response = client_for(world.board).post(
        reverse("front:new_year", args=[world.cluster_a.pk]), {"year": "2021"}
    )
    assert "đã có năm 2021" in response.content.decode()
    assert world.cluster_a.years.count() == 2


def test_only_the_board_creates_a_year(world: World):
    url = reverse("front:new_year", args=[world.cluster_a.pk])
    for user in (world.lead_a, world.officer_a, world.board_other):
        assert client_for(user).post(url, {"year": "2022"}).status_code == 404
    assert not world.cluster_a.years.filter(year=2022).exists()
