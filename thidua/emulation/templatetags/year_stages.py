"""`{% year_stages cluster_year %}`: the stage panel of a cluster's year, the same on the year's page and
its entry page. The stages come from thidua.emulation.queries.stages.year_stages (the one derivation);
this only adds the link to the page where the next step is done, for a user who may act there."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.stages import StepState, YearStage, year_stages

register = template.Library()

# Where each step is acted on: (url name, extra argument) for the year's own pages.
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
# Steps a member unit's officer acts on for its own unit; every other step is the lead's or the board's.
OFFICER_STEPS = {YearStage.REGISTERED, YearStage.SCORING}


def _url(cluster_year: ClusterYear, stage: str) -> str:
    name, extra = PAGES[stage]
    if name == "registry:proposals":
        return f"{reverse(name)}?nam={cluster_year.year}"
    args: list[Any] = [cluster_year.cluster_id, cluster_year.year]
    return reverse(name, args=[*args, extra] if extra else args)


@register.inclusion_tag("front/_year_stages.html", takes_context=True)
def year_stages_panel(context: template.Context, cluster_year: ClusterYear) -> dict[str, Any]:
    stages = year_stages(cluster_year)
    current = stages.current
    may_act = current is not None and (context.get("can_manage") or current.stage in OFFICER_STEPS)
    return {
        "stages": stages,
        "current": current,
        "current_url": _url(cluster_year, current.stage) if may_act and current else "",
        "StepState": StepState,
        "cluster_year": cluster_year,
    }
