"""The organizer's council (Hội đồng Thi đua – Khen thưởng) voting on the clusters' proposals (VOTE-1).

Each proposal gets a count: agree / disagree in the room, plus the written votes of absent members. A
proposal passes when the agreeing votes reach the regime's share of ALL council members.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.awards.regimes import regime_for, regime_for_year
from thidua.core.audit import Actor, record
from thidua.meeting.models import Council, CouncilMember, CouncilVote
from thidua.meeting.thresholds import Threshold, threshold_for
from thidua.organisations.models import Organizer
from thidua.review.models import Proposal


@transaction.atomic
def create_council(
    organizer: Organizer,
    year: int,
    *,
    members: Sequence[tuple[str, bool]],
    on: date | None,
    by: Actor,
) -> Council:
    """A council sitting with its members as (name, present). The regime is the one in force on the
    day of the sitting (the decree's thresholds apply by date), else at the year's end."""
    if not members:
        raise ValidationError("Hội đồng cần có danh sách thành viên.", code="members")
    regime = regime_for(on) if on else regime_for_year(year)
    council = Council.objects.create(organizer=organizer, year=year, date=on, regime=regime.code)
    CouncilMember.objects.bulk_create(
        CouncilMember(council=council, name=name, present=present) for name, present in members
    )
    record(by, "council.create", council, regime=regime.code, members=len(members))
    return council


@transaction.atomic
def record_council_vote(
    council: Council,
    proposal: Proposal,
    *,
    agree: int,
    disagree: int,
    written_agree: int = 0,
    written_disagree: int = 0,
    by: Actor,
) -> CouncilVote:
    """The count on one proposal; no more votes than members present, nor written votes than absent."""
    present = council.members.filter(present=True).count()
    absent = council.members.filter(present=False).count()
    if min(agree, disagree, written_agree, written_disagree) < 0:
        raise ValidationError("Số phiếu không được âm.", code="negative")
    if agree + disagree > present:
        raise ValidationError(
            f"Có {agree + disagree} phiếu tại hội nghị nhưng chỉ {present} thành viên có mặt.", code="present"
        )
    if written_agree + written_disagree > absent:
        raise ValidationError(
            f"Có {written_agree + written_disagree} phiếu bằng văn bản"
            f" nhưng chỉ {absent} thành viên vắng mặt.",
            code="absent",
        )
    vote, _ = CouncilVote.objects.update_or_create(
        council=council,
        proposal=proposal,
        defaults={
            "agree": agree,
            "disagree": disagree,
            "written_agree": written_agree,
            "written_disagree": written_disagree,
        },
    )
    record(
        by,
        "council.vote",
        council,
        proposal=proposal.pk,
        agree=agree,
        disagree=disagree,
        written_agree=written_agree,
        written_disagree=written_disagree,
    )
    return vote


@dataclass(frozen=True)
class CouncilResult:
    proposal: Proposal
    members: int
    agreeing: int
    threshold: Threshold | None

    @property
    def share(self) -> Fraction:
        return Fraction(self.agreeing, self.members) if self.members else Fraction(0)

    @property
    def needed(self) -> int | None:
        return None if self.threshold is None else math.ceil(self.threshold.share * self.members)

    @property
    def passed(self) -> bool | None:
        """None when the regime's threshold for this award is not known."""
        return None if self.needed is None else self.agreeing >= self.needed

    @property
    def explanation(self) -> str:
        count = f"{self.agreeing}/{self.members} thành viên Hội đồng đồng ý"
        if self.threshold is None:
            return f"{count}; chưa có ngưỡng thông qua cho hình thức này theo văn bản áp dụng."
        verdict = "đạt" if self.passed else "không đạt"
        percent = f"{float(self.threshold.share) * 100:.0f}%"
        rule = f"{percent} tổng số thành viên, {self.threshold.source}"
        return f"{count}; cần ít nhất {self.needed} ({rule}): {verdict}."


def council_results(council: Council) -> list[CouncilResult]:
    members = council.members.count()
    votes = council.votes.select_related("proposal__tier", "proposal__unit").order_by("proposal_id")
    return [
        CouncilResult(
            v.proposal,
            members,
            v.agree + v.written_agree,
            threshold_for(council.regime, v.proposal.tier.catalog),
        )
        for v in votes
    ]
