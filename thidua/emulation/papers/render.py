"""The year's papers, rendered from `year_summary` (the one source the web pages read too) and the
records of each stage, each as a Word file through the one layout module (thidua.documents.layout).

A paper is offered (on the year's page, by the API, by `thidua scenario`) only when the record holds what
it is made of: the plan needs a launch, the score sheets a locked score table. The papers made of the
review's count are refused while the year's vote is sealed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.document import Document as DocxDocument

from thidua.documents.layout import new_document
from thidua.documents.queries import override_content
from thidua.documents.templating import Context, Rendered, fill
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers import launch, minutes, pact, report, submission
from thidua.emulation.papers.scores import (
    build_score_table,
    build_unit_sheets,
    score_workbook,
    unit_sheets_workbook,
)
from thidua.emulation.queries.papers import PaperFacts, paper_facts
from thidua.emulation.queries.summary import YearSummary, year_summary
from thidua.emulation.seal import SEALED

Builder = Callable[[YearSummary, DocxDocument], None]


def _always(facts: PaperFacts) -> bool:
    return True


@dataclass(frozen=True)
class Templated:
    """A paper made from a Word template (documents.templating): its key in the organizer's templates,
    its facts, and its built-in template."""

    key: str
    context: Callable[[YearSummary], Context]
    default: Callable[[], bytes]


def _no_builder(summary: YearSummary, doc: DocxDocument) -> None:
    raise AssertionError("a templated paper is rendered from its template")


@dataclass(frozen=True)
class Paper:
    title: Promise  # the Word file's own title
    label: Promise  # how the year's page names it
    build: Builder
    allowed: Callable[[PaperFacts], bool] = _always
    counted: bool = False  # made of the review's count: refused while the vote is sealed
    workbook: str = ""  # the Excel file of the same table, when there is one
    template: Templated | None = None  # made from a Word template rather than by `build`


# File name -> paper, in the order of the year (launch to year-end) they are listed and written.
PAPERS: dict[str, Paper] = {
    "ke-hoach-phat-dong-thi-dua.docx": Paper(
        gettext_lazy("Plan launching the emulation movement"),
        gettext_lazy("Plan and launch of the emulation movement"),
        _no_builder,
        lambda facts: facts.launched,
        template=Templated(launch.PLAN, launch.plan_context, launch.plan_template),
    ),
    "danh-sach-dang-ky-thi-dua.docx": Paper(
        gettext_lazy("Emulation registration list"),
        gettext_lazy("Emulation registration list"),
        _no_builder,
        lambda facts: facts.launched or facts.registered,
        template=Templated(launch.REGISTRATIONS, launch.registrations_context, launch.registrations_template),
    ),
    "giao-uoc-thi-dua.docx": Paper(
        gettext_lazy("Emulation pact"),
        gettext_lazy("Emulation pact"),
        _no_builder,
        lambda facts: facts.launched or facts.signed,
        template=Templated(pact.PAPER, pact.pact_context, pact.default_template),
    ),
    "phieu-cham-diem.docx": Paper(
        gettext_lazy("Score sheets of the member units"),
        gettext_lazy("Score sheet of each member unit"),
        build_unit_sheets,
        lambda facts: facts.sheet_locked,
        workbook="phieu-cham-diem.xlsx",
    ),
    "bang-tong-hop-diem.docx": Paper(
        gettext_lazy("Score table"),
        gettext_lazy("The cluster's score table"),
        build_score_table,
        lambda facts: facts.sheet_locked or facts.scored,
        workbook="bang-tong-hop-diem.xlsx",
    ),
    "bien-ban-hop-binh-xet.docx": Paper(
        gettext_lazy("Minutes of the emulation review meeting"),
        gettext_lazy("Minutes of the review meeting"),
        _no_builder,
        counted=True,
        template=Templated(minutes.PAPER, minutes.minutes_context, minutes.default_template),
    ),
    "to-trinh-de-nghi-khen-thuong.docx": Paper(
        gettext_lazy("Submission letter proposing commendation"),
        gettext_lazy("Submission letter for commendation proposals"),
        _no_builder,
        counted=True,
        template=Templated(submission.PAPER, submission.submission_context, submission.default_template),
    ),
    "bao-cao-tong-ket.docx": Paper(
        gettext_lazy("Year-end summary report"),
        gettext_lazy("Year-end summary report and next year's directions"),
        _no_builder,
        counted=True,
        template=Templated(report.PAPER, report.report_context, report.default_template),
    ),
}
DOCUMENTS: tuple[str, ...] = tuple(PAPERS)
# Excel file name -> its Word paper and how it is made.
WORKBOOKS: dict[str, tuple[str, Callable[[YearSummary], Rendered]]] = {
    "phieu-cham-diem.xlsx": ("phieu-cham-diem.docx", unit_sheets_workbook),
    "bang-tong-hop-diem.xlsx": ("bang-tong-hop-diem.docx", score_workbook),
}
# The papers made of the count, refused while the vote is sealed.
COUNTED: tuple[str, ...] = tuple(name for name, paper in PAPERS.items() if paper.counted)


def _paper(name: str) -> Paper:
    if name not in PAPERS:
        known = ", ".join(DOCUMENTS)
        raise KeyError(
            _("There is no document named “{name}”; the documents are: {known}.").format(
                name=name, known=known
            )
        )
    return PAPERS[name]


def label_of(name: str) -> str:
    return str(_paper(name).label)


def workbook_of(name: str) -> str:
    """The Excel file beside a Word paper, or ""."""
    return _paper(name).workbook


def available_documents(cluster_year: ClusterYear) -> list[str]:
    """The papers the year's record allows, in DOCUMENTS order (the seal is not looked at here)."""
    facts = paper_facts(cluster_year)
    return [name for name, paper in PAPERS.items() if paper.allowed(facts)]


