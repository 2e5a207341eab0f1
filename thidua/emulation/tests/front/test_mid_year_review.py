"""The optional mid-year review (sơ kết): the year's manager records it as a step of the year, it shows on
the year's page; a date outside the year or a blank summary is refused keeping what was typed; nobody
else may record it, and a concluded year is closed to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions.setup import reopen_review
from thidua.emulation.models import ClusterYear, MidYearReview
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db

POST = {
    "date": "15/07/2021",
    "place": "Hội trường Sở Tài chính",
    "chair": "Nguyễn Văn Chủ Trì, Giám đốc Sở Tài chính",
    "summary": "Các đơn vị hoàn thành 58% kế hoạch năm.\nSở Tư pháp dẫn đầu về cải cách hành chính.",
    "tasks": "Đẩy nhanh giải ngân vốn đầu tư công.",
}


def _url(cy: ClusterYear) -> str:
    return reverse("front:edit_step", args=[cy.cluster_id, cy.year, "so-ket"])


@pytest.fixture
def open_year(world: World) -> ClusterYear:
    reopen_review(world.year_a, reason="bổ sung sơ kết", by="kiểm thử")
    return world.year_a


def test_the_board_records_it_and_it_shows_on_the_years_page(world: World, open_year: ClusterYear):
    response = client_for(world.board).post(_url(open_year), POST)
    assert response.status_code == 302
    found = MidYearReview.objects.get(cluster_year=open_year)
    assert found.date.isoformat() == "2021-07-15" and found.summary.startswith("Các đơn vị hoàn thành 58%")
    assert AuditEvent.objects.filter(verb="year.mid_year_review").count() == 1

    page = client_for(world.officer_a).get(reverse("front:cluster_year", args=[open_year.cluster_id, 2021]))
    text = page.content.decode()
    assert "Sơ kết giữa năm" in text and "15/07/2021" in text
    assert "Sở Tư pháp dẫn đầu về cải cách hành chính." in text
    assert "Đẩy nhanh giải ngân vốn đầu tư công." in text


def test_a_date_outside_the_year_or_no_summary_is_refused_keeping_the_text(
    world: World, open_year: ClusterYear
):
    client = client_for(world.board)
    page = client.post(_url(open_year), {**POST, "date": "15/07/2022"}).content.decode()
    assert "Sơ kết năm 2021 phải được tổ chức trong năm 2021" in page
    assert "Sở Tư pháp dẫn đầu về cải cách hành chính." in page  # what was typed is kept
    page = client.post(_url(open_year), {**POST, "summary": "   "}).content.decode()
    assert "Hãy ghi kết quả 6 tháng đầu năm." in page or "bắt buộc" in page
    assert not MidYearReview.objects.exists()


def test_a_member_officer_or_another_board_cannot_record_it(world: World, open_year: ClusterYear):
    assert client_for(world.officer_a).post(_url(open_year), POST).status_code == 404
    assert client_for(world.board_other).post(_url(open_year), POST).status_code == 404
    assert not MidYearReview.objects.exists()


def test_a_concluded_year_is_closed_to_it(world: World):
    page = client_for(world.board).post(_url(world.year_a), POST).content.decode()
    assert "Chưa lưu gì" in page
    assert not MidYearReview.objects.exists()
