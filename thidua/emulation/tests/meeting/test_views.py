"""The meeting's pages over HTTP: who may run the meeting, the delegate's steps, the published list."""

from __future__ import annotations

import logging
import re

import pytest

from thidua.accounts.models import Role
from thidua.emulation import codes
from thidua.emulation.actions.review import count_of
from thidua.emulation.models import Ballot, Meeting, Review
from thidua.emulation.tests.meeting.helpers import issued_codes, legal
from thidua.testing import factories

pytestmark = pytest.mark.django_db


def login(client, user) -> None:
    user.refresh_from_db()  # the factory sets the password without saving it: match the session hash
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def counted_url(cy):
    """The published list of counted ballots: at the meeting's token, not at the cluster's id."""
    return f"/hop/phieu-da-kiem/{Meeting.objects.get(review__cluster_year=cy).public_token}/"


def chair_url(cy, name="chair"):
    return (
        f"/hop/{cy.cluster_id}/{cy.year}/"
        + {
            "chair": "",
            "open": "mo",
            "close": "dong",
            "reopen": "mo-lai",
            "issue": "cap-ma",
            "attendance": "du-hop",
            "conclude": "chot",
            "count": "so-phieu",
            "paper": "phieu-giay/",
            "rules": "cach-binh-xet",
        }[name]
    )


@pytest.fixture
def lead(client, seed_year):
    role = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year)
    login(client, role.user)
    return role.user


def test_the_triad_only_the_cluster_lead_runs_the_meeting(client, seed_year):
    lead = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year).user
    member = factories.RoleFactory(
        kind=Role.Kind.UNIT_OFFICER, unit=seed_year.cluster.units.get(code="SNV")
    ).user
    outsider = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=factories.UnitFactory()).user
    login(client, lead)
    assert client.get(chair_url(seed_year)).status_code == 200
    for user in (member, outsider):
        login(client, user)
        assert client.get(chair_url(seed_year)).status_code == 404
        assert client.post(chair_url(seed_year, "open")).status_code == 404
    # The imported year's meeting holds its attendance (recorded through the meeting's own rule); nobody
    # but the lead opened its vote.
    assert Meeting.objects.get(review__cluster_year=seed_year).voting == Meeting.Voting.PREPARING
    client.logout()
    assert client.get(chair_url(seed_year)).status_code == 302


def test_the_chair_records_attendance_opens_issues_codes_and_closes(client, lead, seed_year):
    members = seed_year.member_units()
    client.post(chair_url(seed_year, "attendance"), {"present": [u.pk for u in members[:3]]})
    page = client.post(chair_url(seed_year, "open"), follow=True).content.decode()
    assert "không đủ số lượng dự họp" in page
    client.post(chair_url(seed_year, "attendance"), {"present": [u.pk for u in members]})
    page = client.post(chair_url(seed_year, "open"), follow=True).content.decode()
    assert "Đang bỏ phiếu" in page
    sheet = client.post(chair_url(seed_year, "issue")).content.decode()
    shown = re.findall(r'class="code" data-unit="(\w+)">([\w-]+)<', sheet)
    assert len(shown) == 7 and sheet.count("<svg") == 7
    # The QR code's address holds the code in its fragment only: never in a path a server logs.
    assert f"/hop/phieu/#{shown[0][1]}<" in sheet and f"/{shown[0][1]}/" not in sheet
    # Shown once: the chair's screen does not show them again.
    page = client.get(chair_url(seed_year)).content.decode()
    assert all(code not in page for _, code in shown)
    # While voting is open the chair sees one number, the codes used, and never whose.
    assert re.search(r'Đã dùng <strong id="live-count"[^>]*>0/7</strong>', page)
    assert "chưa dùng" not in page
    # A lost code is reissued for one unit chosen by name among all that received one.
    offered = re.search(r'<select id="reissue" name="unit">(.*?)</select>', page).group(1)
    assert len(re.findall("<option ", offered)) == 7
    client.post(chair_url(seed_year, "close"))
    reopen = client.post(chair_url(seed_year, "reopen"), {"reason": ""}, follow=True).content.decode()
    assert "Cần ghi lý do" in reopen


