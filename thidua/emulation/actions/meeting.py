"""Every change to a meeting goes through here: one transaction each, an audit row for the chair's acts.

Casting writes no audit row, no log line and no timestamp (review.services.cast_ballot): nothing may tell
when, or with which code, a ballot was cast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.core.audit import Actor, record
from thidua.emulation import balloting, codes

# The year's services call this module too: importing the module (not its names) lets either load first.
from thidua.emulation.actions import setup as year_services
from thidua.emulation.actions.review import cast_ballot, store_ballot
from thidua.emulation.balloting import IssuedCode
from thidua.emulation.models import Ballot, BallotCode, ClusterYear, Meeting, Method, Review
from thidua.emulation.queries.meeting import members_named, quorum_of
from thidua.organisations.models import Unit

NOT_OPEN = format_lazy(balloting.NOT_OPEN, gettext_lazy("The meeting"))
CLOSED = format_lazy(balloting.CLOSED, gettext_lazy("The meeting"))


@transaction.atomic
def prepare_meeting(cluster_year: ClusterYear, *, by: Actor) -> Meeting:
    """The year's meeting, created with the default rules the first time the chair acts on it."""
    review, _ = Review.objects.get_or_create(cluster_year=cluster_year)
    meeting, created = Meeting.objects.get_or_create(review=review)
    if created:
        record(by, "meeting.prepare", meeting, cluster_year=cluster_year.pk)
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return balloting.lock(meeting)  # type: ignore[return-value]


def _refuse_if_concluded(meeting: Meeting) -> None:
    if meeting.review.concluded_at is not None:
        raise ValidationError(
            _("The meeting has concluded its results; nothing can be changed any more."), code="concluded"
        )


@transaction.atomic
def set_meeting_rules(
    meeting: Meeting,
    *,
    method: str,
    mode: str,
    quorum_share: Decimal,
    quorum_strict: bool,
    self_vote_allowed: bool,
    by: Actor,
) -> Meeting:
    """How the meeting chooses (the year's method) and votes; fixed once voting has been opened."""
    meeting = _locked(meeting)
    _refuse_if_concluded(meeting)
    if meeting.voting != Meeting.Voting.PREPARING:
        raise ValidationError(
            _("Voting has been opened; the way the meeting reviews can no longer be changed."),
            code="voting_started",
        )
    if method not in Method.values or mode not in Meeting.Mode.values:
        raise ValidationError(_("Invalid way of reviewing or of voting."), code="invalid")
    if not (0 <= quorum_share <= 1):
        raise ValidationError(_("The minimum attendance share must be between 0 and 1."), code="invalid")
    if mode != meeting.mode and meeting.issues.exists():
        raise ValidationError(
            _("Ballot codes have been issued; the meeting cannot switch to paper ballots."),
            code="codes_issued",
        )
    cluster_year = meeting.review.cluster_year
    if method != cluster_year.method:
        meeting.review.cluster_year = year_services.set_method(cluster_year, method, by=by)
    meeting.mode, meeting.quorum_share, meeting.quorum_strict = mode, quorum_share, quorum_strict
    meeting.self_vote_allowed = self_vote_allowed
    meeting.save(update_fields=["mode", "quorum_share", "quorum_strict", "self_vote_allowed"])
    record(
        by,
        "meeting.rules",
        meeting,
        method=method,
        mode=mode,
        quorum_share=str(quorum_share),
        quorum_strict=quorum_strict,
        self_vote_allowed=self_vote_allowed,
    )
    return meeting


@transaction.atomic
def record_attendance(meeting: Meeting, units: Iterable[Unit], *, by: Actor) -> Meeting:
    """Which member units' delegates are present. Not while voting is open; a unit that has received a
    ballot code stays present."""
    meeting = _locked(meeting)
    _refuse_if_concluded(meeting)
    if meeting.voting == Meeting.Voting.OPEN:
        raise ValidationError(
            _("Voting is open; close voting before changing the attendance list."), code="open"
        )
    units = list(units)
    members = {m.unit_id for m in meeting.review.cluster_year.memberships.all()}
    strangers = [u.display_name for u in units if u.pk not in members]
    if strangers:
        raise ValidationError(
            _("Not member units: {names}.").format(names=", ".join(strangers)), code="invalid"
        )
    chosen = {u.pk for u in units}
    dropped = [str(i.unit) for i in meeting.issues.select_related("unit") if i.unit_id not in chosen]
    if dropped:
        raise ValidationError(
            _(
                "Units that have received a ballot code cannot be removed from the attendance list: {units}."
            ).format(units=", ".join(dropped)),
            code="issued",
        )
    review = meeting.review
    review.present.set(units)
    review.present_known = True
    review.save(update_fields=["present_known"])
    record(by, "meeting.attendance", meeting, present=sorted(u.code for u in units))
    return meeting


