"""The organizer sets a quota per track (the clusters' reviews, the units' yearly proposals, each movement)
per award; the dashboard shows each track's counts against it, each count equal to the list it links to;
accepting a proposal past its track's quota is refused with the reason."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, Movement, TrackQuota
from thidua.registry.tests.test_tracks import BK, _listed, _three_tracks
from thidua.testing.proposals import clear_the_gate
from thidua.testing.worlds import BY, World, client_for

pytestmark = pytest.mark.django_db
QUOTAS, DASHBOARD = reverse("registry:quotas"), reverse("registry:dashboard")


def _track_counts(html: str) -> list[tuple[str, str, int]]:
    found = re.findall(
        r'<a class="count" data-count="(track_quota\w*|award_counted)" href="([^"]+)">(\d+)', html
    )
    return [(kind, unescape(url), int(n)) for kind, url, n in found]


def _submitted(proposal: AwardProposal) -> AwardProposal:
    required = proposal.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(proposal, list(required), by=BY)
    services.submit(proposal, by=BY, on=date(2022, 1, 20))
    return clear_the_gate(proposal, by=BY)


def _quota_everywhere(world: World) -> Movement:
    organizer = world.cluster_a.organizer
    movement = Movement.objects.get()
    for track in ("cum", "don-vi"):
        services.set_track_quota(organizer, BK, 2021, track, 5, by=BY)
    services.set_track_quota(organizer, BK, 2021, "phong-trao", 1, movement=movement, by=BY)
    return movement


def test_the_board_sets_a_quota_for_a_movement_on_the_quotas_page_and_it_is_audited(world: World):
    _three_tracks(world)
    movement = Movement.objects.get()
    page = client_for(world.board).get(QUOTAS).content.decode()
    assert f'value="phong-trao:{movement.pk}"' in page and "Phong trào: " in page
    response = client_for(world.board).post(
        QUOTAS,
        {
            "form": "track",
            "loai-award": BK,
            "loai-year": 2021,
            "loai-track": f"phong-trao:{movement.pk}",
            "loai-limit": 2,
        },
    )
    assert response.status_code == 302
    quota = TrackQuota.objects.get()
    assert (quota.track, quota.movement, quota.limit) == ("phong-trao", movement, 2)
    assert AuditEvent.objects.filter(verb="registry.quota.set_track", object_id=str(quota.pk)).exists()
    assert movement.name in client_for(world.board).get(QUOTAS).content.decode()


def test_a_bad_track_quota_is_refused_and_the_typed_values_kept(world: World):
    _three_tracks(world)
    response = client_for(world.board).post(
        QUOTAS,
        {
            "form": "track",
            "loai-award": BK,
            "loai-year": 2021,
            "loai-track": "phong-trao:999",
            "loai-limit": 7,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        'value="7"' in html and "Hãy chọn một trong các mục có sẵn" in html
    ) or "không có trong danh sách" in html
    assert not TrackQuota.objects.exists()


def test_every_track_quota_count_on_the_dashboard_equals_the_list_it_links_to(world: World):
    tracks = _three_tracks(world)
    _quota_everywhere(world)
    under = tracks["phong-trao"][0]
    services.accept(_submitted(under), by=BY)
    html = client_for(world.board).get(f"{DASHBOARD}?nam=2021").content.decode()
    counts = _track_counts(html)
    kinds = {kind for kind, _url, _n in counts}
    assert kinds == {"track_quota", "track_quota_counted", "award_counted"}
    assert ("track_quota_counted", 1) in {(kind, n) for kind, _url, n in counts}
    assert any(n for _k, _url, n in counts)
    for _kind, url, n in counts:
        assert len(_listed(world.board, url)) == n, url


def test_accepting_past_a_movements_quota_is_refused(world: World):
    tracks = _three_tracks(world)
    movement = _quota_everywhere(world)
    services.set_track_quota(world.cluster_a.organizer, BK, 2021, "phong-trao", 0, movement=movement, by=BY)
    under = _submitted(tracks["phong-trao"][0])
    with pytest.raises(ValidationError, match="Vượt chỉ tiêu của loại đề nghị"):
        services.accept(under, by=BY)
    assert AwardProposal.objects.get(pk=under.pk).state != AwardProposal.State.ACCEPTED


def test_the_dashboard_runs_the_same_number_of_queries_for_one_and_many_track_quotas(world: World):
    _three_tracks(world)
    organizer = world.cluster_a.organizer
    services.set_track_quota(organizer, BK, 2021, "cum", 5, by=BY)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for(world.board).get(f"{DASHBOARD}?nam=2021").status_code == 200
        return len(captured)

    few = queries()
    _quota_everywhere(world)
    for code in ("chien-si-thi-dua-tinh", "tap-the-lao-dong-xuat-sac"):
        services.set_track_quota(organizer, code, 2021, "don-vi", 3, by=BY)
    assert queries() == few
