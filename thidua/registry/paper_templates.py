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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.documents import wording as w
from thidua.documents.templating import Context, Spec
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers import submission
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.seal import year_sealed
from thidua.organisations.models import Organizer
from thidua.registry.models import Decision
from thidua.registry.papers import decision as decision_paper

CHOICES = 20  # the organizer's most recent records offered for a preview


@dataclass(frozen=True)
class Candidate:
    """One of the organizer's records a paper can be previewed with: its id (as the page's choice
    carries it), how the page names it, and the record itself for the paper's context function."""

    pk: int
    label: str
    record: Any


@dataclass(frozen=True)
class Sample:
    """A real record of the organizer to preview a template with: which one, what it is, and its facts."""

    label: str
    context: Context
    pk: int = 0


@dataclass(frozen=True)
class Samples:
    """Where a paper's preview comes from. Adding a paper needs two functions: `candidates`, the
    organizer's own records the paper can be made from, newest first (only the first CHOICES are
    offered), and `context`, the paper's facts from one of them. A record not in the list is nobody's to
    preview: another organizer's id is a 404, never a leak."""

    candidates: Callable[[Organizer], Iterable[Candidate]]
    context: Callable[[Any], Context]

    def choices(self, organizer: Organizer) -> list[Candidate]:
        return list(islice(self.candidates(organizer), CHOICES))

    def sample(self, choices: list[Candidate], pk: int | None = None) -> Sample | None:
        """The preview of the chosen record among `choices` (the latest when `pk` is None); None when
        there is no record yet; 404 for a record not offered."""
        if pk is None:
            if not choices:
                return None
            chosen = choices[0]
        else:
            chosen = next((c for c in choices if c.pk == pk), None)
            if chosen is None:
                raise Http404
        return Sample(chosen.label, self.context(chosen.record), chosen.pk)

    def latest(self, organizer: Organizer) -> Sample | None:
        return self.sample(self.choices(organizer))


@dataclass(frozen=True)
class TemplatedPaper:
    key: str
    label: Promise
    spec: Spec
    default: Callable[[], bytes]
    sample: Samples


def _decisions(organizer: Organizer) -> Iterator[Candidate]:
    found = (
        Decision.objects.filter(organizer=organizer)
        .select_related("organizer", "issuing_unit")
        .order_by("-date", "-pk")
    )
    for decision in found[:CHOICES]:
        label = _("Decision {number} of {date}").format(
            number=decision.number, date=w.short_date(decision.date)
        )
        yield Candidate(decision.pk, label, decision)


def _concluded_years(organizer: Organizer) -> Iterator[Candidate]:
    """The years of the organizer's clusters whose review is concluded, latest first (never a sealed
    vote)."""
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
        .select_related("cluster")
        .order_by("-year", "-pk")
    )
    for cluster_year in years[: CHOICES * 2]:
        if not year_sealed(cluster_year):
            label = _("Review of {cluster} for {year}").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year
            )
            yield Candidate(cluster_year.pk, label, cluster_year)


def _submission_context(cluster_year: ClusterYear) -> Context:
    return submission.submission_context(year_summary(cluster_year))


PAPERS: dict[str, TemplatedPaper] = {
    decision_paper.PAPER: TemplatedPaper(
        decision_paper.PAPER,
        gettext_lazy("Commendation decision with its annex"),
        decision_paper.SPEC,
        decision_paper.default_template,
        Samples(_decisions, decision_paper.decision_context),
    ),
    submission.PAPER: TemplatedPaper(
        submission.PAPER,
        gettext_lazy("Submission letter for commendation proposals"),
        submission.SPEC,
        submission.default_template,
        Samples(_concluded_years, _submission_context),
    ),
}


def templated_paper(key: str) -> TemplatedPaper:
    """The paper of `key`, else 404."""
    if key not in PAPERS:
        raise Http404
    return PAPERS[key]
