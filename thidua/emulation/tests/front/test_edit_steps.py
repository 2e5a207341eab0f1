"""Entering a year step by step: what is saved, what is refused (with its message, changing nothing),
and who may do it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions.setup import reopen_review
from thidua.emulation.models import ClusterYear, Method
from thidua.testing.worlds import World, client_for

pytestmark = pytest.mark.django_db


def step_url(cy: ClusterYear, slug: str) -> str:
    return reverse("front:edit_step", args=[cy.cluster_id, cy.year, slug])


@pytest.fixture
def open_year(world: World) -> ClusterYear:
    """The 2021 year (four members), its concluded review reopened for correction."""
    reopen_review(world.year_a, reason="sửa số liệu", by="kiểm thử")
    return world.year_a


MEETING_POST = {
    "date": "20/01/2021",
    "place": "Hội trường Sở Kế hoạch và Đầu tư",
    "chair": "Trần Văn Chủ Trì",
    "secretary": "Lê Thị Thư Ký",
    "board_representative": "",
}


def rules_post(cy: ClusterYear, **changes: str) -> dict[str, str]:
    data = {
        "method": cy.method,
        "min_approval": "0,5",
        "tie_break_1": "score",
        "tie_break_2": "",
        "exclusive": "on",
        "quota_co": "1",
        "quota_bk": "2",
    }
    return {**data, **changes}


def test_a_head_who_is_not_a_member_is_refused(world: World):
    cy, stp = world.year_a_before, world.units["STP"]
    response = client_for(world.board).post(step_url(cy, "lanh-dao"), {"head": stp.pk, "deputies": []})
    page = response.content.decode()
    assert "Cụm trưởng phải là đơn vị thành viên năm 2020: Sở Tư pháp không có trong danh sách." in page
    assert "Chưa lưu gì" in page
    cy.refresh_from_db()
    assert cy.head == world.units["SKH"]


def test_three_deputies_are_refused(world: World, open_year: ClusterYear):
    u = world.units
    data = {"head": u["STC"].pk, "deputies": [u["SKH"].pk, u["SNV"].pk, u["STP"].pk], "host": u["STC"].pk}
    page = client_for(world.board).post(step_url(open_year, "lanh-dao"), data).content.decode()
    assert "Tối đa hai cụm phó; đã chọn 3" in page
    assert [d.code for d in open_year.deputy_units()] == ["SKH"]


def test_two_deputies_are_saved_and_audited(world: World, open_year: ClusterYear):
    u = world.units
    data = {"head": u["STC"].pk, "deputies": [u["SKH"].pk, u["SNV"].pk], "host": u["STP"].pk}
    response = client_for(world.lead_a).post(step_url(open_year, "lanh-dao"), data)
    assert response.status_code == 302
    open_year.refresh_from_db()
    assert [d.code for d in open_year.deputy_units()] == ["SKH", "SNV"]
    assert open_year.host == u["STP"]
    assert AuditEvent.objects.filter(verb="cluster_year.leadership", actor=world.lead_a).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quota_co": "-1"}, "Số lượng tối đa của «Cờ thi đua của Ủy ban nhân dân tỉnh» không được âm: -1."),
        (
            {"min_approval": "1,5"},
            "Tỷ lệ phiếu tối thiểu phải từ 0 đến 1 (ví dụ 0,5 là một nửa số phiếu); đã nhập 1,5.",
        ),
    ],
)
def test_bad_rules_are_refused_and_the_typed_values_stay(
    world: World, open_year: ClusterYear, changes: dict[str, str], message: str
):
    before = ClusterYear.objects.values("quotas", "min_approval").get(pk=open_year.pk)
    page = client_for(world.board).post(step_url(open_year, "quy-che"), rules_post(open_year, **changes))
    text = page.content.decode()
    assert message in text
    typed = next(iter(changes.values()))
    assert f'value="{typed}"' in text
    assert ClusterYear.objects.values("quotas", "min_approval").get(pk=open_year.pk) == before


def test_rules_are_saved_with_a_decimal_comma(world: World, open_year: ClusterYear):
    data = rules_post(open_year, min_approval="0,6", quota_bk="", method=Method.ACCLAMATION, exclusive="")
    assert client_for(world.board).post(step_url(open_year, "quy-che"), data).status_code == 302
    open_year.refresh_from_db()
    assert open_year.min_approval == Decimal("0.6")
    assert open_year.quotas == {"co": 1}  # an empty quota means no cap
    assert (open_year.method, open_year.exclusive) == (Method.ACCLAMATION, False)


def test_the_entry_saves_ratings_and_never_a_score(world: World, open_year: ClusterYear):
    # Changed deliberately (issue 8, one writer for each fact): this step used to write scores too; a
    # score now comes from the score table's lock only, and a score typed here is not taken.
    stc, skh = world.units["STC"], world.units["SKH"]
    data = {
        f"score_{stc.pk}": "96,5",
        f"rating_{stc.pk}": "xuat-sac",
        f"rating_{skh.pk}": "tot",
    }
    page = client_for(world.board).get(step_url(open_year, "diem")).content.decode()
    assert f'name="score_{stc.pk}"' not in page and "Điểm đã khóa" in page
    assert client_for(world.board).post(step_url(open_year, "diem"), data).status_code == 302
    rows = {m.unit.code: m for m in open_year.memberships.select_related("unit")}
    assert (rows["STC"].score, rows["STC"].rating) == (Decimal(98), "xuat-sac")
    assert rows["SKH"].rating == "tot"
    assert AuditEvent.objects.filter(verb="cluster_year.ratings").count() == 1


def test_an_impossible_date_is_refused(world: World, open_year: ClusterYear):
    data = {"date": "30/02/2022", "place": "Hội trường mới", "chair": "", "secretary": "Phạm Thị Thư Ký"}
    page = client_for(world.board).post(step_url(open_year, "hoi-nghi"), data).content.decode()
    assert "Ngày «30/02/2022» không hợp lệ" in page
    assert (
        "Hội trường mới</textarea>" in page and "Phạm Thị Thư Ký</textarea>" in page
    )  # what was typed stays
    open_year.review.refresh_from_db()
    assert open_year.review.place == "Hội trường Sở Tài chính"


def test_review_facts_and_attendance_are_saved(world: World, open_year: ClusterYear):
    u = world.units
    data = {
        "date": "21/01/2022",
        "place": "Hội trường mới",
        "chair": "Trần Văn Chủ Trì",
        "secretary": "Phạm Thị Thư Ký, Chuyên viên",
        "board_representative": "Lê Thị Đại Diện",
        "present": [u["STC"].pk, u["SKH"].pk, u["SNV"].pk],
    }
    assert client_for(world.board).post(step_url(open_year, "hoi-nghi"), data).status_code == 302
    review = open_year.review
    review.refresh_from_db()
    assert review.date.strftime("%d/%m/%Y") == "21/01/2022"
    assert (review.place, review.board_representative) == ("Hội trường mới", "Lê Thị Đại Diện")
    assert review.secretary == "Phạm Thị Thư Ký, Chuyên viên"
    assert sorted(review.present.values_list("code", flat=True)) == ["SKH", "SNV", "STC"]


def test_an_agreed_list_is_concluded_into_proposals(world: World, open_year: ClusterYear):
    u = world.units
    client = client_for(world.lead_a)
    data = {"agreed": "on", f"place_co_{u['SKH'].pk}": "1", f"place_bk_{u['STP'].pk}": "1", "unnamed_bk": "2"}
    assert client.post(step_url(open_year, "ket-qua"), data).status_code == 302
    response = client.post(reverse("front:edit_conclude", args=[open_year.cluster_id, 2021]), follow=True)
    assert "Đã chốt kết quả bình xét năm 2021" in response.content.decode()
    proposals = [
        (p.tier.code, p.unit.code) for p in open_year.review.proposals.select_related("tier", "unit")
    ]
    assert proposals == [("co", "SKH"), ("bk", "STP")]
    open_year.review.refresh_from_db()
    assert open_year.review.unnamed == {"bk": 2}


def test_two_units_on_the_same_place_are_refused(world: World, open_year: ClusterYear):
    u = world.units
    data = {"agreed": "on", f"place_bk_{u['STP'].pk}": "1", f"place_bk_{u['SNV'].pk}": "1"}
    page = client_for(world.board).post(step_url(open_year, "ket-qua"), data).content.decode()
    assert "hai đơn vị cùng một thứ tự" in page
    open_year.review.refresh_from_db()
    assert open_year.review.outcome is None


def test_a_concluded_review_is_locked_until_reopened_with_a_reason(world: World):
    cy, client = world.year_a, client_for(world.board)
    data = {"date": "21/01/2022", "place": "Nơi khác", "chair": "", "board_representative": ""}
    page = client.post(step_url(cy, "hoi-nghi"), data).content.decode()
    assert "Kết quả bình xét năm 2021 đã chốt; mở lại (kèm lý do) trước khi sửa." in page
    cy.review.refresh_from_db()
    assert cy.review.place == "Hội trường Sở Tài chính"

    reopen = reverse("front:edit_reopen", args=[cy.cluster_id, 2021])
    assert "Cần ghi lý do" in client.post(reopen, {"reason": "  "}, follow=True).content.decode()
    cy.review.refresh_from_db()
    assert cy.review.concluded_at is not None

    client.post(reopen, {"reason": "Sai ngày họp"})
    cy.review.refresh_from_db()
    assert cy.review.concluded_at is None
    event = AuditEvent.objects.get(verb="review.reopen", object_id=str(cy.review.pk))
    assert (event.actor, event.data["reason"]) == (world.board, "Sai ngày họp")
    assert client.post(step_url(cy, "hoi-nghi"), data).status_code == 302


def test_the_roster_keeps_its_leaders(world: World, open_year: ClusterYear):
    u = world.units
    page = client_for(world.board).post(
        step_url(open_year, "thanh-vien"), {"members": [u["SNV"].pk, u["STP"].pk]}
    )
    assert "Không bỏ được khỏi danh sách đơn vị đang là cụm trưởng, cụm phó" in page.content.decode()
    assert len(open_year.member_units()) == 4
    client_for(world.board).post(
        step_url(open_year, "thanh-vien"), {"members": [u["STC"].pk, u["SKH"].pk, u["SYT"].pk]}
    )
    assert [m.code for m in open_year.member_units()] == ["STC", "SKH", "SYT"]


def test_a_ballot_year_without_ballots_points_to_the_meeting_chair(world: World):
    page = (
        client_for(world.board)
        .get(reverse("front:edit_year", args=[world.cluster_a.pk, 2020]))
        .content.decode()
    )
    assert reverse("meeting:chair", args=[world.cluster_a.pk, 2020]) in page
    assert "Chốt kết quả</button>" not in page


def edit_statuses(user, cy: ClusterYear) -> list[int]:
    client = client_for(user)
    urls = [reverse("front:edit_year", args=[cy.cluster_id, cy.year]), step_url(cy, "diem")]
    return [client.get(url).status_code for url in urls]


def test_who_may_edit(world: World):
    assert edit_statuses(world.lead_a, world.year_a) == [200, 200]
    assert edit_statuses(world.lead_a, world.year_a_before) == [404, 404]  # another year of its cluster
    assert edit_statuses(world.lead_a, world.year_b) == [404, 404]  # another cluster
    assert edit_statuses(world.officer_a, world.year_a) == [404, 404]
    assert edit_statuses(world.board, world.year_b) == [200, 200]
    assert edit_statuses(world.board_other, world.year_a) == [404, 404]


def test_a_unit_officer_cannot_change_anything(world: World):
    stc = world.units["STC"]
    response = client_for(world.officer_a).post(step_url(world.year_a, "diem"), {f"score_{stc.pk}": "1"})
    assert response.status_code == 404
    assert world.year_a.memberships.get(unit=stc).score == Decimal(98)


def test_the_year_page_offers_entry_only_to_those_who_manage_it(world: World):
    edit = reverse("front:edit_year", args=[world.cluster_a.pk, 2021])
    year_page = reverse("front:cluster_year", args=[world.cluster_a.pk, 2021])
    assert edit in client_for(world.lead_a).get(year_page).content.decode()
    assert edit not in client_for(world.officer_a).get(year_page).content.decode()


def test_an_acclamation_year_asks_for_the_agreed_lists_before_concluding(world: World):
    cy = world.year_a_before
    cy.method = Method.ACCLAMATION
    cy.save()
    overview = reverse("front:edit_year", args=[cy.cluster_id, cy.year])
    page = client_for(world.board).get(overview).content.decode()
    assert "nhập danh sách hội nghị đã thống nhất" in page
    assert "Chốt kết quả</button>" not in page
    skh = world.units["SKH"]
    client_for(world.board).post(step_url(cy, "ket-qua"), {"agreed": "on", f"place_co_{skh.pk}": "1"})
    # Changed deliberately (issue 8, stages are gates): the agreed lists alone no longer open the
    # conclusion; the meeting's date, place, chair and secretary must be on record too.
    page = client_for(world.board).get(overview).content.decode()
    assert "nhập danh sách hội nghị đã thống nhất" not in page
    assert "Chưa ghi ngày họp, địa điểm, chủ trì, thư ký của hội nghị bình xét" in page
    assert "Chốt kết quả</button>" not in page
    client_for(world.board).post(step_url(cy, "hoi-nghi"), MEETING_POST)
    assert "Chốt kết quả</button>" in client_for(world.board).get(overview).content.decode()
