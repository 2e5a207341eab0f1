"""A refused form on the chair's screen comes back with what the chair typed and the message on it, and
changes nothing: next year's leadership, the attendance list, the reason to reopen the vote, the rules."""

from __future__ import annotations

import re

import pytest

from thidua.accounts.models import Role
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Review
from thidua.emulation.tests.meeting.test_views import chair_url, login
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(client, seed_year):
    role = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year)
    login(client, role.user)
    return role.user


def test_next_years_head_also_named_deputy_comes_back_with_the_choices_ticked(client, lead, seed_year):
    units = {u.code: u for u in seed_year.member_units()}
    url = f"/hop/{seed_year.cluster_id}/{seed_year.year}/lanh-dao-nam-sau"
    recorded = Review.objects.filter(pk=seed_year.review.pk).values("next_head", "next_decided_by")
    before = recorded.get()
    chosen = {
        "head": units["SKHDT"].pk,
        "deputies": [units["SKHDT"].pk, units["SNGV"].pk],
        "decided_by": "vote",
        "decision": "Số 12/QĐ-CTĐ",
    }
    response = client.post(url, chosen)
    html = response.content.decode()
    assert response.status_code == 400
    assert "không thể vừa là cụm trưởng vừa là cụm phó" in html
    for unit, ticked in ((units["SNGV"], True), (units["STC"], False)):
        box = re.search(rf'name="deputies" value="{unit.pk}"[^>]*>', html)
        assert box is not None and ("checked" in box.group(0)) == ticked, unit.code
    assert 'value="Số 12/QĐ-CTĐ"' in html
    assert (
        Review.objects.filter(pk=seed_year.review.pk).values("next_head", "next_decided_by").get() == before
    )


def test_attendance_changed_while_voting_is_open_is_refused_and_keeps_the_ticks(client, lead, open_meeting):
    seed_year = open_meeting.review.cluster_year
    units = {u.code: u for u in seed_year.member_units()}
    before = set(open_meeting.review.present.values_list("pk", flat=True))
    ticked = [units["STC"].pk, units["SNV"].pk]
    response = client.post(chair_url(seed_year, "attendance"), {"present": ticked})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Đang bỏ phiếu; đóng bỏ phiếu trước khi sửa danh sách dự họp." in html
    for unit in seed_year.member_units():
        box = f'name="present" value="{unit.pk}" checked'
        assert (box in html) == (unit.pk in ticked), unit.code
    assert set(open_meeting.review.present.values_list("pk", flat=True)) == before


def test_reopening_without_a_reason_is_refused_on_the_page(client, lead, open_meeting):
    seed_year = open_meeting.review.cluster_year
    services.close_voting(open_meeting, by=lead)
    response = client.post(chair_url(seed_year, "reopen"), {"reason": "   "})
    assert response.status_code == 400
    assert "Cần ghi lý do mở lại." in response.content.decode()
    open_meeting.refresh_from_db()
    assert open_meeting.voting == open_meeting.Voting.CLOSED


def test_a_quorum_share_out_of_range_keeps_the_typed_rules(client, lead, meeting):
    seed_year = meeting.review.cluster_year
    typed = {"method": "ballot", "mode": "electronic", "quorum_share": "1,5", "self_vote_allowed": "on"}
    response = client.post(chair_url(seed_year, "rules"), typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="1,5"' in html
    meeting.refresh_from_db()
    assert meeting.quorum_share <= 1
