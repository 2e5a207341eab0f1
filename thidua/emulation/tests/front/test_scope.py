"""Each page answers only the people whose role covers it; to everyone else it does not exist (404)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from thidua.testing.worlds import World, client_for, make_user

pytestmark = pytest.mark.django_db

DOCUMENT = "bien-ban-hop-binh-xet.docx"


def urls_of(cluster_year) -> list[str]:
    cluster_id, year = cluster_year.cluster_id, cluster_year.year
    return [
        reverse("front:cluster", args=[cluster_id]),
        reverse("front:cluster_year", args=[cluster_id, year]),
        reverse("front:document", args=[cluster_id, year, DOCUMENT]),
    ]


def statuses(user, cluster_year) -> list[int]:
    client = client_for(user)
    return [client.get(url).status_code for url in urls_of(cluster_year)]


def test_a_unit_officer_opens_its_own_clusters_year_and_document(world: World):
    assert statuses(world.officer_a, world.year_a) == [200, 200, 200]


def test_a_unit_officer_gets_not_found_on_another_cluster(world: World):
    assert statuses(world.officer_a, world.year_b) == [404, 404, 404]
    assert statuses(world.officer_b, world.year_a) == [404, 404, 404]


def test_a_unit_officer_does_not_see_a_year_its_unit_was_not_a_member_of(world: World):
    url = reverse("front:cluster_year", args=[world.cluster_a.pk, world.year_a_before.year])
    assert client_for(world.officer_a).get(url).status_code == 404
    cluster_page = client_for(world.officer_a).get(reverse("front:cluster", args=[world.cluster_a.pk]))
    assert reverse("front:cluster_year", args=[world.cluster_a.pk, 2021]) in cluster_page.content.decode()
    assert url not in cluster_page.content.decode()


def test_a_cluster_lead_sees_every_year_of_its_cluster_and_nothing_else(world: World):
    assert statuses(world.lead_a, world.year_a) == [200, 200, 200]
    assert statuses(world.lead_a, world.year_a_before)[1] == 200
    assert statuses(world.lead_a, world.year_b) == [404, 404, 404]


def test_board_staff_see_their_organizers_clusters_but_not_another_organizers(world: World):
    assert statuses(world.board, world.year_a) == [200, 200, 200]
    assert statuses(world.board, world.year_b) == [200, 200, 200]
    assert statuses(world.board, world.year_other) == [404, 404, 404]
    assert statuses(world.board_other, world.year_a) == [404, 404, 404]


def test_a_user_without_any_role_sees_nothing_and_is_told_why(world: World):
    nobody = make_user("khong-vai-tro")
    assert statuses(nobody, world.year_a) == [404, 404, 404]
    home = client_for(nobody).get(reverse("front:home")).content.decode()
    assert "chưa được giao cụm, khối thi đua nào" in home


def test_anonymous_visitors_are_sent_to_the_login_page(world: World):
    client = Client()
    for url in [reverse("front:home"), *urls_of(world.year_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_home_lists_only_the_clusters_in_scope_grouped_by_organizer(world: World):
    officer = client_for(world.officer_a).get(reverse("front:clusters")).content.decode()
    assert "Cụm Tham mưu tổng hợp" in officer
    assert "Cụm Văn hóa – Xã hội" not in officer
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in officer
    board = client_for(world.board).get(reverse("front:clusters")).content.decode()
    assert "Cụm Tham mưu tổng hợp" in board and "Cụm Văn hóa – Xã hội" in board
    assert "Khối Kinh tế tỉnh bên cạnh" not in board


def test_a_superuser_sees_every_organizer(world: World):
    admin = make_user("quantri", is_superuser=True, is_staff=True)
    home = client_for(admin).get(reverse("front:home")).content.decode()
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in home and "Ủy ban nhân dân tỉnh Bên Cạnh" in home
    assert statuses(admin, world.year_other) == [200, 200, 200]
