"""Logging in and out through the Vietnamese login page; repeated failures lock the account (axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from thidua.testing.worlds import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_vietnamese():
    html = Client().get(reverse("login")).content.decode()
    assert "<h1>Đăng nhập</h1>" in html
    assert "Tên đăng nhập" in html and "Mật khẩu" in html


def test_logging_in_leads_an_officer_to_what_is_due_for_the_unit(world: World):
    client = Client()
    response = client.post(reverse("login"), {"username": "donvi-a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("registry:my_work")
    html = response.content.decode()
    assert "Việc cần làm của tôi" in html
    assert "Đăng xuất" in html
    clusters = client.get(reverse("front:clusters")).content.decode()
    assert "Các cụm, khối thi đua" in clusters and "Cụm Tham mưu tổng hợp" in clusters


def test_logging_in_returns_to_the_page_asked_for(world: World):
    wanted = reverse("front:cluster_year", args=[world.cluster_a.pk, 2021])
    response = Client().post(
        reverse("login") + f"?next={wanted}", {"username": "donvi-a", "password": PASSWORD, "next": wanted}
    )
    assert response["Location"] == wanted


def test_a_wrong_password_keeps_the_user_out_with_a_vietnamese_message(world: World):
    client = Client()
    response = client.post(reverse("login"), {"username": "donvi-a", "password": "sai"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "Vui lòng" in response.content.decode()  # Django's Vietnamese message
    assert client.get(reverse("front:home")).status_code == 302


def test_too_many_failures_lock_the_account_even_with_the_right_password(world: World):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "donvi-a", "password": "sai"})
    response = client.post(reverse("login"), {"username": "donvi-a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert client.get(reverse("front:home")).status_code == 302


def test_logging_out_is_a_post_and_ends_the_session(world: World):
    client = Client()
    client.post(reverse("login"), {"username": "donvi-a", "password": PASSWORD})
    assert client.get(reverse("front:clusters")).status_code == 200
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("front:home")).status_code == 302


@pytest.mark.django_db
def test_the_header_offers_the_board_pages_to_board_staff_only(client):
    from thidua.accounts.models import Role
    from thidua.testing import factories

    board = factories.RoleFactory(
        kind=Role.Kind.BOARD,
        organizer=factories.OrganizerFactory(),
        user=factories.UserFactory(username="bqt1"),
    )
    officer = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=factories.UnitFactory())
    client.force_login(board.user)
    assert "Hội đồng" in client.get("/", follow=True).content.decode()
    client.force_login(officer.user)
    page = client.get("/", follow=True).content.decode()
    assert "Sổ khen thưởng" in page and "Hội đồng" not in page


def test_failures_from_many_addresses_lock_the_account(world: World):
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"10.1.0.{n}").post(reverse("login"), {"username": "donvi-a", "password": "sai"})
    response = Client(REMOTE_ADDR="10.1.1.1").post(
        reverse("login"), {"username": "donvi-a", "password": PASSWORD}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tài khoản tạm khóa" in page
    assert "lần đăng nhập sai với tài khoản này hoặc từ địa chỉ máy tính này" in page
    # Another account is not locked by them.
    other = Client(REMOTE_ADDR="10.1.1.1").post(
        reverse("login"), {"username": "donvi-b", "password": PASSWORD}
    )
    assert other.status_code == 302


def test_failures_on_many_accounts_from_one_address_lock_the_address(world: World):
    guesser = Client(REMOTE_ADDR="10.2.0.1")
    for n in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(reverse("login"), {"username": f"khong-co-{n}", "password": "sai"})
    locked = guesser.post(reverse("login"), {"username": "donvi-b", "password": PASSWORD})
    assert locked.status_code == 429 and "Tài khoản tạm khóa" in locked.content.decode()
    # The same account signs in from another machine.
    elsewhere = Client(REMOTE_ADDR="10.2.0.2").post(
        reverse("login"), {"username": "donvi-b", "password": PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_behind_a_proxy_failures_lock_the_clients_address_not_the_proxys(world: World, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    for n in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(reverse("login"), {"username": f"khong-co-{n}", "password": "sai"})
    locked = guesser.post(reverse("login"), {"username": "donvi-b", "password": PASSWORD})
    assert locked.status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2")
    assert colleague.post(reverse("login"), {"username": "donvi-b", "password": PASSWORD}).status_code == 302
