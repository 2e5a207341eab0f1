"""The current year of `thidua demo`'s province, in progress through the year's own actions: each cluster
has gone as far as a real one would by early December, not all alike, so the board's dashboard shows every
stage. The seed cluster has launched, registered, signed its pact, self-scored (but one unit) and had half its
scores appraised; its review meeting is set for 18/12 and due, its secretary not named yet. Nothing is
concluded.

A cluster-year that already has its launch is left as it is: run twice, the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import Actor
from thidua.emulation.actions import launch as launching
from thidua.emulation.actions import meeting as meeting_actions
from thidua.emulation.actions import scoring
from thidua.emulation.actions import setup as year_setup
from thidua.emulation.balloting import IssuedCode
from thidua.emulation.models import ClusterYear, Criterion, Launch, Meeting
from thidua.operations import demo_names as names
from thidua.organisations.models import Organizer
from thidua.registry.actions import council as sitting
from thidua.registry.actions import proposals as services
from thidua.registry.models import Council, Person

# How far each cluster has gone, by code: launched < pact signed < self-scoring < appraisal.
PROGRESS = {"TMTH": "appraisal", "KTE": "scoring", "VHXH": "pact", "NC": "launched", "XABG": "set_up"}
LAUNCHED, REGISTER_BY, SIGNED = dt.date(2026, 2, 24), dt.date(2026, 3, 20), dt.date(2026, 3, 26)
REVIEW_DAY = dt.date(2026, 12, 18)


def current_year(organizer: Organizer, year: int, *, by: Actor) -> None:
    years = ClusterYear.objects.filter(cluster__organizer=organizer, year=year).select_related("cluster")
    for cluster_year in years.order_by("cluster__code"):
        progress = PROGRESS.get(cluster_year.cluster.code, "set_up")
        if progress == "set_up" or Launch.objects.filter(cluster_year=cluster_year).exists():
            continue
        advance(cluster_year, progress, by=by)


def advance(cluster_year: ClusterYear, progress: str, *, by: Actor) -> None:
    members = cluster_year.member_units()
    code = cluster_year.cluster.code
    launching.record_launch(
        cluster_year,
        date=LAUNCHED,
        document_number=f"05/KH-{code}",
        document_title=names.LAUNCH_DOCUMENT.format(year=cluster_year.year),
        theme=names.LAUNCH_TITLE,
        deadline=REGISTER_BY,
        by=by,
    )
    if progress == "launched":
        # Half the members have registered; the others are late (the deadline has passed).
        for unit in members[: len(members) // 2]:
            launching.register(cluster_year, unit, **_registration(cluster_year), by=by, today=REGISTER_BY)
        return
    for unit in members:
        launching.register(cluster_year, unit, **_registration(cluster_year), by=by, today=REGISTER_BY)
    launching.record_signing(cluster_year, signed_on=SIGNED, units=members, by=by)
    if progress == "pact":
        return
    _scores(cluster_year, members, appraise=progress == "appraisal", by=by)
    head = cluster_year.head
    year_setup.set_review_facts(
        cluster_year,
        date=REVIEW_DAY,
        place=names.MEETING_PLACE_2026
        if code == "TMTH"
        else names.PLACE.format(unit=head.name if head else ""),
        chair=names.CHAIR_2026 if code == "TMTH" else "",
        secretary="",  # still to be named: the meeting's preparation is the head's next step
        board_representative=names.BOARD_REPRESENTATIVE.format(name=names.BOARD_OFFICER),
        present=None,
        by=by,
    )


def _registration(cluster_year: ClusterYear) -> dict[str, Any]:
    tiers = launching.title_choices(cluster_year)
    return {"targets": names.TARGETS, "titles": [tiers[0][0]]}


def _scores(cluster_year: ClusterYear, members: list[Any], *, appraise: bool, by: Actor) -> None:
    """Every member self-scores but the last; the head appraises the first half of those submitted."""
    user = cast(Any, by)  # the scoring actions name a user; the demo's actor is the command
    sheet = scoring.create_sheet(cluster_year, scale=Decimal(100), by=user)
    criteria = []
    for group, title, group_points, items in names.SHEET_GROUPS:
        share = Decimal(group_points) / len(items)
        for item in items:
            criteria.append(
                scoring.add_criterion(
                    sheet,
                    group=f"{group}. {title}",
                    name=item,
                    kind=Criterion.Kind.STANDARD,
                    max_points=share,
                    by=user,
                )
            )
    submitted = members[:-1]
    for index, unit in enumerate(submitted):
        unit_score = scoring.unit_score_for(sheet, unit)
        points = {c.pk: scoring.Entry(c.max_points - Decimal(index % 3) * Decimal("0.5")) for c in criteria}
        scoring.save_self_scores(unit_score, points, by=user)
        scoring.submit(unit_score, by=user)
        if appraise and index < len(submitted) // 2:
            scoring.appraise(unit_score, points, by=user)
    scoring.unit_score_for(sheet, members[-1])


# The board's council sitting of the current year, on the units' own proposals for their people (a
# thematic movement's results): voting by secret ballot is open, each present member holding a code.
SUBMITTED, SITS = dt.date(2026, 11, 20), dt.date(2026, 12, 4)
PEOPLE_PROPOSED = 3


def council_sitting(organizer: Organizer, year: int, *, by: Actor) -> list[IssuedCode]:
    """The sitting with its codes: issued the first time, issued anew on a later run (the old ones stop
    working, as the demo accounts' passwords do)."""
    council = Council.objects.filter(organizer=organizer, year=year).first()
    if council is None:
        council = _open_sitting(organizer, year, by=by)
        return sitting.issue_council_codes(council, by=by)
    members = council.members.filter(present=True).order_by("pk")
    return [sitting.reissue_council_code(council, member, by=by) for member in members]


def _open_sitting(organizer: Organizer, year: int, *, by: Actor) -> Council:
    people = Person.objects.filter(organizer=organizer).order_by("code")
    chosen = [person for person in people if person.code.endswith("-01")][:PEOPLE_PROPOSED]
    for person in chosen:
        posting = person.postings.select_related("unit").order_by("-start").first()
        assert posting is not None, "the demo's people each have a posting"
        proposal = services.propose(
            organizer=organizer,
            award="bang-khen-chu-tich-tinh",
            year=year,
            proposed_by=posting.unit,
            person=person,
            by=by,
        )
        required = proposal.dossier.filter(required=True).values_list("code", flat=True)
        services.provide_documents(proposal, list(required), by=by)
        services.submit(proposal, by=by, on=SUBMITTED)
        services.check_eligibility(proposal, by=by)
        proposal.refresh_from_db()
        if not proposal.may_go_forward:
            proposal = services.override_eligibility(proposal, names.OVERRIDE_PEOPLE, by=by)
        services.send_to_council(services.accept(proposal, by=by), by=by)
    members = [sitting.MemberEntry(name, position) for name, position in names.COUNCIL]
    council = sitting.create_council(organizer, year, members=members, on=SITS, by=by)
    council = sitting.set_council_mode(council, Council.Mode.SECRET, by=by)
    return sitting.open_council_voting(council, by=by)


# The seed cluster's review meeting of the current year, voting open so a newcomer can cast a ballot: every
# member unit's delegate present, each holding a one-time code. Codes are stored hashed (codes.digest): the
# plain codes exist only in what this returns, so the demo prints them (a demo's secret is no secret).
@dataclass(frozen=True)
class DelegateSheet:
    meeting: Meeting
    codes: list[IssuedCode]


def delegate_codes(cluster_year: ClusterYear, *, by: Actor) -> DelegateSheet:
    """The meeting opened with its codes the first time; on a later run each unused code issued anew (the
    old ones stop working), a used one left as it is (it cannot be replaced)."""
    meeting = meeting_actions.prepare_meeting(cluster_year, by=by)
    if meeting.voting == Meeting.Voting.PREPARING:
        meeting_actions.record_attendance(meeting, cluster_year.member_units(), by=by)
        issued = meeting_actions.issue_codes(meeting, by=by)
        meeting = meeting_actions.open_voting(meeting, by=by)
        return DelegateSheet(meeting, issued)
    issued = []
    for unit in meeting.review.present.order_by("code"):
        try:
            issued.append(meeting_actions.reissue_code(meeting, unit, by=by))
        except ValidationError:
            continue  # its code was used to vote: nothing to print for it
    return DelegateSheet(meeting, issued)


def delegate_sheet_lines(sheet: DelegateSheet, ballot_url: str) -> list[str]:
    """The code sheet as text: the meeting (cluster, day, place, where to vote), then per delegate its unit,
    its code and the link that opens the ballot with the code filled in (the code rides after "#")."""
    review = sheet.meeting.review
    lines = [
        _(
            "Delegates' ballot codes: review meeting of {year} on {day} at {place}, voting open; each "
            "delegate enters the code at {url}, no account needed:"
        ).format(
            year=review.cluster_year,
            day=f"{review.date:%d/%m/%Y}" if review.date else "–",
            place=review.place or "–",
            url=ballot_url,
        )
    ]
    for issued in sorted(sheet.codes, key=lambda i: i.name):
        lines.append(f"  {issued.code:<14} {issued.name:<48} {ballot_url}#{issued.code}")
    if sheet.codes:
        until = timezone.localtime(sheet.codes[0].expires_at)
        note = _("  (the codes are valid until {time}; run the demo again for new ones)")
        lines.append(note.format(time=f"{until:%H:%M %d/%m/%Y}"))
    return lines
