"""The council's pages and the law's gate: the board sees which proposal has no threshold and where to
enter it, and opening the vote is refused until it does; a proposal that goes on by the board's override
says so on the council's page and on the member's secret ballot; refused forms keep what was typed, with
the message beside the list or the proposal at fault."""

from __future__ import annotations

import re
from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.emulation.tests.meeting.council_helpers import at_council, council_of
from thidua.emulation.tests.meeting.test_views import login
from thidua.registry.actions.council import issue_council_codes, set_council_mode
from thidua.registry.models import Council
from thidua.testing import factories
from thidua.testing.proposals import OVERRIDE

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(client, organizer):
    user = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    login(client, user)
    return user


def test_the_page_names_the_missing_threshold_and_links_where_to_enter_it(client, board, organizer):
    flag = at_council(organizer, "co-thi-dua-tinh", 2025)  # Decree 152/2025: no threshold in the law
    council = council_of(organizer, date(2026, 2, 1), present=3, absent=0, year=2025)
    page = client.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    notice = page.split('id="missing-thresholds"')[1].split("</div>")[0]
    assert (
        "«Cờ thi đua của Ủy ban nhân dân tỉnh» theo Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025"
        in notice
    )
    assert f'href="/khen-thuong/quy-dinh-tinh/?to_chuc={organizer.pk}#council-threshold"' in notice

    refused = client.post(f"/hop/hoi-dong/{council.pk}/mo", follow=True).content.decode()
    assert "Chưa mở bỏ phiếu được: chưa có ngưỡng thông qua của Hội đồng" in refused
    council.refresh_from_db()
    assert council.voting == "preparing" and flag.state == "at_council"


def test_a_lead_and_an_outsider_cannot_open_the_vote(client, organizer):
    council = council_of(organizer, date(2025, 3, 1), present=3, absent=0)
    lead = factories.RoleFactory(
        kind=Role.Kind.CLUSTER_LEAD, cluster_year=factories.ClusterYearFactory()
    ).user
    outsider = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory()).user
    for user in (lead, outsider):
        login(client, user)
        assert client.post(f"/hop/hoi-dong/{council.pk}/mo").status_code == 404
    council.refresh_from_db()
    assert council.voting == "preparing"


def test_an_override_shows_on_the_councils_page_and_the_members_ballot(client, board, organizer, flag):
    # The helper took the flag (whose subject has no facts on record) past the gate by the board's override.
    assert flag.override_applies
    council = council_of(organizer, date(2025, 3, 1), present=3, absent=0)
    page = client.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    assert "Trình theo lý do vượt qua của Ban Thi đua – Khen thưởng" in page and OVERRIDE in page
    assert "Đề nghị xét theo Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP." in page

    set_council_mode(council, "secret", by="Ban")
    client.post(f"/hop/hoi-dong/{council.pk}/mo")
    code = issue_council_codes(Council.objects.get(pk=council.pk), by="Ban")[0].code
    client.logout()
    ballot = client.post("/hop/phieu/bo/", {"code": code, "step": "open"}).content.decode()
    assert f'data-override="{flag.pk}"' in ballot and OVERRIDE in ballot
    assert "(kết quả xét điều kiện: Thiếu thông tin để kết luận)" in ballot


def test_a_member_typed_twice_is_said_beside_the_absent_list_keeping_both_lists(client, board, organizer):
    typed = {
        "organizer": organizer.pk,
        "year": 2024,
        "present": "Nguyễn Văn An, Chủ tịch Hội đồng\nTrần Thị Bình, Phó Chủ tịch",
        "absent": "Lê Văn Cường, Ủy viên\nTrần Thị Bình, Ủy viên",
    }
    page = client.post("/hop/hoi-dong/", typed).content.decode()
    # The form puts a field's messages just before its paragraph: after the present list, before the absent.
    absent = page.split("</textarea>")[1].split('name="absent"')[0]
    assert "Thành viên «Trần Thị Bình» được ghi hai lần" in absent
    assert "Nguyễn Văn An, Chủ tịch Hội đồng" in page and "Lê Văn Cường, Ủy viên" in page
    assert not Council.objects.exists()


def test_a_refused_written_vote_keeps_what_was_ticked_on_that_proposal(client, board, organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=2, absent=1)
    members = list(council.members.order_by("pk"))
    stranger = members[-1].pk + 100
    ticked = {
        f"member-{members[0].pk}": "agree",
        f"member-{members[1].pk}": "disagree",
        f"member-{stranger}": "agree",
    }
    response = client.post(f"/hop/hoi-dong/{council.pk}/bieu-quyet/{flag.pk}", ticked)
    page = response.content.decode()
    assert response.status_code == 400
    form = page.split(f'id="p-{flag.pk}"')[1].split("</form>")[0]
    assert f"Không có thành viên mã {stranger} trong Hội đồng này; chưa ghi phiếu nào." in form
    assert re.search(rf'name="member-{members[0].pk}" value="agree"[^>]*checked', form)
    assert re.search(rf'name="member-{members[1].pk}" value="disagree"[^>]*checked', form)
    assert not council.members.filter(votes__isnull=False).exists()
