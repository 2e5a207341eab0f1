"""A refused table of points comes back with every value typed and the message beside the row at fault;
nothing is written, and a second submit saves what the user typed, never an old value."""

from __future__ import annotations

import html
import re

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.models import ItemScore
from thidua.emulation.tests.scoring.helpers import make_table, make_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    made = make_year()
    made.ids = make_table(made)
    return made


def row_of(page: str, criterion_name: str) -> str:
    """The table row (<tr>…</tr>) of one criterion."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S)
    return next(row for row in rows if criterion_name in row)


def test_a_self_score_above_its_maximum_keeps_every_score_and_explanation(year):
    ids = year.ids
    typed = {
        f"points_{ids['k1']}": "61",
        f"note_{ids['k1']}": "Vượt 2 chỉ tiêu, xem báo cáo số 12",
        f"points_{ids['k2']}": "38,5",
        f"note_{ids['k2']}": "Đã số hóa 95% thủ tục",
        f"points_{ids['thuong']}": "5",
        f"points_{ids['tru']}": "0",
    }
    response = year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), typed)
    assert response.status_code == 200  # the page itself, not a redirect that would lose the input
    page = html.unescape(response.content.decode())
    first = row_of(page, "Hoàn thành chỉ tiêu")
    assert 'value="61"' in first and "61 điểm vượt điểm tối đa 60" in first and 'aria-invalid="true"' in first
    second = row_of(page, "Cải cách hành chính")
    assert 'value="38,5"' in second and "Đã số hóa 95% thủ tục</textarea>" in second
    assert "vượt điểm tối đa" not in second
    assert "Vượt 2 chỉ tiêu, xem báo cáo số 12</textarea>" in first
    assert not ItemScore.objects.filter(self_points__isnull=False).exists()
    assert not AuditEvent.objects.filter(verb="scoring.self_score").exists()


def test_a_number_that_is_not_one_is_named_on_its_row_and_the_others_stay(year):
    ids = year.ids
    typed = {f"points_{ids['k1']}": "năm mươi", f"points_{ids['k2']}": "30"}
    page = html.unescape(
        year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), typed).content.decode()
    )
    assert "“năm mươi” không phải số điểm hợp lệ" in row_of(page, "Hoàn thành chỉ tiêu")
    assert 'value="30"' in row_of(page, "Cải cách hành chính")


def test_a_refused_appraisal_shows_the_typed_value_and_a_second_submit_saves_it(year):
    ids = year.ids
    points = {f"points_{ids[k]}": "1" for k in ids}
    year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), points)
    year.officer_a.post(year.url(f"don-vi/{year.a.pk}/nop/"))
    appraisal = points | {f"points_{ids['k1']}": "0,5"}  # lowered without its reason
    response = year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), appraisal)
    page = html.unescape(response.content.decode())
    first = row_of(page, "Hoàn thành chỉ tiêu")
    assert 'value="0,5"' in first and "khác điểm tự chấm, cần ghi lý do" in first
    assert not ItemScore.objects.filter(appraised_points__isnull=False).exists()
    # The user adds the reason and submits the form as it came back: the typed 0,5 is what is saved.
    again = dict(re.findall(r'name="(points_\d+)"[^>]*value="([^"]*)"', page))
    again[f"reason_{ids['k1']}"] = "Thiếu minh chứng"
    year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), again)
    saved = ItemScore.objects.get(unit_score__unit=year.a, criterion_id=ids["k1"])
    assert (str(saved.appraised_points), saved.reason) == ("0.50", "Thiếu minh chứng")


def test_a_refused_criterion_keeps_its_group_name_kind_and_points(year):
    typed = {"group": "V. Điểm thưởng", "name": "Sáng kiến cấp tỉnh", "kind": "bonus", "max_points": "0"}
    response = year.lead.post(year.url("tieu-chi/"), typed)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Điểm tối đa của tiêu chí phải lớn hơn 0." in page
    assert 'value="V. Điểm thưởng"' in page and 'value="Sáng kiến cấp tỉnh"' in page and 'value="0"' in page
    assert '<option value="bonus" selected>' in page