def cast_over_http(client, code, choices):
    data = {"code": code, "step": "cast"}
    for tier, units in choices.items():
        data[f"tier-{tier}"] = units
    return client.post("/hop/phieu/bo/", data).content.decode()


def open_ballot(client, code: str) -> str:
    """What the QR link's page posts for the delegate (meeting/code_link.js), or the typed code."""
    return client.post("/hop/phieu/bo/", {"code": code, "step": "open"}).content.decode()


def test_a_cast_through_the_page_reads_the_code_once_and_a_fixed_number_of_rows(
    client, open_meeting, django_assert_num_queries
):
    """Issue 13: a meeting's thousand delegates cast at once, so the page's cast reads the code (with its
    meeting, year and forms) once, not once for the page and again for the cast. The statements, counted so
    that one more shows: the code with its meeting, year, cluster and the cluster's forms; (the test's
    savepoint); PostgreSQL's shared lock of the meeting; its state with the named members; the code spent
    with the ballot stored (SQLite: one statement each); (the savepoint released). Nothing else: no session,
    no audit row, no page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first, second = list(issued_codes(open_meeting).values())[:2]
    cast_over_http(client, first, {"co-ubnd": ["STC"]})  # the year's first ballot marks it known
    statements = 6
    with CaptureQueriesContext(connection) as read, django_assert_num_queries(statements):
        page = cast_over_http(client, second, {"co-ubnd": ["SNV"]})
    assert 'id="receipt"' in page and Ballot.objects.count() == 2
    code_reads = [
        q for q in read.captured_queries if q["sql"].startswith("SELECT") and "ballotcode" in q["sql"]
    ]
    assert len(code_reads) == 1


def test_the_code_never_travels_in_an_address(client, open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    assert client.get(f"/hop/phieu/{code}/").status_code == 404
    entry = client.get("/hop/phieu/").content.decode()
    assert '<script src="/static/meeting/code_link.js">' in entry and 'id="code"' in entry


def test_a_delegate_votes_from_the_link_confirms_and_gets_a_receipt(client, open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    page = open_ballot(client, code)
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in page and "Chọn tối đa <strong>1</strong>" in page
    confirm = client.post(
        "/hop/phieu/bo/", {"code": code, "step": "confirm", "tier-co-ubnd": ["STC"]}
    ).content.decode()
    assert "Xác nhận phiếu bầu" in confirm and "Sở Tài chính" in confirm
    assert not Ballot.objects.exists()
    receipt_page = cast_over_http(client, code, {"co-ubnd": ["STC"]})
    receipt = Ballot.objects.get().receipt
    assert receipt in receipt_page
    assert "đã được dùng" in cast_over_http(client, code, {"co-ubnd": ["SNV"]})
    assert "đã được dùng" in open_ballot(client, code)
    assert Ballot.objects.count() == 1


def test_a_typed_code_opens_the_ballot(client, open_meeting):
    code = next(iter(issued_codes(open_meeting).values()))
    typed = code.lower().replace("-", " ")
    page = client.post("/hop/phieu/bo/", {"code": typed, "step": "open"}).content.decode()
    assert "Xem lại phiếu" in page


def test_refusals_say_why_in_vietnamese_and_store_nothing(client, meeting):
    code = next(iter(issued_codes(meeting).values()))
    assert "chưa mở bỏ phiếu" in open_ballot(client, code)
    assert "Không có mã phiếu này" in open_ballot(client, "ZZZZ-ZZZZ")
    from thidua.emulation.actions import meeting as services

    services.open_voting(meeting, by="chủ trì")
    over = cast_over_http(client, code, {"co-ubnd": ["STC", "VPDBQH"]})
    assert "chỉ được chọn tối đa 1 đơn vị, phiếu đã chọn 2" in over
    services.close_voting(meeting, by="chủ trì")
    assert "đã đóng bỏ phiếu" in cast_over_http(client, code, {"co-ubnd": ["STC"]})
    assert not Ballot.objects.exists()


def test_the_screen_shows_the_count_recomputed_from_the_stored_ballots(
    client, lead, open_meeting, seed_year, seed_ballots
):
    issued = list(issued_codes(open_meeting).values())
    for code, ballot in zip(issued, seed_ballots, strict=True):
        cast_over_http(client, code, legal(ballot, seed_year.quotas))
    assert client.get(chair_url(seed_year, "count")).content.decode() == "7/7"
    open_page = client.get(chair_url(seed_year)).content.decode()
    assert 'data-tier="co-ubnd"' not in open_page  # no per-unit count while voting is open
    client.post(chair_url(seed_year, "close"))
    page = client.get(chair_url(seed_year)).content.decode()
    count = count_of(seed_year, Review.objects.get(cluster_year=seed_year))
    for tier, votes in count.votes.items():
        table = re.search(rf'data-tier="{tier}">(.*?)</table>', page, re.S)
        shown = re.findall(r'data-unit="(\w+)"><td>[^<]*</td><td class="num votes">(\d+)<', table.group(1))
        assert {unit: int(n) for unit, n in shown} == dict(votes)
    # The published list: every ballot by its receipt, sorted.
    listing = client.get(counted_url(seed_year)).content.decode()
    receipts = re.findall(r'<td class="code">(\w+)</td>', listing)
    assert receipts == sorted(Ballot.objects.values_list("receipt", flat=True))


def test_the_published_list_waits_for_the_close(client, open_meeting, seed_year):
    code = next(iter(issued_codes(open_meeting).values()))
    cast_over_http(client, code, {"co-ubnd": ["STC"]})
    receipt = Ballot.objects.get().receipt
    assert receipt not in client.get(counted_url(seed_year)).content.decode()


def test_nothing_logged_over_http_contains_a_code(client, open_meeting, caplog):
    caplog.set_level(logging.DEBUG)
    issued = issued_codes(open_meeting)
    code = issued["STC"]
    open_ballot(client, code)
    cast_over_http(client, code, {"co-ubnd": ["STC", "SNV"]})  # refused
    cast_over_http(client, code, {"co-ubnd": ["STC"]})
    cast_over_http(client, code, {"co-ubnd": ["STC"]})  # replayed
    open_ballot(client, "ZZZZ-ZZZZ")
    for form in (code, code.replace("-", ""), codes.digest(code)):
        assert form not in caplog.text


def test_after_concluding_the_chair_records_next_year_and_gets_the_minutes(
    client, lead, open_meeting, seed_year
):
    code = next(iter(issued_codes(open_meeting).values()))
    cast_over_http(client, code, {"co-ubnd": ["STC"]})
    client.post(chair_url(seed_year, "close"))
    client.post(chair_url(seed_year, "conclude"))
    skhdt, sngv = (seed_year.cluster.units.get(code=c) for c in ("SKHDT", "SNGV"))
    client.post(
        f"/hop/{seed_year.cluster_id}/{seed_year.year}/lanh-dao-nam-sau",
        {"head": skhdt.pk, "deputies": [sngv.pk], "decided_by": "vote"},
    )
    review = Review.objects.get(cluster_year=seed_year)
    assert review.concluded_at is not None and review.next_head == skhdt
    assert review.next_deputy_units() == [sngv] and review.next_decided_by == "vote"
    page = client.get(chair_url(seed_year)).content.decode()
    link = re.search(r'href="([^"]+bien-ban-hop-binh-xet\.docx)"', page).group(1)
    minutes = client.get(link)
    assert minutes.status_code == 200 and minutes.content[:2] == b"PK"


def test_next_years_head_cannot_also_be_a_deputy_and_the_chair_is_told_why(client, lead, seed_year):
    skhdt, sngv = (seed_year.cluster.units.get(code=c) for c in ("SKHDT", "SNGV"))
    before = Review.objects.filter(cluster_year=seed_year).values_list("next_head", flat=True).first()
    response = client.post(
        f"/hop/{seed_year.cluster_id}/{seed_year.year}/lanh-dao-nam-sau",
        {"head": sngv.pk, "deputies": [skhdt.pk, sngv.pk], "decided_by": "vote"},
        follow=True,
    )
    assert "không thể vừa là cụm trưởng vừa là cụm phó" in response.content.decode()
    after = Review.objects.filter(cluster_year=seed_year).values_list("next_head", flat=True).first()
    assert after == before != sngv.pk
