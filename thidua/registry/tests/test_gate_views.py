"""The law's gate on the board's pages: the dossier page says where the proposal stands and takes the
board's override; only the organizer's board may write it (a unit's officer, a cluster lead and an
outsider cannot); refusals keep what was typed, with the message beside the field at fault."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.awards.catalogue import ANY_AWARD, COUNCIL_SHARE
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, Decision, ProvinceRule
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, client_for, push_through, user_with

REASON = "Tỉnh ủy chỉ đạo khen đơn vị dẫn đầu khối chuyên đề (Công văn 12/TU)"


@pytest.fixture
def rated_good(seed: Seed) -> AwardProposal:
    """Sở Tư pháp's own flag proposal of 2021, received; rated "hoàn thành tốt": not eligible once checked."""
    unit = seed.units["STP"]
    proposal = services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2021, unit=unit, proposed_by=unit, by=BY
    )
    services.provide_documents(proposal, proposal.dossier.values_list("code", flat=True), by=BY)
    proposal = services.submit(proposal, by=BY, on=date(2022, 1, 25))
    services.check_eligibility(proposal, by=BY)
    return proposal


def _url(proposal: AwardProposal, slug: str | None = None) -> str:
    if slug is None:
        return reverse("registry:proposal", args=[proposal.pk])
    return reverse("registry:act", args=[proposal.pk, slug])


def _beside(page: str, field: str) -> str:
    """The paragraph of the form that holds the field's input, where its messages are shown."""
    return next(p for p in page.split("<p>") if f'name="{field}"' in p)


def test_the_board_is_refused_then_overrides_with_a_reason_shown_on_the_dossier(
    rated_good: AwardProposal, board: AbstractUser
) -> None:
    client = client_for(board)
    page = client.get(_url(rated_good)).content.decode()
    assert "Đề nghị chưa đủ điều kiện để tiếp nhận, trình Hội đồng hay quyết định khen thưởng" in page
    assert "Ghi lý do vượt qua" in page

    refused = client.post(_url(rated_good, "tiep-nhan"), follow=True).content.decode()
    assert "không đủ điều kiện theo Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP" in refused
    assert "ghi lý do vượt qua tại trang hồ sơ đề nghị nếu vẫn tiếp nhận" in refused
    rated_good.refresh_from_db()
    assert rated_good.state == "submitted"

    done = client.post(_url(rated_good, "vuot-qua"), {"reason": REASON}, follow=True).content.decode()
    assert "Ban Thi đua – Khen thưởng cho đề nghị đi tiếp dù kết quả «Không đủ điều kiện»" in done
    assert REASON in done and board.username in done
    assert "Ghi lý do vượt qua kết quả xét điều kiện" in done  # the history, from the audit trail
    accepted = client.post(_url(rated_good, "tiep-nhan"), follow=True).content.decode()
    rated_good.refresh_from_db()
    assert rated_good.state == "accepted" and "Vượt qua kết quả «Không đủ điều kiện»" in accepted


