"""Small helpers the meeting tests share."""

from __future__ import annotations

from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Meeting


def issued_codes(meeting: Meeting) -> dict[str, str]:
    """Unit code -> ballot code, as the chair receives them."""
    return {i.holder.code: i.code for i in services.issue_codes(meeting, by="chủ trì")}


def legal(ballot: dict[str, list[str]], quotas: dict[str, int]) -> dict[str, list[str]]:
    """What a delegate corrects an over-quota ballot to after the refusal: that tier left blank."""
    return {
        tier: [] if len(units) > quotas.get(tier, len(units)) else units for tier, units in ballot.items()
    }
