"""The organizer's council (Hội đồng Thi đua – Khen thưởng) voting on the clusters' proposals (VOTE-1).

The proposals are the registry's, sent to the council (state at_council) for the organizer and year. Each
member's vote is recorded by name (an open vote): present members in the room, absent members in writing.
A proposal passes when the agreeing votes, room and written together, reach the regime's share of ALL
council members, present or not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from thidua.awards.regimes import regime_for, regime_for_year
from thidua.core.audit import Actor, record
from thidua.meeting.models import Council, CouncilMember, CouncilVote
from thidua.meeting.thresholds import Threshold, threshold_for
from thidua.organisations.models import Organizer
from thidua.registry.models import AwardProposal


@dataclass(frozen=True)
class MemberEntry:
    name: str
    position: str = ""
    present: bool = True


# "Họ và tên, chức vụ" or "Họ và tên – chức vụ": the name ends at the first comma or spaced dash.
_NAME_END = re.compile(r",|\s[–-]\s")


def parse_members(text: str, *, present: bool) -> list[MemberEntry]:
    """One member per line, as typed in the council form; blank lines are skipped."""
    entries = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        name, *position = _NAME_END.split(line, maxsplit=1)
        entries.append(MemberEntry(name.strip(), position[0].strip() if position else "", present))
    return entries


@transaction.atomic
def create_council(
    organizer: Organizer,
    year: int,
    *,
    members: Sequence[MemberEntry],
    on: date | None,
    by: Actor,
) -> Council:
    """A council sitting with its members. The regime is the one in force on the day of the sitting (the
    decree's thresholds apply by date), else at the year's end."""
    if not members:
        raise ValidationError("Hội đồng cần có danh sách thành viên.", code="members")
    seen: set[str] = set()
    for member in members:
        if not member.name:
            raise ValidationError("Có dòng thành viên không ghi họ và tên.", code="members")
        key = member.name.casefold()
        if key in seen:
            raise ValidationError(
                f"Thành viên «{member.name}» được ghi hai lần; mỗi người chỉ ghi một dòng.", code="duplicate"
            )
        seen.add(key)
    regime = regime_for(on) if on else regime_for_year(year)
    council = Council.objects.create(organizer=organizer, year=year, date=on, regime=regime.code)
    CouncilMember.objects.bulk_create(
        CouncilMember(council=council, name=m.name, position=m.position, present=m.present) for m in members
    )
    record(
        by,
        "council.create",
        council,
        regime=regime.code,
        present=sum(m.present for m in members),
        absent=sum(not m.present for m in members),
    )
    return council


def council_proposals(council: Council) -> QuerySet[AwardProposal]:
    """What the council votes on: the organizer's proposals of the year now at the council, and those
    it has voted on already (they may have moved on to a decision since)."""
    return (
        AwardProposal.objects.filter(organizer=council.organizer, year=council.year)
        .filter(Q(state=AwardProposal.State.AT_COUNCIL) | Q(council_votes__member__council=council))
        .select_related("unit", "person", "cluster_year__cluster")
        .distinct()
        .order_by("award", "cluster_year__cluster__name", "rank", "id")
    )


@transaction.atomic
def record_council_votes(
    council: Council, proposal: AwardProposal, votes: Mapping[int, bool | None], *, by: Actor
) -> list[CouncilVote]:
    """The members' votes on one proposal, by member id: True agrees, False disagrees, None has not
    voted. Replaces what was recorded before for that proposal; anything wrong refuses all of it."""
    if not council_proposals(council).filter(pk=proposal.pk).exists():
        raise ValidationError(
            f"Đề nghị «{proposal}» không nằm trong danh sách trình Hội đồng này.", code="proposal"
        )
    members = {m.pk: m for m in council.members.all()}
    unknown = sorted(str(pk) for pk in votes if pk not in members)
    if unknown:
        raise ValidationError(
            f"Không có thành viên mã {', '.join(unknown)} trong Hội đồng này; chưa ghi phiếu nào.",
            code="member",
        )
    CouncilVote.objects.filter(member__council=council, proposal=proposal).delete()
    rows = CouncilVote.objects.bulk_create(
        CouncilVote(member=members[pk], proposal=proposal, agree=agree)
        for pk, agree in sorted(votes.items())
        if agree is not None
    )
    record(
        by,
        "council.vote",
        council,
        proposal=proposal.pk,
        agree=sorted(members[v.member_id].name for v in rows if v.agree),
        disagree=sorted(members[v.member_id].name for v in rows if not v.agree),
    )
    return rows


@dataclass(frozen=True)
class CouncilResult:
    proposal: AwardProposal
    members: int
    agree_present: int
    agree_written: int
    disagree: int
    threshold: Threshold | None

    @property
    def agreeing(self) -> int:
        return self.agree_present + self.agree_written

    @property
    def voted(self) -> int:
        return self.agreeing + self.disagree

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
    def rule(self) -> str:
        """The threshold in words with its source, or that none is recorded."""
        if self.threshold is None:
            return "chưa có ngưỡng thông qua cho hình thức này theo văn bản áp dụng"
        percent = f"{float(self.threshold.share) * 100:.0f}%"
        return f"cần ≥ {percent} tổng số thành viên Hội đồng ({self.threshold.source})"

    @property
    def verdict(self) -> str:
        return {None: "chưa có ngưỡng", True: "đạt", False: "không đạt"}[self.passed]

    @property
    def explanation(self) -> str:
        count = (
            f"{self.agreeing}/{self.members} thành viên Hội đồng đồng ý"
            f" ({self.agree_present} tại hội nghị, {self.agree_written} bằng văn bản)"
        )
        if self.threshold is None:
            return f"{count}; {self.rule}."
        return f"{count}; {self.rule}, tức ít nhất {self.needed}: {self.verdict}."


def member_votes(council: Council) -> dict[tuple[int, int], bool]:
    """(member id, proposal id) -> agree, to show each member's recorded vote."""
    rows = CouncilVote.objects.filter(member__council=council)
    return {(m, p): agree for m, p, agree in rows.values_list("member_id", "proposal_id", "agree")}


def council_results(council: Council) -> list[CouncilResult]:
    """One result per proposal before the council, voted on or not yet."""
    present = {m.pk: m.present for m in council.members.all()}
    tallies: dict[int, list[int]] = {}
    for (member, proposal), agree in member_votes(council).items():
        tally = tallies.setdefault(proposal, [0, 0, 0])  # in the room, in writing, against
        tally[2 if not agree else 0 if present[member] else 1] += 1
    return [
        CouncilResult(
            proposal,
            len(present),
            *tallies.get(proposal.pk, [0, 0, 0]),
            threshold=threshold_for(council.regime, proposal.award),
        )
        for proposal in council_proposals(council)
    ]
