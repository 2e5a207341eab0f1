"""The board's set-up pages (Thiết lập): who reaches them, what they write, how they refuse bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.organisations.models import Cluster, Unit, UnitEvent
from thidua.testing import factories
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db


LISTS = ("registry:setup_units", "registry:setup_clusters", "registry:setup_accounts")


def _pages(world: World) -> list[str]:
    organizer = world.cluster_a.organizer_id
    unit = world.units["STC"].pk
    role = Role.objects.get(user=world.officer_a).pk
    return [
        reverse("registry:setup_units", args=[organizer]),
        reverse("registry:setup_unit_new", args=[organizer]),
        reverse("registry:setup_unit", args=[unit]),
        reverse("registry:setup_clusters", args=[organizer]),
        reverse("registry:setup_cluster_new", args=[organizer]),
        reverse("registry:setup_cluster", args=[world.cluster_a.pk]),
        reverse("registry:setup_accounts", args=[organizer]),
        reverse("registry:setup_account_new", args=[organizer]),
        reverse("registry:setup_account", args=[organizer, world.officer_a.pk]),
        # POST-only pages answer GET with 405 to the board, 404 to everyone else.
        reverse("registry:setup_unit_event", args=[unit]),
        reverse("registry:setup_account_role", args=[organizer, world.officer_a.pk]),
        reverse("registry:setup_role_revoke", args=[organizer, role]),
        reverse("registry:setup_account_password", args=[organizer, world.officer_a.pk]),
    ]


def test_the_board_of_the_organizer_opens_every_set_up_page(world: World) -> None:
    board = client_for(world.board)
    for url in _pages(world):
        assert board.get(url).status_code in (200, 405), url


@pytest.mark.parametrize("who", ["board_other", "officer_a", "lead_a"])
def test_anyone_else_gets_not_found_and_changes_nothing(world: World, who: str) -> None:
    client = client_for(getattr(world, who))
    roles, units, events = Role.objects.count(), Unit.objects.count(), AuditEvent.objects.count()
    post_only = set(_pages(world)[-4:])
    get_only = {reverse(name, args=[world.cluster_a.organizer_id]) for name in LISTS}
    get_only.add(reverse("registry:setup_account", args=[world.cluster_a.organizer_id, world.officer_a.pk]))
    for url in _pages(world):
        if url not in post_only:
            assert client.get(url).status_code == 404, url
        if url not in get_only:
            assert client.post(url, {"name": "X", "code": "X", "kind": "board"}).status_code == 404, url
    assert (Role.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == (roles, units, events)


def test_the_dashboard_links_the_set_up_pages(world: World) -> None:
    page = client_for(world.board).get(reverse("registry:dashboard")).content.decode()
    assert "Thiết lập" in page
    assert reverse("registry:setup_units", args=[world.cluster_a.organizer_id]) in page
    assert reverse("registry:setup_accounts", args=[world.cluster_a.organizer_id]) in page


# ---- units ---------------------------------------------------------------------------------------


def test_the_board_adds_a_unit_and_a_double_submit_adds_it_once(world: World) -> None:
    board = client_for(world.board)
    url = reverse("registry:setup_unit_new", args=[world.cluster_a.organizer_id])
    typed = {
        "code": "SXD",
        "name": "Sở Xây dựng tỉnh Thử Nghiệm",
        "short_name": "Sở Xây dựng",
        "female_share": "0,4",
    }
    first = board.post(url, typed)
    unit = Unit.objects.get(code="SXD")
    assert first.status_code == 302 and first["Location"] == reverse("registry:setup_unit", args=[unit.pk])
    assert str(unit.female_share) == "0.400"
    again = board.post(url, typed)
    assert again.status_code == 400
    assert "Mã «SXD» đã dùng cho một đơn vị khác" in again.content.decode()
    assert Unit.objects.filter(code="SXD").count() == 1
    assert AuditEvent.objects.filter(verb="unit.create").count() == 1


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ({"code": "", "name": "Sở Mới"}, "Cần nhập mã"),
        ({"code": "S M", "name": "Sở Mới"}, "không được có dấu cách"),
        ({"code": "SM", "name": "Sở Mới", "female_share": "1,5"}, "Tỷ lệ nữ phải từ 0 đến 1"),
        ({"code": "SM", "name": "Sở Mới", "female_share": "nhiều"}, "Tỷ lệ nữ phải là một số"),
        ({"code": "SM", "name": "Sở\x00Mới"}, "ký tự điều khiển"),
    ],
)
def test_a_bad_unit_is_refused_with_the_field_named_and_what_was_typed_kept(
    world: World, typed: dict[str, str], said: str
) -> None:
    board = client_for(world.board)
    before = Unit.objects.count()
    response = board.post(reverse("registry:setup_unit_new", args=[world.cluster_a.organizer_id]), typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert said in page
    assert Unit.objects.count() == before
    if typed.get("female_share"):
        assert f'value="{typed["female_share"]}"' in page


def test_the_board_records_a_merger_and_a_dissolution_on_the_unit_page(world: World) -> None:
    board = client_for(world.board)
    skh, stc = world.units["SKH"], world.units["STC"]
    url = reverse("registry:setup_unit_event", args=[skh.pk])
    merged = board.post(url, {"kind": "merged_into", "other": stc.pk, "date": "01/03/2025"})
    assert merged.status_code == 302
    event = UnitEvent.objects.get(unit=skh)
    assert (event.kind, event.other, str(event.date)) == ("merged_into", stc, "2025-03-01")
    twice = board.post(url, {"kind": "merged_into", "other": stc.pk, "date": "01/03/2025"})
    assert twice.status_code == 400 and UnitEvent.objects.filter(unit=skh).count() == 1
    assert "đã có trong lịch sử" in twice.content.decode()
    page = board.get(reverse("registry:setup_unit", args=[stc.pk])).content.decode()
    assert "01/03/2025" in page and "SKH" in page  # the merger shows on the absorbing unit's history too

    dissolved = board.post(
        reverse("registry:setup_unit_event", args=[world.units["SGD"].pk]),
        {"kind": "dissolved", "date": "31/12/2025"},
    )
    assert dissolved.status_code == 302
    assert str(Unit.objects.get(pk=world.units["SGD"].pk).dissolved_on) == "2025-12-31"


def test_a_lineage_event_without_its_unit_or_with_a_bad_date_is_refused(world: World) -> None:
    board = client_for(world.board)
    url = reverse("registry:setup_unit_event", args=[world.units["SKH"].pk])
    no_other = board.post(url, {"kind": "renamed_to", "date": "01/03/2025"})
    assert no_other.status_code == 400 and "Chọn đơn vị liên quan" in no_other.content.decode()
    bad_date = board.post(url, {"kind": "renamed_to", "other": world.units["STC"].pk, "date": "30/02/2025"})
    assert bad_date.status_code == 400 and "30/02/2025" in bad_date.content.decode()
    stranger = factories.UnitFactory(organizer=world.cluster_other.organizer)
    foreign = board.post(url, {"kind": "merged_into", "other": stranger.pk, "date": "01/03/2025"})
    assert foreign.status_code == 400
    assert not UnitEvent.objects.exists()


def test_the_unit_list_searches_and_pages_in_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    board = client_for(world.board)
    organizer = world.cluster_a.organizer
    url = reverse("registry:setup_units", args=[organizer.pk])
    assert "Sở Tư pháp" in board.get(url, {"q": "tư pháp"}).content.decode()
    assert "Sở Y tế" not in board.get(url, {"q": "tư pháp"}).content.decode()
    assert board.get(url, {"q": "tư\x00pháp", "trang": "x"}).status_code == 200
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        board.get(url)
    for n in range(60):
        factories.UnitFactory(organizer=organizer, code=f"X{n:03}", parent=world.units["STC"])
    with django_assert_max_num_queries(len(few)):
        response = board.get(url)
    assert "Trang 1" in response.content.decode()


# ---- clusters ------------------------------------------------------------------------------------


def test_the_board_adds_a_block_and_edits_it(world: World) -> None:
    board = client_for(world.board)
    organizer = world.cluster_a.organizer
    tier = organizer.award_tiers.first()
    url = reverse("registry:setup_cluster_new", args=[organizer.pk])
    typed = {"code": "KKT", "kind": "khoi", "name": "Khối Kinh tế", "award_tiers": [tier.pk]}
    assert board.post(url, typed).status_code == 302
    assert board.post(url, typed).status_code == 400  # the second submit: the code is taken
    block = Cluster.objects.get(organizer=organizer, code="KKT")
    assert list(block.award_tiers.all()) == [tier]
    edit = board.post(
        reverse("registry:setup_cluster", args=[block.pk]),
        {"kind": "khoi", "name": "Khối Kinh tế – Tài chính"},
    )
    assert edit.status_code == 302
    block.refresh_from_db()
    assert block.name == "Khối Kinh tế – Tài chính" and not block.award_tiers.exists()
    empty = board.post(reverse("registry:setup_cluster", args=[block.pk]), {"kind": "khoi", "name": ""})
    assert empty.status_code == 400 and "Cần nhập tên" in empty.content.decode()


def test_the_cluster_page_leads_to_the_year_pages_and_prepares_the_next_year(world: World) -> None:
    board = client_for(world.board)
    page = board.get(reverse("registry:setup_cluster", args=[world.cluster_a.pk])).content.decode()
    assert reverse("front:edit_step", args=[world.cluster_a.pk, 2021, "thanh-vien"]) in page
    assert reverse("front:edit_step", args=[world.cluster_a.pk, 2021, "lanh-dao"]) in page
    assert reverse("front:new_year", args=[world.cluster_a.pk]) in page
    assert 'name="year" value="2022"' in page
    created = board.post(reverse("front:new_year", args=[world.cluster_a.pk]), {"year": "2022"})
    assert created.status_code == 302
    assert world.cluster_a.years.get(year=2022).memberships.count() == 4
    again = board.post(reverse("front:new_year", args=[world.cluster_a.pk]), {"year": "2022"})
    assert again.status_code == 200 and world.cluster_a.years.filter(year=2022).count() == 1


def test_the_cluster_list_runs_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    board = client_for(world.board)
    organizer = world.cluster_a.organizer
    url = reverse("registry:setup_clusters", args=[organizer.pk])
    with CaptureQueriesContext(connection) as few:
        board.get(url)
    for _ in range(12):
        cluster = factories.ClusterFactory(organizer=organizer)
        year = factories.ClusterYearFactory(cluster=cluster, year=2021)
        factories.MembershipFactory(cluster_year=year, unit=world.units["SNV"])
    with django_assert_max_num_queries(len(few)):
        assert board.get(url).status_code == 200


# ---- accounts ------------------------------------------------------------------------------------


def test_the_board_creates_an_officer_account_shown_once_and_only_once(world: World) -> None:
    board = client_for(world.board)
    url = reverse("registry:setup_account_new", args=[world.cluster_a.organizer_id])
    typed = {
        "username": "canbo.stc",
        "full_name": "Nguyễn Thị Cán Bộ",
        "kind": "unit_officer",
        "unit": world.units["STC"].pk,
    }
    response = board.post(url, typed)
    assert response.status_code == 200
    user = get_user_model().objects.get(username="canbo.stc")
    password = response.context["password"]
    assert user.check_password(password) and password in response.content.decode()
    assert Role.objects.get(user=user).unit == world.units["STC"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    again = board.post(url, typed)
    assert again.status_code == 400 and "đã có người dùng" in again.content.decode()
    assert get_user_model().objects.filter(username="canbo.stc").count() == 1
    listed = board.get(reverse("registry:setup_accounts", args=[world.cluster_a.organizer_id]))
    assert "canbo.stc" in listed.content.decode() and password not in listed.content.decode()


def test_an_officer_account_needs_its_unit_and_a_unit_of_this_organizer(world: World) -> None:
    board = client_for(world.board)
    url = reverse("registry:setup_account_new", args=[world.cluster_a.organizer_id])
    typed = {"username": "canbo", "full_name": "Nguyễn Văn A", "kind": "unit_officer"}
    missing = board.post(url, typed)
    assert missing.status_code == 400 and "Chọn đơn vị của cán bộ thi đua" in missing.content.decode()
    assert 'value="Nguyễn Văn A"' in missing.content.decode()
    stranger = factories.UnitFactory(organizer=world.cluster_other.organizer)
    foreign = board.post(url, {**typed, "unit": stranger.pk})
    assert foreign.status_code == 400
    assert not get_user_model().objects.filter(username="canbo").exists()


def test_the_board_gives_and_takes_a_role_and_resets_a_password(world: World) -> None:
    board = client_for(world.board)
    organizer = world.cluster_a.organizer_id
    officer = world.officer_a
    give = reverse("registry:setup_account_role", args=[organizer, officer.pk])
    assert board.post(give, {"kind": "cluster_lead", "cluster_year": world.year_b.pk}).status_code == 302
    twice = board.post(give, {"kind": "cluster_lead", "cluster_year": world.year_b.pk})
    assert twice.status_code == 400 and Role.objects.filter(user=officer).count() == 2
    role = Role.objects.get(user=officer, kind="cluster_lead")
    assert board.post(reverse("registry:setup_role_revoke", args=[organizer, role.pk])).status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    reset = board.post(reverse("registry:setup_account_password", args=[organizer, officer.pk]))
    assert reset.status_code == 200
    officer.refresh_from_db()
    assert officer.check_password(reset.context["password"])


def test_a_password_of_an_account_serving_elsewhere_is_not_the_boards_to_reset(world: World) -> None:
    factories.RoleFactory(user=world.officer_a, kind=Role.Kind.BOARD, organizer=world.cluster_other.organizer)
    board = client_for(world.board)
    url = reverse("registry:setup_account_password", args=[world.cluster_a.organizer_id, world.officer_a.pk])
    before = get_user_model().objects.get(pk=world.officer_a.pk).password
    assert board.post(url).status_code == 302
    assert get_user_model().objects.get(pk=world.officer_a.pk).password == before
    # Nor is the other organizer's role the board's to take away.
    other = Role.objects.get(user=world.officer_a, kind=Role.Kind.BOARD)
    revoke = reverse("registry:setup_role_revoke", args=[world.cluster_a.organizer_id, other.pk])
    assert board.post(revoke).status_code == 404 and Role.objects.filter(pk=other.pk).exists()


def test_the_account_list_runs_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    board = client_for(world.board)
    url = reverse("registry:setup_accounts", args=[world.cluster_a.organizer_id])
    with CaptureQueriesContext(connection) as few:
        board.get(url)
    for n in range(30):
        factories.RoleFactory(user=factories.UserFactory(username=f"cb{n}"), unit=world.units["SNV"])
        factories.RoleFactory(
            user=factories.UserFactory(username=f"cl{n}"),
            kind=Role.Kind.CLUSTER_LEAD,
            cluster_year=world.year_b,
        )
    with django_assert_max_num_queries(len(few)):
        assert "cb1" in board.get(url).content.decode()
