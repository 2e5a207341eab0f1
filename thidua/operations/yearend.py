"""The scripted year-end path shared by `thidua scenario` and `thidua demo`.

It calls the same services the web interface calls: import, render, results; the years of a file are
historic, so they are concluded as their file reports them (review.services.conclude_as_reported), not
through the live meeting's gate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.audit import Actor
from thidua.documents.pdf import PdfUnavailable, write_pdfs
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.render import Written, render_documents, render_workbooks, write_papers
from thidua.emulation.results import results_for
from thidua.registry.papers.review import review_labels, review_papers


@dataclass(frozen=True)
class YearOutput:
    year: int
    results: dict[str, Any]
    directory: Path
    warning: str = ""  # why the PDFs are missing, when they are
    # one line per paper made from the built-in template because the organizer's own one failed
    notices: tuple[str, ...] = ()


def report_source(cluster_year: ClusterYear) -> str:
    """What the audit row of a reported conclusion names as its source: the file's own `source`."""
    return cluster_year.cluster.source or _("exchange file of {cluster}").format(
        cluster=cluster_year.cluster.name
    )


def run_year_end(cluster_year: ClusterYear, out_dir: Path, *, by: Actor, conclude: bool = True) -> YearOutput:
    """Conclude the year's review as reported (unless `conclude` is False: a year already concluded, whose
    proposals the board has taken on), write its documents (Word, then each one's PDF) and results.json
    into `out_dir`. Without LibreOffice the Word files are still written, and the warning says how to get
    the PDFs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if conclude:
        conclude_as_reported(cluster_year, by=by, source=report_source(cluster_year))
    own, review = render_documents(cluster_year, out_dir), render_review_papers(cluster_year, out_dir)
    documents = own.names + review.names
    warning = ""
    try:
        pdfs = write_pdfs(out_dir, documents)
    except PdfUnavailable as missing:
        pdfs, warning = [], str(missing)
    workbooks = render_workbooks(cluster_year, out_dir, documents)
    results = results_for(cluster_year, [*documents, *pdfs, *workbooks.names])
    (out_dir / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return YearOutput(
        cluster_year.year, results, out_dir, warning, (*own.notices, *review.notices, *workbooks.notices)
    )


def render_review_papers(cluster_year: ClusterYear, out_dir: Path) -> Written:
    """The papers of a concluded review beside the year's own (registry/papers/review.py), written into
    `out_dir`; returns their names and the fallbacks to the built-in templates."""
    return write_papers(out_dir, review_papers(cluster_year), review_labels(cluster_year))


def run_cluster_years(years: list[ClusterYear], out_dir: Path, *, by: Actor) -> list[YearOutput]:
    """Every year of a file. The latest year's results and documents go in `out_dir` itself;
    with several years, each year also gets its own `out_dir/<year>/`."""
    ordered = sorted(years, key=lambda cy: cy.year)
    outputs = []
    if len(ordered) > 1:
        outputs = [run_year_end(cy, out_dir / str(cy.year), by=by) for cy in ordered]
    if ordered:
        latest = run_year_end(ordered[-1], out_dir, by=by)
        outputs = [*outputs[:-1], latest] if outputs else [latest]
    return outputs