def test_an_override_too_long_is_sent_back_with_what_was_typed(
    rated_good: AwardProposal, board: AbstractUser
) -> None:
    typed = "Lý do rất dài. " * 150
    response = client_for(board).post(_url(rated_good, "vuot-qua"), {"reason": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert "dài quá 2000 ký tự" in _beside(page, "reason") and typed.strip() in page
    rated_good.refresh_from_db()
    assert rated_good.override_reason == ""


def test_a_lapsed_override_is_said_on_the_dossier(rated_good: AwardProposal, board: AbstractUser) -> None:
    services.override_eligibility(rated_good, REASON, by=BY)
    AwardProposal.objects.filter(pk=rated_good.pk).update(verdict="missing_information")
    page = client_for(board).get(_url(rated_good)).content.decode()
    assert (
        "không còn áp dụng" in page and "kết quả xét điều kiện nay là «Thiếu thông tin để kết luận»" in page
    )


def test_only_the_organizers_board_writes_an_override(seed: Seed, rated_good: AwardProposal) -> None:
    officer = user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    lead = user_with("truong-cum", kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed.year)
    outsider = user_with("ban-khac", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory())
    # The proposing unit's officer follows the dossier but the override is not theirs to write.
    own = client_for(officer)
    assert own.get(_url(rated_good)).status_code == 200
    assert "Ghi lý do vượt qua" not in own.get(_url(rated_good)).content.decode()
    for user in (officer, lead, outsider):
        assert client_for(user).post(_url(rated_good, "vuot-qua"), {"reason": REASON}).status_code == 404
    for user in (lead, outsider):
        assert client_for(user).get(_url(rated_good)).status_code == 404
    anonymous = Client().post(_url(rated_good, "vuot-qua"), {"reason": REASON})
    assert anonymous.status_code == 302
    rated_good.refresh_from_db()
    assert rated_good.override_reason == ""


def test_returning_too_long_keeps_the_reasons_typed(rated_good: AwardProposal, board: AbstractUser) -> None:
    typed = "Thiếu chữ ký của thủ trưởng đơn vị\n" * 60
    response = client_for(board).post(_url(rated_good, "tra-lai"), {"reasons": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "dài quá 2000 ký tự" in _beside(page, "reasons") and "Thiếu chữ ký của thủ trưởng" in page


# ---- the decision form ----------------------------------------------------------------------------------


def _decision_url(seed: Seed) -> str:
    return (
        reverse("registry:new_decision") + f"?hinh_thuc=co-thi-dua-tinh&nam=2021&to_chuc={seed.organizer.pk}"
    )


def test_a_decision_refused_by_the_gate_keeps_the_form_and_says_why_beside_the_proposals(
    seed: Seed, board: AbstractUser, rated_good: AwardProposal
) -> None:
    services.override_eligibility(rated_good, REASON, by=BY)
    services.accept(rated_good, by=BY)
    AwardProposal.objects.filter(pk=rated_good.pk).update(verdict="missing_information")  # a new finding
    typed = {
        "proposals": [rated_good.pk],
        "number": "77/QĐ-UBND",
        "date": "15/02/2022",
        "signer": "Hồ Tiến Thiệu",
    }
    response = client_for(board).post(_decision_url(seed), typed)
    page = response.content.decode()
    assert response.status_code == 400 and not Decision.objects.exists()
    assert "thiếu thông tin để xét điều kiện" in _beside(page, "proposals")
    assert "nếu vẫn quyết định khen thưởng" in page
    for value in ("77/QĐ-UBND", "15/02/2022", "Hồ Tiến Thiệu"):
        assert f'value="{value}"' in page
    assert re.search(rf'value="{rated_good.pk}"[^>]*checked', page)


def test_a_decision_number_used_before_is_said_beside_the_number(seed: Seed, board: AbstractUser) -> None:
    flag = push_through(
        next(
            p for p in services.proposals_from_review(seed.year.review, by=BY) if p.award == "co-thi-dua-tinh"
        )
    )
    other = factories.UnitFactory(organizer=seed.organizer)
    taken = push_through(
        services.propose(
            organizer=seed.organizer, award="giay-khen", year=2021, unit=other, proposed_by=other, by=BY
        )
    )
    services.decide([taken], number="245/QĐ-UBND", date=date(2022, 1, 28), signer="Giám đốc", by=BY)
    response = client_for(board).post(
        _decision_url(seed),
        {"proposals": [flag.pk], "number": "245/QĐ-UBND", "date": "15/02/2022", "signer": "Hồ Tiến Thiệu"},
    )
    assert response.status_code == 400
    assert "Đã có quyết định số 245/QĐ-UBND." in _beside(response.content.decode(), "number")


# ---- the province's rules page ----------------------------------------------------------------------------


def _rules_url(seed: Seed) -> str:
    return reverse("registry:province_rules") + f"?to_chuc={seed.organizer.pk}"


THRESHOLD = {
    "award": ANY_AWARD,
    "parameter": COUNCIL_SHARE,
    "value": "60",
    "document": "Quyết định 15/2025/QĐ-UBND",
    "document_date": "01/08/2025",
    "article": "Điều 8 khoản 2",
    "start": "15/08/2025",
    "end": "",
}


def test_the_board_enters_the_councils_threshold_for_every_award(seed: Seed, board: AbstractUser) -> None:
    done = client_for(board).post(_rules_url(seed), THRESHOLD, follow=True).content.decode()
    rule = ProvinceRule.objects.get()
    assert (rule.award, rule.parameter, rule.value) == (ANY_AWARD, COUNCIL_SHARE, 60)
    assert "Mọi hình thức khen thưởng chưa có ngưỡng riêng" in done
    assert "từ 60% tổng số thành viên Hội đồng đồng ý trở lên" in done


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"value": "40"}, "value", "phải từ 50 đến 100, không phải 40"),
        ({"parameter": "ty-le-lao-dong-tien-tien"}, "award", "chỉ dùng cho ngưỡng thông qua của Hội đồng"),
        ({"article": " "}, "article", "Cần nhập điều, khoản"),
        ({"start": "01/07/2025"}, "start", "trước ngày ban hành văn bản"),
    ],
)
def test_a_bad_threshold_is_refused_beside_its_field_keeping_what_was_typed(
    seed: Seed, board: AbstractUser, change: dict[str, str], field: str, message: str
) -> None:
    response = client_for(board).post(_rules_url(seed), {**THRESHOLD, **change})
    page = response.content.decode()
    assert response.status_code == 400 and message in _beside(page, field)
    assert 'value="Quyết định 15/2025/QĐ-UBND"' in page
    assert not ProvinceRule.objects.exists()


def test_the_years_list_says_where_each_proposal_stands(
    rated_good: AwardProposal, board: AbstractUser
) -> None:
    client = client_for(board)
    listing = reverse("registry:proposals") + "?nam=2021"
    row = client.get(listing).content.decode().split("Sở Tư pháp")[-1].split("</tr>")[0]
    assert "Không đủ điều kiện" in row and "có lý do vượt qua" not in row
    services.override_eligibility(rated_good, REASON, by=BY)
    row = client.get(listing).content.decode().split("Sở Tư pháp")[-1].split("</tr>")[0]
    assert "Không đủ điều kiện" in row and "có lý do vượt qua của Ban" in row
