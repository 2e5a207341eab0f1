"""From the council's closed vote to the grantor's desk: one draft decision per award and grantor, listing
the proposals the council passed (never one it did not pass) with their bonuses, marked as a draft, with no
number, no verification code and nothing written to the registry; only the board reaches it."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from thidua.accounts.models import Role
from thidua.awards.catalogue import COUNCIL_SHARE
from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import (
    MemberEntry,
    close_council_voting,
    create_council,
    open_council_voting,
    passed_groups,
    record_council_votes,
    reopen_council_voting,
)
from thidua.registry.models import Awardee, Decision
from thidua.registry.province_rules import add_province_rule
from thidua.testing.worlds import BY, Seed, client_for, push_through, user_with

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _council_on_the_seed(seed: Seed, *, refuse_first_merit: bool):
    """The seed's 2021 proposals before one council; its one member agrees to all, but to the first
    certificate of merit when `refuse_first_merit`."""
    for award in ("co-thi-dua-tinh", "bang-khen-chu-tich-tinh"):
        # The 2003 law sets no council threshold: the province's majority, from its rules page.
        add_province_rule(
            seed.organizer,
            award=award,
            parameter=COUNCIL_SHARE,
            value=51,
            document="Quyết định 3/2020/QĐ-UBND",
            document_date=date(2020, 1, 5),
            article="Điều 9",
            start=date(2020, 1, 15),
            by=BY,
        )
    proposals = [push_through(p) for p in services.proposals_from_review(seed.year.review, by=BY)]
    proposals = [services.send_to_council(p, by=BY) for p in proposals]
    merits = [p for p in proposals if p.award == "bang-khen-chu-tich-tinh"]
    members = [MemberEntry("Chủ tịch Hội đồng")]
    council = create_council(seed.organizer, 2021, members=members, on=date(2022, 2, 10), by=BY)
    member = council.members.get().pk
    for proposal in proposals:
        agree = not (refuse_first_merit and proposal == merits[0])
        record_council_votes(council, proposal, {member: agree}, by=BY)
    return close_council_voting(open_council_voting(council, by=BY), by=BY), merits


def test_the_closed_vote_gives_one_draft_per_award_with_only_what_passed(seed: Seed) -> None:
    council, merits = _council_on_the_seed(seed, refuse_first_merit=True)

    groups = passed_groups(council)
    assert [[p.award for p in group] for group in groups] == [
        ["co-thi-dua-tinh"],
        ["bang-khen-chu-tich-tinh"],
    ]
    assert groups[1] == merits[1:]

    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer))
    page = board.get(reverse("council:council", args=[council.pk])).content.decode()
    assert "Dự thảo quyết định theo kết quả" in page
    assert reverse("council:council_draft", args=[council.pk, 2]) in page

    response = board.get(reverse("council:council_draft", args=[council.pk, 2]))
    assert response.status_code == 200
    text = _text(response.content)
    assert "DỰ THẢO" in text and "QUYẾT ĐỊNH" in text and merits[1].award_name in text
    assert merits[1].subject_name in text
    assert merits[0].subject_name not in text  # the council did not pass it: not listed
    assert "Số: …" in text  # the number is the grantor's office's to give
    assert "đồng" in text  # the bonuses as they would be paid
    # A draft writes nothing: no decision, no awardee, no code drawn.
    assert not Decision.objects.exists() and not Awardee.objects.exists()
    assert board.get(reverse("council:council_draft", args=[council.pk, 3])).status_code == 404


def test_no_draft_before_the_vote_closes_and_none_for_others(seed: Seed) -> None:
    council, _merits = _council_on_the_seed(seed, refuse_first_merit=False)
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer))
    officer = client_for(user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"]))
    assert board.get(reverse("council:council_draft", args=[council.pk, 1])).status_code == 200
    assert officer.get(reverse("council:council_draft", args=[council.pk, 1])).status_code == 404
    reopen_council_voting(council, reason="Kiểm lại", by=BY)
    assert board.get(reverse("council:council_draft", args=[council.pk, 1])).status_code == 404
