"""Sealed while open (DESIGN.md): every page and API answer each role can reach, walked while a cluster
meeting's and a council sitting's secret votes are open, shows the same thing before and after ballots are
cast, except the one number the chair sees (codes used); counts, rankings, documents and the exchange file
are refused in words. Once voting closes the results appear; a reopen seals them again."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from thidua.accounts.models import Role
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import ClusterYear, Meeting
from thidua.emulation.papers.render import COUNTED
from thidua.emulation.tests.meeting.council_helpers import at_council
from thidua.emulation.tests.meeting.council_secret_helpers import secret_council
from thidua.emulation.tests.meeting.helpers import issued_codes, legal
from thidua.emulation.tests.meeting.test_views import login
from thidua.registry.actions.council import (
    cast_council_ballot,
    close_council_voting,
    council_proposals,
    issue_council_codes,
)
from thidua.registry.models import Council
from thidua.testing import factories
from thidua.testing.worlds import pass_code_step

pytestmark = pytest.mark.django_db

SEALED_WORDS = "được niêm phong cho đến khi"
# What changes between two requests without meaning anything: the CSRF token.
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
# The one number that may change while sealed: codes used of those issued, on the page and alone.
PROGRESS = re.compile(r'(id="(?:live|paper)-count"[^>]*>|^)\d+/\d+(<|$)')


def pages(cluster_year: ClusterYear, council: Council) -> list[str]:
    c, y, cluster = cluster_year.cluster_id, cluster_year.year, f"/api/v1/clusters/{cluster_year.cluster_id}"
    year_pages = [f"/cum/{c}/", f"/cum/{c}/{y}/", f"/cum/{c}/{y}/nhap/", f"/trao-doi/xuat/{c}/"]
    year_pages += [f"/cum/{c}/{y}/van-ban/{name}" for name in COUNTED]
    meeting_pages = [f"/hop/{c}/{y}/{tail}" for tail in ("", "so-phieu", "phieu-giay/")]
    token = Meeting.objects.get(review__cluster_year=cluster_year).public_token
    meeting_pages.append(f"/hop/phieu-da-kiem/{token}/")
    council_pages = [f"/hop/hoi-dong/{council.pk}/{tail}" for tail in ("", "so-phieu")]
    council_pages.append(f"/hop/hoi-dong/phieu-da-kiem/{council.public_token}/")
    council_pages.append(f"/hop/hoi-dong/{council.pk}/bien-ban.docx")
    api = ["/api/v1/clusters", f"{cluster}/years", f"{cluster}/years/{y}/results", f"{cluster}/export"]
    admin = [
        f"/admin/{model}/" for model in ("emulation/ballot", "registry/councilballot", "emulation/codeissue")
    ]
    admin += ["/admin/registry/councilvote/", "/admin/emulation/review/", "/admin/emulation/meeting/"]
    admin.append("/admin/registry/councilcodeissue/")
    admin.append("/admin/core/auditevent/")
    return ["/", *year_pages, *meeting_pages, *council_pages, *api, *admin]


def people(cluster_year: ClusterYear) -> dict[str, Client]:
    """Board, chair (cluster lead), a member unit's officer, a superuser (the admin) and anonymous."""
    organizer = cluster_year.cluster.organizer
    users = {
        "board": factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user,
        "chair": factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year).user,
        "member": factories.RoleFactory(
            kind=Role.Kind.UNIT_OFFICER, unit=cluster_year.cluster.units.get(code="SNV")
        ).user,
        "admin": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        login(clients[role], user)
    pass_code_step(clients["admin"], users["admin"])  # the admin site asks for the code step
    return clients


def walk(clients: dict[str, Client], paths: list[str]) -> dict[tuple[str, str], tuple[int, str]]:
    """Each role's answer at each path (redirects followed), its volatile parts blanked."""
    seen = {}
    for role, client in clients.items():
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code < 500, (role, path)
            body = response.content.decode(errors="replace")
            seen[role, path] = (response.status_code, PROGRESS.sub(r"\1…\2", TOKEN.sub(r"\1…", body)))
    return seen


@pytest.fixture
def council(seed_year) -> Council:
    at_council(seed_year.cluster.organizer, "co-thi-dua-tinh", 2024)
    return secret_council(seed_year.cluster.organizer, present=4, absent=1)


