"""Reads for the first pages: the board's dashboard of its organizer's year, and "what is due for me" for a
cluster head and a unit's officer. The year's stages come from emulation.queries (the one derivation); the
board's part of the year (proposals at the council, decided) and the counts against the quotas are read
here. Every reader runs a fixed number of queries, however many clusters, years or proposals there are;
every count links to the list it counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.roles import roles_of
from thidua.awards.catalogue import AWARDS
from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.due import Task, YearDue, officer_tasks, years_due
from thidua.organisations.models import Organizer
from thidua.registry import rules as scope
from thidua.registry.models import AwardProposal, Movement, TrackQuota
from thidua.registry.worklist import (
    COUNTED,
    IN_QUOTA,
    MOVEMENT_TRACK,
    TRACK_SHORT,
    TRACKS,
    AwardCount,
    award_counts,
)

State = AwardProposal.State
OPEN = (State.DRAFT, State.RETURNED)  # the dossier is still being prepared: its due date applies


def proposals_url(organizer: Organizer, year: int, **filters: Any) -> str:
    """The proposals list of the organizer's year with the filters its form uses (cum, tinh_trang,
    hinh_thuc): the page every count of the dashboard links to."""
    query = {"to_chuc": organizer.pk, "nam": year, **{k: v for k, v in filters.items() if v != ""}}
    return f"{reverse('registry:proposals')}?{urlencode(query)}"


@dataclass(frozen=True)
class ClusterRow:
    """One cluster or block of the year on the board's dashboard."""

    due: YearDue
    stage: str  # where the year stands, including the board's part (at the council, decided)
    proposals: int  # the proposals of the organizer's year that name this cluster-year's cluster
    proposals_url: str
    dossier_due: dt.date | None  # the earliest due date of a dossier still being prepared

    @property
    def cluster_year(self) -> ClusterYear:
        return self.due.cluster_year

    @property
    def deadline(self) -> dt.date | None:
        dates = [d for d in (self.due.deadline, self.dossier_due) if d is not None]
        return min(dates) if dates else None

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Link:
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class AwardRow:
    """One award of the year: its proposals by track, each with the filtered list it counts."""

    count: AwardCount
    url: str
    counted_url: str  # the proposals taking a place in the quota
    tracks: list[Link]


@dataclass(frozen=True)
class TrackQuotaRow:
    """One quota within a track: the award's proposals in the track and those taking a place, each with the
    filtered list it counts, against the limit."""

    award: str
    track: str  # the track's name, or the movement's
    total: Link
    counted: Link
    limit: int

    @property
    def over(self) -> bool:
        return self.counted.count > self.limit


def _track_filters(quota: TrackQuota) -> dict[str, Any]:
    """The worklist's filters for the quota's track (a movement's: that movement)."""
    if quota.movement_id is not None:
        return {"phong_trao": quota.movement_id}
    return {"loai": quota.track}


def track_quota_rows(organizer: Organizer, year: int) -> list[TrackQuotaRow]:
    """The year's quotas by track with their counts: two queries whatever the number of quotas."""
    quotas = list(
        TrackQuota.objects.filter(organizer=organizer, year=year)
        .select_related("movement")
        .order_by("award", "track", "movement__name")
    )
    if not quotas:
        return []
    counted_q = Q(state__in=COUNTED)
    # The yearly tracks counted per award in one query; a movement's per award and movement in another.
    yearly = {t: q for t, (_label, q) in TRACKS.items() if t != MOVEMENT_TRACK}
    rows = (
        AwardProposal.objects.filter(organizer=organizer, year=year, award__in={q.award for q in quotas})
        .values("award")
        .annotate(
            **{f"{t}_total": Count("id", filter=q) for t, q in yearly.items()},
            **{f"{t}_counted": Count("id", filter=q & counted_q) for t, q in yearly.items()},
        )
    )
    by_award = {r["award"]: r for r in rows}
    per_movement = {
        (r["award"], r["movement_id"]): r
        for r in AwardProposal.objects.filter(organizer=organizer, year=year, movement__isnull=False)
        .values("award", "movement_id")
        .annotate(total=Count("id"), counted=Count("id", filter=counted_q))
    }
    found = []
    for quota in quotas:
        if quota.movement_id is not None:
            row = per_movement.get((quota.award, quota.movement_id), {})
            total, counted = row.get("total", 0), row.get("counted", 0)
            track = quota.movement.name if quota.movement else ""
        else:
            row = by_award.get(quota.award, {})
            total, counted = row.get(f"{quota.track}_total", 0), row.get(f"{quota.track}_counted", 0)
            track = str(TRACKS[quota.track][0])
        filters = {"hinh_thuc": quota.award, **_track_filters(quota)}
        found.append(
            TrackQuotaRow(
                AWARDS[quota.award].name if quota.award in AWARDS else quota.award,
                track,
                Link(track, total, proposals_url(organizer, year, **filters)),
                Link(track, counted, proposals_url(organizer, year, tinh_trang=IN_QUOTA, **filters)),
                quota.limit,
            )
        )
    return found


@dataclass
class Dashboard:
    organizer: Organizer
    organizers: list[Organizer]
    year: int
    years: list[int]
    rows: list[ClusterRow]
    states: list[StateCount]
    awards: list[AwardRow]
    all_url: str
    counts: dict[str, int] = field(default_factory=dict)
    tracks: list[Link] = field(default_factory=list)
    track_names: list[str] = field(default_factory=list)  # the short names, as the award table's columns
    movements: list[Link] = field(default_factory=list)  # the organizer's movements with their proposals
    track_quotas: list[TrackQuotaRow] = field(default_factory=list)

    @property
    def overdue(self) -> list[ClusterRow]:
        return [r for r in self.rows if r.overdue and (r.due.current is not None or r.dossier_due)]


