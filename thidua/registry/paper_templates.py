"""The papers an organizer may give its own Word template (documents.templating), with their placeholders,
their built-in template, and the records a preview is made from (Samples: the organizer's recent records
the paper can be made from, the latest by default, and the paper's facts from the one the user picks).

Made from templates: the commendation decision (registry/papers/decision.py), the cluster's submission
letter (emulation/papers/submission.py), the council's minutes, the certificates, the achievement reports of
a collective and of an individual (registry/papers) and the review's news item (emulation/papers/news.py).
The cluster's plan and launch, registration list, pact, review's minutes and year-end report
(emulation/papers) too. A new paper is added the same way: a context function, a SPEC and a built-in template
made by the layout module, then an entry here with a function listing the candidate records. A workbook
paper is one more entry, its format WORKBOOK (documents/sheet_templating.py): the score table's workbook,
the units' score sheets (one sheet per unit) and the yearly statistical report for the Ministry of Home
Affairs. Each entry says what its built-in template follows (`source`): Decree 30/2020 governs the Word
papers' layout, not a workbook's.
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
from thidua.documents.sheet_templating import WORKBOOK
from thidua.documents.templating import WORD, Context, Format, Spec
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers import launch, minutes, news, pact, report, scores, submission
from thidua.emulation.queries.news import news_article
from thidua.emulation.queries.summary import YearSummary, year_summary
from thidua.emulation.seal import ballots_sealed, year_sealed
from thidua.organisations.models import Organizer
from thidua.registry.models import Awardee, AwardProposal, Council, Decision
from thidua.registry.papers import achievement, certificate, council_minutes, statistics_form
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
            chosen: Candidate | None = choices[0]
        else:
            chosen = next((c for c in choices if c.pk == pk), None)
        if chosen is None:
            raise Http404
        return Sample(chosen.label, self.context(chosen.record), chosen.pk)

    def latest(self, organizer: Organizer) -> Sample | None:
        return self.sample(self.choices(organizer))


WORD_SOURCE = gettext_lazy("The built-in template (Decree 30/2020).")


@dataclass(frozen=True)
class TemplatedPaper:
    key: str
    label: Promise
    spec: Spec
    default: Callable[[], bytes]
    sample: Samples
    template_format: Format = WORD  # a Word paper, or a workbook (sheet_templating.WORKBOOK)
    source: Promise = WORD_SOURCE  # what the built-in template follows, said on its page


# What a workbook's built-in template follows, said on its page instead of the decree.
TABLE_SOURCE = gettext_lazy(
    "The built-in workbook: our own print layout of the paper's table (A4, Times New Roman, numbers kept "
    "as numbers). Decree 30/2020 governs the layout of Word papers, not of workbooks."
)
STATISTICS_SOURCE = gettext_lazy(
    "The built-in workbook: our own layout of the yearly statistical report, counting the awards by level "
    "and form, collectives and persons, women and direct labourers (the commendation indicators of "
    "Circular 9/2022/TT-BNV of 16/12/2022). The form of the statistical reporting circular in force "
    "(18/2025/TT-BNV of 08/10/2025) could not be checked, so no form number is written: upload the form "
    "your Department of Home Affairs sends, with these placeholders."
)


def _decisions(organizer: Organizer, *, printable: bool = False) -> Iterator[Candidate]:
    """The organizer's decisions, latest first; `printable`: only those with an award in force (a
    certificate to print)."""
    found = Decision.objects.filter(organizer=organizer)
    if printable:
        found = found.filter(pk__in=Awardee.objects.filter(revocation__isnull=True).values("decision_id"))
    found = found.select_related("organizer", "issuing_unit").order_by("-date", "-pk")
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


def _printable_decisions(organizer: Organizer) -> Iterator[Candidate]:
    return _decisions(organizer, printable=True)


def _councils(organizer: Organizer) -> Iterator[Candidate]:
    """The organizer's council sittings, latest first (never one whose ballots are sealed)."""
    found = Council.objects.filter(organizer=organizer).select_related("organizer").order_by("-date", "-pk")
    for council in found[: CHOICES * 2]:
        if not ballots_sealed(council):
            label = _("Council meeting of {date} on the {year} commendations").format(
                date=w.short_date(council.date), year=council.year
            )
            yield Candidate(council.pk, label, council)


def _proposals(organizer: Organizer, *, people: bool) -> Iterator[Candidate]:
    """The proposals to the organizer for a person (`people`) or for a collective, latest first."""
    found = (
        AwardProposal.objects.filter(organizer=organizer, person__isnull=not people, unit__isnull=people)
        .select_related(
            "organizer", "unit__organizer", "unit__parent", "person", "proposed_by", "cluster_year"
        )
        .order_by("-year", "-pk")
    )
    for proposal in found[:CHOICES]:
        yield Candidate(proposal.pk, str(proposal), proposal)


def _collective_proposals(organizer: Organizer) -> Iterator[Candidate]:
    return _proposals(organizer, people=False)


def _individual_proposals(organizer: Organizer) -> Iterator[Candidate]:
    return _proposals(organizer, people=True)


def _news_context(cluster_year: ClusterYear) -> Context:
    article = news_article(cluster_year)
    if article is None:  # concluded and unsealed when listed; reopened since
        raise Http404
    return news.news_context(article)


