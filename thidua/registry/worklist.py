"""Reads for the board's workflow pages: the proposals of an organizer's year with their counts against the
quotas, the cluster-years whose concluded review can give proposals, a proposal's state history from the
audit trail, and the acts its state allows (read from services.TRANSITIONS, never restated)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.catalogue import AWARDS
from thidua.awards.engine import ELIGIBLE, MISSING_INFORMATION, NOT_ELIGIBLE, ON_HOLD
from thidua.core import audit
from thidua.core.audit import actor_name
from thidua.core.models import AuditEvent
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Organizer
from thidua.registry import rules as scope
from thidua.registry.actions.proposals import COUNTED, TRANSITIONS
from thidua.registry.models import AwardProposal, DossierItem, Quota, Standing

State = AwardProposal.State
Source = AwardProposal.Source
VERDICTS = {code: Standing(code).label for code in (ELIGIBLE, NOT_ELIGIBLE, MISSING_INFORMATION, ON_HOLD)}
WAITING_FOR_DECISION = (State.ACCEPTED, State.AT_COUNCIL)

# The tracks a proposal comes by, as the worklist filters them (`?loai=`): the year's cluster review; a
# unit's yearly proposal for itself, its collectives or its people; a thematic or ad hoc movement the
# organizer launched. The one place a track is told from a proposal's fields.
CLUSTER_TRACK, UNIT_TRACK, MOVEMENT_TRACK = "cum", "don-vi", "phong-trao"
TRACKS = {
    CLUSTER_TRACK: (gettext_lazy("The cluster or block's yearly review"), Q(source=Source.CLUSTER)),
    UNIT_TRACK: (
        gettext_lazy("A unit's yearly proposals for its collectives and people"),
        Q(source=Source.UNIT, movement__isnull=True),
    ),
    MOVEMENT_TRACK: (gettext_lazy("Thematic or ad hoc movements"), Q(movement__isnull=False)),
}
# The status filter's value for the proposals that take a place in a quota (COUNTED), the dashboard's
# quota counts linking to it.
IN_QUOTA = "chi-tieu"
IN_QUOTA_LABEL = gettext_lazy("Counted in the quotas (accepted, at the council or decided)")
# A track's name where a table column has little room.
TRACK_SHORT = {
    CLUSTER_TRACK: gettext_lazy("By clusters' review"),
    UNIT_TRACK: gettext_lazy("Units' yearly"),
    MOVEMENT_TRACK: gettext_lazy("By movement"),
}


@dataclass(frozen=True)
class AwardCount:
    award: str
    name: str
    total: int
    counted: int  # accepted, at council or decided: the places taken in the quota
    limit: int | None
    tracks: tuple[tuple[str, int], ...] = ()  # (track, proposals of the award by that track)

    @property
    def over(self) -> bool:
        return self.limit is not None and self.counted > self.limit


def award_counts(organizer: Organizer, year: int) -> list[AwardCount]:
    """Per award of the organizer's year, every proposal across all clusters against the quota."""
    rows = (
        AwardProposal.objects.filter(organizer=organizer, year=year)
        # One row per award code, the key the list filters on, so that a count equals its filtered list.
        .values("award")
        .annotate(
            award_name=Min("award_name"),
            total=Count("id"),
            counted=Count("id", filter=Q(state__in=COUNTED)),
            **{f"track_{i}": Count("id", filter=q) for i, (_label, q) in enumerate(TRACKS.values())},
        )
        .order_by("award_name")
    )
    limits = dict(Quota.objects.filter(organizer=organizer, year=year).values_list("award", "limit"))
    found = [
        AwardCount(
            r["award"],
            r["award_name"],
            r["total"],
            r["counted"],
            limits.pop(r["award"], None),
            tuple((track, r[f"track_{i}"]) for i, track in enumerate(TRACKS)),
        )
        for r in rows
    ]
    found += [
        AwardCount(
            code,
            AWARDS[code].name if code in AWARDS else code,
            0,
            0,
            n,
            tuple((track, 0) for track in TRACKS),
        )
        for code, n in limits.items()
    ]
    return found


def reviews_to_propose(organizer: Organizer, year: int) -> list[tuple[ClusterYear, int]]:
    """The organizer's cluster-years of `year` with a concluded review, and how many proposals each gave."""
    years = (
        ClusterYear.objects.filter(
            cluster__organizer=organizer, year=year, review__concluded_at__isnull=False
        )
        .select_related("cluster")
        .annotate(proposed=Count("award_proposals"))
        .order_by("cluster__name")
    )
    return [(y, y.proposed) for y in years]


