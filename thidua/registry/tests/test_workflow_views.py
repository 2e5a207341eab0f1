"""The board's workflow pages, as each role meets them: the board acts, a unit's officer drafts and submits
its own proposals and sees the state of those about it, anyone else finds nothing; bad input is refused in
Vietnamese and changes nothing. The whole path runs from the seed's review to the registry's search."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import (
    Awardee,
    AwardProposal,
    Decision,
    Person,
    PersonYear,
    Quota,
    Revocation,
    UnitYear,
)
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, client_for, person_at, push_through, user_with


def _officer(seed: Seed, code: str) -> AbstractUser:
    return user_with(f"can-bo-{code.lower()}", kind=Role.Kind.UNIT_OFFICER, unit=seed.units[code])


def _outsider() -> AbstractUser:
    return user_with("ban-khac", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory())


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def flag(seed: Seed) -> AwardProposal:
    """The seed's flag proposal for Sở Tài chính, drafted from the concluded review."""
    found = services.proposals_from_review(seed.year.review, by=BY)
    return next(p for p in found if p.award == "co-thi-dua-tinh")


@pytest.fixture
def own(seed: Seed) -> AwardProposal:
    """Sở Tư pháp's own proposal for one of its people."""
    person = person_at(seed, "STP", "Đường Thị Nhã", direct=True)
    return services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=person,
        proposed_by=seed.units["STP"],
        by=BY,
    )


def _post(client: Client, proposal: AwardProposal, slug: str, data: dict | None = None):
    return client.post(reverse("registry:act", args=[proposal.pk, slug]), data or {}, follow=True)


# ---- the whole path ---------------------------------------------------------------------------------


def test_the_board_takes_the_seed_from_review_to_the_registry(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    listing = reverse("registry:proposals") + "?nam=2021"
    page = client.get(listing)
    assert "Cụm các cơ quan Tham mưu tổng hợp" in _text(page) and "Chưa có đề nghị" in _text(page)

    created = client.post(
        reverse("registry:from_review", args=[seed.year.pk]), {"due": "31/01/2022"}, follow=True
    )
    assert "3 đề nghị từ kết quả hội nghị bình xét" in _text(created)
    flag = AwardProposal.objects.get(award="co-thi-dua-tinh")
    assert flag.due == date(2022, 1, 31)

    page = client.get(reverse("registry:proposal", args=[flag.pk]))
    assert "Điều kiện: chưa xét." in _text(page)
    assert reverse("front:cluster_year", args=[seed.year.cluster_id, 2021]) in _text(page)

    # Submitting with the dossier still empty names what is missing and moves nothing.
    refused = _post(client, flag, "gui")
    assert "Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng" in _text(refused)
    flag.refresh_from_db()
    assert flag.state == "draft"

    codes = list(flag.dossier.filter(required=True).values_list("code", flat=True))
    _post(client, flag, "ho-so", {"codes": codes})
    assert not flag.dossier.filter(required=True, provided=False).exists()

    # The 2021 dossier was received on 25/01/2022 (the page sends it today, which would fix today's regime
    # and make the flag wait for a council): its regime is the 2003 law's, and the board checks it so.
    services.submit(flag, by=board, on=date(2022, 1, 25))
    checked = _post(client, flag, "xet-dieu-kien")
    flag.refresh_from_db()
    assert flag.checked_at is not None and "chưa xét" not in _text(checked)
    assert flag.verdict == "eligible" and flag.verdict_regime == flag.regime
    for reason in flag.verdict_reasons:
        assert reason["vi"] in _text(checked)
        if reason["rule"]:  # the rule in words, not the software's code ("LAW-CO-TINH")
            assert reason["rule"] not in _text(checked)

    accepted = _post(client, flag, "tiep-nhan")
    flag.refresh_from_db()
    assert flag.state == "accepted"
    # The state history is read from the audit rows, each with who acted.
    assert "Chuyển sang «Đã gửi»" in _text(accepted) and "Chuyển sang «Đã tiếp nhận»" in _text(accepted)
    assert board.username in _text(accepted)

    form_url = (
        reverse("registry:new_decision") + f"?hinh_thuc=co-thi-dua-tinh&nam=2021&to_chuc={seed.organizer.pk}"
    )
    assert "Sở Tài chính" in _text(client.get(form_url))
    decided = client.post(
        form_url,
        {"proposals": [flag.pk], "number": "245/QĐ-UBND", "date": "15/02/2022", "signer": "Hồ Tiến Thiệu"},
        follow=True,
    )
    decision = Decision.objects.get(number="245/QĐ-UBND")
    assert decided.redirect_chain[-1][0] == reverse("registry:decision", args=[decision.pk])
    awardee = decision.awardees.get()
    assert awardee.bonus and f"{awardee.bonus:,} đ".replace(",", ".") in _text(decided)

    found = client.get(reverse("registry:search"), {"q": "so tai chinh", "nam": 2021})
    assert "Tìm thấy 1 khen thưởng" in _text(found) and "Số 245/QĐ-UBND ngày 15/02/2022" in _text(found)


# ---- the decision form --------------------------------------------------------------------------------


@pytest.fixture
def accepted_flag(flag: AwardProposal) -> AwardProposal:
    return push_through(flag)


def _decision_url(seed: Seed) -> str:
    return (
        reverse("registry:new_decision") + f"?hinh_thuc=co-thi-dua-tinh&nam=2021&to_chuc={seed.organizer.pk}"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"number": "245/QĐ-UBND", "date": "2022-02-15"},
            "Ngày quyết định phải viết theo dạng ngày/tháng/năm",
        ),
        (
            {"number": "245/QĐ-UBND", "date": "31/02/2022"},
            "Ngày quyết định phải viết theo dạng ngày/tháng/năm",
        ),
        ({"number": "", "date": "15/02/2022"}, "Cần nhập số quyết định."),
        ({"number": "245/QĐ-UBND", "date": "15/02/2022", "signer": ""}, "Cần nhập người ký."),
    ],
)
def test_a_bad_decision_form_says_what_is_wrong_and_writes_nothing(
    seed: Seed, board: AbstractUser, accepted_flag: AwardProposal, data: dict, message: str
) -> None:
    audit = AuditEvent.objects.count()
    response = client_for(board).post(
        _decision_url(seed), {"proposals": [accepted_flag.pk], "signer": "Hồ Tiến Thiệu", **data}
    )
    assert response.status_code == 400 and message in _text(response)
    accepted_flag.refresh_from_db()
    assert accepted_flag.state == "accepted"
    assert not Decision.objects.exists() and not Awardee.objects.exists()
    assert AuditEvent.objects.count() == audit


