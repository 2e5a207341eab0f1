"""The papers an organizer may give its own Word template (documents.templating), with their placeholders,
their built-in template, and the record a preview is made from (the organizer's most recent one).

Made from templates: the commendation decision (registry/papers/decision.py) and the cluster's submission
letter (emulation/papers/submission.py). Papers still built straight by the layout module, without a
template (to convert the same way: a context function, a SPEC and a built-in template made by the layout
module): the cluster's plan and launch, registration list, pact, score sheets and table, review's minutes
and year-end report (emulation/papers), the news draft, the council's minutes, the certificates, the
achievement reports and the statistics form (registry/papers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.documents import wording as w
from thidua.documents.templating import Context, Spec
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers import launch, minutes, pact, report, submission
from thidua.emulation.queries.summary import YearSummary, year_summary
from thidua.organisations.models import Organizer
from thidua.registry.models import Decision
from thidua.registry.papers import decision as decision_paper


@dataclass(frozen=True)
class Sample:
    """A real record of the organizer to preview a template with: what it is, and its facts."""

    label: str
    context: Context


@dataclass(frozen=True)
class TemplatedPaper:
    key: str
    label: Promise
    spec: Spec
    default: Callable[[], bytes]
    sample: Callable[[Organizer], Sample | None]


def _decision_sample(organizer: Organizer) -> Sample | None:
    found = (
        Decision.objects.filter(organizer=organizer)
        .select_related("organizer", "issuing_unit")
        .order_by("-date", "-pk")
        .first()
    )
    if found is None:
        return None
    label = _("Decision {number} of {date}").format(number=found.number, date=w.short_date(found.date))
    return Sample(label, decision_paper.decision_context(found))


def _submission_sample(organizer: Organizer) -> Sample | None:
    """The latest year of the organizer's clusters whose review is concluded (never a sealed vote)."""
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
        .select_related("cluster")
        .order_by("-year", "-pk")[:5]
    )
    for cluster_year in years:
        summary = year_summary(cluster_year)
        if not summary.sealed:
            label = _("Review of {cluster} for {year}").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year
            )
            return Sample(label, submission.submission_context(summary))
    return None


def _launched_sample(organizer: Organizer, context: Callable[[YearSummary], Context]) -> Sample | None:
    """The latest year of the organizer's clusters whose movement was launched."""
    year = (
        ClusterYear.objects.filter(cluster__organizer=organizer, launch__isnull=False)
        .select_related("cluster")
        .order_by("-year", "-pk")
        .first()
    )
    if year is None:
        return None
    label = _("Launch of {cluster} for {year}").format(cluster=year.cluster.name, year=year.year)
    return Sample(label, context(year_summary(year)))


def _plan_sample(organizer: Organizer) -> Sample | None:
    return _launched_sample(organizer, launch.plan_context)


def _registrations_sample(organizer: Organizer) -> Sample | None:
    return _launched_sample(organizer, launch.registrations_context)


def _pact_sample(organizer: Organizer) -> Sample | None:
    return _launched_sample(organizer, pact.pact_context)


def _concluded_sample(organizer: Organizer, context: Callable[[YearSummary], Context]) -> Sample | None:
    """The latest year of the organizer's clusters whose review is concluded (never a sealed vote)."""
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
        .select_related("cluster")
        .order_by("-year", "-pk")[:5]
    )
    for cluster_year in years:
        summary = year_summary(cluster_year)
        if not summary.sealed:
            label = _("Review of {cluster} for {year}").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year
            )
            return Sample(label, context(summary))
    return None


def _minutes_sample(organizer: Organizer) -> Sample | None:
    return _concluded_sample(organizer, minutes.minutes_context)


def _report_sample(organizer: Organizer) -> Sample | None:
    return _concluded_sample(organizer, report.report_context)


PAPERS: dict[str, TemplatedPaper] = {
    decision_paper.PAPER: TemplatedPaper(
        decision_paper.PAPER,
        gettext_lazy("Commendation decision with its annex"),
        decision_paper.SPEC,
        decision_paper.default_template,
        _decision_sample,
    ),
    submission.PAPER: TemplatedPaper(
        submission.PAPER,
        gettext_lazy("Submission letter for commendation proposals"),
        submission.SPEC,
        submission.default_template,
        _submission_sample,
    ),
    launch.PLAN: TemplatedPaper(
        launch.PLAN,
        gettext_lazy("Plan and launch of the emulation movement"),
        launch.PLAN_SPEC,
        launch.plan_template,
        _plan_sample,
    ),
    launch.REGISTRATIONS: TemplatedPaper(
        launch.REGISTRATIONS,
        gettext_lazy("Emulation registration list"),
        launch.REGISTRATIONS_SPEC,
        launch.registrations_template,
        _registrations_sample,
    ),
    pact.PAPER: TemplatedPaper(
        pact.PAPER,
        gettext_lazy("Emulation pact"),
        pact.SPEC,
        pact.default_template,
        _pact_sample,
    ),
    minutes.PAPER: TemplatedPaper(
        minutes.PAPER,
        gettext_lazy("Minutes of the review meeting"),
        minutes.SPEC,
        minutes.default_template,
        _minutes_sample,
    ),
    report.PAPER: TemplatedPaper(
        report.PAPER,
        gettext_lazy("Year-end summary report and next year's directions"),
        report.SPEC,
        report.default_template,
        _report_sample,
    ),
}


def templated_paper(key: str) -> TemplatedPaper:
    """The paper of `key`, else 404."""
    if key not in PAPERS:
        raise Http404
    return PAPERS[key]
