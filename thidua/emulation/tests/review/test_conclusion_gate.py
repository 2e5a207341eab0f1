"""No live conclusion on missing facts: the meeting's date, place, chair and secretary; locked scores where
the method or a tie-break uses them; a closed vote under the ballot method. A refusal names what is
missing and where, and changes nothing; a historic year is concluded as reported, explicitly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions import meeting as meeting_services
from thidua.emulation.actions import scoring
from thidua.emulation.actions import setup as year_services
from thidua.emulation.actions.review import conclude_as_reported, conclude_review
from thidua.emulation.models import Method, Review
from thidua.emulation.tests.review.conftest import TIED_BALLOTS, Live, record_facts, score_all, vote

pytestmark = pytest.mark.django_db


def refusal(live: Live) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        conclude_review(live.refresh(), by=live.user)
    review = Review.objects.filter(cluster_year=live.cluster_year).first()
    assert review is None or review.concluded_at is None
    assert review is None or not (review.proposals.exists() or review.standings.exists())
    assert not AuditEvent.objects.filter(verb__startswith="review.conclude").exists()
    return refused.value.messages


def agree(live: Live, **lists: list[str]) -> None:
    outcome = {tier: [live.units[c] for c in codes] for tier, codes in lists.items()}
    year_services.set_outcome(live.refresh(), outcome=outcome, unnamed={}, by=live.user)


def test_the_meetings_date_place_chair_and_secretary_are_needed_and_named_with_where(live: Live):
    agree(live, co=["A"])
    assert refusal(live) == [
        "Chưa ghi ngày họp, địa điểm, chủ trì, thư ký của hội nghị bình xét: ghi tại trang «Nhập dữ liệu "
        "năm 2025», bước «Hội nghị bình xét»."
    ]
    record_facts(live, secretary="  ")
    assert refusal(live) == [
        "Chưa ghi thư ký của hội nghị bình xét: ghi tại trang «Nhập dữ liệu năm 2025», "
        "bước «Hội nghị bình xét»."
    ]
    record_facts(live)
    assert conclude_review(live.refresh(), by=live.user).concluded_at is not None


def test_the_score_method_needs_the_scores_locked(live: Live):
    year_services.set_method(live.cluster_year, Method.SCORE, by=live.user)
    record_facts(live)
    sheet = score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"}, lock=False)
    messages = refusal(live)
    assert messages == [
        "Năm này bình xét theo điểm chấm nhưng điểm chưa khóa: thẩm định và khóa điểm tại trang «Bảng chấm "
        "điểm năm 2025»."
    ]
    scoring.lock(sheet, by=live.user)
    review = conclude_review(live.refresh(), by=live.user)
    assert [(p.tier.code, p.unit.code) for p in review.proposals.all()] == [
        ("co", "A"),
        ("bk", "B"),
        ("bk", "C"),
    ]


def test_a_tie_the_score_breaks_needs_the_scores_locked(live: Live):
    record_facts(live)
    sheet = score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    scoring.reopen(sheet, reason="Sở D xin bổ sung minh chứng", by=live.user)
    vote(live, TIED_BALLOTS)
    assert refusal(live) == [
        "Kết quả cần điểm chấm để xét các đơn vị bằng phiếu (Sở C, Sở D) nhưng điểm chưa khóa: thẩm định và "
        "khóa điểm tại trang «Bảng chấm điểm năm 2025»."
    ]
    scoring.lock(sheet, by=live.user)
    review = conclude_review(live.refresh(), by=live.user)
    chosen = review.proposals.get(tier__code="bk", unit__code="C")
    assert chosen.basis["tie_break"] == "score"


def test_a_tie_nothing_breaks_needs_no_scores(live: Live):
    record_facts(live)
    vote(live, TIED_BALLOTS)
    review = conclude_review(live.refresh(), by=live.user)
    assert {n.unit.code: n.reason["kind"] for n in review.not_proposed.all()}["C"] == "tie_unresolved"


def test_under_the_ballot_method_the_vote_must_be_held_and_closed(live: Live):
    record_facts(live)
    assert refusal(live) == [
        "Năm này bình xét bằng bỏ phiếu kín nhưng chưa bỏ phiếu: mở và đóng bỏ phiếu tại trang "
        "«Hội nghị bình xét năm 2025», hoặc ghi danh sách hội nghị đã thống nhất tại trang "
        "«Nhập dữ liệu năm 2025», bước «Kết quả thống nhất»."
    ]
    meeting = meeting_services.prepare_meeting(live.cluster_year, by=live.user)
    meeting_services.record_attendance(meeting, list(live.units.values()), by=live.user)
    meeting_services.open_voting(meeting, by=live.user)
    assert refusal(live) == [
        "Đang bỏ phiếu: đóng bỏ phiếu tại trang «Hội nghị bình xét năm 2025» trước khi chốt kết quả."
    ]
    meeting_services.close_voting(meeting, by=live.user)
    assert conclude_review(live.refresh(), by=live.user).concluded_at is not None


def test_acclamation_needs_the_agreed_lists(live: Live):
    year_services.set_method(live.cluster_year, Method.ACCLAMATION, by=live.user)
    record_facts(live)
    assert refusal(live) == [
        "Năm này bình xét bằng suy tôn: nhập danh sách hội nghị đã thống nhất tại trang «Nhập dữ liệu năm "
        "2025», bước «Kết quả thống nhất»."
    ]
    agree(live, co=["B"], bk=[])
    assert [p.unit.code for p in conclude_review(live.refresh(), by=live.user).proposals.all()] == ["B"]


def test_every_missing_fact_is_named_at_once(live: Live):
    year_services.set_method(live.cluster_year, Method.SCORE, by=live.user)
    messages = refusal(live)
    assert len(messages) == 2
    assert messages[0].startswith("Chưa ghi ngày họp, địa điểm, chủ trì, thư ký")
    assert messages[1].startswith("Năm này bình xét theo điểm chấm nhưng điểm chưa khóa")


def test_a_historic_year_is_concluded_as_its_file_reports_and_says_so(live: Live):
    agree(live, co=["A"])
    review = conclude_as_reported(live.refresh(), by="thidua scenario", source="langson-2021.yaml")
    assert review.concluded_at is not None and review.reported
    event = AuditEvent.objects.get(verb="review.conclude_as_reported")
    assert event.data["source"] == "langson-2021.yaml"
    assert event.data["gate_gaps"][0].startswith("Chưa ghi ngày họp, địa điểm, chủ trì, thư ký")
    assert not AuditEvent.objects.filter(verb="review.conclude").exists()
    # Reopened and concluded live, it is no longer "as reported".
    year_services.reopen_review(live.cluster_year, reason="bổ sung biên bản", by=live.user)
    record_facts(live)
    assert not conclude_review(live.refresh(), by=live.user).reported


def conclude_urls(live: Live) -> list[str]:
    args = [live.cluster_year.cluster_id, live.year]
    return [reverse("meeting:conclude", args=args), reverse("front:edit_conclude", args=args)]


@pytest.mark.parametrize("button", [0, 1], ids=["chair-page", "entry-page"])
def test_both_buttons_show_the_refusal_and_conclude_nothing(live: Live, button: int):
    agree(live, co=["A"])
    record_facts(live, chair="")
    page = live.lead.post(conclude_urls(live)[button], follow=True).content.decode()
    assert "Chưa ghi chủ trì của hội nghị bình xét: ghi tại trang «Nhập dữ liệu năm 2025»" in page
    assert Review.objects.get(cluster_year=live.cluster_year).concluded_at is None
    record_facts(live)
    page = live.lead.post(conclude_urls(live)[button], follow=True).content.decode()
    assert "Đã chốt kết quả bình xét" in page
    assert Review.objects.get(cluster_year=live.cluster_year).concluded_at is not None


def test_only_the_lead_and_the_board_may_conclude(live: Live):
    agree(live, co=["A"])
    record_facts(live)
    for client in (live.officer, live.outsider):
        assert [client.post(url).status_code for url in conclude_urls(live)] == [404, 404]
    assert Review.objects.get(cluster_year=live.cluster_year).concluded_at is None
    assert live.board.post(conclude_urls(live)[1]).status_code == 302
    assert Review.objects.get(cluster_year=live.cluster_year).concluded_at is not None


def test_while_voting_is_open_the_entry_page_names_no_unit_the_ballots_favour(live: Live):
    record_facts(live)
    sheet = score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    scoring.reopen(sheet, reason="bổ sung minh chứng", by=live.user)
    meeting = meeting_services.prepare_meeting(live.cluster_year, by=live.user)
    meeting_services.record_attendance(meeting, list(live.units.values()), by=live.user)
    meeting_services.open_voting(meeting, by=live.user)
    codes = [i.code for i in meeting_services.issue_codes(meeting, by=live.user)]
    for code, choices in zip(codes, TIED_BALLOTS, strict=True):
        meeting_services.cast_with_code(code, choices)
    page = live.lead.get(reverse("front:edit_year", args=[live.cluster_year.cluster_id, live.year]))
    text = page.content.decode()
    assert "Đang bỏ phiếu: đóng bỏ phiếu tại trang «Hội nghị bình xét năm 2025»" in text
    assert "bằng phiếu" not in text and "Sở C, Sở D" not in text