def test_a_decision_number_already_used_is_refused(
    seed: Seed, board: AbstractUser, accepted_flag: AwardProposal, own: AwardProposal
) -> None:
    push_through(own)
    services.decide([own], number="245/QĐ-UBND", date=date(2022, 1, 28), signer="Giám đốc", by=BY)
    response = client_for(board).post(
        _decision_url(seed),
        {"proposals": [accepted_flag.pk], "number": "245/QĐ-UBND", "date": "15/02/2022", "signer": "X"},
    )
    assert "Đã có quyết định số 245/QĐ-UBND." in _text(response)
    assert Decision.objects.count() == 1


def test_the_decision_page_shows_bonus_money_and_revokes_with_a_reason(
    seed: Seed, board: AbstractUser, accepted_flag: AwardProposal
) -> None:
    decision = services.decide(
        [accepted_flag], number="245/QĐ-UBND", date=date(2022, 2, 15), signer="A", by=BY
    )
    awardee = decision.awardees.get()
    client = client_for(board)
    page = client.get(reverse("registry:decision", args=[decision.pk]))
    # 15.5 x 1.490.000 = 23.095.000, rounded up to the next 10.000 đồng.
    assert "23.100.000 đ" in _text(page)
    # The coefficient's source is marked uncertain in the data: said in words, not as a bracketed code.
    assert "(cần đối chiếu văn bản)" in _text(page) and "[U]" not in _text(page)

    url = reverse("registry:revoke", args=[decision.pk, awardee.pk])
    bad = client.post(url, {"number": "", "date": "01/03/2022", "reason": "Khai không đúng"}, follow=True)
    assert "Cần nhập số quyết định hủy bỏ." in _text(bad) and not Revocation.objects.exists()
    early = client.post(url, {"number": "9/QĐ", "date": "01/01/2022", "reason": "Sai"}, follow=True)
    assert "Ngày hủy bỏ không thể trước ngày quyết định" in _text(early) and not Revocation.objects.exists()

    done = client.post(
        url, {"number": "30/QĐ-UBND", "date": "01/03/2022", "reason": "Khai không đúng"}, follow=True
    )
    assert "Đã hủy bỏ theo Quyết định số 30/QĐ-UBND ngày 01/03/2022" in _text(done)