def _render(summary: YearSummary, name: str) -> Rendered:
    """Refused (ValidationError, code "sealed") while the year's vote is sealed, for the papers made of
    its count. A templated paper uses the organizer's own template when it has one (a failing one noticed,
    the built-in template used instead)."""
    paper = _paper(name)
    if paper.counted and summary.sealed:
        raise ValidationError(SEALED, code="sealed")
    if paper.template is not None:
        own = override_content(summary.organizer.pk, paper.template.key)
        return fill(own, paper.template.default, paper.template.context(summary))
    doc = new_document(
        _("{title} for {year} – {cluster}").format(
            title=paper.title, year=summary.cluster_year.year, cluster=summary.cluster.name
        )
    )
    paper.build(summary, doc)
    buffer = BytesIO()
    doc.save(buffer)
    return Rendered(buffer.getvalue())


def render_document(cluster_year: ClusterYear, name: str) -> bytes:
    """One document of the year as .docx bytes. An unknown name raises KeyError (Vietnamese message)."""
    return render_document_noticed(cluster_year, name).content


def render_document_noticed(cluster_year: ClusterYear, name: str) -> Rendered:
    """One document of the year, with the notice of an organizer's template that failed (if any)."""
    _paper(name)  # an unknown name is refused before any query
    return _render(year_summary(cluster_year), name)


@dataclass(frozen=True)
class Written:
    """The papers written into a folder, in the order listed, and one line for each whose organizer's
    own template could not be used (the built-in one made it): a command prints them, so an office
    running `thidua scenario` learns its template is broken rather than finding the default paper."""

    names: list[str]
    notices: list[str]


def fallback_line(name: str, label: str, notice: str) -> str:
    """The paper's name, its file and why its organizer's template was not used, in one line."""
    return _("Warning: {label} ({file}): {notice}").format(label=label, file=name, notice=notice)


def write_papers(
    out_dir: Path, papers: Mapping[str, Callable[[], Rendered]], labels: Mapping[str, str]
) -> Written:
    """Write each paper of `papers` (file name -> how to make it) into `out_dir`, noting the fallbacks."""
    out_dir.mkdir(parents=True, exist_ok=True)
    notices = []
    for name, make in papers.items():
        rendered = make()
        (out_dir / name).write_bytes(rendered.content)
        if rendered.notice:
            notices.append(fallback_line(name, labels.get(name, name), rendered.notice))
    return Written(list(papers), notices)


def render_documents(cluster_year: ClusterYear, out_dir: Path) -> Written:
    """Write every document the year's record allows into `out_dir`; returns the file names in
    DOCUMENTS order, with a line for each paper whose organizer's template fell back."""
    summary = year_summary(cluster_year)
    names = available_documents(cluster_year)
    papers = {name: partial(_render, summary, name) for name in names}
    return write_papers(out_dir, papers, {name: label_of(name) for name in names})


def render_workbook(cluster_year: ClusterYear, name: str) -> Rendered:
    """An Excel file of the year (WORKBOOKS), with the notice of an organizer's workbook template that
    failed (if any); an unknown name raises KeyError."""
    _docx, build = WORKBOOKS[name]
    return build(year_summary(cluster_year))


def render_workbooks(cluster_year: ClusterYear, out_dir: Path, documents: list[str]) -> Written:
    """Write the Excel file of each paper of `documents` that has one; returns their names and the
    fallbacks to the built-in templates."""
    summary = year_summary(cluster_year)
    papers = {
        workbook: partial(build, summary)
        for workbook, (docx, build) in WORKBOOKS.items()
        if docx in documents
    }
    labels = {
        workbook: _("{paper} (Excel)").format(paper=label_of(docx))
        for workbook, (docx, _b) in WORKBOOKS.items()
    }
    return write_papers(out_dir, papers, labels)