def _board_stage(due: YearDue, states: dict[str, int]) -> str:
    """The stage a year has reached, with the board's part after the proposals were sent."""
    sent = sum(n for s, n in states.items() if s not in OPEN)
    closed = states.get(State.DECIDED, 0) + states.get(State.REFUSED, 0)
    if sent and sent == closed and not any(states.get(s) for s in OPEN):
        return _("Decided")
    if states.get(State.AT_COUNCIL):
        return _("At the council")
    reached = due.stages.reached
    if reached is None:
        return _("Not started")
    return _("Done: {stage}").format(stage=reached.label)


def board_years(organizer: Organizer) -> list[int]:
    years = ClusterYear.objects.filter(cluster__organizer=organizer).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def board_dashboard(
    organizer: Organizer, organizers: list[Organizer], year: int, years: list[int]
) -> Dashboard:
    """Every cluster and block of the organizer's year with its stage, what is due, by whom and by when,
    and the year's proposals counted by state and by award against the quotas."""
    cluster_years = ClusterYear.objects.filter(cluster__organizer=organizer, year=year).order_by(
        "cluster__kind", "cluster__name"
    )
    dues = years_due(cluster_years)
    proposals = AwardProposal.objects.filter(organizer=organizer, year=year)
    by_year: dict[int, dict[str, int]] = {}
    dossier_due: dict[int, dt.date | None] = {}
    rows = (
        proposals.filter(cluster_year__isnull=False)
        .values("cluster_year_id", "state")
        .annotate(n=Count("id"), due=Min("due", filter=Q(state__in=OPEN)))
    )
    for r in rows:
        by_year.setdefault(r["cluster_year_id"], {})[r["state"]] = r["n"]
        if r["due"] is not None:
            current = dossier_due.get(r["cluster_year_id"])
            dossier_due[r["cluster_year_id"]] = min(r["due"], current) if current else r["due"]
    per_cluster = dict(
        proposals.filter(cluster_year__isnull=False)
        .values("cluster_year__cluster_id")
        .annotate(n=Count("id"))
        .values_list("cluster_year__cluster_id", "n")
    )
    cluster_rows = [
        ClusterRow(
            due,
            _board_stage(due, by_year.get(due.cluster_year.pk, {})),
            per_cluster.get(due.cluster_year.cluster_id, 0),
            proposals_url(organizer, year, cum=due.cluster_year.cluster_id),
            dossier_due.get(due.cluster_year.pk),
        )
        for due in dues
    ]
    by_state = dict(proposals.values("state").annotate(n=Count("id")).values_list("state", "n"))
    states = [
        StateCount(
            s.value, str(s.label), by_state.get(s.value, 0), proposals_url(organizer, year, tinh_trang=s)
        )
        for s in State
    ]
    awards = [
        AwardRow(
            c,
            proposals_url(organizer, year, hinh_thuc=c.award),
            proposals_url(organizer, year, hinh_thuc=c.award, tinh_trang=IN_QUOTA),
            [
                Link(str(TRACK_SHORT[t]), n, proposals_url(organizer, year, hinh_thuc=c.award, loai=t))
                for t, n in c.tracks
            ],
        )
        for c in award_counts(organizer, year)
    ]
    by_track = proposals.aggregate(**{t: Count("id", filter=q) for t, (_label, q) in TRACKS.items()})
    tracks = [
        Link(str(label), by_track[t], proposals_url(organizer, year, loai=t))
        for t, (label, _q) in TRACKS.items()
    ]
    movements = [
        Link(m.name, m.n, proposals_url(organizer, year, phong_trao=m.pk))
        for m in Movement.objects.filter(organizer=organizer)
        .annotate(n=Count("proposals", filter=Q(proposals__year=year)))
        .order_by("-start", "name")
    ]
    return Dashboard(
        organizer,
        organizers,
        year,
        years,
        cluster_rows,
        states,
        awards,
        proposals_url(organizer, year),
        {"total": sum(by_state.values())},
        tracks=tracks,
        movements=movements,
        track_names=[str(name) for name in TRACK_SHORT.values()],
        track_quotas=track_quota_rows(organizer, year),
    )


@dataclass(frozen=True)
class MyWork:
    """What is due for a user who leads a cluster's year or is a unit's officer."""

    years: list[YearDue]  # the years the user leads, newest first
    tasks: list[Task]  # what the user's units owe in their open years
    returned: list[AwardProposal]  # proposals sent back to the unit for completion
    drafts: list[AwardProposal]  # the unit's proposals not yet sent
    officer: bool = False  # an officer of a unit: may propose its exemplary models


def my_work(user: Any) -> MyWork:
    led = ClusterYear.objects.filter(
        pk__in=roles_of(user, Role.Kind.CLUSTER_LEAD).values("cluster_year_id")
    ).order_by("-year", "cluster__name")
    units = list(scope.officer_units(user).values_list("pk", flat=True))
    mine: QuerySet[AwardProposal] = (
        scope.visible_proposals(user).filter(
            Q(unit_id__in=units) | Q(proposed_by_id__in=units) | Q(person__postings__unit_id__in=units)
        )
        if units
        else AwardProposal.objects.none()
    )
    mine = mine.distinct().select_related("unit", "person", "cluster_year__cluster").order_by("due", "id")
    returned = list(mine.filter(state=State.RETURNED))
    drafts = list(mine.filter(state=State.DRAFT, proposed_by_id__in=units))
    return MyWork(years_due(led), officer_tasks(units), returned, drafts, officer=bool(units))
