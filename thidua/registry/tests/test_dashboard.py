"""The first pages after login: the board's dashboard of its organizer's year, and "what is due for me" for a
cluster head and a unit's officer. Each role sees only its own scope, every count on the dashboard equals
the list it links to, and the dashboard's queries do not grow with the number of clusters."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.emulation.models import Launch, Review, ScoreSheet
from thidua.emulation.queries.stages import year_stages
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, World, client_for, make_user, push_through, user_with

pytestmark = pytest.mark.django_db

DASHBOARD, MY_WORK = reverse("registry:dashboard"), reverse("registry:my_work")


def _page(user, url: str = DASHBOARD) -> str:
    response = client_for(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _proposals(world: World) -> list[AwardProposal]:
    review = Review.objects.get(cluster_year=world.year_a)
    return services.proposals_from_review(review, by=BY, due=date(2022, 2, 15))


def _launch(cluster_year, deadline: date) -> Launch:
    return Launch.objects.create(
        cluster_year=cluster_year,
        date=deadline - timedelta(days=30),
        document_number="01/KH-CTĐ",
        document_title="Kế hoạch phát động thi đua",
        theme="Thi đua hoàn thành nhiệm vụ",
        deadline=deadline,
    )


def test_anonymous_visitors_are_sent_to_the_login_page(world: World):
    for url in (reverse("front:home"), DASHBOARD, MY_WORK):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_each_role_lands_on_its_own_first_page(world: World):
    for user, landing in [
        (world.board, DASHBOARD),
        (world.lead_a, MY_WORK),
        (world.officer_a, MY_WORK),
        (make_user("khong-vai-tro"), reverse("front:home")),
    ]:
        response = client_for(user).get(reverse("front:home"), follow=True)
        assert response.status_code == 200
        assert (
            response.redirect_chain[-1][0] if response.redirect_chain else reverse("front:home")
        ) == landing


def test_the_board_sees_every_cluster_of_its_organizer_and_nothing_of_another(world: World):
    html = _page(world.board)
    assert "Tổng quan năm thi đua 2021" in html
    assert "Cụm Tham mưu tổng hợp" in html and "Cụm Văn hóa – Xã hội" in html
    assert "Khối Kinh tế tỉnh bên cạnh" not in html
    other = _page(world.board_other)
    assert "Khối Kinh tế tỉnh bên cạnh" in other
    assert "Cụm Tham mưu tổng hợp" not in other and "Cụm Văn hóa – Xã hội" not in other
    mine = world.cluster_a.organizer_id
    assert client_for(world.board_other).get(f"{DASHBOARD}?to_chuc={mine}").status_code == 404


def test_heads_and_officers_have_no_dashboard(world: World):
    for user in (world.lead_a, world.officer_a):
        assert client_for(user).get(DASHBOARD).status_code == 404


def test_each_cluster_shows_its_stage_and_who_acts_next(world: World):
    html = _page(world.board)
    # Cluster A's review is concluded with proposals to send; cluster B has not even recorded a meeting.
    row_a = html[html.index("Cụm Tham mưu tổng hợp</a>") :].split("</tr>")[0]
    assert "Gửi đề nghị khen thưởng" in row_a and "Ban Thi đua – Khen thưởng" in row_a
    row_b = html[html.index("Cụm Văn hóa – Xã hội</a>") :].split("</tr>")[0]
    current = year_stages(world.year_b).current
    assert current is not None and str(current.label) in row_b and current.actor in row_b


def test_a_deadline_gone_by_is_shown_as_late(world: World):
    year = factories.ClusterYearFactory(cluster=world.cluster_b, year=2022, head=world.units["SYT"])
    factories.MembershipFactory(cluster_year=year, unit=world.units["SYT"])
    _launch(year, date(2022, 2, 1))
    html = _page(world.board, f"{DASHBOARD}?nam=2022")
    assert "1 cụm, khối đang chậm hạn" in html
    assert "01/02/2022" in html and "quá hạn" in html


def _counts(html: str) -> list[tuple[str, int]]:
    found = re.findall(r'<a class="count" data-count="\w+" href="([^"]+)">(?:<strong>)?(\d+)', html)
    return [(unescape(url), int(n)) for url, n in found]


def _rows_listed(board, url: str) -> int:
    html = _page(board, url)
    if "h-list" not in html or "Không có đề nghị nào" in html:
        return 0
    listing = html[html.index('id="h-list"') :]
    return listing.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_every_count_on_the_dashboard_equals_the_list_it_links_to(world: World):
    proposals = _proposals(world)
    assert len(proposals) >= 2
    first = proposals[0]
    required = first.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(first, list(required), by=BY)
    services.submit(first, by=BY, on=date(2022, 1, 25))
    services.return_proposal(first, ["Thiếu báo cáo thành tích"], by=BY)
    html = _page(world.board)
    counts = _counts(html)
    kinds = set(re.findall(r'data-count="(\w+)"', html))
    assert kinds == {"cluster", "award", "award_track", "award_counted", "state", "track"}
    by_state = [n for url, n in counts if "tinh_trang=" in url and "tinh_trang=chi-tieu" not in url]
    assert sum(by_state) == len(proposals)
    for url, n in counts:
        assert _rows_listed(world.board, url) == n, url


def _dashboard_queries(board) -> int:
    client = client_for(board)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured)


def _add_clusters(world: World, count: int) -> None:
    organizer = world.cluster_a.organizer
    for _ in range(count):
        year = factories.ClusterYearFactory(cluster=factories.ClusterFactory(organizer=organizer), year=2021)
        for _member in range(3):
            factories.MembershipFactory(cluster_year=year)
        _launch(year, date(2021, 3, 1))
        ScoreSheet.objects.create(cluster_year=year, scale=100)


def test_the_dashboard_runs_the_same_number_of_queries_for_3_and_12_clusters(world: World):
    _proposals(world)
    _add_clusters(world, 1)  # 3 clusters
    few = _dashboard_queries(world.board)
    _add_clusters(world, 9)  # 12 clusters
    assert "12 cụm, khối" in _page(world.board)
    assert _dashboard_queries(world.board) == few


def test_a_year_that_is_not_a_number_is_said_and_the_newest_is_shown(world: World):
    html = _page(world.board, f"{DASHBOARD}?nam=abc")
    assert "“abc” không phải là một năm" in html and "Tổng quan năm thi đua 2021" in html


def test_the_head_sees_its_year_and_next_step_only(world: World):
    lead_b = user_with("cumtruong-b", kind=Role.Kind.CLUSTER_LEAD, cluster_year=world.year_b)
    html = _page(lead_b, MY_WORK)
    assert "Cụm Văn hóa – Xã hội – 2021" in html and "Việc tiếp theo:" in html
    current = year_stages(world.year_b).current
    assert current is not None and str(current.label) in html
    assert "Cụm Tham mưu tổng hợp" not in html


def test_the_officer_sees_what_its_unit_owes_and_nothing_of_other_units(world: World):
    year = factories.ClusterYearFactory(cluster=world.cluster_a, year=2022, head=world.units["SKH"])
    for code in ("SKH", "STP", "SNV"):
        factories.MembershipFactory(cluster_year=year, unit=world.units[code])
    _launch(year, date(2022, 3, 1))
    ScoreSheet.objects.create(cluster_year=year, scale=100)
    html = _page(world.officer_a, MY_WORK)
    assert "Đăng ký chỉ tiêu, danh hiệu thi đua của đơn vị trong năm" in html
    assert "Tự chấm điểm theo bảng tiêu chí" in html
    assert "Sở Tư pháp tỉnh Thử Nghiệm" in html and "Sở Nội vụ" not in html
    other = _page(world.officer_b, MY_WORK)
    assert "Sở Tư pháp" not in other and "Cụm Tham mưu tổng hợp – 2022" not in other


def test_the_officer_is_told_of_a_returned_proposal(world: World):
    first = _proposals(world)[0]
    officer = user_with("donvi-de-nghi", kind=Role.Kind.UNIT_OFFICER, unit=first.unit)
    required = first.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(first, list(required), by=BY)
    services.submit(first, by=BY, on=date(2022, 1, 25))
    services.return_proposal(first, ["Thiếu báo cáo thành tích"], by=BY)
    html = _page(officer, MY_WORK)
    assert "Bổ sung hồ sơ đề nghị bị trả lại" in html and "Thiếu báo cáo thành tích" in html
    assert "Bổ sung hồ sơ" not in _page(world.officer_a, MY_WORK)


def test_the_administrator_keeps_a_paginated_list_of_clusters(world: World):
    admin = make_user("quan-tri", is_superuser=True, is_staff=True)
    for _ in range(31):
        factories.ClusterFactory(organizer=world.cluster_a.organizer)
    html = _page(admin, reverse("front:home"))
    assert "Trang 1/2" in html
    assert "Trang 2/2" in _page(admin, reverse("front:home") + "?trang=2")


def _row(html: str, cluster_name: str) -> str:
    return html[html.index(f"{cluster_name}</a>") :].split("</tr>")[0]


def test_the_board_part_of_the_year_shows_at_the_council_then_decided(seed: Seed, board):
    proposals = services.proposals_from_review(seed.year.review, by=BY)
    services.send_to_council(push_through(proposals[0]), by=BY)
    assert "Đang trình Hội đồng" in _row(_page(board), seed.year.cluster.name)
    for proposal in proposals[1:]:
        push_through(proposal)
    for award in {p.award for p in proposals}:
        group = list(AwardProposal.objects.filter(award=award, year=2021))
        services.decide(
            group, number=f"{award[:3]}/QĐ-UBND", date=date(2022, 2, 15), signer="Hồ Tiến Thiệu", by=BY
        )
    html = _page(board)
    assert "Đã có quyết định" in _row(html, seed.year.cluster.name)
    for url, n in _counts(html):
        assert _rows_listed(board, url) == n, url
