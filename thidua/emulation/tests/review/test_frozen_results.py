"""A concluded review is read back from what was frozen when it was concluded: a member's data changed
afterwards (its score, its rating, the female share the tie-break reads) changes neither the year's page,
nor the minutes, nor results.json; a preview before the conclusion follows the live data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.emulation.actions.review import conclude_review, decide
from thidua.emulation.models import Membership
from thidua.emulation.papers.render import render_document
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.results import results_for
from thidua.emulation.tests.papers.conftest import open_docx
from thidua.emulation.tests.review.conftest import TIED_BALLOTS, Live, record_facts, score_all, vote
from thidua.organisations.models import Unit

pytestmark = pytest.mark.django_db
MINUTES = "bien-ban-hop-binh-xet.docx"


def what_users_read(live: Live) -> tuple[object, ...]:
    summary = year_summary(live.refresh())
    page = live.board.get(reverse("front:cluster_year", args=[live.cluster_year.cluster_id, live.year]))
    minutes = open_docx(render_document(live.cluster_year, MINUTES))
    return (
        [(u.code, place) for u, place in summary.ranking],
        summary.scores,
        summary.ratings,
        [(p.tier.code, p.unit.code, p.rank, p.basis_vi) for p in summary.proposals],
        [(m.unit.code, m.place, m.score) for m in page.context["page"].members],
        minutes.table_rows("STT", "Tên đơn vị", "Điểm"),
        results_for(live.cluster_year, []),
    )


def change_member_data(live: Live) -> None:
    """C and D swap scores, D's rating changes, D gets a female share that would now win the tie-break."""
    Membership.objects.filter(cluster_year=live.cluster_year, unit__code="C").update(score=Decimal(70))
    Membership.objects.filter(cluster_year=live.cluster_year, unit__code="D").update(
        score=Decimal(99), rating="khong-hoan-thanh"
    )
    Unit.objects.filter(pk=live.units["D"].pk).update(female_share=Decimal("0.9"))


def test_the_concluded_page_minutes_and_results_do_not_move_when_member_data_does(live: Live):
    record_facts(live)
    score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    vote(live, TIED_BALLOTS)
    conclude_review(live.refresh(), by=live.user)
    before = what_users_read(live)
    assert ("bk", "C") in [(tier, unit) for tier, unit, _, _ in before[3]]  # type: ignore[misc]

    change_member_data(live)
    live_decision = decide(live.refresh(), live.cluster_year.review)
    assert ("bk", "D") in [(p.tier, p.unit) for p in live_decision.proposals]  # a recomputation would move
    assert what_users_read(live) == before


def test_before_the_conclusion_the_preview_follows_the_live_data(live: Live):
    record_facts(live)
    score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    vote(live, TIED_BALLOTS)
    before = what_users_read(live)
    change_member_data(live)
    assert what_users_read(live) != before


def test_the_minutes_of_a_live_conclusion_never_say_not_recorded(live: Live):
    record_facts(live)
    score_all(live, {"A": "95", "B": "90", "C": "85", "D": "80"})
    vote(live, TIED_BALLOTS)
    conclude_review(live.refresh(), by=live.user)
    minutes = open_docx(render_document(live.cluster_year, MINUTES))
    assert "chưa ghi nhận" not in minutes.text
    assert minutes.line_with("Thư ký:") == "- Thư ký: Lê Thị Thư Ký, Chuyên viên Sở Tài chính"
    assert minutes.line_with("Thời gian:") == "1. Thời gian: 10/12/2025."
    signatures = minutes.doc.tables[-1]
    secretary = signatures.rows[0].cells[0].text
    assert "THƯ KÝ" in secretary and secretary.strip().endswith("Lê Thị Thư Ký")
    # The locked scores reach the minutes' table.
    rows = {row[1]: row[2] for row in minutes.table_rows("STT", "Tên đơn vị", "Điểm")}
    assert rows == {"Sở A": "95", "Sở B": "90", "Sở C": "85", "Sở D": "80"}