@transaction.atomic
def open_voting(meeting: Meeting, *, by: Actor) -> Meeting:
    meeting = _locked(meeting)
    _refuse_if_concluded(meeting)
    review = meeting.review
    if meeting.voting != Meeting.Voting.PREPARING:
        raise ValidationError(_("Voting was opened before; use “Reopen” with a reason."), code="state")
    if review.cluster_year.method != Method.BALLOT:
        raise ValidationError(_("This year is not reviewed by secret ballot."), code="method")
    quorum = quorum_of(meeting)
    if not quorum.met:
        raise ValidationError(quorum.explanation, code="quorum")
    if review.ballots.exists():
        raise ValidationError(
            _(
                "The meeting already has ballots on record (imported from its records); a new vote cannot be "
                "opened."
            ),
            code="ballots_on_record",
        )
    meeting.voting = Meeting.Voting.OPEN
    meeting.save(update_fields=["voting"])
    # From now on the count comes from the ballots cast here, even if there are none.
    Review.objects.filter(pk=review.pk).update(ballots_known=True)
    record(by, "meeting.open", meeting, present=quorum.present, members=quorum.members)
    return meeting


@transaction.atomic
def close_voting(meeting: Meeting, *, by: Actor) -> Meeting:
    """Close the vote. The lock is the one each cast takes: no ballot lands after the count is shown."""
    return balloting.close(meeting, by=by)  # type: ignore[return-value]


@transaction.atomic
def reopen_voting(meeting: Meeting, *, reason: str, by: Actor) -> Meeting:
    return balloting.reopen(meeting, reason=reason, by=by)  # type: ignore[return-value]


@transaction.atomic
def issue_codes(meeting: Meeting, *, by: Actor) -> list[IssuedCode]:
    """One code for each present unit that has none yet. The codes are returned once and never stored."""
    meeting = _locked(meeting)
    _refuse_if_concluded(meeting)
    review = meeting.review
    if meeting.mode != Meeting.Mode.ELECTRONIC:
        raise ValidationError(
            _("The meeting votes on paper; no electronic ballot codes are issued."), code="paper"
        )
    if not review.present_known:
        raise ValidationError(_("The units present have not been recorded."), code="attendance")
    if meeting.voting == Meeting.Voting.CLOSED:
        raise ValidationError(CLOSED, code="closed")
    issued = balloting.issue(meeting, list(review.present.all()))
    record(by, "meeting.issue_codes", meeting, units=[i.key for i in issued])
    return issued


@transaction.atomic
def reissue_code(meeting: Meeting, unit: Unit, *, by: Actor) -> IssuedCode:
    """A new code for a unit whose code is lost or expired, unused; the old one stops working."""
    meeting = _locked(meeting)
    _refuse_if_concluded(meeting)
    if meeting.voting == Meeting.Voting.CLOSED:
        raise ValidationError(CLOSED, code="closed")
    issued = balloting.reissue(meeting, unit)
    record(by, "meeting.reissue_code", meeting, unit=unit.code)
    return issued


def _named(choices: Mapping[str, Sequence[str]]) -> set[str]:
    """The unit codes a ballot names, on any form."""
    return {code for names in choices.values() for code in names}