def test_nothing_counted_shows_anywhere_while_voting_is_open(
    open_meeting: Meeting, council: Council, seed_year, seed_ballots
):
    codes = list(issued_codes(open_meeting).values())
    council_codes = [i.code for i in issue_council_codes(council, by="Ban Thi đua – Khen thưởng")]
    clients, paths = people(seed_year), pages(seed_year, council)
    before = walk(clients, paths)

    for code, ballot in zip(codes[:5], seed_ballots, strict=False):
        services.cast_with_code(code, legal(ballot, seed_year.quotas))
    for code in council_codes[:3]:
        cast_council_ballot(code, {p.pk: "agree" for p in council_proposals(council)})
    after = walk(clients, paths)

    changed = [key for key in before if before[key] != after[key]]
    assert changed == [], [(key, before[key][1][:3000], after[key][1][:3000]) for key in changed[:1]]
    c, y = seed_year.cluster_id, seed_year.year
    chair, board, member = clients["chair"], clients["board"], clients["member"]
    assert chair.get(f"/hop/{c}/{y}/so-phieu").content.decode() == "5/7"
    assert re.search(
        r'Đã dùng <strong id="live-count"[^>]*>5/7</strong>', chair.get(f"/hop/{c}/{y}/").content.decode()
    )
    assert board.get(f"/hop/hoi-dong/{council.pk}/so-phieu").content.decode() == "3/4"
    for client in (board, chair, member):
        results = client.get(f"/api/v1/clusters/{c}/years/{y}/results")
        assert results.status_code == 409 and SEALED_WORDS in results.json()["detail"]
        year_page = client.get(f"/cum/{c}/{y}/").content.decode()
        assert SEALED_WORDS in year_page and 'class="tally"' not in year_page
        for name in COUNTED:
            refused = client.get(f"/cum/{c}/{y}/van-ban/{name}", follow=True)
            assert SEALED_WORDS in refused.content.decode()
    assert SEALED_WORDS in board.get(f"/api/v1/clusters/{c}/export").json()["detail"]
    council_page = board.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    assert SEALED_WORDS in council_page and "council-results" not in council_page

    # Closed: the count, the results and the documents appear. Reopened: sealed again.
    services.close_voting(open_meeting, by="chủ trì")
    close_council_voting(council, by="Ban Thi đua – Khen thưởng")
    assert member.get(f"/api/v1/clusters/{c}/years/{y}/results").json()["tally"]
    assert 'class="tally"' in member.get(f"/cum/{c}/{y}/").content.decode()
    assert member.get(f"/cum/{c}/{y}/van-ban/{COUNTED[0]}").content[:2] == b"PK"
    assert "council-results" in board.get(f"/hop/hoi-dong/{council.pk}/").content.decode()
    services.reopen_voting(open_meeting, reason="Một đại biểu đến muộn", by="chủ trì")
    assert member.get(f"/api/v1/clusters/{c}/years/{y}/results").status_code == 409


def test_a_year_with_imported_ballots_stays_in_view_with_a_meeting_never_opened(seed_data):
    from thidua.exchange.importer import import_exchange

    cluster_year = import_exchange(seed_data, by="test").years.get(year=2021)
    services.prepare_meeting(cluster_year, by="chủ trì")  # the chair looked at the meeting, never opened it
    member = people(cluster_year)["member"]
    url = f"/api/v1/clusters/{cluster_year.cluster_id}/years/{cluster_year.year}/results"
    assert len(member.get(url).json()["tally"]) > 0
    page = member.get(f"/cum/{cluster_year.cluster_id}/{cluster_year.year}/").content.decode()
    assert 'class="tally"' in page and SEALED_WORDS not in page


def test_a_secret_sitting_shows_no_count_before_it_opens_and_an_open_sitting_always_does(client, seed_year):
    from thidua.emulation.tests.meeting.council_helpers import council_of
    from thidua.registry.actions.council import record_council_votes, set_council_mode

    organizer = seed_year.cluster.organizer
    proposal = at_council(organizer, "co-thi-dua-tinh", 2024)
    login(client, factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user)
    sittings = {}
    for mode in ("secret", "open"):
        sitting = council_of(organizer, date(2025, 3, 1), present=3, absent=1)
        set_council_mode(sitting, mode, by="Ban Thi đua – Khen thưởng")
        absent = sitting.members.get(present=False)
        record_council_votes(sitting, proposal, {absent.pk: True}, by="Ban Thi đua – Khen thưởng")
        sittings[mode] = client.get(f"/hop/hoi-dong/{sitting.pk}/").content.decode()
        minutes = client.get(f"/hop/hoi-dong/{sitting.pk}/bien-ban.docx", follow=True)
        assert (SEALED_WORDS in minutes.content.decode(errors="replace")) == (mode == "secret")
    assert "council-results" not in sittings["secret"] and SEALED_WORDS in sittings["secret"]
    # The board's own entry form keeps the written vote it entered, by name.
    assert 'value="agree" aria-label="Thành viên vắng 0 đồng ý" checked' in sittings["secret"]
    assert "council-results" in sittings["open"] and "1/4" in sittings["open"]
    # In the admin, only the open sitting's written vote is listed.
    admin = people(seed_year)["admin"]
    listed = admin.get("/admin/registry/councilvote/").content.decode()
    assert listed.count('class="field-proposal nowrap"') == 1 and "Thành viên vắng 0" in listed