def _launched_years(organizer: Organizer) -> Iterator[Candidate]:
    """The years of the organizer's clusters whose movement was launched, latest first."""
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, launch__isnull=False)
        .select_related("cluster")
        .order_by("-year", "-pk")
    )
    for cluster_year in years[:CHOICES]:
        label = _("Launch of {cluster} for {year}").format(
            cluster=cluster_year.cluster.name, year=cluster_year.year
        )
        yield Candidate(cluster_year.pk, label, cluster_year)


def _decision_years(organizer: Organizer) -> Iterator[Candidate]:
    """The years the organizer issued decisions in, latest first: one statistical report each."""
    for record in islice(statistics_form.decision_years(organizer), CHOICES):
        label = _("Decisions issued in {year}").format(year=record.year)
        yield Candidate(record.year, label, record)


def _of_year(context: Callable[[YearSummary], Context]) -> Callable[[ClusterYear], Context]:
    """A cluster paper's context function, from the year the user picked."""
    return lambda cluster_year: context(year_summary(cluster_year))


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
        Samples(_concluded_years, _of_year(submission.submission_context)),
    ),
    council_minutes.PAPER: TemplatedPaper(
        council_minutes.PAPER,
        gettext_lazy("Minutes of the Emulation and Commendation Council meeting"),
        council_minutes.SPEC,
        council_minutes.default_template,
        Samples(_councils, council_minutes.council_minutes_context),
    ),
    certificate.PAPER: TemplatedPaper(
        certificate.PAPER,
        gettext_lazy("Certificates of a decision, one per page for the pre-printed forms"),
        certificate.SPEC,
        certificate.default_template,
        Samples(_printable_decisions, certificate.preview_context),
    ),
    achievement.PAPER_UNIT: TemplatedPaper(
        achievement.PAPER_UNIT,
        gettext_lazy("Achievement report of a collective"),
        achievement.UNIT_SPEC,
        achievement.default_unit_template,
        Samples(_collective_proposals, achievement.proposal_context),
    ),
    achievement.PAPER_PERSON: TemplatedPaper(
        achievement.PAPER_PERSON,
        gettext_lazy("Achievement report of an individual"),
        achievement.PERSON_SPEC,
        achievement.default_person_template,
        Samples(_individual_proposals, achievement.proposal_context),
    ),
    news.PAPER: TemplatedPaper(
        news.PAPER,
        gettext_lazy("News item of the review conference"),
        news.SPEC,
        news.default_template,
        Samples(_concluded_years, _news_context),
    ),
    launch.PLAN: TemplatedPaper(
        launch.PLAN,
        gettext_lazy("Plan and launch of the emulation movement"),
        launch.PLAN_SPEC,
        launch.plan_template,
        Samples(_launched_years, _of_year(launch.plan_context)),
    ),
    launch.REGISTRATIONS: TemplatedPaper(
        launch.REGISTRATIONS,
        gettext_lazy("Emulation registration list"),
        launch.REGISTRATIONS_SPEC,
        launch.registrations_template,
        Samples(_launched_years, _of_year(launch.registrations_context)),
    ),
    pact.PAPER: TemplatedPaper(
        pact.PAPER,
        gettext_lazy("Emulation pact"),
        pact.SPEC,
        pact.default_template,
        Samples(_launched_years, _of_year(pact.pact_context)),
    ),
    minutes.PAPER: TemplatedPaper(
        minutes.PAPER,
        gettext_lazy("Minutes of the review meeting"),
        minutes.SPEC,
        minutes.default_template,
        Samples(_concluded_years, _of_year(minutes.minutes_context)),
    ),
    report.PAPER: TemplatedPaper(
        report.PAPER,
        gettext_lazy("Year-end summary report and next year's directions"),
        report.SPEC,
        report.default_template,
        Samples(_concluded_years, _of_year(report.report_context)),
    ),
    scores.PAPER_TABLE: TemplatedPaper(
        scores.PAPER_TABLE,
        gettext_lazy("The cluster's score table (Excel workbook)"),
        scores.TABLE_SPEC,
        scores.score_table_template,
        Samples(_concluded_years, _of_year(scores.score_table_context)),
        WORKBOOK,
        TABLE_SOURCE,
    ),
    scores.PAPER_SHEETS: TemplatedPaper(
        scores.PAPER_SHEETS,
        gettext_lazy("Each member unit's score sheet (Excel workbook, one sheet per unit)"),
        scores.SHEETS_SPEC,
        scores.unit_sheets_template,
        Samples(_concluded_years, _of_year(scores.unit_sheets_context)),
        WORKBOOK,
        TABLE_SOURCE,
    ),
    statistics_form.PAPER: TemplatedPaper(
        statistics_form.PAPER,
        gettext_lazy("Yearly statistical report on commendation for the Ministry of Home Affairs (Excel)"),
        statistics_form.SPEC,
        statistics_form.statistics_template,
        Samples(_decision_years, statistics_form.year_context),
        WORKBOOK,
        STATISTICS_SOURCE,
    ),
}


def templated_paper(key: str) -> TemplatedPaper:
    """The paper of `key`, else 404."""
    if key not in PAPERS:
        raise Http404
    return PAPERS[key]
