"""A unit that never submits does not block the lock: the lead scores it on its behalf with a written
reason, or records that it did not submit (no score: it is placed after every scored unit and is not
proposed by score). Both are audited and shown; only the year's lead and the board may do either."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.models import Membership, Method, UnitScore
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.tests.scoring.helpers import client_for, make_table, make_year
from thidua.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    made = make_year()
    made.ids = make_table(made)
    points = {
        f"points_{made.ids[k]}": v for k, v in {"k1": "50", "k2": "30", "thuong": "0", "tru": "0"}.items()
    }
    made.officer_a.post(made.url(f"don-vi/{made.a.pk}/tu-cham/"), points)
    made.officer_a.post(made.url(f"don-vi/{made.a.pk}/nop/"))
    made.lead.post(made.url(f"don-vi/{made.a.pk}/tham-dinh/"), points)
    return made


def _text(response) -> str:
    return response.content.decode()


def test_the_lock_names_the_unit_that_has_not_submitted_and_what_to_do(year):
    page = _text(year.lead.post(year.url("khoa/"), follow=True))
    assert "Chưa thẩm định xong điểm của: Sở B." in page
    assert "cụm trưởng chấm thay (kèm lý do) hoặc ghi «không nộp»" in page
    assert not Membership.objects.filter(score__isnull=False).exists()


def test_a_unit_marked_not_submitted_has_no_score_and_ranks_after_the_scored(year):
    url = year.url(f"don-vi/{year.b.pk}/khong-nop/")
    refused = year.lead.post(url, {"absence_reason": "  "})
    assert refused.status_code == 200 and "Cần ghi lý do cụm trưởng làm thay Sở B" in _text(refused)
    assert UnitScore.objects.get(unit=year.b).absence == ""

    year.lead.post(url, {"absence_reason": "Quá hạn nộp 15 ngày, đã nhắc hai lần bằng văn bản"})
    event = AuditEvent.objects.get(verb="scoring.not_submitted")
    assert event.data == {"reason": "Quá hạn nộp 15 ngày, đã nhắc hai lần bằng văn bản"}
    # The unit's officer can no longer submit over the lead's record.
    refused = _text(year.officer_b.post(year.url(f"don-vi/{year.b.pk}/nop/"), follow=True))
    assert "Sở B: cụm trưởng đã chấm thay hoặc ghi đơn vị không nộp; không tự chấm được nữa." in refused
    assert "Đã khóa điểm" in _text(year.lead.post(year.url("khoa/"), follow=True))
    assert dict(Membership.objects.values_list("unit__code", "score")) == {"A": Decimal("80"), "B": None}
    sheet = _text(year.lead.get(year.url()))
    assert "Không nộp" in sheet and "Quá hạn nộp 15 ngày" in sheet
    # Ranked by score: B has no place and is not proposed.
    cluster_year = year.cluster_year
    cluster_year.method = Method.SCORE
    cluster_year.save(update_fields=["method"])
    summary = year_summary(cluster_year)
    assert [(u.code, place) for u, place in summary.ranking] == [("A", 1)]
    assert [p.unit.code for p in summary.proposals] == ["A"]
    unit_page = _text(year.officer_b.get(year.url(f"don-vi/{year.b.pk}/")))
    assert "Lưu điểm tự chấm" not in unit_page and "Không nộp" in unit_page


def test_the_lead_scores_a_unit_on_its_behalf_with_a_written_reason(year):
    ids = year.ids
    points = {f"points_{ids[k]}": v for k, v in {"k1": "40", "k2": "30", "thuong": "0", "tru": "5"}.items()}
    url = year.url(f"don-vi/{year.b.pk}/cham-thay/")
    refused = year.lead.post(url, points)
    assert refused.status_code == 200
    assert "Cần ghi lý do cụm trưởng làm thay Sở B" in _text(refused)
    assert 'value="40"' in _text(refused)  # the points typed stay
    year.lead.post(url, points | {"absence_reason": "Đơn vị gửi bảng điểm giấy, cụm trưởng nhập thay"})
    event = AuditEvent.objects.get(verb="scoring.score_on_behalf")
    assert event.data["appraised_total"] == "65"
    year.lead.post(year.url("khoa/"))
    assert Membership.objects.get(unit=year.b).score == Decimal("65")
    assert "Cụm trưởng chấm thay" in _text(year.lead.get(year.url()))


def test_only_the_lead_and_the_board_act_for_a_unit(year):
    reason = {"absence_reason": "Không nộp"}
    for action in ("khong-nop", "cham-thay"):
        url = year.url(f"don-vi/{year.b.pk}/{action}/")
        assert year.officer_b.post(url, reason).status_code == 404  # the unit's own officer
        assert year.officer_a.post(url, reason).status_code == 404  # another member's officer
        other = factories.OrganizerFactory()
        outsider = client_for(factories.RoleFactory(kind=Role.Kind.BOARD, organizer=other).user)
        assert outsider.post(url, reason).status_code == 404
    assert UnitScore.objects.get(unit=year.b).absence == ""
    organizer = year.cluster_year.cluster.organizer
    board = client_for(factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user)
    board.post(year.url(f"don-vi/{year.b.pk}/khong-nop/"), reason)
    assert UnitScore.objects.get(unit=year.b).absence == UnitScore.Absence.NOT_SUBMITTED


def test_a_unit_that_has_submitted_is_appraised_not_replaced(year):
    response = year.lead.post(year.url(f"don-vi/{year.a.pk}/khong-nop/"), {"absence_reason": "nhầm"})
    assert "Sở A đã nộp điểm tự chấm: thẩm định điểm của đơn vị." in _text(response)
    assert UnitScore.objects.get(unit=year.a).absence == ""
