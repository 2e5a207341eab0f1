"""Two people on one year's roster: the cluster head's lead and the board open the same step, the board
saves first, and the lead's save is refused with who changed the year and when, keeps what the lead ticked
and changes nothing. A step opened after the change saves."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions.setup import reopen_review
from thidua.emulation.models import ClusterYear
from thidua.testing.concurrency import CHANGED, version_on
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_year(world: World) -> ClusterYear:
    reopen_review(world.year_a, reason="sửa số liệu", by="kiểm thử")
    return world.year_a


def ticked(page: str, pk: int) -> bool:
    box = re.search(rf'<input[^>]*value="{pk}"[^>]*>', page)
    return box is not None and "checked" in box.group(0)


def test_a_stale_roster_is_refused_and_keeps_what_was_ticked(world: World, open_year: ClusterYear):
    u = world.units
    url = reverse("front:edit_step", args=[open_year.cluster_id, open_year.year, "thanh-vien"])
    board, lead = client_for(world.board), client_for(world.lead_a)
    board_seen, lead_seen = version_on(board, url), version_on(lead, url)
    members = [u[c].pk for c in ("STC", "SKH", "SNV", "STP")]

    assert board.post(url, {"members": [*members, u["SYT"].pk], "version": board_seen}).status_code == 302
    audit = AuditEvent.objects.count()
    response = lead.post(url, {"members": [*members, u["SGD"].pk], "version": lead_seen})

    page = html.unescape(response.content.decode())
    assert CHANGED in page and world.board.get_username() in page
    assert ticked(page, u["SGD"].pk) and not ticked(page, u["SYT"].pk)
    assert [m.code for m in open_year.member_units()] == ["STC", "SKH", "SNV", "STP", "SYT"]
    assert AuditEvent.objects.count() == audit

    fresh = version_on(lead, url)
    assert lead.post(url, {"members": [*members, u["SGD"].pk], "version": fresh}).status_code == 302
    assert "SGD" in [m.code for m in open_year.member_units()]


def test_a_stale_leadership_form_is_refused(world: World, open_year: ClusterYear):
    u = world.units
    url = reverse("front:edit_step", args=[open_year.cluster_id, open_year.year, "lanh-dao"])
    board, lead = client_for(world.board), client_for(world.lead_a)
    board_seen, lead_seen = version_on(board, url), version_on(lead, url)
    data = {"head": u["STC"].pk, "deputies": [u["SKH"].pk]}
    assert board.post(url, {**data, "host": u["SNV"].pk, "version": board_seen}).status_code == 302
    page = html.unescape(lead.post(url, {**data, "host": u["STP"].pk, "version": lead_seen}).content.decode())
    assert CHANGED in page and re.search(rf'<option value="{u["STP"].pk}" selected', page)
    open_year.refresh_from_db()
    assert open_year.host == u["SNV"]
