"""The organizer's council (Hội đồng Thi đua – Khen thưởng) voting on the clusters' proposals (VOTE-1).

The proposals are the registry's, sent to the council (state at_council) for the organizer and year. The
sitting votes openly (each member's vote recorded by name) or secretly (each present member casts one
ballot with a one-time code, the meeting's machinery in balloting.py). Absent members vote in writing,
recorded by name in both modes. A proposal passes when the agreeing votes, room and written together,
reach the share of ALL council members, present or not, that the proposal's own regime sets, or else the
province's threshold (meeting.thresholds): one computation for both modes. The vote opens and closes only
when every proposal before the council has a threshold, so a council always reaches a result; closing it
freezes each proposal's result (CouncilOutcome), which the pages, the minutes and the decision read back.
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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.regimes import name_of, regime_for, regime_for_year
from thidua.core.audit import Actor, record
from thidua.emulation import balloting, codes
from thidua.emulation.balloting import IssuedCode
from thidua.emulation.models import Voting
from thidua.organisations.models import Organizer
from thidua.registry.models import (
    AwardProposal,
    Council,
    CouncilBallot,
    CouncilCode,
    CouncilMember,
    CouncilOutcome,
    CouncilVote,
)
from thidua.registry.thresholds import Threshold, thresholds_of


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
    """A council sitting with its members. Its regime is the one in force on the day of the sitting, else
    at the year's end; each proposal is still judged under its own. A refusal is keyed by the list where
    the member is typed: `present` or `absent`."""
    if not members:
        raise ValidationError({"present": _("The council needs a list of members.")})
    seen: set[str] = set()
    for member in members:
        where = "present" if member.present else "absent"
        if not member.name:
            raise ValidationError({where: _("A member line has no full name.")})
        key = member.name.casefold()
        if key in seen:
            raise ValidationError(
                {
                    where: _("Member “{name}” is listed twice; each person goes on one line only.").format(
                        name=member.name
                    )
                }
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


def _frozen(council: Council) -> bool:
    """Whether the council's results are frozen: its rows exist from closing the vote until reopening."""
    return council.outcomes.exists()


def council_proposals(council: Council) -> QuerySet[AwardProposal]:
    """What the council votes on: the organizer's proposals of the year now at the council, and those
    it has voted on already (they may have moved on to a decision since); once its vote is closed, those
    whose result it froze."""
    if _frozen(council):
        rows = AwardProposal.objects.filter(council_outcomes__council=council)
    else:
        chosen = council.ballots.values_list("choices", flat=True)
        in_ballots = {int(pk) for choices in chosen for pk in choices}
        rows = AwardProposal.objects.filter(organizer=council.organizer, year=council.year).filter(
            Q(state=AwardProposal.State.AT_COUNCIL)
            | Q(council_votes__member__council=council)
            | Q(pk__in=in_ballots)
        )
    return (
        rows.select_related("unit", "person", "cluster_year__cluster", "tier")
        .distinct()
        .order_by("award", "cluster_year__cluster__name", "rank", "id")
    )


