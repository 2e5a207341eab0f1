"""The public pages for a visitor without an account: the honour roll searched without diacritics and paged
by key, an entry with its revocation, the verification page's link to it, published results at their token
(ids 404), and the cache that serves a page again until the board publishes something."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.publication import actions
from thidua.publication.tests.conftest import PublicWorld


def test_the_roll_finds_a_name_typed_without_diacritics(public_world: PublicWorld, anonymous: Any) -> None:
    url = reverse("publication:registry", args=[public_world.organizer.pk])
    page = anonymous.get(url + "?q=hoang+thi+dien").content.decode()
    assert "Hoàng Thị Điển Hình" in page and "300/QĐ-UBND" in page and "Chuyên viên chính" in page
    assert "Sở Tư pháp" in page
    none = anonymous.get(url + "?q=khong+ai+co+ten+nay").content.decode()
    assert "Không có khen thưởng nào khớp" in none


def test_the_roll_pages_by_key_and_survives_a_bad_cursor(public_world: PublicWorld, anonymous: Any) -> None:
    from thidua.publication.views import public

    url = reverse("publication:registry", args=[public_world.organizer.pk])
    public.PAGE_SIZE, kept = 1, public.PAGE_SIZE
    try:
        first = anonymous.get(url).content.decode()
        assert 'rel="next"' in first
        cursor = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
        second = anonymous.get(url + cursor)
        assert second.status_code == 200 and 'rel="prev"' in second.content.decode()
        assert anonymous.get(url + "?sau=abc").status_code == 200
    finally:
        public.PAGE_SIZE = kept


def test_a_revoked_award_shows_its_revoking_decision(public_world: PublicWorld, anonymous: Any) -> None:
    page = anonymous.get(reverse("publication:entry", args=[public_world.revoked.code])).content.decode()
    assert "Khen thưởng này đã bị hủy bỏ." in page
    assert "999/QĐ-UBND" in page and "05/01/2023" in page


def test_the_verification_page_links_to_the_entry(public_world: PublicWorld, anonymous: Any) -> None:
    code = public_world.person_award.code
    page = anonymous.get(reverse("verify:award", args=[code])).content.decode()
    assert reverse("publication:entry", args=[code]) in page


def test_an_unknown_code_is_not_found_and_counts_as_a_guess(
    public_world: PublicWorld, anonymous: Any
) -> None:
    for _ in range(10):
        assert anonymous.get(reverse("publication:entry", args=["ZZZZZZZZZZ"])).status_code == 404
    # The verification page's limit holds here too: even a real code is refused now.
    assert (
        anonymous.get(reverse("publication:entry", args=[public_world.person_award.code])).status_code == 404
    )


def test_results_are_at_their_token_only(public_world: PublicWorld, anonymous: Any) -> None:
    page = anonymous.get(reverse("publication:results", args=[public_world.results.token])).content.decode()
    assert "Xếp hạng" in page and "Hội nghị" not in page
    year = public_world.matrix.concluded
    assert anonymous.get(f"/cong-khai/ket-qua/{year.pk}/").status_code == 404
    assert anonymous.get(f"/cong-khai/ket-qua/{year.cluster_id}/{year.year}/").status_code == 404


def test_publishing_is_audited_and_shows_at_once(
    public_world: PublicWorld, anonymous: Any, django_capture_on_commit_callbacks: Any
) -> None:
    url = reverse("publication:results_list", args=[public_world.organizer.pk])
    before = anonymous.get(url).content.decode()
    assert public_world.results.token in before
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_results(public_world.matrix.concluded, by="kiểm thử")
    assert public_world.results.token not in anonymous.get(url).content.decode()
    assert AuditEvent.objects.filter(verb="publication.results.publish").exists()
    assert AuditEvent.objects.filter(verb="publication.results.withdraw").exists()


def test_a_cached_page_is_served_without_a_query(public_world: PublicWorld, anonymous: Any) -> None:
    url = reverse("publication:registry", args=[public_world.organizer.pk])
    first = anonymous.get(url)
    assert "max-age" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = anonymous.get(url)
    assert again.content == first.content
    assert len(queries) == 0


def test_the_public_pages_read_nothing_of_a_signed_in_user(public_world: PublicWorld) -> None:
    client = public_world.matrix.clients["board"]
    page = client.get(reverse("publication:home", args=[public_world.organizer.pk])).content.decode()
    assert "matrix-ban" not in page and "csrfmiddlewaretoken" not in page


def test_a_revocation_and_a_new_decision_show_on_the_cached_honour_roll_at_once(
    public_world: PublicWorld, anonymous: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The honour roll is served from the cache; the registry revoking an award or deciding a new one drops
    it (publication.cache.connect), so the next visitor sees the award revoked, the new one listed."""
    from datetime import date

    from thidua.registry.actions import proposals as services
    from thidua.testing.worlds import BY, push_through

    w = public_world
    url = reverse("publication:registry", args=[w.organizer.pk]) + "?q=hoang+thi+dien+hinh"
    first = anonymous.get(url).content.decode()
    assert w.person_award.name in first and "888/QĐ-UBND" not in first
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get(url).content.decode() == first  # cached
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke(w.person_award, number="888/QĐ-UBND", date=date(2024, 2, 2), reason="x", by=BY)
    revoked = anonymous.get(url).content.decode()
    assert "888/QĐ-UBND" in revoked and "02/02/2024" in revoked
    # A new decision: the same cached search lists it at once.
    proposal = services.propose(
        organizer=w.organizer,
        award="bang-khen-chu-tich-tinh",
        year=2023,
        proposed_by=w.unit,
        person=w.person,
        by=BY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            [push_through(proposal)], number="777/QĐ-UBND", date=date(2024, 3, 1), signer="Thiệu", by=BY
        )
    assert "777/QĐ-UBND" in anonymous.get(url).content.decode()


def test_each_organizer_and_each_page_is_kept_apart(public_world: PublicWorld, anonymous: Any) -> None:
    """One organizer's page is never served for another's, nor page 1 for page 2 of the same list."""
    from thidua.organisations.models import Organizer
    from thidua.publication.views import public

    other = Organizer.objects.exclude(pk=public_world.organizer.pk).first()
    assert other is not None
    mine = anonymous.get(reverse("publication:registry", args=[public_world.organizer.pk])).content
    theirs = anonymous.get(reverse("publication:registry", args=[other.pk])).content
    assert public_world.person_award.name.encode() in mine
    assert public_world.person_award.name.encode() not in theirs
    url = reverse("publication:registry", args=[public_world.organizer.pk])
    import pytest

    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.setattr(public, "PAGE_SIZE", 1)
        first = anonymous.get(url + "?nam=2021").content.decode()
        link = first.split('href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
        second = anonymous.get(url + "?" + link).content.decode()
    finally:
        monkeypatch.undo()
    assert first != second
