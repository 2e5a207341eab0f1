"""A secret council sitting ready to vote, and its members' codes as the chair receives them."""

from __future__ import annotations

from datetime import date

from thidua.emulation.tests.meeting.council_helpers import council_of
from thidua.organisations.models import Organizer
from thidua.registry.actions.council import (
    issue_council_codes,
    open_council_voting,
    set_council_mode,
)
from thidua.registry.models import Council


def secret_council(organizer: Organizer, present: int, absent: int) -> Council:
    council = council_of(organizer, date(2025, 3, 1), present=present, absent=absent)
    set_council_mode(council, "secret", by="Ban Thi đua – Khen thưởng")
    return open_council_voting(council, by="Ban Thi đua – Khen thưởng")


def member_codes(council: Council) -> list[str]:
    return [i.code for i in issue_council_codes(council, by="Ban Thi đua – Khen thưởng")]