@transaction.atomic
def record_council_votes(
    council: Council, proposal: AwardProposal, votes: Mapping[int, bool | None], *, by: Actor
) -> list[CouncilVote]:
    """The members' votes on one proposal, by member id: True agrees, False disagrees, None has not
    voted. Replaces what was recorded before for that proposal; anything wrong refuses all of it.
    At a secret sitting only absent members' written votes are recorded here, by name."""
    council = balloting.lock(council)  # type: ignore[assignment]
    if council.voting == Voting.CLOSED:
        raise ValidationError(balloting.CLOSED.format(_("The council sitting")), code="closed")
    if not council_proposals(council).filter(pk=proposal.pk).exists():
        raise ValidationError(
            _("Proposal “{proposal}” is not on the list before this council.").format(proposal=proposal),
            code="proposal",
        )
    members = {m.pk: m for m in council.members.all()}
    unknown = sorted(str(pk) for pk in votes if pk not in members)
    if unknown:
        raise ValidationError(
            _("This council has no member with id {ids}; no vote was recorded.").format(
                ids=", ".join(unknown)
            ),
            code="member",
        )
    if council.mode == Council.Mode.SECRET:
        named = sorted(
            members[pk].name for pk, agree in votes.items() if members[pk].present and agree is not None
        )
        if named:
            raise ValidationError(
                _(
                    "The council votes by secret ballot: members present vote with a code, not by name "
                    "({names}); no vote was recorded."
                ).format(names=", ".join(named)),
                code="secret",
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
    blank: int = 0  # secret ballots left blank on this proposal: cast, not agreeing

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
    def regime_name(self) -> str:
        """The proposal's own regime, which chose the threshold."""
        return name_of(self.proposal.regime)

    @property
    def rule(self) -> str:
        """The threshold in words with its source, or that none is recorded."""
        if self.threshold is None:
            return _(
                "no approval threshold for “{award}” under {regime}; the Emulation and Commendation Board "
                "enters the province's threshold on the “Province's own rules” page"
            ).format(award=self.proposal.award_name, regime=self.regime_name)
        percent = f"{float(self.threshold.share) * 100:.0f}%"
        return _("needs ≥ {percent} of all council members ({source})").format(
            percent=percent, source=self.threshold.source
        )

    @property
    def verdict(self) -> str:
        return {None: _("no threshold"), True: _("passed"), False: _("not passed")}[self.passed]

    @property
    def explanation(self) -> str:
        counts = {
            "agreeing": self.agreeing,
            "members": self.members,
            "present": self.agree_present,
            "written": self.agree_written,
            "rule": self.rule,
        }
        if self.threshold is None:
            return _(
                "{agreeing}/{members} council members agree ({present} at the meeting, {written} in "
                "writing); {rule}."
            ).format(**counts)
        return _(
            "{agreeing}/{members} council members agree ({present} at the meeting, {written} in writing); "
            "{rule}, that is at least {needed}: {verdict}."
        ).format(**counts, needed=self.needed, verdict=self.verdict)


def member_votes(council: Council) -> dict[tuple[int, int], bool]:
    """(member id, proposal id) -> agree, to show each member's recorded vote."""
    rows = CouncilVote.objects.filter(member__council=council)
    return {(m, p): agree for m, p, agree in rows.values_list("member_id", "proposal_id", "agree")}


def sitting_day(council: Council) -> date:
    """The day whose province rules the council applies: its sitting, else the day it acts."""
    return council.date or timezone.localdate()


def council_results(council: Council) -> list[CouncilResult]:
    """One result per proposal before the council, voted on or not yet: the named votes (present
    members at an open sitting, absent members' written votes always) and the secret ballots together,
    against each proposal's threshold. Once the vote is closed, read back from what was frozen."""
    if _frozen(council):
        return _read_back(council)
    present = {m.pk: m.present for m in council.members.all()}
    # proposal id -> [agree in the room, agree in writing, disagree, blank]
    tallies: dict[int, list[int]] = {}
    for (member, proposal_id), agree in member_votes(council).items():
        tally = tallies.setdefault(proposal_id, [0, 0, 0, 0])
        tally[2 if not agree else 0 if present[member] else 1] += 1
    column = {CouncilBallot.Choice.AGREE: 0, CouncilBallot.Choice.DISAGREE: 2, CouncilBallot.Choice.BLANK: 3}
    for choices in council.ballots.values_list("choices", flat=True):
        for key, choice in choices.items():
            tallies.setdefault(int(key), [0, 0, 0, 0])[column[choice]] += 1
    threshold = thresholds_of(council.organizer, sitting_day(council))
    results = []
    for proposal in council_proposals(council):
        agree_present, agree_written, disagree, blank = tallies.get(proposal.pk, [0, 0, 0, 0])
        found = threshold(proposal.regime, proposal.award)
        results.append(
            CouncilResult(proposal, len(present), agree_present, agree_written, disagree, found, blank)
        )
    return results


def _read_back(council: Council) -> list[CouncilResult]:
    frozen = {o.proposal_id: o for o in council.outcomes.all()}
    return [
        CouncilResult(
            proposal,
            o.members,
            o.agree_present,
            o.agree_written,
            o.disagree,
            Threshold(Fraction(o.share), o.source),
            o.blank,
        )
        for proposal in council_proposals(council)
        for o in (frozen[proposal.pk],)
    ]


def _freeze(council: Council, results: list[CouncilResult]) -> None:
    CouncilOutcome.objects.bulk_create(
        CouncilOutcome(
            council=council,
            proposal=r.proposal,
            regime=r.proposal.regime,
            members=r.members,
            agree_present=r.agree_present,
            agree_written=r.agree_written,
            disagree=r.disagree,
            blank=r.blank,
            share=str(r.threshold.share),  # type: ignore[union-attr]  # every result has one (_require_thresholds)
            source=r.threshold.source,  # type: ignore[union-attr]
            passed=bool(r.passed),
            explanation=r.explanation,
        )
        for r in results
    )


def passed_groups(council: Council) -> list[list[AwardProposal]]:
    """Once the vote is closed, the proposals it passed, one list per decision the grantor will sign (one
    award, one grantor, one regime: what `decide` takes), the highest award first (its tier's precedence in
    the organizer's catalogue; a unit's own proposal without a tier after); before then, none."""
    if not _frozen(council):
        return []
    groups: dict[tuple[str, ...], list[AwardProposal]] = {}
    for result in _read_back(council):
        p = result.proposal
        if result.passed:
            groups.setdefault((p.award, p.award_name, p.grantor, p.regime), []).append(p)
    return sorted(
        groups.values(),
        key=lambda group: group[0].tier.position if group[0].tier is not None else 1_000_000,
    )


def missing_thresholds(council: Council) -> list[str]:
    """Each award and regime before the council with no threshold known, once: «award» theo <regime>."""
    results = council_results(council)
    found = [
        _("“{award}” under {regime}").format(award=r.proposal.award_name, regime=r.regime_name)
        for r in results
        if r.threshold is None
    ]
    return list(dict.fromkeys(found))


def province_rules_url(council: Council) -> str:
    return f"{reverse('registry:province_rules')}?to_chuc={council.organizer_id}#council-threshold"


def _require_thresholds(council: Council, act: str) -> None:
    """A council always reaches a result: no vote opens or closes while a proposal has no threshold."""
    missing = missing_thresholds(council)
    if missing:
        raise ValidationError(
            _(
                "Cannot {act} yet: the council has no approval threshold for {missing}. The law sets no such "
                "threshold; the Emulation and Commendation Board enters the province's threshold (with the "
                "document, article and clause) on the “Province's own rules” page ({url})."
            ).format(act=act, missing="; ".join(missing), url=province_rules_url(council)),
            code="threshold",
        )


# ---- a secret sitting: mode, state, codes, ballots (the meeting's machinery, balloting.py) ----------


@transaction.atomic
def set_council_mode(council: Council, mode: str, *, by: Actor) -> Council:
    """Open or secret voting; chosen before voting is opened, and not to secret once present members'
    votes are recorded by name."""
    council = balloting.lock(council)  # type: ignore[assignment]
    if mode not in Council.Mode.values:
        raise ValidationError(_("Invalid voting mode."), code="invalid")
    if council.voting != Voting.PREPARING:
        raise ValidationError(
            _("Voting has been opened; the voting mode can no longer be changed."), code="voting_started"
        )
    if (
        mode == Council.Mode.SECRET
        and CouncilVote.objects.filter(member__council=council, member__present=True).exists()
    ):
        raise ValidationError(
            _(
                "Open votes of members present are already recorded; the council cannot switch to a secret "
                "ballot."
            ),
            code="open_votes",
        )
    council.mode = mode
    council.save(update_fields=["mode"])
    record(by, "council.mode", council, mode=mode)
    return council


@transaction.atomic
def open_council_voting(council: Council, *, by: Actor) -> Council:
    council = balloting.lock(council)  # type: ignore[assignment]
    if council.voting != Voting.PREPARING:
        raise ValidationError(_("Voting was opened before; use “Reopen” with a reason."), code="state")
    _require_thresholds(council, _("open the vote"))
    council.voting = Voting.OPEN
    council.save(update_fields=["voting"])
    present = council.members.filter(present=True).count()
    record(by, "council.open", council, mode=council.mode, present=present, members=council.members.count())
    return council


@transaction.atomic
def close_council_voting(council: Council, *, by: Actor) -> Council:
    """Close the vote and freeze each proposal's result; refused (nothing closed) while a proposal has
    no threshold, since its result would be none."""
    council = balloting.close(council, by=by)  # type: ignore[assignment]
    _require_thresholds(council, _("close the vote"))
    _freeze(council, council_results(council))
    return council


@transaction.atomic
def reopen_council_voting(council: Council, *, reason: str, by: Actor) -> Council:
    """Reopen a closed vote: its frozen results go (the audit row keeps the reason); closing again
    freezes them anew."""
    council = balloting.reopen(council, reason=reason, by=by)  # type: ignore[assignment]
    council.outcomes.all().delete()
    return council


def _secret(council: Council) -> None:
    if council.mode != Council.Mode.SECRET:
        raise ValidationError(
            _("The council votes openly; no secret ballot codes are issued."), code="open_mode"
        )
    if council.voting == Voting.CLOSED:
        raise ValidationError(balloting.CLOSED.format(_("The council sitting")), code="closed")


@transaction.atomic
def issue_council_codes(council: Council, *, by: Actor) -> list[IssuedCode]:
    """One code for each present member who has none yet; returned once, never stored."""
    council = balloting.lock(council)  # type: ignore[assignment]
    _secret(council)
    issued = balloting.issue(council, list(council.members.filter(present=True)))
    record(by, "council.issue_codes", council, members=sorted(i.name for i in issued))
    return issued


@transaction.atomic
def reissue_council_code(council: Council, member: CouncilMember, *, by: Actor) -> IssuedCode:
    council = balloting.lock(council)  # type: ignore[assignment]
    _secret(council)
    issued = balloting.reissue(council, member)
    record(by, "council.reissue_code", council, member=member.name)
    return issued


def council_ballot_problems(council: Council, choices: Mapping[int, str]) -> list[str]:
    """What makes a secret ballot unacceptable: a proposal not before this council, an unknown choice."""
    names = {p.pk: str(p) for p in council_proposals(council)}
    problems = [
        _("Proposal id {id} is not on the list before the council.").format(id=pk)
        for pk in choices
        if pk not in names
    ]
    problems += [
        _("“{proposal}”: the choice “{choice}” is not valid (agree, disagree or blank).").format(
            proposal=names[pk], choice=choice
        )
        for pk, choice in choices.items()
        if pk in names and choice not in CouncilBallot.Choice.values
    ]
    return problems


@transaction.atomic
def cast_council_ballot(code: str, choices: Mapping[int, str]) -> CouncilBallot:
    """One present member's secret ballot, {proposal id: agree / disagree / blank}; a proposal left out
    is blank. In one transaction the code is spent (balloting.spend) and the ballot stored with a random
    receipt and no link to the code or the member. A refused ballot stores nothing, the code stays usable."""
    row = balloting.usable(code)
    if not isinstance(row, CouncilCode):
        raise ValidationError(balloting.UNKNOWN, code="unknown")
    council: Council = balloting.lock(row.council)  # type: ignore[assignment, arg-type]
    balloting.check_open(council)
    problems = council_ballot_problems(council, choices)
    if problems:
        raise ValidationError(
            [*problems, _("The ballot has not been recorded; please choose again.")], code="invalid"
        )
    balloting.spend(row)
    every = {p.pk: CouncilBallot.Choice.BLANK.value for p in council_proposals(council)}
    every.update(choices)
    return CouncilBallot.objects.create(
        council=council, choices={str(pk): c for pk, c in every.items()}, receipt=codes.new_receipt()
    )
