"""Taking a registry proposal past the law's gates in tests about something else (quotas, money, councils):
the board checks it under its regime and, where the test's subject lacks the facts, overrides in writing;
where the law makes the council's vote mandatory, a council passes it. The gates themselves are tested on
their own (registry/tests/test_eligibility_gate.py, test_council_gate.py)."""

from __future__ import annotations

from datetime import date

from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal

OVERRIDE = "Kiểm thử: Ban Thi đua – Khen thưởng đã đối chiếu hồ sơ giấy"


def clear_the_gate(proposal: AwardProposal, *, by: str = "kiểm thử") -> AwardProposal:
    services.check_eligibility(proposal, by=by)
    proposal.refresh_from_db()
    if not proposal.may_go_forward:
        proposal = services.override_eligibility(proposal, OVERRIDE, by=by)
    return proposal


def passed_by_council(proposal: AwardProposal, *, on: date, by: str = "kiểm thử") -> AwardProposal:
    """An accepted proposal sent to a council sitting on `on`, whose one member agrees; the vote is opened
    and closed, so the result is frozen as the decision reads it. The regime must have a threshold."""
    from thidua.registry.actions.council import (
        MemberEntry,
        close_council_voting,
        create_council,
        open_council_voting,
        record_council_votes,
    )

    proposal = services.send_to_council(proposal, by=by)
    members = [MemberEntry("Chủ tịch Hội đồng kiểm thử")]
    council = create_council(proposal.organizer, proposal.year, members=members, on=on, by=by)
    record_council_votes(council, proposal, {council.members.get().pk: True}, by=by)
    close_council_voting(open_council_voting(council, by=by), by=by)
    proposal.refresh_from_db()
    return proposal
