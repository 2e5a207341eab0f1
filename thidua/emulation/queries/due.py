"""What is due for a cluster head and for a member unit's officer, read from the facts of their years.

A head's work is the current step of its year (`stages.year_stages_many`, the one derivation); an officer's
is what its own unit still owes in a year that is not concluded: registration, the pact, its self-scoring,
and its delegate's vote while voting is open. Each reader runs a fixed number of queries, however many
years or units there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.emulation.models import ClusterYear, Membership, Registration, Signing, UnitScore
from thidua.emulation.queries.stages import Step, YearStage, YearStages, year_stages_many

# Where each step of the year is acted on: (url name, extra argument) for the year's own pages.
PAGES: dict[str, tuple[str, str | None]] = {
    YearStage.SET_UP: ("front:edit_step", "thanh-vien"),
    YearStage.LAUNCHED: ("pact:overview", None),
    YearStage.REGISTERED: ("pact:overview", None),
    YearStage.PACT_SIGNED: ("pact:overview", None),
    YearStage.SCORING: ("scoring:sheet", None),
    YearStage.APPRAISAL: ("scoring:sheet", None),
    YearStage.SCORES_LOCKED: ("scoring:sheet", None),
    YearStage.REVIEW_MEETING: ("front:edit_step", "hoi-nghi"),
    YearStage.VOTING_OPEN: ("meeting:chair", None),
    YearStage.VOTING_CLOSED: ("meeting:chair", None),
    YearStage.CONCLUDED: ("front:edit_year", None),
    YearStage.PROPOSALS_SENT: ("registry:proposals", None),
}


def step_url(cluster_year: ClusterYear, stage: str) -> str:
    """The page where a step of the year is done."""
    name, extra = PAGES[stage]
    if name == "registry:proposals":
        organizer = cluster_year.cluster.organizer_id
        return f"{reverse(name)}?to_chuc={organizer}&nam={cluster_year.year}&cum={cluster_year.cluster_id}"
    args: list[object] = [cluster_year.cluster_id, cluster_year.year]
    return reverse(name, args=[*args, extra] if extra else args)


def deadline_of(cluster_year: ClusterYear, step: Step | None) -> dt.date | None:
    """The date the model holds for the step, if any: the registration deadline of the launch, the day of
    the review meeting for the steps that must happen by then. Give the year with `launch` and `review`
    loaded (select_related) so that many years cost no query."""
    if step is None:
        return None
    if step.stage in (YearStage.REGISTERED, YearStage.PACT_SIGNED):
        launch = getattr(cluster_year, "launch", None)
        return launch.deadline if launch is not None else None
    before_meeting = (YearStage.SCORING, YearStage.APPRAISAL, YearStage.SCORES_LOCKED)
    if step.stage in (*before_meeting, YearStage.VOTING_OPEN, YearStage.VOTING_CLOSED, YearStage.CONCLUDED):
        review = getattr(cluster_year, "review", None)
        return review.date if review is not None else None
    return None


@dataclass(frozen=True)
class YearDue:
    """A year with its stages, the step to act on next, where, and by when."""

    cluster_year: ClusterYear
    stages: YearStages
    url: str
    deadline: dt.date | None

    @property
    def current(self) -> Step | None:
        return self.stages.current

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


def years_due(cluster_years: QuerySet[ClusterYear]) -> list[YearDue]:
    """Each year with its next step, in a fixed number of queries."""
    years = list(cluster_years.select_related("cluster__organizer", "launch", "review"))
    stages = year_stages_many(years)
    found = []
    for cy in years:
        current = stages[cy.pk].current
        url = (
            step_url(cy, current.stage)
            if current
            else reverse("front:cluster_year", args=[cy.cluster_id, cy.year])
        )
        found.append(YearDue(cy, stages[cy.pk], url, deadline_of(cy, current)))
    return found


@dataclass(frozen=True)
class Task:
    """One thing a unit's officer must do: what, where, by when."""

    cluster_year: ClusterYear
    unit_name: str
    what: str
    url: str
    deadline: dt.date | None = None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


def officer_tasks(unit_ids: Iterable[int]) -> list[Task]:
    """What the units still owe in their years that are not concluded (newest year first)."""
    memberships = list(
        Membership.objects.filter(unit_id__in=list(unit_ids))
        .exclude(cluster_year__review__concluded_at__isnull=False)
        .select_related(
            "unit",
            "cluster_year__cluster",
            "cluster_year__launch",
            "cluster_year__score_sheet",
            "cluster_year__review__meeting",
        )
        .order_by("-cluster_year__year", "cluster_year__cluster__name", "unit__name")
    )
    years = {m.cluster_year_id for m in memberships}
    registered = set(
        Registration.objects.filter(cluster_year_id__in=years).values_list("cluster_year_id", "unit_id")
    )
    signed = set(Signing.objects.filter(cluster_year_id__in=years).values_list("cluster_year_id", "unit_id"))
    scored = set(
        UnitScore.objects.filter(sheet__cluster_year_id__in=years)
        .exclude(submitted_at__isnull=True, absence="")
        .values_list("sheet__cluster_year_id", "unit_id")
    )
    tasks: list[Task] = []
    for m in memberships:
        tasks += _tasks_of(m, (m.cluster_year_id, m.unit_id), registered, signed, scored)
    return tasks


def _tasks_of(
    m: Membership,
    key: tuple[int, int],
    registered: set[tuple[int, int]],
    signed: set[tuple[int, int]],
    scored: set[tuple[int, int]],
) -> list[Task]:
    cy, name = m.cluster_year, m.unit.name
    args = [cy.cluster_id, cy.year]
    launch = getattr(cy, "launch", None)
    sheet = getattr(cy, "score_sheet", None)
    review = getattr(cy, "review", None)
    meeting = getattr(review, "meeting", None) if review is not None else None
    found = []
    if launch is not None and key not in registered:
        what = _("Register the unit's targets and titles for the year")
        found.append(Task(cy, name, what, reverse("pact:overview", args=args), launch.deadline))
    if launch is not None and key not in signed:
        what = _("Sign the emulation pact (the cluster head records the signing)")
        found.append(Task(cy, name, what, reverse("pact:overview", args=args), launch.deadline))
    if sheet is not None and not sheet.locked and key not in scored:
        what = _("Score the unit against the criteria, attach evidence and submit")
        url = reverse("scoring:unit", args=[*args, m.unit_id])
        found.append(Task(cy, name, what, url, review.date if review is not None else None))
    if meeting is not None and meeting.voting == "open":
        what = _("Voting is open: the unit's delegate enters the ballot code received at the meeting")
        found.append(Task(cy, name, what, reverse("meeting:enter_code")))
    return found