def ballot_problems(
    meeting: Meeting,
    choices: Mapping[str, Sequence[str]],
    *,
    voter: Unit | None = None,
    members: set[str] | None = None,
) -> tuple[list[str], list[str]]:
    """(refusals, voids): what makes a ballot unacceptable, and the tiers it names over the quota.
    `members`: which of the units named are the year's members, when the caller read them already (a cast,
    with the meeting's state: Meeting.locked_for_casting)."""
    cluster_year = meeting.review.cluster_year
    tiers = {t.code: t for t in cluster_year.cluster.ordered_tiers()}
    if members is None:
        members = members_named(cluster_year, _named(choices))
    quotas = cluster_year.quotas or {}
    refusals: list[str] = []
    voids: list[str] = []
    for tier_code, names in choices.items():
        tier = tiers.get(tier_code)
        if tier is None:
            refusals.append(_("There is no commendation form with code “{code}”.").format(code=tier_code))
            continue
        strangers = [code for code in names if code not in members]
        if strangers:
            refusals.append(
                _("{tier}: not member units: {codes}.").format(tier=tier.name, codes=", ".join(strangers))
            )
        if len(set(names)) != len(names):
            refusals.append(_("{tier}: a unit is chosen twice.").format(tier=tier.name))
        cap = quotas.get(tier_code)
        if cap is not None and len(set(names)) > cap:
            voids.append(
                ngettext(
                    "{tier}: at most {cap} unit may be chosen, the ballot chose {count}.",
                    "{tier}: at most {cap} units may be chosen, the ballot chose {count}.",
                    cap,
                ).format(tier=tier.name, cap=cap, count=len(set(names)))
            )
        if voter is not None and not meeting.self_vote_allowed and voter.code in names:
            refusals.append(
                _("{tier}: the cluster's rules do not allow voting for one's own unit.").format(
                    tier=tier.name
                )
            )
    return refusals, voids


def usable_code(code: str) -> BallotCode:
    """The code's row if it can cast a ballot now at a meeting; a council's code is not one."""
    row = balloting.usable(code)
    if not isinstance(row, BallotCode):
        raise ValidationError(balloting.UNKNOWN, code="unknown")
    return row


@transaction.atomic
def cast_with_code(
    code: str, choices: Mapping[str, Sequence[str]], *, row: BallotCode | None = None
) -> Ballot:
    """Cast one ballot with a one-time code. In one transaction: the code is marked used by a conditional
    UPDATE (the database decides between concurrent requests) and its unit erased; the Ballot gets a random
    receipt and no link to the code. A refused ballot stores nothing and leaves the code usable.

    `row` is the code's row as the ballot page already looked it up in this request (`usable_code`), so a
    cast reads it once: whatever it says is read again where it matters, the meeting's state under the lock
    and the code's use by the conditional UPDATE."""
    if row is None:
        row = usable_code(code)
    meeting = row.meeting
    members = meeting.locked_for_casting(_named(choices))
    balloting.check_open(meeting)
    refusals, voids = ballot_problems(meeting, choices, voter=row.unit, members=members)
    if refusals or voids:
        tail = _("The ballot has not been recorded; please choose again.")
        # Each message coded "invalid": the ballot page shows them beside the choices again.
        raise ValidationError([ValidationError(m, code="invalid") for m in [*refusals, *voids, tail]])
    # Checked above against the meeting's forms and members: stored as cast, in this transaction, with the
    # code spent by the same statement.
    return store_ballot(meeting.review, choices, receipt=codes.new_receipt(), spending=row)


@transaction.atomic
def enter_paper_ballot(
    meeting: Meeting, choices: Mapping[str, Sequence[str]], *, accept_void: bool = False, by: Actor
) -> Ballot:
    """A teller enters one paper ballot as written. A tier over its quota is refused unless the teller
    confirms the paper says so (`accept_void`); it is then stored as cast and void on that tier at count
    time (FORMAT.md), as the electronic count would never need."""
    meeting = _locked(meeting)
    balloting.check_open(meeting)
    review = meeting.review
    if meeting.mode != Meeting.Mode.PAPER:
        raise ValidationError(
            _("The meeting votes electronically; paper ballots are not entered."), code="electronic"
        )
    present = review.present.count()
    if review.ballots.count() >= present:
        raise ValidationError(
            ngettext(
                "All {count} ballot is entered, as many as the units present; no more can be entered.",
                "All {count} ballots are entered, as many as the units present; no more can be entered.",
                present,
            ).format(count=present),
            code="full",
        )
    refusals, voids = ballot_problems(meeting, choices)
    if refusals or (voids and not accept_void):
        tail = _("The ballot has not been recorded.")
        if voids and not refusals:
            tail += " " + _(
                "If the paper ballot really says so, tick “ballot names too many” to enter it (the ballot is "
                "void on that form)."
            )
        raise ValidationError([*refusals, *voids, tail], code="invalid")
    ballot = cast_ballot(review, choices, receipt=codes.new_receipt())
    # Who entered paper ballots, and how many: never which ballot.
    record(by, "meeting.paper_ballot", meeting, entered=review.ballots.count())
    return ballot