def proposals_of(
    user: Any, organizer: Organizer | None, year: int | None, filters: dict[str, str]
) -> QuerySet[AwardProposal]:
    rows = (
        scope.visible_proposals(user)
        .select_related("unit", "person", "cluster_year__cluster", "proposed_by", "decision", "movement")
        .annotate(
            documents_required=Count("dossier", filter=Q(dossier__required=True)),
            documents_provided=Count("dossier", filter=Q(dossier__required=True, dossier__provided=True)),
        )
    )
    if organizer is not None:
        rows = rows.filter(organizer=organizer)
    if year is not None:
        rows = rows.filter(year=year)
    if filters.get("state") == IN_QUOTA:
        rows = rows.filter(state__in=COUNTED)
    elif filters.get("state"):
        rows = rows.filter(state=filters["state"])
    if filters.get("cluster"):
        rows = rows.filter(cluster_year__cluster_id=filters["cluster"])
    if filters.get("award"):
        rows = rows.filter(award=filters["award"])
    if filters.get("track") in TRACKS:
        rows = rows.filter(TRACKS[filters["track"]][1])
    if filters.get("movement"):
        rows = rows.filter(movement_id=filters["movement"])
    return rows.order_by("award_name", "state", "rank", "id")


VERBS = {
    "registry.proposal.create": gettext_lazy("Created the proposal"),
    "registry.proposal.documents": gettext_lazy("Marked documents as received"),
    "registry.proposal.check": gettext_lazy("Checked eligibility"),
    "registry.proposal.override": gettext_lazy("Recorded the reason for overriding the eligibility check"),
    "registry.proposal.scan_add": gettext_lazy("Attached a signed scan"),
    "registry.proposal.scan_replace": gettext_lazy("Replaced a signed scan"),
    "registry.proposal.scan_delete": gettext_lazy("Removed a signed scan"),
    **{
        f"registry.proposal.{state.value}": format_lazy(gettext_lazy("Moved to «{state}»"), state=state.label)
        for state in State
    },
}


@dataclass(frozen=True)
class Step:
    at: Any
    who: str
    what: str
    detail: str


def _detail(event: AuditEvent) -> str:
    data = event.data or {}
    if "standing" in data:
        seen = Standing(data["standing"]).label if data["standing"] in Standing.values else data["standing"]
        reason = data.get("reason") or data.get("override", "")
        return _("Overrode the result «{standing}»; reason: {reason}").format(standing=seen, reason=reason)
    if "reasons" in data:
        return _("Reason: {reason}").format(reason="; ".join(data["reasons"]))
    if "reason" in data:
        return _("Reason: {reason}").format(reason=data["reason"])
    if "decision" in data:
        return _("Decision {number}").format(number=data["decision"])
    if "item" in data:
        # A signed scan: its file name and the document of the dossier it belongs to, by its name.
        item = DossierItem.objects.filter(proposal_id=int(event.object_id), code=data["item"]).first()
        return "{name} – {item}".format(name=data.get("name", ""), item=item.name if item else data["item"])
    if "provided" in data:
        # The papers by the names the dossier gives them, not the software's codes ("to-trinh").
        names = dict(
            DossierItem.objects.filter(
                proposal_id=int(event.object_id), code__in=data["provided"]
            ).values_list("code", "name")
        )
        return "; ".join(names.get(code, code) for code in data["provided"])
    if "verdict" in data:
        return VERDICTS.get(data["verdict"], data["verdict"])
    if data.get("late"):
        return _("Sent after the dossier due date")
    return ""


def history(proposal: AwardProposal) -> list[Step]:
    events = AuditEvent.objects.filter(
        object_type=AwardProposal._meta.label_lower, object_id=str(proposal.pk)
    ).select_related("actor")
    return [
        Step(
            e.at,
            actor_name(e.actor) if e.actor else e.actor_label,
            str(VERBS.get(e.verb) or audit.VERBS.get(e.verb, e.verb)),  # admin changes too
            _detail(e),
        )
        for e in events.order_by("at", "id")
    ]


def allowed(proposal: AwardProposal, user: Any) -> set[str]:
    """The acts the user may take on the proposal in its present state."""
    state = proposal.state
    acts: set[str] = set()
    drafting = state in (State.DRAFT, State.RETURNED)
    if scope.can_draft(user, proposal) and drafting:
        acts |= {"documents", "check", "submit"}
    if scope.can_run(user, proposal):
        if state not in (State.DECIDED, State.REFUSED):
            acts.add("check")
        for act, to in (
            ("return", State.RETURNED),
            ("accept", State.ACCEPTED),
            ("council", State.AT_COUNCIL),
            ("refuse", State.REFUSED),
        ):
            if state in TRANSITIONS[to]:
                acts.add(act)
        if state in WAITING_FOR_DECISION:
            acts.add("decide")
        if state not in (State.DECIDED, State.REFUSED) and proposal.standing != Standing.ELIGIBLE:
            acts.add("override")
    return acts
