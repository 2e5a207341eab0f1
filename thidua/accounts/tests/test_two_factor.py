"""Two-step sign-in: a board officer turns it on from their page (QR code and key, confirmed with a code)
and off with a code; signing in then asks for the code after the password; wrong codes count towards the
lock; the admin site opens only after the code step; accounts without a device sign in as before."""

from __future__ import annotations

import re
import time
from binascii import unhexlify

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.scenarios import SEED
from thidua.testing import factories
from thidua.testing.worlds import PASSWORD, client_for, make_user, user_with

pytestmark = pytest.mark.django_db
SETTINGS = "/tai-khoan/xac-thuc-hai-buoc/"


def code(key: str, steps_ahead: int = 0) -> str:
    """The app's code for `key`, `steps_ahead` 30-second steps from now (a code once used cannot sign in
    again, so each test step takes the next one)."""
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


@pytest.fixture
def board():
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory())


def turn_on(user) -> str:
    """Turn it on through the page; returns the device's key."""
    client = client_for(user)
    client.get(SETTINGS)
    key = client.session["thidua:totp-setup-key"]
    assert client.post(SETTINGS, {"code": code(key)}).status_code == 302
    return key


def sign_in(username: str, password: str = PASSWORD) -> tuple[Client, object]:
    client = Client()
    return client, client.post(reverse("login"), {"username": username, "password": password})


def test_the_page_shows_a_qr_code_and_the_key_and_a_right_code_turns_it_on(board):
    client = client_for(board)
    page = client.get(SETTINGS).content.decode()
    assert "<svg" in page and "Mã QR cho ứng dụng xác thực" in page
    key = client.session["thidua:totp-setup-key"]
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert "http" not in page.split("<svg")[1].split("</svg>")[0].replace("http://www.w3.org", "")

    wrong = client.post(SETTINGS, {"code": "000000" if code(key) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()
    assert client.post(SETTINGS, {"code": "12ab"}).status_code == 400

    done = client.post(SETTINGS, {"code": code(key)}, follow=True)
    assert "Đã bật đăng nhập hai bước" in done.content.decode()
    device = TOTPDevice.objects.get(user=board)
    assert device.confirmed and device.key == key
    assert AuditEvent.objects.filter(verb="account.two_factor_on", object_id=str(board.pk)).exists()


def test_sign_in_asks_for_the_code_after_the_password(board):
    key = turn_on(board)
    client, answer = sign_in(board.username)
    assert answer["Location"] == reverse("login_code")
    assert client.get(reverse("front:home"))["Location"].startswith(reverse("login"))  # not signed in yet

    step = client.get(reverse("login_code")).content.decode()
    assert "Mật khẩu đúng" in step
    answer = client.post(reverse("login_code"), {"code": code(key, 1)})
    assert answer.status_code == 302 and answer["Location"] == reverse("front:home")
    assert client.get(reverse("twofactor:settings")).status_code == 200
    assert client.session["_auth_user_id"] == str(board.pk)


def test_the_code_step_without_a_password_first_leads_back_to_sign_in():
    answer = Client().post(reverse("login_code"), {"code": "123456"})
    assert answer["Location"] == reverse("login")


def test_a_wrong_code_is_refused_in_vietnamese_and_five_lock_the_account(board):
    key = turn_on(board)
    client, _ = sign_in(board.username)
    right = code(key, 1)
    wrong = "000000" if right != "000000" else "111111"
    answer = client.post(reverse("login_code"), {"code": wrong})
    assert answer.status_code == 400
    assert "Mã không đúng hoặc đã hết hạn" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    for _ in range(4):
        answer = client.post(reverse("login_code"), {"code": wrong})
    assert answer.status_code == 429 or "tạm khóa" in answer.content.decode().lower()
    # Locked: even the right code (or the password) does not sign in now.
    assert client.post(reverse("login_code"), {"code": right}).status_code != 302
    assert "_auth_user_id" not in client.session
    _, again = sign_in(board.username)
    assert again.status_code != 302


def test_a_code_turns_it_off_and_the_password_alone_signs_in_again(board):
    key = turn_on(board)
    client = client_for(board)
    refused = client.post(SETTINGS, {"code": "abcdef"})
    assert refused.status_code == 400 and TOTPDevice.objects.filter(user=board).exists()
    done = client.post(SETTINGS, {"code": code(key, 1)}, follow=True)
    assert "Đã tắt đăng nhập hai bước" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=board).exists()
    assert AuditEvent.objects.filter(verb="account.two_factor_off").exists()
    _, answer = sign_in(board.username)
    assert answer["Location"] == reverse("front:home")


def test_a_unit_officer_has_no_such_page():
    officer = user_with("donvi-x", kind=Role.Kind.UNIT_OFFICER, unit=factories.UnitFactory())
    assert client_for(officer).get(SETTINGS).status_code == 404


def test_the_admin_is_refused_without_the_code_step():
    admin_user = make_user("quantri-x", is_superuser=True, is_staff=True)
    client = client_for(admin_user)
    # No device: sent to set one up, told why.
    answer = client.get(reverse("admin:index"), follow=True)
    assert answer.redirect_chain[-1][0] == reverse("twofactor:settings")
    assert "Trang quản trị chỉ mở sau khi đăng nhập hai bước" in answer.content.decode()
    # The admin's own sign-in form cannot skip the code: it is the site's sign-in.
    admin_login = Client().get(reverse("admin:login"))
    assert admin_login["Location"].startswith(reverse("login"))

    key = turn_on(admin_user)
    # A session signed in before (no code in it) is asked for the code.
    answer = client.get(reverse("admin:index"))
    assert answer["Location"].startswith(reverse("admin:login"))
    answer = client.get(answer["Location"])
    assert answer["Location"].startswith(reverse("login_code"))
    answer = client.post(answer["Location"], {"code": code(key, 1)})
    assert answer["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200

    # Signing in with password and code opens the admin at once.
    fresh, _ = sign_in(admin_user.username)
    fresh.post(reverse("login_code"), {"code": code(key, 2)})
    assert fresh.get(reverse("admin:index")).status_code == 200


def test_the_demo_accounts_still_sign_in_with_the_password_alone():
    cluster_year = import_exchange(read_exchange_file(SEED), by="kiểm thử").years.get(year=2021)
    for account in create_demo_accounts(cluster_year):
        client, answer = sign_in(account.username, account.password)
        assert answer.status_code == 302 and answer["Location"] != reverse("login_code"), account.username
        assert client.session["_auth_user_id"] == str(
            get_user_model().objects.get(username=account.username).pk
        )
