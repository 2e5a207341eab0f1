"""The whole year through the pages: a table, self-scores with evidence, appraisal, lock, reopen."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import cast_ballot, conclude_review
from thidua.emulation.models import Evidence, ItemScore, Membership
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.tests.scoring.helpers import PDF, docx_bytes, make_table, make_year, upload
from thidua.testing import factories

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def _self_score(year, client, unit, ids, points):
    base = year.url(f"don-vi/{unit.pk}/")
    data = {f"points_{ids[k]}": v for k, v in points.items()}
    data.update({f"note_{ids[k]}": f"giải trình {k}" for k in points})
    client.post(base + "tu-cham/", data)
    client.post(base + "minh-chung/", {"criterion": ids["k1"], "file": upload("bao-cao.pdf", PDF)})
    client.post(base + "minh-chung/", {"criterion": ids["k2"], "file": upload("ke-hoach.docx", docx_bytes())})
    return client.post(base + "nop/", follow=True)


@pytest.fixture
def year():
    return make_year()


def test_self_score_appraise_lock_feeds_the_year_page_and_the_tie_break(year):
    ids = make_table(year)
    submitted = _self_score(
        year, year.officer_a, year.a, ids, {"k1": "55,5", "k2": "38", "thuong": "5", "tru": "0"}
    )
    assert "Đã nộp điểm tự chấm." in _text(submitted)
    _self_score(year, year.officer_b, year.b, ids, {"k1": "58", "k2": "39", "thuong": "0", "tru": "2"})
    assert Evidence.objects.count() == 4

    # The lead lowers A's first item with a reason and keeps the rest; B as self-scored.
    appraisal = {
        f"points_{ids[k]}": v for k, v in {"k1": "50", "k2": "38", "thuong": "5", "tru": "0"}.items()
    }
    appraisal[f"reason_{ids['k1']}"] = "Chưa đủ minh chứng chỉ tiêu 3"
    year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), appraisal)
    same_b = {f"points_{ids[k]}": v for k, v in {"k1": "58", "k2": "39", "thuong": "0", "tru": "2"}.items()}
    year.lead.post(year.url(f"don-vi/{year.b.pk}/tham-dinh/"), same_b)

    page = _text(year.lead.get(year.url()))
    assert "98,5" in page and "93" in page and "-5,5" in page  # A: self 98.5, appraised 93, difference
    unit_page = _text(year.lead.get(year.url(f"don-vi/{year.a.pk}/")))
    assert "Chưa đủ minh chứng chỉ tiêu 3" in unit_page and "bao-cao.pdf" in unit_page

    locked = year.lead.post(year.url("khoa/"), follow=True)
    assert "Đã khóa điểm" in _text(locked)
    scores = dict(Membership.objects.values_list("unit__code", "score"))
    assert scores == {"A": Decimal("93"), "B": Decimal("95")}
    assert AuditEvent.objects.filter(verb="scoring.lock").count() == 1

    year_page = _text(year.lead.get(f"/cum/{year.cluster_year.cluster_id}/{year.cluster_year.year}/"))
    assert '<td class="num">93</td>' in year_page and '<td class="num">95</td>' in year_page
    assert year_summary(year.cluster_year).scores == {"A": Decimal("93"), "B": Decimal("95")}

    # A tie in votes for one flag goes to the higher locked score.
    review = factories.ReviewFactory(cluster_year=year.cluster_year, **factories.MEETING_FACTS)
    for choice in ("A", "B"):
        cast_ballot(review, {"co": [choice]})
    conclude_review(year.cluster_year, by="kiểm thử")
    assert [line.unit.code for line in year_summary(year.cluster_year).proposals] == ["B"]


def test_a_locked_year_refuses_changes_until_reopened_with_a_reason(year):
    ids = make_table(year)
    points = {"k1": "50", "k2": "30", "thuong": "0", "tru": "0"}
    for client, unit in ((year.officer_a, year.a), (year.officer_b, year.b)):
        _self_score(year, client, unit, ids, points)
        data = {f"points_{ids[k]}": v for k, v in points.items()}
        year.lead.post(year.url(f"don-vi/{unit.pk}/tham-dinh/"), data)
    year.lead.post(year.url("khoa/"))

    changed = {f"points_{ids['k1']}": "10", f"reason_{ids['k1']}": "sửa"}
    refused = year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), changed, follow=True)
    assert "Điểm năm này đã khóa" in _text(refused)
    assert ItemScore.objects.get(unit_score__unit=year.a, criterion_id=ids["k1"]).appraised_points == 50

    no_reason = year.lead.post(year.url("mo-lai/"), {"reason": " "}, follow=True)
    assert "Cần ghi lý do" in _text(no_reason)
    year.lead.post(year.url("mo-lai/"), {"reason": "Sai sót khi cộng điểm"})
    event = AuditEvent.objects.get(verb="scoring.reopen")
    assert event.data == {"reason": "Sai sót khi cộng điểm"} and event.actor == year.lead_user
    full = {f"points_{ids[k]}": v for k, v in points.items()} | changed
    year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), full)
    year.lead.post(year.url("khoa/"))
    assert Membership.objects.get(unit=year.a).score == Decimal("40")
    assert AuditEvent.objects.filter(verb="scoring.lock").count() == 2


def test_a_total_never_exceeds_the_scale_and_lock_waits_for_every_unit(year):
    ids = make_table(year)
    _self_score(year, year.officer_a, year.a, ids, {"k1": "60", "k2": "40", "thuong": "5", "tru": "0"})
    refused = year.lead.post(year.url("khoa/"), follow=True)
    assert "Chưa thẩm định xong điểm của: Sở A; Sở B." in _text(refused)
    assert Membership.objects.get(unit=year.a).score is None
    full = {f"points_{ids[k]}": v for k, v in {"k1": "60", "k2": "40", "thuong": "5", "tru": "0"}.items()}
    year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), full)
    assert '<td class="num">100</td>' in _text(year.lead.get(year.url()))  # 105 capped at the scale


def test_copy_last_years_table(year):
    make_table(year)
    later = factories.ClusterYearFactory(cluster=year.cluster_year.cluster, year=2022)
    year.lead_user.roles.create(kind="cluster_lead", cluster_year=later)
    year.lead.post(f"/cham-diem/{later.cluster_id}/2022/tao/", {"copy": "1"})
    page = _text(year.lead.get(f"/cham-diem/{later.cluster_id}/2022/"))
    assert "Cải cách hành chính" in page and "Chậm báo cáo" in page and "Điểm trừ" in page


def test_before_appraisal_the_officer_sees_dashes_not_blanks(year):
    ids = make_table(year)
    _self_score(year, year.officer_a, year.a, ids, {"k1": "55,5", "k2": "38", "thuong": "5", "tru": "0"})
    page = _text(year.officer_a.get(year.url(f"don-vi/{year.a.pk}/")))
    cells = re.findall(r'data-label="Thẩm định">([^<]*)<', page)
    assert cells == ["—"] * len(ids)
