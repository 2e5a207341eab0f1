"""`{% year_stages cluster_year %}`: the stage panel of a cluster's year, the same on the year's page and
its entry page. The stages come from thidua.emulation.queries.stages.year_stages (the one derivation);
this only adds the link to the page where the next step is done, for a user who may act there."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.core import pagecache
from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.due import step_url
from thidua.emulation.queries.stages import StepState, YearStage, year_stages

register = template.Library()

# Steps a member unit's officer acts on for its own unit; every other step is the lead's or the board's.
OFFICER_STEPS = {YearStage.REGISTERED, YearStage.SCORING}


@register.inclusion_tag("front/_year_stages.html", takes_context=True)
def year_stages_panel(context: template.Context, cluster_year: ClusterYear) -> dict[str, Any]:
    # The same for every user until the data changes (core/pagecache.py); the link below is the user's.
    stages = pagecache.kept("emulation.year_stages", (cluster_year.pk,), lambda: year_stages(cluster_year))
    current = stages.current
    may_act = current is not None and (context.get("can_manage") or current.stage in OFFICER_STEPS)
    return {
        "stages": stages,
        "current": current,
        "current_url": step_url(cluster_year, current.stage) if may_act and current else "",
        "StepState": StepState,
        "cluster_year": cluster_year,
    }
