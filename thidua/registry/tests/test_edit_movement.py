"""The board corrects a movement's name, dates and awards on its own page; a change that would leave a
proposal already made under it outside it (an award it uses unticked, dates no longer covering its year) is
refused with the reason beside the field, nothing changed and the typed values kept. Audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import Movement
from thidua.registry.tests.test_tracks import BK, _movement
from thidua.testing.worlds import BY, World, client_for

pytestmark = pytest.mark.django_db
CSTD = "chien-si-thi-dua-tinh"


def _with_proposal(world: World) -> Movement:
    movement = _movement(world)
    organizer, stp = world.cluster_a.organizer, world.units["STP"]
    services.propose(
        organizer=organizer, award=BK, year=2021, proposed_by=stp, unit=stp, movement=movement, by=BY
    )
    return movement


def _url(movement: Movement) -> str:
    return reverse("registry:movement_edit", args=[movement.pk])


def test_the_board_renames_and_widens_a_movement_and_it_is_audited(world: World):
    movement = _with_proposal(world)
    page = client_for(world.board).get(_url(movement))
    assert page.status_code == 200
    assert 'value="Phong trào thi đua chuyển đổi số năm 2021"' in page.content.decode()
    response = client_for(world.board).post(
        _url(movement),
        {"name": "Thi đua chuyển đổi số", "start": "01/01/2021", "end": "31/12/2022", "awards": [BK, CSTD]},
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert (movement.name, movement.start, movement.end) == (
        "Thi đua chuyển đổi số",
        date(2021, 1, 1),
        date(2022, 12, 31),
    )
    assert movement.awards == [BK, CSTD]
    event = AuditEvent.objects.get(verb="registry.movement.change", object_id=str(movement.pk))
    assert event.data["changed"]["name"] == [
        "Phong trào thi đua chuyển đổi số năm 2021",
        "Thi đua chuyển đổi số",
    ]
    assert event.data["changed"]["end"] == ["2021-12-31", "2022-12-31"]


def test_removing_an_award_a_proposal_uses_is_refused_and_the_typed_values_kept(world: World):
    movement = _with_proposal(world)
    response = client_for(world.board).post(
        _url(movement),
        {"name": "Tên mới đã gõ", "start": "01/03/2021", "end": "31/12/2021", "awards": [CSTD]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Đã có đề nghị theo phong trào này với hình thức: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    )
    assert 'value="Tên mới đã gõ"' in html
    movement.refresh_from_db()
    assert movement.name == "Phong trào thi đua chuyển đổi số năm 2021" and movement.awards == [BK]
    assert not AuditEvent.objects.filter(verb="registry.movement.change").exists()


def test_dates_that_no_longer_cover_a_proposals_year_are_refused(world: World):
    movement = _with_proposal(world)
    response = client_for(world.board).post(
        _url(movement), {"name": movement.name, "start": "01/01/2022", "end": "", "awards": [BK]}
    )
    assert response.status_code == 400
    assert "Đã có đề nghị theo phong trào này cho năm 2021, ngoài thời gian mới" in response.content.decode()
    movement.refresh_from_db()
    assert movement.start == date(2021, 3, 1)


def test_a_name_another_movement_has_is_refused(world: World):
    movement = _with_proposal(world)
    client_for(world.board).post(
        reverse("registry:movements"), {"name": "Thi đua khác", "start": "01/04/2021"}
    )
    response = client_for(world.board).post(
        _url(movement), {"name": "thi đua khác", "start": "01/03/2021", "awards": [BK]}
    )
    assert response.status_code == 400
    assert "Cơ quan tổ chức đã có phong trào mang tên này." in response.content.decode()


def test_only_the_organizers_board_opens_the_edit_page(world: World):
    movement = _with_proposal(world)
    for user in (world.officer_a, world.lead_a, world.board_other):
        assert client_for(user).get(_url(movement)).status_code == 404
        assert client_for(user).post(_url(movement), {"name": "x", "start": "01/03/2021"}).status_code == 404
    movement.refresh_from_db()
    assert movement.name == "Phong trào thi đua chuyển đổi số năm 2021"


def test_the_movements_list_links_to_each_edit_page(world: World):
    movement = _with_proposal(world)
    html = client_for(world.board).get(reverse("registry:movements")).content.decode()
    assert f'href="{_url(movement)}"' in html
