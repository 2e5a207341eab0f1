"""What the meeting's pages show: quorum, progress while open, the published list of counted ballots."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import ngettext

from thidua.emulation.balloting import codes_used
from thidua.emulation.models import Ballot, ClusterYear, Meeting, Membership
from thidua.organisations.models import Unit


def members_named(cluster_year: ClusterYear, named: set[str]) -> set[str]:
    """Which of the unit codes `named` are the year's member units: only those are looked up, so a cast costs
    the same in a meeting of 10 or 1,000. Plain SQL: every delegate's cast asks it, and the ORM's join cost
    more to build than the database spends answering it (issue 13)."""
    if not named:
        return set()
    members, params = members_named_sql(named, cluster_year.cluster.organizer_id, "%s")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.code FROM {Unit._meta.db_table} u WHERE {members}", [*params, cluster_year.pk]
        )
        return {code for (code,) in cursor.fetchall()}


def members_named_sql(named: Collection[str], organizer_id: int, cluster_year: str) -> tuple[str, list[Any]]:
    """members_named's condition on a unit `u`, and its parameters: one of the units named (a year's members
    are its organizer's units: the unique index on organizer and code finds them) and a member of the year
    `cluster_year` (an SQL expression). A cast reads it with the meeting's state, in one statement
    (Meeting.locked_for_casting). Written so the database starts from the few units named, not from the
    year's roster, whatever its statistics say."""
    membership = Membership._meta.db_table
    codes = sorted(named)
    return (
        f"u.organizer_id = %s AND u.code IN ({', '.join(['%s'] * len(codes))}) AND EXISTS (SELECT 1 FROM "
        f"{membership} ms WHERE ms.cluster_year_id = {cluster_year} AND ms.unit_id = u.id)",
        [organizer_id, *codes],
    )


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int
    needed: int
    strict: bool
    share: str

    @property
    def met(self) -> bool:
        return self.present >= self.needed

    @property
    def explanation(self) -> str:
        if self.strict and self.met:
            text = ngettext(
                "{present}/{members} units present; more than {share} of the members are needed, that is at "
                "least {needed} unit: quorum reached.",
                "{present}/{members} units present; more than {share} of the members are needed, that is at "
                "least {needed} units: quorum reached.",
                self.needed,
            )
        elif self.strict:
            text = ngettext(
                "{present}/{members} units present; more than {share} of the members are needed, that is at "
                "least {needed} unit: quorum not reached.",
                "{present}/{members} units present; more than {share} of the members are needed, that is at "
                "least {needed} units: quorum not reached.",
                self.needed,
            )
        elif self.met:
            text = ngettext(
                "{present}/{members} units present; at least {share} of the members are needed, that is at "
                "least {needed} unit: quorum reached.",
                "{present}/{members} units present; at least {share} of the members are needed, that is at "
                "least {needed} units: quorum reached.",
                self.needed,
            )
        else:
            text = ngettext(
                "{present}/{members} units present; at least {share} of the members are needed, that is at "
                "least {needed} unit: quorum not reached.",
                "{present}/{members} units present; at least {share} of the members are needed, that is at "
                "least {needed} units: quorum not reached.",
                self.needed,
            )
        return text.format(present=self.present, members=self.members, share=self.share, needed=self.needed)


def quorum_of(meeting: Meeting) -> Quorum:
    """Quorum by the meeting's rule: present units over (or at least) a share of the year's members."""
    review = meeting.review
    members = review.cluster_year.memberships.count()
    present = review.present.count() if review.present_known else 0
    exact = meeting.quorum_share * members
    needed = math.floor(exact) + 1 if meeting.quorum_strict else math.ceil(exact)
    share = f"{meeting.quorum_share * 100:.0f}%".replace(".", ",")
    return Quorum(present, members, max(needed, 1), meeting.quorum_strict, share)


def meeting_for(cluster_year: ClusterYear) -> Meeting | None:
    return (
        Meeting.objects.select_related("review__cluster_year__cluster")
        .filter(review__cluster_year=cluster_year)
        .first()
    )


def ballots_cast(meeting: Meeting) -> int:
    return meeting.review.ballots.count()


def voting_progress(meeting: Meeting) -> str:
    """The one number the chair sees while voting is open: codes used of those issued ("5/7"), or paper
    ballots entered of the units present."""
    if meeting.mode == Meeting.Mode.PAPER:
        return f"{ballots_cast(meeting)}/{meeting.review.present.count()}"
    return str(codes_used(meeting))


def counted_ballots(meeting: Meeting) -> list[Ballot]:
    """Every stored ballot, sorted by receipt: the order says nothing about when each was cast."""
    return sorted(meeting.review.ballots.all(), key=lambda b: b.receipt or "")
