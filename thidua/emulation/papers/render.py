"""The year's Word documents, rendered from `year_summary` (the one source the web pages read too)."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.document import Document as DocxDocument

from thidua.documents.layout import new_document
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.minutes import build_minutes
from thidua.emulation.papers.submission import build_submission
from thidua.emulation.queries.summary import YearSummary, year_summary
from thidua.emulation.seal import SEALED

Builder = Callable[[YearSummary, DocxDocument], None]

# File name -> (document title, builder), in the order the documents are listed and written.
_BUILDERS: dict[str, tuple[Promise, Builder]] = {
    "bien-ban-hop-binh-xet.docx": (gettext_lazy("Minutes of the emulation review meeting"), build_minutes),
    "to-trinh-de-nghi-khen-thuong.docx": (
        gettext_lazy("Submission letter proposing commendation"),
        build_submission,
    ),
}
DOCUMENTS: tuple[str, ...] = tuple(_BUILDERS)


def _builder(name: str) -> tuple[Promise, Builder]:
    if name not in _BUILDERS:
        known = ", ".join(DOCUMENTS)
        raise KeyError(
            _("There is no document named “{name}”; the documents are: {known}.").format(
                name=name, known=known
            )
        )
    return _BUILDERS[name]


def _render(summary: YearSummary, name: str) -> bytes:
    """Refused (ValidationError, code "sealed") while the year's vote is sealed: minutes and proposals
    are made of its count."""
    if summary.sealed:
        raise ValidationError(SEALED, code="sealed")
    title, build = _builder(name)
    doc = new_document(
        _("{title} for {year} – {cluster}").format(
            title=title, year=summary.cluster_year.year, cluster=summary.cluster.name
        )
    )
    build(summary, doc)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_document(cluster_year: ClusterYear, name: str) -> bytes:
    """One document of the year as .docx bytes. An unknown name raises KeyError (Vietnamese message)."""
    _builder(name)  # an unknown name is refused before any query
    return _render(year_summary(cluster_year), name)


def render_documents(cluster_year: ClusterYear, out_dir: Path) -> list[str]:
    """Write every document of the year into `out_dir`; returns the file names in DOCUMENTS order."""
    summary = year_summary(cluster_year)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in DOCUMENTS:
        (out_dir / name).write_bytes(_render(summary, name))
    return list(DOCUMENTS)