# ---- roles --------------------------------------------------------------------------------------------


def test_a_unit_officer_drafts_and_submits_its_own_proposal_but_cannot_accept(
    seed: Seed, own: AwardProposal
) -> None:
    client = client_for(_officer(seed, "STP"))
    page = client.get(reverse("registry:proposal", args=[own.pk]))
    assert page.status_code == 200 and "Gửi đề nghị" in _text(page) and "Tiếp nhận" not in _text(page)

    codes = list(own.dossier.filter(required=True).values_list("code", flat=True))
    _post(client, own, "ho-so", {"codes": codes})
    _post(client, own, "gui")
    own.refresh_from_db()
    assert own.state == "submitted"

    assert _post(client, own, "tiep-nhan").status_code == 404
    own.refresh_from_db()
    assert own.state == "submitted"
    # The list shows its own proposals and their state, not the quotas nor the reviews.
    listing = client.get(reverse("registry:proposals"), {"nam": 2021})
    assert "Đường Thị Nhã" in _text(listing) and "Đã gửi" in _text(listing)
    assert "Số đề nghị theo hình thức và chỉ tiêu" not in _text(listing)


def test_a_unit_officer_sees_the_clusters_proposal_for_its_unit_but_cannot_act(
    seed: Seed, flag: AwardProposal
) -> None:
    client = client_for(_officer(seed, "STC"))
    page = client.get(reverse("registry:proposal", args=[flag.pk]))
    assert page.status_code == 200 and "Dự thảo" in _text(page) and "Gửi đề nghị" not in _text(page)
    assert _post(client, flag, "gui").status_code == 404

    other = client_for(_officer(seed, "STP"))
    assert other.get(reverse("registry:proposal", args=[flag.pk])).status_code == 404


def test_a_unit_officer_proposes_for_its_people_only(seed: Seed) -> None:
    nha = person_at(seed, "STP", "Đường Thị Nhã")
    stranger = person_at(seed, "STC", "Lê Văn Khác")
    client = client_for(_officer(seed, "STP"))
    url = reverse("registry:propose")
    base = {"award": "lao-dong-tien-tien", "year": 2021, "proposed_by": seed.units["STP"].pk}

    refused = client.post(url, {**base, "person": stranger.pk})
    assert "Cá nhân được đề nghị đã chọn không có trong danh sách." in _text(refused)
    wrong = client.post(url, {**base, "award": "co-thi-dua-tinh", "person": nha.pk})
    assert "không tặng cho cá nhân" in _text(wrong)
    neither = client.post(url, base)
    assert "Chọn đúng một đối tượng" in _text(neither)
    assert not AwardProposal.objects.exists()

    done = client.post(url, {**base, "person": nha.pk}, follow=True)
    proposal = AwardProposal.objects.get()
    assert proposal.person == nha and proposal.proposed_by == seed.units["STP"]
    assert "Tờ trình đề nghị khen thưởng" in _text(done)


def test_board_pages_are_the_boards_only(
    seed: Seed, board: AbstractUser, accepted_flag: AwardProposal
) -> None:
    decision = services.decide([accepted_flag], number="1/QĐ", date=date(2022, 2, 15), signer="A", by=BY)
    mine = f"?to_chuc={seed.organizer.pk}"
    board_only = [
        reverse("registry:decisions") + mine,
        _decision_url(seed),
        reverse("registry:decision", args=[decision.pk]),
        reverse("registry:quotas") + mine,
    ]
    officer, outsider = client_for(_officer(seed, "STC")), client_for(_outsider())
    for url in board_only:
        assert officer.get(url).status_code == 404, url
        assert outsider.get(url).status_code == 404, url
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login")), url
    for url in board_only[:1] + board_only[2:]:
        assert client_for(board).get(url).status_code == 200, url
    awardee = decision.awardees.get()
    revoke = reverse("registry:revoke", args=[decision.pk, awardee.pk])
    officer.post(revoke, {"number": "2/QĐ", "date": "01/03/2022", "reason": "x"})
    assert not Revocation.objects.exists()


