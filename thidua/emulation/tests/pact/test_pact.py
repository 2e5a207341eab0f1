"""The launch, the registrations and the pact through the pages: the flow, each refusal, who may do what."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from thidua.accounts.models import Role
from thidua.awards.catalogue import AWARDS
from thidua.core.models import AuditEvent
from thidua.emulation.actions import launch as services
from thidua.emulation.models import Launch, Registration, Signing
from thidua.testing import factories

pytestmark = pytest.mark.django_db

XUAT_SAC = AWARDS["tap-the-lao-dong-xuat-sac"].name
TIEN_TIEN = AWARDS["tap-the-lao-dong-tien-tien"].name
FAR_DEADLINE = "31/12/2099"  # registration stays open whatever day the tests run


@dataclass
class Year:
    cluster_year: Any
    a: Any
    b: Any
    outsider_unit: Any
    lead: Client
    officer_a: Client
    officer_b: Client

    def url(self, tail: str = "") -> str:
        return f"/giao-uoc/{self.cluster_year.cluster_id}/{self.cluster_year.year}/{tail}"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def year() -> Year:
    cluster_year = factories.ClusterYearFactory()
    organizer = cluster_year.cluster.organizer
    flag = factories.AwardTierFactory(organizer=organizer, code="co", name="Cờ thi đua của UBND tỉnh")
    cluster_year.cluster.award_tiers.set([flag])
    a = factories.UnitFactory(organizer=organizer, name="Sở Tư pháp")
    b = factories.UnitFactory(organizer=organizer, name="Sở Nội vụ")
    for unit in (a, b):
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit)
    outsider = factories.UnitFactory(organizer=organizer, name="Sở Ngoài Cụm")
    return Year(
        cluster_year,
        a,
        b,
        outsider,
        _client(factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year).user),
        _client(factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=a).user),
        _client(factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=b).user),
    )


def _launch(year: Year, **changes: str) -> Any:
    data = {
        "date": "15/01/2021",
        "document_number": "05/KH-CTĐ",
        "document_title": "Kế hoạch phát động phong trào thi đua năm 2021",
        "theme": "Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
        "deadline": FAR_DEADLINE,
    } | changes
    return year.lead.post(year.url("phat-dong/"), data, follow=True)


def _register(year: Year, client: Client, unit: Any, **changes: Any) -> Any:
    data = {
        "targets": "100% hồ sơ đúng hạn\n\nKhông có đơn thư vượt cấp",
        "titles": ["tier:co", "award:tap-the-lao-dong-xuat-sac"],
    } | changes
    return client.post(year.url(f"dang-ky/{unit.pk}/"), data, follow=True)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _page(response: Any) -> str:
    """The page as read: a refused form comes back (200, not a redirect) with its messages in it."""
    assert response.status_code == 200 and not response.redirect_chain
    return html.unescape(response.content.decode())


def test_launch_registration_and_signing_show_on_the_status_page(year):
    page = _launch(year).content.decode()
    assert "Đã ghi nhận phát động thi đua." in page and "15/01/2021" in page and "05/KH-CTĐ" in page

    response = _register(year, year.officer_a, year.a)
    assert "Đã ghi nhận đăng ký thi đua của Sở Tư pháp." in _messages(response)
    registration = Registration.objects.get(unit=year.a)
    assert registration.target_lines() == ["100% hồ sơ đúng hạn", "Không có đơn thư vượt cấp"]
    assert registration.title_names() == ["Cờ thi đua của UBND tỉnh", XUAT_SAC]

    response = year.lead.post(
        year.url("ky/"), {"signed_on": "20/01/2021", "units": [year.a.pk, year.b.pk]}, follow=True
    )
    assert "Đã ghi nhận 2 đơn vị ký giao ước." in _messages(response)
    page = year.lead.get(year.url()).content.decode()
    assert page.count("Đã ký ngày 20/01/2021") == 2
    assert "Đã đăng ký" in page and "Chưa đăng ký" in page  # Sở Nội vụ has not registered
    assert XUAT_SAC in page
    verbs = list(AuditEvent.objects.filter(verb__startswith="pact.").values_list("verb", flat=True))
    assert sorted(verbs) == ["pact.launch", "pact.register", "pact.sign", "pact.sign"]
    # The year's page leads here.
    year_page = year.lead.get(f"/cum/{year.cluster_year.cluster_id}/{year.cluster_year.year}/")
    assert year.url() in year_page.content.decode()


def test_a_unit_may_change_its_registration_before_the_deadline(year):
    _launch(year)
    _register(year, year.officer_a, year.a)
    _register(
        year, year.officer_a, year.a, targets="Chỉ tiêu mới", titles=["award:tap-the-lao-dong-tien-tien"]
    )
    registration = Registration.objects.get(unit=year.a)
    assert registration.target_lines() == ["Chỉ tiêu mới"]
    assert registration.title_names() == [TIEN_TIEN]


def test_registration_after_the_deadline_is_refused(year):
    _launch(year, deadline="28/02/2021")
    response = _register(year, year.officer_a, year.a)
    assert "Đã hết hạn đăng ký thi đua (hạn cuối ngày 28/02/2021)" in _page(response)
    assert not Registration.objects.exists()
    # The service decides on the day it is given: the deadline day itself is still open.
    services.register(
        year.cluster_year,
        year.a,
        targets="Một chỉ tiêu",
        titles=["tier:co"],
        by=None,
        today=dt.date(2021, 2, 28),
    )
    assert Registration.objects.filter(unit=year.a).exists()


def test_registration_before_the_launch_or_with_bad_titles_is_refused(year):
    response = _register(year, year.officer_a, year.a)
    assert "Năm 2021 chưa ghi nhận phát động thi đua" in _page(response)
    _launch(year)
    response = _register(year, year.officer_a, year.a, targets="  ", titles=["award:huan-chuong-lao-dong"])
    messages = _page(response)
    assert "Cần ghi ít nhất một chỉ tiêu (mỗi dòng một chỉ tiêu)." in messages
    assert "Danh hiệu không có trong danh mục của cụm: award:huan-chuong-lao-dong." in messages
    assert not Registration.objects.exists()
    assert not AuditEvent.objects.filter(verb="pact.register").exists()


def test_a_non_member_cannot_register_or_sign(year):
    _launch(year)
    response = _register(year, year.lead, year.outsider_unit)
    assert "Sở Ngoài Cụm không phải đơn vị thành viên của cụm năm 2021." in _page(response)
    response = year.lead.post(
        year.url("ky/"), {"signed_on": "20/01/2021", "units": [year.a.pk, year.outsider_unit.pk]}, follow=True
    )
    assert "Sở Ngoài Cụm không phải đơn vị thành viên của cụm năm 2021." in _page(response)
    assert not Registration.objects.exists() and not Signing.objects.exists()  # Sở Tư pháp not signed either


def test_signing_before_the_launch_or_twice_is_refused(year):
    _launch(year)
    response = year.lead.post(year.url("ky/"), {"signed_on": "14/01/2021", "units": [year.a.pk]}, follow=True)
    assert "Ngày ký giao ước (14/01/2021) không được trước ngày phát động (15/01/2021)." in _page(response)
    assert not Signing.objects.exists()
    year.lead.post(year.url("ky/"), {"signed_on": "20/01/2021", "units": [year.a.pk]})
    response = year.lead.post(
        year.url("ky/"), {"signed_on": "21/01/2021", "units": [year.a.pk, year.b.pk]}, follow=True
    )
    assert "Sở Tư pháp đã ký giao ước ngày 20/01/2021; mỗi đơn vị chỉ ký một lần." in _page(response)
    assert list(Signing.objects.values_list("unit__name", "signed_on")) == [
        ("Sở Tư pháp", dt.date(2021, 1, 20))
    ]


def test_bad_launch_input_is_refused_and_nothing_written(year):
    response = _launch(year, date="32/01/2021")
    assert "“Ngày phát động”: “32/01/2021” không phải ngày hợp lệ (ghi theo dạng dd/mm/yyyy)." in _page(
        response
    )
    response = _launch(year, deadline="10/01/2021", document_number="")
    messages = _page(response)
    assert "Hạn đăng ký (10/01/2021) không được trước ngày phát động (15/01/2021)." in messages
    assert "Cần ghi số văn bản phát động." in messages
    assert not Launch.objects.exists() and not AuditEvent.objects.exists()


def test_permissions(year):
    _launch(year)
    # An officer registers its own unit only, and neither launches nor records signings.
    assert _register(year, year.officer_b, year.a).status_code == 404
    assert year.officer_a.post(year.url("phat-dong/"), {"date": "01/02/2021"}).status_code == 404
    assert (
        year.officer_a.post(year.url("ky/"), {"signed_on": "20/01/2021", "units": [year.a.pk]}).status_code
        == 404
    )
    assert not Registration.objects.exists() and not Signing.objects.exists()
    assert Launch.objects.get().date == dt.date(2021, 1, 15)
    # The officer's page offers its own unit's form, not the other unit's nor the lead's forms.
    page = year.officer_a.get(year.url()).content.decode()
    assert f"dang-ky/{year.a.pk}/" in page and f"dang-ky/{year.b.pk}/" not in page and 'ky/"' not in page
    # The board manages the year too, and may enter a registration for a unit.
    organizer = year.cluster_year.cluster.organizer
    board = _client(factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user)
    assert "Đã ghi nhận đăng ký thi đua của Sở Nội vụ." in _messages(_register(year, board, year.b))
    # Someone outside the year: 404 everywhere; anonymous: the login page.
    stranger = _client(factories.UserFactory())
    assert stranger.get(year.url()).status_code == 404
    assert _register(year, stranger, year.a).status_code == 404
    anonymous = Client().get(year.url())
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]


def test_a_refused_launch_keeps_what_was_typed_with_the_message_beside_the_field(year):
    response = _launch(year, deadline="10/01/2021", theme="Thi đua lập thành tích chào mừng Đại hội")
    page = _page(response)
    assert 'value="05/KH-CTĐ"' in page and 'value="10/01/2021"' in page
    assert "Thi đua lập thành tích chào mừng Đại hội</textarea>" in page
    deadline = re.search(r'<input id="deadline"[^>]*>\s*<span class="error"[^>]*>([^<]*)</span>', page)
    assert deadline and "Hạn đăng ký (10/01/2021) không được trước ngày phát động" in deadline.group(1)
    assert not Launch.objects.exists()


def test_a_refused_registration_keeps_the_targets_and_the_titles_ticked(year):
    _launch(year)
    response = _register(year, year.officer_a, year.a, targets="Giải quyết 100% hồ sơ đúng hạn", titles=[])
    page = _page(response)
    assert "Giải quyết 100% hồ sơ đúng hạn</textarea>" in page
    assert "Cần chọn ít nhất một danh hiệu hoặc hình thức khen thưởng đăng ký." in page
    response = _register(year, year.officer_a, year.a, targets=" ", titles=["tier:co"])
    page = _page(response)
    assert 'value="tier:co" checked' in page
    assert 'aria-describedby="err-targets-' in page and "Cần ghi ít nhất một chỉ tiêu" in page
    assert not Registration.objects.exists()


def test_a_refused_signing_keeps_the_date_and_the_units_ticked(year):
    _launch(year)
    response = year.lead.post(year.url("ky/"), {"signed_on": "14/01/2021", "units": [year.b.pk]}, follow=True)
    page = _page(response)
    assert 'id="signed_on" name="signed_on" placeholder="dd/mm/yyyy" value="14/01/2021"' in page
    assert f'value="{year.b.pk}" checked' in page and f'value="{year.a.pk}" checked' not in page
    assert not Signing.objects.exists()
