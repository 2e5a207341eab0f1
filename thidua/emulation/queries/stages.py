"""The stages of a cluster's year, derived from the facts on record by one function (`year_stages`).

Nothing stores the stage: each step reads the facts its action writes (the roster and head, the launch,
the registrations, the signings, the score table and its lock, the meeting's facts and vote, the
conclusion, the proposals received by the board). Some steps are optional in real clusters (REALITY.md:
no pact recorded, no scoring under acclamation, historic years known only from their minutes): a step with
no facts at all is "not used" once a later step has happened, and every step before a conclusion "as
reported" that has no facts is too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.emulation import where
from thidua.emulation.actions.review import missing_meeting_facts
from thidua.emulation.models import ClusterYear, Launch, Membership, Method, Registration, Review, Signing
from thidua.emulation.queries.scoring import ScoringProgress, scoring_progress_many
from thidua.organisations.models import Cluster


class YearStage(models.TextChoices):
    SET_UP = "set_up", gettext_lazy("Set up the emulation year")
    LAUNCHED = "launched", gettext_lazy("Launch the emulation movement")
    REGISTERED = "registered", gettext_lazy("Register for emulation")
    PACT_SIGNED = "pact_signed", gettext_lazy("Sign the emulation pact")
    SCORING = "scoring", gettext_lazy("Self-scoring of the year")
    APPRAISAL = "appraisal", gettext_lazy("Score appraisal")
    SCORES_LOCKED = "scores_locked", gettext_lazy("Lock the scores")
    REVIEW_MEETING = "review_meeting", gettext_lazy("Review meeting")
    VOTING_OPEN = "voting_open", gettext_lazy("Open voting")
    VOTING_CLOSED = "voting_closed", gettext_lazy("Close voting")
    CONCLUDED = "concluded", gettext_lazy("Conclude the review results")
    PROPOSALS_SENT = "proposals_sent", gettext_lazy("Send commendation proposals")


class StepState(models.TextChoices):
    DONE = "done", gettext_lazy("Done")
    CURRENT = "current", gettext_lazy("Waiting")
    SKIPPED = "skipped", gettext_lazy("Not used")
    TODO = "todo", gettext_lazy("Not yet")


@dataclass(frozen=True)
class Step:
    stage: YearStage
    state: StepState
    detail: str  # what is on record ("5/7 đơn vị đã đăng ký"), or why the step is not used
    actor: str  # who acts on it ("Cụm trưởng")
    action: str  # what to do and where ("ghi phát động thi đua tại trang «…»")

    @property
    def label(self) -> str:
        return str(self.stage.label)

    @property
    def next_act(self) -> str:
        """ "Cụm trưởng: ghi thông tin hội nghị tại …" """
        return f"{self.actor}: {self.action}"


@dataclass(frozen=True)
class YearStages:
    steps: list[Step]

    @property
    def current(self) -> Step | None:
        """The step someone must act on next; None once every step is done or not used."""
        return next((s for s in self.steps if s.state == StepState.CURRENT), None)

    @property
    def reached(self) -> Step | None:
        """The last step done: the stage the year is in."""
        done = [s for s in self.steps if s.state == StepState.DONE]
        return done[-1] if done else None


@dataclass(frozen=True)
class _Fact:
    """One step as the facts give it: done, started (some facts), used (the year's method needs it)."""

    stage: YearStage
    done: bool
    started: bool
    detail: str
    actor: str
    action: str
    optional: bool = True
    used: bool = True


@dataclass(frozen=True)
class _Record:
    """What is on record for one year, read for many years at once by `_records`."""

    members: int
    registered: int
    signed: int
    launch: Launch | None
    progress: ScoringProgress
    review: Review | None
    proposed: int  # the concluded review's proposals
    received: int  # the cluster's proposals the board has (any state)
    sent: int  # of those, the ones past draft


def year_stages(cluster_year: ClusterYear) -> YearStages:
    """Each step of the year with its state (done, the current one, not used, to do) and who acts next."""
    return year_stages_many([cluster_year])[cluster_year.pk]


def year_stages_many(cluster_years: Iterable[ClusterYear]) -> dict[int, YearStages]:
    """The stages of many years (by id), read in a fixed number of queries however many years there are:
    the board's dashboard shows every cluster of a province. Give the years with their cluster loaded."""
    years = list(cluster_years)
    records = _records([cy.pk for cy in years])
    found = {}
    for cy in years:
        record = records[cy.pk]
        facts = [*_start(cy, record), *_scoring(cy, record.progress), *_meeting(cy, record.review)]
        facts.append(_proposals(cy, record))
        review = record.review
        found[cy.pk] = YearStages(
            _states(facts, reported=bool(review and review.concluded_at and review.reported))
        )
    return found


def _counts(model: type[models.Model], ids: list[int]) -> dict[int, int]:
    rows = model._default_manager.filter(cluster_year_id__in=ids).values("cluster_year_id")
    return {r["cluster_year_id"]: r["n"] for r in rows.annotate(n=Count("id"))}


def _records(ids: list[int]) -> dict[int, _Record]:
    members = _counts(Membership, ids)
    registered, signed = _counts(Registration, ids), _counts(Signing, ids)
    launches = {x.cluster_year_id: x for x in Launch.objects.filter(cluster_year_id__in=ids)}
    progress = scoring_progress_many(ids)
    reviews = {
        r.cluster_year_id: r for r in Review.objects.filter(cluster_year_id__in=ids).select_related("meeting")
    }
    proposed = dict(
        Review.objects.filter(cluster_year_id__in=ids, concluded_at__isnull=False)
        .annotate(n=Count("proposals"))
        .values_list("cluster_year_id", "n")
    )
    # Read through the year's relation: the board's app builds on this one, not the reverse.
    board = ClusterYear._meta.get_field("award_proposals").related_model
    rows = board._default_manager.filter(cluster_year_id__in=ids, source=board.Source.CLUSTER)  # type: ignore[union-attr]
    received = {
        r["cluster_year_id"]: r
        for r in rows.values("cluster_year_id").annotate(
            n=Count("id"),
            sent=Count("id", filter=~Q(state=board.State.DRAFT)),  # type: ignore[union-attr]
        )
    }
    return {
        pk: _Record(
            members.get(pk, 0),
            registered.get(pk, 0),
            signed.get(pk, 0),
            launches.get(pk),
            progress[pk],
            reviews.get(pk),
            proposed.get(pk, 0),
            received.get(pk, {}).get("n", 0),
            received.get(pk, {}).get("sent", 0),
        )
        for pk in ids
    }


def _states(facts: list[_Fact], *, reported: bool) -> list[Step]:
    last = max((i for i, f in enumerate(facts) if f.done or f.started), default=-1)
    concluded = next(i for i, f in enumerate(facts) if f.stage == YearStage.CONCLUDED)
    steps, current_given = [], False
    for i, fact in enumerate(facts):
        # An optional step the year has gone past: not used if it has no facts, still to finish if it has
        # some (registrations missing…), but it does not hold up the steps after it.
        passed = fact.optional and i < last
        if fact.done:
            state = StepState.DONE
        elif not fact.used or (passed and not fact.started) or (reported and i < concluded):
            state = StepState.SKIPPED
        elif passed or current_given:
            state = StepState.TODO
        else:
            state, current_given = StepState.CURRENT, True
        detail = fact.detail
        if state == StepState.SKIPPED and reported and i < concluded and fact.used and not fact.started:
            detail = _("Not in the reported records (the year was concluded as reported).")
        steps.append(Step(fact.stage, state, detail, fact.actor, fact.action))
    return steps


UNITS, CHAIR = gettext_lazy("Member units"), gettext_lazy("Meeting chair")


def _lead(cy: ClusterYear) -> str:
    return _("Block head") if cy.cluster.kind == Cluster.Kind.KHOI else _("Cluster head")


def _start(cy: ClusterYear, record: _Record) -> list[_Fact]:
    year, members = cy.year, record.members
    registered, signed, launch = record.registered, record.signed, record.launch
    if cy.head_id:
        setup_detail = ngettext(
            "{count} member unit; cluster head recorded.",
            "{count} member units; cluster head recorded.",
            members,
        )
    else:
        setup_detail = ngettext(
            "{count} member unit; cluster head not yet recorded.",
            "{count} member units; cluster head not yet recorded.",
            members,
        )
    return [
        _Fact(
            YearStage.SET_UP,
            members > 0 and cy.head_id is not None,
            members > 0,
            setup_detail.format(count=members),
            _("Emulation and Commendation Board or {head}").format(head=_lead(cy).lower()),
            _("record the member units and the cluster head on {page} and step “{step}”").format(
                page=where.edit_step(year, where.STEP_ROSTER), step=where.STEP_LEADERSHIP
            ),
            optional=False,
        ),
        _Fact(
            YearStage.LAUNCHED,
            launch is not None,
            launch is not None,
            _("Document no. {number} of {date}.").format(
                number=launch.document_number, date=f"{launch.date:%d/%m/%Y}"
            )
            if launch
            else _("Not yet recorded."),
            _lead(cy),
            _("record the launch on {page}").format(page=where.pact_page(year)),
        ),
        _Fact(
            YearStage.REGISTERED,
            members > 0 and registered >= members,
            registered > 0,
            ngettext("{done}/{total} unit registered.", "{done}/{total} units registered.", members).format(
                done=registered, total=members
            ),
            str(UNITS),
            _("register targets and titles on {page}").format(page=where.pact_page(year)),
        ),
        _Fact(
            YearStage.PACT_SIGNED,
            members > 0 and signed >= members,
            signed > 0,
            ngettext("{done}/{total} unit signed.", "{done}/{total} units signed.", members).format(
                done=signed, total=members
            ),
            _lead(cy),
            _("record the units that signed the pact on {page}").format(page=where.pact_page(year)),
        ),
    ]


def _scoring(cy: ClusterYear, p: ScoringProgress) -> list[_Fact]:
    year, lead = cy.year, _lead(cy)
    needed = cy.method == Method.SCORE  # the score method cannot do without; the others may
    at = where.score_page(year)
    if p.reported:
        reported = _("Scores as reported for the year (no score table).")
        score_self = _("score themselves on {page}").format(page=at)
        appraise = _("appraise the scores on {page}").format(page=at)
        lock = _("lock the scores on {page}").format(page=at)
        return [
            _Fact(YearStage.SCORING, False, False, reported, str(UNITS), score_self, used=False),
            _Fact(YearStage.APPRAISAL, False, False, reported, lead, appraise, used=False),
            _Fact(YearStage.SCORES_LOCKED, True, True, reported, lead, lock),
        ]
    scoring_action = (
        _("score themselves and submit on {page}") if p.has_sheet else _("set up the score table on {page}")
    ).format(page=at)
    return [
        _Fact(
            YearStage.SCORING,
            p.has_sheet and p.members > 0 and p.submitted >= p.members,
            p.has_sheet,
            ngettext(
                "{done}/{total} unit submitted or handled on its behalf.",
                "{done}/{total} units submitted or handled on their behalf.",
                p.members,
            ).format(done=p.submitted, total=p.members)
            if p.has_sheet
            else _("No table yet."),
            str(UNITS) if p.has_sheet else lead,
            scoring_action,
            optional=not needed,
        ),
        _Fact(
            YearStage.APPRAISAL,
            p.has_sheet and p.members > 0 and p.appraised >= p.members,
            p.appraised > 0,
            ngettext("{done}/{total} unit appraised.", "{done}/{total} units appraised.", p.members).format(
                done=p.appraised, total=p.members
            )
            if p.has_sheet
            else _("No table yet."),
            lead,
            _(
                "appraise the scores (a unit that did not submit: score on its behalf with a reason, or "
                "record “did not submit”) on {page}"
            ).format(page=at),
            optional=not needed,
        ),
        _Fact(
            YearStage.SCORES_LOCKED,
            p.locked,
            p.locked,
            _("Scores locked.") if p.locked else _("Not locked yet."),
            lead,
            _("lock the scores on {page}").format(page=at),
            optional=not needed,
        ),
    ]


def _meeting(cy: ClusterYear, review: Review | None) -> list[_Fact]:
    year = cy.year
    missing = missing_meeting_facts(review)
    meeting = getattr(review, "meeting", None) if review is not None else None
    voting = meeting.voting if meeting is not None else None
    imported = review is not None and review.ballots_known and voting in (None, "preparing")
    agreed = review is not None and review.outcome is not None
    ballot = cy.method == Method.BALLOT and not imported and not agreed
    # A meeting that never opened its vote (one that only recorded attendance) says nothing of its own.
    held = voting in ("open", "closed")
    label = meeting.get_voting_display() if held else ""  # type: ignore[union-attr]
    concluded = review is not None and review.concluded_at is not None
    # A meeting set for a day still to come is prepared, not held: the step is done on its day.
    day = review.date if review is not None else None
    upcoming = not missing and day is not None and day > timezone.localdate()
    if upcoming:
        detail = _("Date, venue, chair and secretary all recorded; the meeting is on {date}.").format(
            date=f"{day:%d/%m/%Y}"
        )
    elif not missing:
        detail = _("Date, venue, chair and secretary all recorded.")
    else:
        detail = _("Missing: {facts}.").format(facts=", ".join(missing))
    return [
        _Fact(
            YearStage.REVIEW_MEETING,
            not missing and not upcoming,
            review is not None and len(missing) < 4,
            detail,
            _lead(cy),
            _("hold the meeting on {date}").format(date=f"{day:%d/%m/%Y}")
            if upcoming
            else _("record the meeting's details (date, venue, chair, secretary) on {page}").format(
                page=where.edit_step(year, where.STEP_MEETING)
            ),
            optional=False,
        ),
        _Fact(
            YearStage.VOTING_OPEN,
            voting in ("open", "closed"),
            voting in ("open", "closed"),
            label or _no_vote(cy, imported, agreed),
            str(CHAIR),
            _("record the units present, issue ballot codes and open voting on {page}").format(
                page=where.chair_page(year)
            ),
            optional=False,
            used=ballot or voting in ("open", "closed"),
        ),
        _Fact(
            YearStage.VOTING_CLOSED,
            voting == "closed",
            voting == "closed",
            label or _no_vote(cy, imported, agreed),
            str(CHAIR),
            _("close voting on {page}").format(page=where.chair_page(year)),
            optional=False,
            used=ballot or voting in ("open", "closed"),
        ),
        _Fact(
            YearStage.CONCLUDED,
            concluded,
            concluded,
            _conclusion_detail(review),
            str(CHAIR),
            _("conclude the results on {page} or {other_page}").format(
                page=where.chair_page(year), other_page=where.edit_step(year, where.STEP_OVERVIEW)
            ),
            optional=False,
        ),
    ]


def _no_vote(cy: ClusterYear, imported: bool, agreed: bool) -> str:
    if imported:
        return _("Ballots as reported.")
    if agreed:
        return _("Results agreed by the meeting, no vote in the system.")
    if cy.method != Method.BALLOT:
        return _("The year is reviewed by {method}: no secret ballot.").format(
            method=Method(cy.method).label.lower()
        )
    return _("Voting not opened yet.")


def _conclusion_detail(review: Review | None) -> str:
    if review is None or review.concluded_at is None:
        return _("Not concluded yet.")
    at = f"{timezone.localtime(review.concluded_at):%d/%m/%Y %H:%M}"
    if review.reported:
        return _("Concluded as reported at {time}.").format(time=at)
    return _("Concluded at the meeting at {time}.").format(time=at)


def _proposals(cy: ClusterYear, record: _Record) -> _Fact:
    review, proposed, sent = record.review, record.proposed, record.sent
    concluded = review is not None and review.concluded_at is not None
    return _Fact(
        YearStage.PROPOSALS_SENT,
        concluded and proposed > 0 and sent >= proposed,
        record.received > 0,
        _proposals_detail(concluded, proposed, sent),
        _("Emulation and Commendation Board and {head}").format(head=_lead(cy).lower()),
        _("prepare the dossiers from the review results and send them on {page}").format(
            page=where.proposals_page(cy.year)
        ),
        used=not concluded or proposed > 0,
    )


def _proposals_detail(concluded: bool, proposed: int, sent: int) -> str:
    if not concluded:
        return _("After the review results are concluded.")
    if not proposed:
        return _("The meeting proposed no unit.")
    return ngettext("{done}/{total} proposal sent.", "{done}/{total} proposals sent.", proposed).format(
        done=sent, total=proposed
    )
