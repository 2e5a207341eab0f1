"""The main signed-in pages are kept whole between changes of the data (core/pagecache.WholePageMiddleware):
a change by anyone shows on the next request, nobody is served another session's page, a POST or a meeting's
page is never served from what was kept, a waiting message is shown once, and signing out drops the page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.core import pagecache
from thidua.core.pagecache import WHOLE_PAGES
from thidua.emulation.actions.review import record_next_leadership
from thidua.emulation.models import Review
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("registry:dashboard")


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.PAGE_CACHE_SECONDS = 300


def _year_url(cluster_year) -> str:
    return reverse("front:cluster_year", args=[cluster_year.cluster_id, cluster_year.year])


def _head(html: str) -> str:
    """The next year's head as the cluster-year page says it."""
    html = re.sub(r"\s+", " ", html)
    start = html.index('id="h-next"')
    found = re.search(r"<dd>([^<]*)<", html[start:])
    assert found, html[start : start + 2000]
    return found.group(1)


def test_a_second_look_is_served_whole_without_reading_the_data(world: World):
    client = client_for(world.board)
    assert "csrftoken" in client.get(DASHBOARD).cookies  # the first page sets a cookie: it is not kept
    first = client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(DASHBOARD)
    assert second.content == first.content
    # Not even the session or the user: the session is read from the cache with the page (a kept page is
    # served at the cost of one cache read).
    assert second_queries.captured_queries == []
    assert "private" in second["Cache-Control"] and "Cookie" in second["Vary"]
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"


def test_a_change_by_another_user_shows_on_the_next_request(world: World):
    officer = client_for(world.officer_a)
    url = _year_url(world.year_a)
    assert _head(officer.get(url).content.decode()) == "Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm"
    assert _head(officer.get(url).content.decode()) == "Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm"  # kept
    review = Review.objects.get(cluster_year=world.year_a)
    record_next_leadership(  # by the cluster head, through the action every view calls
        review, head=world.units["SNV"], deputies=[world.units["STP"]], decided_by="vote", by=world.lead_a
    )
    assert _head(officer.get(url).content.decode()) == "Sở Nội vụ tỉnh Thử Nghiệm"


def test_two_users_asking_for_the_same_address_each_get_their_own_page(world: World):
    mine, other = client_for(world.board), client_for(world.board_other)
    mine.get(DASHBOARD)
    # One browser's CSRF cookie for both (as on a shared office computer): only the session tells them apart.
    other.cookies[settings.CSRF_COOKIE_NAME] = mine.cookies[settings.CSRF_COOKIE_NAME].value
    for _ in range(2):  # the second time from what was kept
        mine_html = mine.get(DASHBOARD).content.decode()
        other_html = other.get(DASHBOARD).content.decode()
        assert "Cụm Tham mưu tổng hợp" in mine_html and "Khối Kinh tế tỉnh bên cạnh" not in mine_html
        assert "Khối Kinh tế tỉnh bên cạnh" in other_html and "Cụm Tham mưu tổng hợp" not in other_html
        assert ">bqt<" in mine_html and ">bqt<" not in other_html


def test_two_sessions_of_one_user_each_get_their_own_csrf_token(world: World):
    first, second = client_for(world.board), client_for(world.board)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    first.get(DASHBOARD)
    html = second.get(DASHBOARD).content.decode()
    # The token on the second session's page is good for the second session's form (not the first one's).
    assert token.search(html)
    assert second.cookies[settings.CSRF_COOKIE_NAME].value != first.cookies[settings.CSRF_COOKIE_NAME].value
    posted = Client(enforce_csrf_checks=True)
    posted.cookies = second.cookies
    answer = posted.post(reverse("logout"), {"csrfmiddlewaretoken": token.search(html).group(1)})
    assert answer.status_code == 302


