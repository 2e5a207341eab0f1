"""Two people on one unit's score sheet: both open it, the first saves, the second's save is refused with
who changed it and when, shows what the second typed, and writes nothing."""

from __future__ import annotations

import html

import pytest

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import ItemScore
from thidua.emulation.tests.scoring.helpers import client_for, make_table, make_year
from thidua.testing import factories
from thidua.testing.concurrency import CHANGED, version_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    made = make_year()
    made.ids = make_table(made)
    return made


def points(year, k1: str, note: str) -> dict[str, str]:
    ids = year.ids
    return {
        f"points_{ids['k1']}": k1,
        f"note_{ids['k1']}": note,
        f"points_{ids['k2']}": "30",
        f"points_{ids['thuong']}": "0",
        f"points_{ids['tru']}": "0",
    }


def test_the_second_officer_saving_a_stale_self_score_is_refused_and_keeps_the_typing(year):
    second = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=year.a).user
    other = client_for(second)
    page_url = year.url(f"don-vi/{year.a.pk}/")
    mine, theirs = version_on(year.officer_a, page_url), version_on(other, page_url)

    saved = year.officer_a.post(
        page_url + "tu-cham/", {**points(year, "50", "Báo cáo số 1"), "version": mine}
    )
    assert saved.status_code == 302
    stale = {**points(year, "55", "Báo cáo số 2 của người thứ hai"), "version": theirs}
    audit = AuditEvent.objects.count()
    response = other.post(page_url + "tu-cham/", stale)

    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and CHANGED in page and "chưa có gì được lưu" in page
    assert year.officer_a_user.get_username() in page or year.officer_a_user.get_full_name() in page
    assert 'value="55"' in page and "Báo cáo số 2 của người thứ hai</textarea>" in page
    item = ItemScore.objects.get(criterion_id=year.ids["k1"], unit_score__unit=year.a)
    assert item.self_points == 50 and item.note == "Báo cáo số 1"
    assert AuditEvent.objects.count() == audit
    # Saving again from the refused page is still refused: the form keeps the version it was opened at.
    assert CHANGED in html.unescape(other.post(page_url + "tu-cham/", stale).content.decode())


def test_a_second_lead_appraising_a_stale_sheet_is_refused(year):
    page_url = year.url(f"don-vi/{year.a.pk}/")
    year.officer_a.post(page_url + "tu-cham/", points(year, "50", ""))
    year.officer_a.post(page_url + "nop/")
    second = client_for(
        factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=year.cluster_year).user
    )
    mine, theirs = version_on(year.lead, page_url), version_on(second, page_url)
    ids = year.ids
    appraisal = {
        f"points_{ids[k]}": p for k, p in (("k1", "50"), ("k2", "30"), ("thuong", "0"), ("tru", "0"))
    }
    assert year.lead.post(page_url + "tham-dinh/", {**appraisal, "version": mine}).status_code == 302

    typed = {**appraisal, f"points_{ids['k1']}": "45", f"reason_{ids['k1']}": "Thiếu minh chứng"}
    page = html.unescape(second.post(page_url + "tham-dinh/", {**typed, "version": theirs}).content.decode())
    assert CHANGED in page and 'value="45"' in page and "Thiếu minh chứng</textarea>" in page
    item = ItemScore.objects.get(criterion_id=ids["k1"], unit_score__unit=year.a)
    assert item.appraised_points == 50 and item.reason == ""


def test_a_form_opened_after_the_change_saves(year):
    page_url = year.url(f"don-vi/{year.a.pk}/")
    year.officer_a.post(page_url + "tu-cham/", points(year, "50", ""))
    fresh = version_on(year.officer_a, page_url)
    assert (
        year.officer_a.post(page_url + "tu-cham/", {**points(year, "52", ""), "version": fresh}).status_code
        == 302
    )
    assert ItemScore.objects.get(criterion_id=year.ids["k1"], unit_score__unit=year.a).self_points == 52
