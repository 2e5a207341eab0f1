"""The tracks of the board's year: a cluster's review, a unit's yearly proposals, and the thematic or ad
hoc movements the board launches on its own page. The worklist filters by track and movement; every count
of the dashboard by track, by award and track, and by movement equals the list it links to."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.models import Review
from thidua.registry.actions import proposals as services
from thidua.registry.actions.movements import launch_movement
from thidua.registry.models import AwardProposal, Movement
from thidua.testing.worlds import BY, World, client_for

pytestmark = pytest.mark.django_db

MOVEMENTS, PROPOSALS, DASHBOARD = (
    reverse("registry:movements"),
    reverse("registry:proposals"),
    reverse("registry:dashboard"),
)
BK = "bang-khen-chu-tich-tinh"


def _movement(world: World) -> Movement:
    return launch_movement(
        world.cluster_a.organizer,
        name="Phong trào thi đua chuyển đổi số năm 2021",
        start=date(2021, 3, 1),
        end=date(2021, 12, 31),
        awards=[BK],
        by=BY,
    )


def _three_tracks(world: World) -> dict[str, list[AwardProposal]]:
    """Proposals of 2021 by every track: the cluster's review, a unit's own, one under a movement."""
    review = Review.objects.get(cluster_year=world.year_a)
    cluster = services.proposals_from_review(review, by=BY, due=date(2022, 2, 15))
    organizer, stp = world.cluster_a.organizer, world.units["STP"]
    own = services.propose(organizer=organizer, award=BK, year=2021, proposed_by=stp, unit=stp, by=BY)
    under = services.propose(
        organizer=organizer,
        award=BK,
        year=2021,
        proposed_by=stp,
        unit=world.units["SNV"],
        movement=_movement(world),
        by=BY,
    )
    return {"cum": cluster, "don-vi": [own], "phong-trao": [under]}


def _listed(user, url: str) -> list[str]:
    """The proposal links of the worklist at `url`."""
    html = client_for(user).get(url).content.decode()
    if 'id="h-list"' not in html:
        return []
    listing = html[html.index('id="h-list"') :]
    return re.findall(r'href="/khen-thuong/de-nghi/(\d+)/"', listing)


def test_the_board_launches_a_movement_on_its_page_and_it_is_audited(world: World):
    response = client_for(world.board).post(
        MOVEMENTS,
        {"name": "Thi đua cải cách hành chính", "start": "01/04/2021", "end": "30/11/2021", "awards": [BK]},
    )
    assert response.status_code == 302
    movement = Movement.objects.get(name="Thi đua cải cách hành chính")
    assert movement.awards == [BK] and movement.organizer == world.cluster_a.organizer
    assert AuditEvent.objects.filter(verb="registry.movement.launch", object_id=str(movement.pk)).exists()
    html = client_for(world.board).get(MOVEMENTS).content.decode()
    assert "Thi đua cải cách hành chính" in html and "01/04/2021" in html


def test_a_movement_ending_before_its_launch_is_refused_and_the_typed_name_kept(world: World):
    response = client_for(world.board).post(
        MOVEMENTS, {"name": "Thi đua ngược ngày", "start": "01/04/2021", "end": "01/03/2021"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ngày kết thúc không được trước ngày phát động." in html
    assert 'value="Thi đua ngược ngày"' in html
    assert not Movement.objects.exists()


def test_a_unit_officer_cannot_see_the_movements_page(world: World):
    assert client_for(world.officer_a).get(MOVEMENTS).status_code == 404
    assert (
        client_for(world.board_other).get(f"{MOVEMENTS}?to_chuc={world.cluster_a.organizer_id}").status_code
        == 404
    )


def test_a_proposal_under_a_movement_must_ask_for_an_award_the_movement_leads_to(world: World):
    movement = _movement(world)
    stp = world.units["STP"]
    response = client_for(world.officer_a).post(
        reverse("registry:propose"),
        {
            "award": "tap-the-lao-dong-xuat-sac",
            "year": "2021",
            "proposed_by": stp.pk,
            "unit": stp.pk,
            "movement": movement.pk,
        },
    )
    assert response.status_code == 200
    assert "chỉ dẫn tới: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in response.content.decode()
    assert not AwardProposal.objects.filter(movement=movement).exists()


def test_the_officer_proposes_under_a_movement_from_the_form(world: World):
    movement = _movement(world)
    stp = world.units["STP"]
    response = client_for(world.officer_a).post(
        reverse("registry:propose"),
        {"award": BK, "year": "2021", "proposed_by": stp.pk, "unit": stp.pk, "movement": movement.pk},
    )
    assert response.status_code == 302
    assert AwardProposal.objects.get(movement=movement).unit == stp


def test_the_worklist_filters_by_track_and_by_movement(world: World):
    tracks = _three_tracks(world)
    organizer = world.cluster_a.organizer.pk
    for track, proposals in tracks.items():
        listed = _listed(world.board, f"{PROPOSALS}?to_chuc={organizer}&nam=2021&loai={track}")
        assert sorted(listed) == sorted(str(p.pk) for p in proposals), track
    movement = Movement.objects.get()
    listed = _listed(world.board, f"{PROPOSALS}?to_chuc={organizer}&nam=2021&phong_trao={movement.pk}")
    assert listed == [str(tracks["phong-trao"][0].pk)]
    # An unknown track is no filter at all, never an error.
    everything = _listed(world.board, f"{PROPOSALS}?to_chuc={organizer}&nam=2021&loai=khac")
    assert len(everything) == sum(len(p) for p in tracks.values())


def _counts(html: str) -> list[tuple[str, str, int]]:
    found = re.findall(r'<a class="count" data-count="(\w+)" href="([^"]+)">(?:<strong>)?(\d+)', html)
    return [(kind, unescape(url), int(n)) for kind, url, n in found]


@pytest.mark.parametrize("kind", ["track", "award_track", "movement"])
def test_every_count_by_track_on_the_dashboard_equals_the_list_it_links_to(world: World, kind: str):
    tracks = _three_tracks(world)
    html = client_for(world.board).get(f"{DASHBOARD}?nam=2021").content.decode()
    counts = [(url, n) for k, url, n in _counts(html) if k == kind]
    assert counts and any(n for _url, n in counts)
    if kind == "movement":
        assert "Phong trào thi đua chuyển đổi số năm 2021: <a" in html
    if kind == "track":
        assert [n for _url, n in counts] == [len(tracks[t]) for t in ("cum", "don-vi", "phong-trao")]
    for url, n in counts:
        assert len(_listed(world.board, url)) == n, url
