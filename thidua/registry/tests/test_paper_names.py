"""Pages name a proposal's papers and the rules it was checked by in words, never by the software's codes
("to-trinh", "LAW-BK-TT")."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.urls import reverse

from thidua.registry.actions import proposals as services
from thidua.testing.proposals import clear_the_gate
from thidua.testing.worlds import BY, Seed, client_for


def test_the_proposal_page_names_the_papers_received_and_shows_no_rule_code(
    seed: Seed, board: AbstractUser
) -> None:
    proposal = next(
        p
        for p in services.proposals_from_review(seed.year.review, by=BY)
        if p.award == "bang-khen-chu-tich-tinh"
    )
    services.provide_documents(proposal, ["to-trinh", "bao-cao-thanh-tich"], by=BY)
    clear_the_gate(proposal)
    page = client_for(board).get(reverse("registry:proposal", args=[proposal.pk])).content.decode()
    assert "Tờ trình đề nghị khen thưởng; Báo cáo thành tích" in page
    assert "to-trinh, bao-cao-thanh-tich" not in page
    assert "LAW-BK-TT" not in page and "LAW-" not in page
