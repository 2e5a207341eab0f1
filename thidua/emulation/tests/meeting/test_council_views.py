"""The council's pages over HTTP: only the organizer's board (and superusers) run them; a vote recorded
on the page shows its result with the threshold and its source; bad input changes nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.tests.meeting.council_helpers import council_of
from thidua.emulation.tests.meeting.test_views import login
from thidua.registry.models import Council, CouncilMember, CouncilVote
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(organizer, flag):
    return council_of(organizer, date(2025, 3, 1), present=7, absent=3)


@pytest.fixture
def board(client, organizer):
    user = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    login(client, user)
    return user


def all_votes(council, agree: int, written: int = 0) -> dict[str, str]:
    """The form as the secretary ticks it: `agree` present members agree, the rest of them disagree;
    `written` absent members agree in writing, the others sent nothing."""
    form = {}
    present = list(council.members.filter(present=True))
    for n, member in enumerate(present):
        form[f"member-{member.pk}"] = "agree" if n < agree else "disagree"
    for n, member in enumerate(council.members.filter(present=False)):
        form[f"member-{member.pk}"] = "agree" if n < written else ""
    return form


def test_only_the_organizers_board_and_superusers_open_the_council(client, organizer, council):
    pages = ["/hop/hoi-dong/", f"/hop/hoi-dong/{council.pk}/", f"/hop/hoi-dong/{council.pk}/bien-ban.docx"]
    for url in pages:
        assert client.get(url).status_code == 302  # anonymous: to the login page
        assert "/dang-nhap/" in client.get(url)["Location"]
    other_board = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory()).user
    lead = factories.RoleFactory(
        kind=Role.Kind.CLUSTER_LEAD, cluster_year=factories.ClusterYearFactory()
    ).user
    officer = factories.RoleFactory(
        kind=Role.Kind.UNIT_OFFICER, unit=factories.UnitFactory(organizer=organizer)
    )
    for user in (other_board, lead, officer.user):
        login(client, user)
        assert client.get(pages[1]).status_code == 404
        assert client.get(pages[2]).status_code == 404
        assert client.post(f"/hop/hoi-dong/{council.pk}/bieu-quyet/1", {}).status_code == 404
    for user in (lead, officer.user):
        login(client, user)
        assert client.get(pages[0]).status_code == 404
    board = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    for user in (board, superuser):
        login(client, user)
        assert all(client.get(url).status_code == 200 for url in pages)


def test_the_board_creates_a_council_from_typed_lines(client, board, organizer):
    response = client.post(
        "/hop/hoi-dong/",
        {
            "organizer": organizer.pk,
            "year": 2024,
            "date": "2025-03-01",
            "present": "Nguyễn Văn An, Chủ tịch Hội đồng\nTrần Thị Bình, Phó Chủ tịch",
            "absent": "Lê Văn Cường, Ủy viên",
        },
    )
    council = Council.objects.get()
    assert response["Location"] == f"/hop/hoi-dong/{council.pk}/"
    assert council.regime == "law-2022/decree-98-2023"
    members = list(council.members.values_list("name", "position", "present"))
    assert members == [
        ("Nguyễn Văn An", "Chủ tịch Hội đồng", True),
        ("Trần Thị Bình", "Phó Chủ tịch", True),
        ("Lê Văn Cường", "Ủy viên", False),
    ]
    assert AuditEvent.objects.filter(verb="council.create", actor=board).exists()


def test_a_member_typed_twice_is_refused_in_vietnamese_and_nothing_is_created(client, board, organizer):
    response = client.post(
        "/hop/hoi-dong/",
        {"organizer": organizer.pk, "year": 2024, "present": "Nguyễn Văn An\nNguyễn Văn An, Ủy viên"},
    )
    assert response.status_code == 200
    assert "Thành viên «Nguyễn Văn An» được ghi hai lần" in response.content.decode()
    assert not Council.objects.exists() and not CouncilMember.objects.exists()


def test_the_board_cannot_create_a_council_for_another_organizer(client, board):
    stranger = factories.OrganizerFactory()
    response = client.post("/hop/hoi-dong/", {"organizer": stranger.pk, "year": 2024, "present": "A"})
    assert response.status_code == 200 and not Council.objects.exists()


def test_votes_recorded_on_the_page_show_the_threshold_and_its_source(client, board, council, flag):
    url = f"/hop/hoi-dong/{council.pk}/bieu-quyet/{flag.pk}"
    client.post(url, all_votes(council, agree=7))
    page = client.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    assert "7/10" in page and "Không đạt" in page
    assert (
        "Cờ thi đua của Ủy ban nhân dân tỉnh: cần ≥ 80% tổng số thành viên Hội đồng"
        " (VOTE-1: Nghị định 98/2023/NĐ-CP Điều 30 khoản 7), tức ít nhất 8." in page
    )
    client.post(url, all_votes(council, agree=7, written=1))
    page = client.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    assert "8/10" in page and "1 bằng văn bản" in page and ">Đạt<" in page
    assert AuditEvent.objects.filter(verb="council.vote", actor=board).count() == 2


def test_a_vote_for_an_unknown_member_or_a_bad_choice_writes_nothing(client, board, council, flag):
    url = f"/hop/hoi-dong/{council.pk}/bieu-quyet/{flag.pk}"
    stranger = CouncilMember.objects.order_by("pk").last().pk + 50
    response = client.post(url, {**all_votes(council, agree=7), f"member-{stranger}": "agree"}, follow=True)
    assert (
        f"Không có thành viên mã {stranger} trong Hội đồng này; chưa ghi phiếu nào."
        in response.content.decode()
    )
    response = client.post(url, {**all_votes(council, agree=7), "member-x": "agree"}, follow=True)
    assert "Phiếu «member-x=agree» không hợp lệ" in response.content.decode()
    assert not CouncilVote.objects.exists()
    assert not AuditEvent.objects.filter(verb="council.vote").exists()


def test_the_minutes_download_holds_the_results(client, board, council, flag):
    client.post(f"/hop/hoi-dong/{council.pk}/bieu-quyet/{flag.pk}", all_votes(council, agree=7, written=1))
    response = client.get(f"/hop/hoi-dong/{council.pk}/bien-ban.docx")
    assert response["Content-Disposition"].startswith("attachment")
    doc = Document(io.BytesIO(response.content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(flag.subject_name in c for c in cells) and "Đạt" in cells
    assert AuditEvent.objects.filter(verb="council.minutes", actor=board).exists()
