"""The cluster-year page shows the year's roster, its leadership, the meeting, the count and the outcome."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.emulation.models import Review
from thidua.testing import factories
from thidua.testing.worlds import World, client_for, make_user

pytestmark = pytest.mark.django_db


def page(user, cluster_year) -> str:
    url = reverse("front:cluster_year", args=[cluster_year.cluster_id, cluster_year.year])
    response = client_for(user).get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())  # whitespace is layout, not content


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_shows_members_head_deputy_host_and_the_meeting_date_as_dd_mm_yyyy(world: World):
    html = page(world.officer_a, world.year_a)
    members = between(html, 'id="h-members"', "</section>")
    for code in ("STC", "SKH", "SNV", "STP"):
        assert world.units[code].name in members
    assert world.units["SYT"].name not in html  # a member of another cluster
    general = between(html, 'id="h-general"', "</section>")
    assert "Cụm trưởng</dt><dd>Sở Tài chính tỉnh Thử Nghiệm" in general
    assert "Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm" in general  # the deputy
    assert "20/01/2022" in html
    assert "Hội trường Sở Tài chính" in html
    assert "Nguyễn Văn Chủ Trì, Giám đốc Sở Tài chính" in html
    assert "Bỏ phiếu kín" in html
    assert "Luật Thi đua, khen thưởng 2003" in html  # the regime in force for 2021


def test_shows_the_count_per_tier_with_void_ballots(world: World):
    count = between(page(world.officer_a, world.year_a), 'id="h-count"', "</section>")
    flag, cert = count.split('<table class="tally">')[1:]
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in flag and "0 phiếu không hợp lệ" in flag
    assert "75,0%" in flag
    # The fourth ballot names three units on the two-place tier: void there.
    assert "1 phiếu không hợp lệ, 3 phiếu hợp lệ" in cert
    assert "50,0%" in cert
    # Each tier's table is drawn as bars too, its votes and shares written beside them.
    assert count.count("<svg ") == 2
    assert "Số phiếu bầu Cờ thi đua của Ủy ban nhân dân tỉnh</title>" in count
    assert "(75,0%)</text>" in flag


def test_shows_proposals_with_grantor_and_basis_and_the_not_proposed_with_reasons(world: World):
    html = page(world.officer_a, world.year_a)
    proposals = between(html, 'id="h-proposals"', "</section>")
    assert "chưa phải quyết định khen thưởng" in proposals  # a proposal is never shown as an award
    flag = between(proposals, "<h3>Cờ thi đua", "</ol>")
    assert "Sở Tài chính tỉnh Thử Nghiệm" in flag and "Cấp quyết định: UBND tỉnh" in flag
    assert "bỏ phiếu kín: 3/4 phiếu" in flag
    cert = between(proposals, "<h3>Bằng khen", "</ol>")
    assert "Sở Kế hoạch và Đầu tư" in cert and "Sở Nội vụ" in cert and "Sở Tư pháp" not in cert
    refused = between(html, 'id="h-not-proposed"', "</section>")
    assert "Sở Tư pháp tỉnh Thử Nghiệm" in refused
    assert "không đạt tỷ lệ phiếu tối thiểu (1/4 &lt; 0,5)" in refused


def test_shows_next_years_leadership_and_how_it_was_decided(world: World):
    following = between(page(world.officer_a, world.year_a), 'id="h-next"', "</section>")
    assert "năm 2022" in following
    assert "Cụm trưởng</dt><dd>Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm" in following
    assert "Sở Nội vụ tỉnh Thử Nghiệm" in following
    assert "Bỏ phiếu tại hội nghị" in following


def test_a_year_without_ballots_or_recorded_deputies_says_so_instead_of_inventing_numbers(world: World):
    Review.objects.create(cluster_year=world.year_a_before, outcome={"co": ["SKH"]})
    html = page(world.lead_a, world.year_a_before)
    assert "Không công bố số phiếu." in html
    assert "Cụm phó</dt> <dd>chưa ghi nhận" in between(html, 'id="h-general"', "</section>")
    assert "%" not in between(html, 'id="h-count"', "</section>")


def test_lists_both_documents_for_download(world: World):
    html = page(world.officer_a, world.year_a)
    base = reverse("front:cluster_year", args=[world.cluster_a.pk, 2021])
    assert f'href="{base}van-ban/bien-ban-hop-binh-xet.docx"' in html
    assert f'href="{base}van-ban/to-trinh-de-nghi-khen-thuong.docx"' in html


def test_the_seed_year_reads_as_the_article_reports_it(seed_year):
    board = make_user("bqt-lang-son")
    factories.RoleFactory(user=board, kind=Role.Kind.BOARD, organizer=seed_year.cluster.organizer)
    html = page(board, seed_year)
    assert "Cụm các cơ quan Tham mưu tổng hợp – năm 2021" in html
    assert "Cụm trưởng</dt><dd>Sở Tài chính tỉnh Lạng Sơn" in html
    assert "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn" in between(html, 'id="h-general"', "</section>")
    assert "20/01/2022" in html
    flag = between(html, "<h3>Cờ thi đua của Ủy ban nhân dân tỉnh", "</ol>")
    assert "Sở Tài chính tỉnh Lạng Sơn" in flag
    cert = between(html, "<h3>Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "</ol>")
    assert "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn" in cert
    assert "Sở Ngoại vụ tỉnh Lạng Sơn" in cert
    # The seventh ballot names two units on the one-place flag: void on that tier only.
    assert "7 phiếu bầu, 1 phiếu không hợp lệ, 6 phiếu hợp lệ" in html
    assert '<td class="num">98,5</td>' in html  # scores as on the score sheet, decimal comma


def test_a_year_not_yet_reviewed_says_so_instead_of_a_proposed_status(world: World):
    html = page(world.lead_a, world.year_a_before)
    assert "Tình trạng: <strong>Chưa họp bình xét</strong>" in html and "Cụm đề nghị" not in html
    assert "Chưa có phiếu bầu" in between(html, 'id="h-count"', "</section>")