def test_a_post_is_never_served_from_what_was_kept(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    answer = client.post(DASHBOARD)
    assert answer.status_code == 405  # the view itself answered: GET only


def test_a_waiting_message_is_shown_once(world: World):
    client = client_for(world.officer_a)
    url = _year_url(world.year_a)
    client.get(url)
    client.get(url)  # kept
    storage = CookieStorage(HttpRequest())
    client.cookies[storage.cookie_name] = storage._encode([Message(constants.SUCCESS, "Đã lưu: thử nghiệm.")])
    assert "Đã lưu: thử nghiệm." in client.get(url).content.decode()
    assert "Đã lưu: thử nghiệm." not in client.get(url).content.decode()


def test_a_message_the_view_adds_is_not_kept(world: World):
    client = client_for(world.board)
    wrong = client.get(DASHBOARD + "?nam=abc").content.decode()
    assert "“abc”" in wrong
    assert "“abc”" not in client.get(DASHBOARD).content.decode()


def test_the_meetings_pages_are_never_kept():
    assert not {name for name in WHOLE_PAGES if name.startswith("meeting:")}


def test_a_delegates_ballot_page_is_not_served_from_the_cache(world: World):
    client = client_for(world.officer_a)
    url = reverse("meeting:enter_code")
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    # Rendered each time: each answer masks the CSRF token anew (a kept page would be the same bytes).
    assert first.content != second.content


def test_signing_out_and_in_again_does_not_serve_the_old_sessions_page(world: World):
    client = client_for(world.board)
    old_html = client.get(DASHBOARD).content.decode()
    client.get(DASHBOARD)
    old_session = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("logout"))
    assert client.get(DASHBOARD).status_code == 302  # signed out: to the sign-in page
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = old_session  # the old cookie, kept by someone
    assert stale.get(DASHBOARD).status_code == 302
    client.force_login(world.board, backend="django.contrib.auth.backends.ModelBackend")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != old_session
    new_html = client.get(DASHBOARD).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(new_html).group(1) != token.search(old_html).group(1)


def test_a_password_changed_outside_the_site_drops_the_kept_page(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    assert client.get(DASHBOARD).status_code == 200  # kept
    # As `thidua changepassword` does: no audit row, only the account saved.
    world.board.set_password("một mật khẩu mới dài")
    world.board.save()
    assert client.get(DASHBOARD).status_code == 302  # the old session is signed out, not served its page


def test_an_account_turned_off_is_not_served_its_kept_page(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    world.board.is_active = False
    world.board.save(update_fields=["is_active"])
    assert client.get(DASHBOARD).status_code == 302


def test_an_expired_session_is_not_served_the_kept_page(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Expired: its row says so, and the cache has dropped it (its timeout is the session's age).
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    cache.delete(cached_db.KEY_PREFIX + key)
    assert client.get(DASHBOARD).status_code == 302


def test_a_session_the_cache_lost_is_read_again_and_its_page_served(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    cache.delete(cached_db.KEY_PREFIX + client.cookies[settings.SESSION_COOKIE_NAME].value)
    again = client.get(DASHBOARD)
    assert again.status_code == 200 and "Cụm Tham mưu tổng hợp" in again.content.decode()


def test_a_session_that_changed_is_not_served_the_page_kept_before(world: World):
    client = client_for(world.board)
    client.get(DASHBOARD)
    client.get(DASHBOARD)
    session = client.session
    session["thidua-test"] = "changed"  # a step passed in this session (the one-time code…)
    session.save()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(DASHBOARD)
    assert again.status_code == 200 and queries.captured_queries  # built again, from the data
    # and the next one is kept for the session as it is now
    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)
    assert queries.captured_queries == []


def test_a_page_another_request_is_building_is_waited_for_not_built_again(world: World, monkeypatch):
    """A change drops every kept page; the clients that all ask for it then wait for the one building it."""
    client = client_for(world.board)
    client.get(DASHBOARD)  # the CSRF cookie
    kept: dict[str, tuple] = {}
    real_set = type(caches["default"]).set

    def spied_set(self, key, value, *args, **kwargs):
        if key.startswith("pages:whole:"):
            kept[key] = value
        return real_set(self, key, value, *args, **kwargs)

    monkeypatch.setattr(type(caches["default"]), "set", spied_set)
    client.get(DASHBOARD)
    [(key, (_generation, session, _content, content_type))] = kept.items()
    pagecache.changed()
    assert cache.add(key + pagecache.BUILDING, 1, 30)  # another request is building the page

    def builder_done(seconds: float) -> None:  # while this one waits, the other keeps its page
        cache.set(key, (cache.get(pagecache.GENERATION), session, b"built by another", content_type), 300)
        cache.delete(key + pagecache.BUILDING)

    monkeypatch.setattr(pagecache.time, "sleep", builder_done)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(DASHBOARD)
    assert answer.content == b"built by another" and queries.captured_queries == []


def test_the_pages_a_process_holds_in_memory_are_bounded():
    recent = pagecache._Recent()
    recent.MAX_BYTES = 100
    for name in ("first", "second", "third"):
        recent.put(name, ("generation", "session", b"x" * 40, "text/html"))
    assert recent.get("first") is None  # the oldest dropped to stay under the bound
    assert recent.get("third") is not None and recent.get("second") is not None