def test_outsiders_find_no_proposal_and_no_list(seed: Seed, flag: AwardProposal) -> None:
    outsider = client_for(_outsider())
    assert outsider.get(reverse("registry:proposal", args=[flag.pk])).status_code == 404
    assert _post(outsider, flag, "ho-so", {"codes": ["to-trinh"]}).status_code == 404
    assert outsider.post(reverse("registry:from_review", args=[seed.year.pk])).status_code == 404
    assert not flag.dossier.filter(provided=True).exists()
    nobody = client_for(factories.UserFactory(username="khong-vai-tro"))
    assert nobody.get(reverse("registry:proposals")).status_code == 404
    assert nobody.get(reverse("registry:person_new")).status_code == 404
    anonymous = Client().get(reverse("registry:proposal", args=[flag.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_returning_needs_a_reason_and_the_reasons_show(
    seed: Seed, board: AbstractUser, flag: AwardProposal
) -> None:
    services.provide_documents(flag, flag.dossier.filter(required=True).values_list("code", flat=True), by=BY)
    services.submit(flag, by=BY, on=date(2022, 1, 25))
    client = client_for(board)
    empty = _post(client, flag, "tra-lai", {"reasons": "  "})
    assert "Cần nhập lý do trả lại." in _text(empty)
    flag.refresh_from_db()
    assert flag.state == "submitted"

    page = _post(client, flag, "tra-lai", {"reasons": "Thiếu chữ ký\nBáo cáo chưa đóng dấu"})
    flag.refresh_from_db()
    assert flag.state == "returned" and "Báo cáo chưa đóng dấu" in _text(page)

    refuse = _post(client, flag, "khong-khen-thuong", {"reason": "x"})
    assert refuse.status_code == 404  # a returned proposal cannot be refused


def test_quota_counts_show_against_the_organizers_quota(
    seed: Seed, board: AbstractUser, accepted_flag: AwardProposal
) -> None:
    client = client_for(board)
    bad = client.post(reverse("registry:quotas"), {"award": "co-thi-dua-tinh", "year": 2021, "limit": -1})
    assert "Số lượng tối đa không được âm." in _text(bad) and not Quota.objects.exists()
    client.post(reverse("registry:quotas"), {"award": "co-thi-dua-tinh", "year": 2021, "limit": 1})
    assert Quota.objects.get().limit == 1
    page = client.get(reverse("registry:proposals"), {"nam": 2021})
    row = _text(page).split("Cờ thi đua của Ủy ban nhân dân tỉnh</td>")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:3]] == ["1", "1", "1"]


# ---- entering people and yearly facts -------------------------------------------------------------------


def test_a_unit_officer_enters_a_person_with_a_year_and_an_initiative(seed: Seed) -> None:
    client = client_for(_officer(seed, "STP"))
    url = reverse("registry:person_new")
    data = {"name": "Trần Thị Hoa", "sex": "nu", "direct_labourer": "1", "unit": seed.units["STP"].pk}
    bad = client.post(url, {**data, "start": "2019-01-01"})
    assert "phải viết theo dạng ngày/tháng/năm" in _text(bad) and not Person.objects.exists()
    elsewhere = client.post(url, {**data, "unit": seed.units["STC"].pk, "start": "01/01/2019"})
    assert "Đơn vị công tác đã chọn không có trong danh sách." in _text(elsewhere)
    assert not Person.objects.exists()

    client.post(url, {**data, "start": "01/01/2019"})
    hoa = Person.objects.get()
    assert hoa.direct_labourer is True and hoa.postings.get().unit == seed.units["STP"]

    year_url = reverse("registry:person_year", args=[hoa.pk])
    assert "Năm phải từ 1945 đến 2100." in _text(client.post(year_url, {"year": 21, "rating": "xuat-sac"}))
    client.post(year_url, {"year": 2021, "rating": "xuat-sac", "titles": ["lao-dong-tien-tien"]})
    assert PersonYear.objects.get(person=hoa).titles == ["lao-dong-tien-tien"]

    idea_url = reverse("registry:initiative", args=[hoa.pk])
    client.post(idea_url, {"code": "SK-1", "title": "Số hóa hồ sơ", "level": "co-so", "year": 2021})
    again = client.post(idea_url, {"code": "SK-1", "title": "Khác", "level": "co-so", "year": 2021})
    assert "Cá nhân đã có sáng kiến mã «SK-1»." in _text(again) and hoa.initiatives.count() == 1

    hold_url = reverse("registry:hold", args=[hoa.pk])
    backwards = client.post(hold_url, {"kind": "discipline", "start": "01/06/2021", "end": "01/01/2021"})
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in _text(backwards) and not hoa.holds.exists()

    other = client_for(_officer(seed, "STC"))
    assert other.get(reverse("registry:person_edit", args=[hoa.pk])).status_code == 404


def test_the_board_moves_a_person_to_another_unit(seed: Seed, board: AbstractUser) -> None:
    nha = person_at(seed, "STP", "Đường Thị Nhã")
    client_for(board).post(
        reverse("registry:person_edit", args=[nha.pk]),
        {
            "name": "Đường Thị Nhã",
            "code": nha.code,
            "sex": "nu",
            "unit": seed.units["STC"].pk,
            "start": "01/07/2022",
        },
    )
    postings = list(nha.postings.order_by("start"))
    assert [(p.unit.code, p.end) for p in postings] == [("STP", date(2022, 6, 30)), ("STC", None)]


def test_a_units_yearly_record_feeds_the_engine(seed: Seed, board: AbstractUser) -> None:
    unit = seed.units["STP"]
    client = client_for(board)
    url = reverse("registry:unit_year", args=[unit.pk])
    bad = client.post(url, {"year": 2021, "staff": 10, "staff_ldtt": 12})
    assert "không thể lớn hơn số thành viên (10)" in _text(bad) and not UnitYear.objects.exists()
    client.post(
        url, {"year": 2021, "rating": "xuat-sac", "staff": 10, "staff_completed": 10, "staff_ldtt": 8}
    )
    row = UnitYear.objects.get(unit=unit, year=2021)
    assert row.staff_titles == {"lao-dong-tien-tien": 8} and row.rating == "xuat-sac"
    assert client_for(_officer(seed, "STC")).get(url).status_code == 404


def test_the_link_bar_shows_the_board_its_pages_and_an_officer_less(seed: Seed, board: AbstractUser) -> None:
    page = _text(client_for(board).get(reverse("registry:search")))
    for label in ("Đề nghị khen thưởng", "Quyết định", "Chỉ tiêu", "Thống kê"):
        assert f">{label}</a>" in page
    officer = _text(client_for(_officer(seed, "STP")).get(reverse("registry:search")))
    assert ">Đề nghị khen thưởng</a>" in officer and ">Quyết định</a>" not in officer


def test_the_proposal_page_names_laws_not_the_projects_internal_codes(
    flag: AwardProposal, board: AbstractUser
) -> None:
    client = client_for(board)
    page = _text(_post(client, flag, "xet-dieu-kien"))
    assert "Quy chế hoạt động của cụm, khối thi đua" in page and "Nghị định 91/2017/NĐ-CP" in page
    assert "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP" in page
    for internal in ("LAW.md", "[U]", "[S]", "law-2003/decree-91-2017"):
        assert internal not in page


def test_before_any_proposal_the_board_sees_its_clusters_newest_year(seed: Seed, board: AbstractUser) -> None:
    """A board whose clusters have run 2021 but proposed nothing yet opens the proposals page on 2021, not
    on last calendar year, which none of its clusters has run."""
    assert not AwardProposal.objects.filter(organizer=seed.organizer).exists()
    response = client_for(board).get(reverse("registry:proposals"), {"to_chuc": seed.organizer.pk})
    assert response.status_code == 200
    assert response.context["year"] == 2021
