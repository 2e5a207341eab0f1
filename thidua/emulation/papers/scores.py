"""Phiếu chấm điểm and bảng tổng hợp điểm: each member unit's score sheet (every criterion with its
maximum, the unit's own points and the appraised ones, the reason of each adjustment) and the cluster's
score table (each unit's self-scored and final score, its rank and rating), as Word, and the table also as
an Excel workbook laid out for printing.

Every number is read, never recomputed: a unit's totals from `totals_of` (the one function that adds its
points), the final score, rank and rating from the year summary (frozen at the conclusion, or the locked
table's and the file's before it).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, grid, signatures
from thidua.documents.queries import override_content
from thidua.documents.sheet_templating import SHEETS, WORKBOOK
from thidua.documents.templating import Context, Field, Rendered, Rows, Spec, fill, placeholder, row_loop
from thidua.documents.workbook import NUMBER, POINTS, Column, Table, table_workbook
from thidua.emulation.models import ClusterYear, Criterion, Rating
from thidua.emulation.papers.common import head_signature, recipients
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.papers import ScorePapers, UnitSheet, score_papers
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit


def _locked_on(papers: ScorePapers) -> datetime.date | None:
    sheet = papers.sheet
    if sheet is None or sheet.locked_at is None:
        return None
    return timezone.localdate(sheet.locked_at)


def _points(value: Decimal | None) -> str:
    return w.number(value) if value is not None else ""


def build_unit_sheets(summary: YearSummary, doc: DocxDocument) -> None:
    """Each member's sheet on its own pages, headed by the unit itself."""
    papers = score_papers(summary.cluster_year, summary.members)
    for index, unit_sheet in enumerate(papers.units):
        if index:
            doc.add_page_break()
        _unit_sheet(doc, summary, papers, unit_sheet)


def _criterion_name(criterion: Criterion) -> str:
    if criterion.kind == Criterion.Kind.STANDARD:
        return criterion.name
    return f"{criterion.name} ({Criterion.Kind(criterion.kind).label.lower()})"


def _unit_sheet(doc: DocxDocument, summary: YearSummary, papers: ScorePapers, sheet: UnitSheet) -> None:
    year = summary.cluster_year.year
    # Translators: abbreviation of "score sheet" in a document's number, as in "No.: /SSH-EC".
    letterhead(doc, summary, kind=_("SSH"), day=_locked_on(papers), unit=sheet.unit)
    centered(doc, Run(_("SCORE SHEET"), bold=True))
    subject = _("Emulation scores for {year} of {unit}").format(year=year, unit=sheet.unit.name)
    centered(doc, Run(subject, bold=True), after=12)
    rows: list[list[str]] = []
    group = None
    for number, criterion in enumerate(papers.criteria, start=1):
        if criterion.group != group:
            group = criterion.group
            rows.append(["", group.upper(), "", "", "", ""])
        item = sheet.items.get(criterion.pk)
        rows.append(
            [
                str(number),
                _criterion_name(criterion),
                _points(criterion.max_points),
                _points(item.self_points if item else None),
                _points(item.appraised_points if item else None),
                item.reason if item else "",
            ]
        )
    scale = papers.sheet.scale if papers.sheet else None
    rows.append(
        [
            "",
            _("Total"),
            _points(scale),
            _points(sheet.totals.self_total),
            _points(sheet.totals.appraised_total),
            "",
        ]
    )
    header = [_("No."), _("Criterion"), _("Max."), _("Self"), _("Appraisal"), _("Reason for the adjustment")]
    grid(doc, header, rows, [1.3, 6.6, 1.6, 1.6, 2.1, 3.3], centered_columns=(0, 2, 3, 4), size=11)
    final = summary.scores.get(sheet.unit.code)
    body(
        doc,
        Run(_("Final score: "), bold=True),
        _("{score} of {scale} points.").format(score=_points(final) or w.FILL, scale=_points(scale)),
    )
    row = sheet.unit_score
    if row is not None and row.absence:
        body(
            doc,
            Run(_("The unit did not score itself: "), bold=True),
            f"{row.get_absence_display()} ({row.absence_reason}).",
        )
    unit_block = Signature((sheet.unit.name.upper(),), hint=_("(Signature, full name and seal)"))
    signatures(doc, unit_block, head_signature(summary))


def table_rows(summary: YearSummary, papers: ScorePapers) -> list[tuple[Unit, Decimal | None, int | None]]:
    """(unit, self-scored total, rank) in rank order, then roster order."""
    places = {unit.code: place for unit, place in summary.ranking}
    order = {unit.code: i for i, unit in enumerate(summary.members)}
    units = sorted(summary.members, key=lambda u: (places.get(u.code, len(order) + 1), order[u.code]))
    return [(unit, papers.self_total(unit), places.get(unit.code)) for unit in units]


def _rating(summary: YearSummary, unit: Unit) -> str:
    code = summary.ratings.get(unit.code)
    return str(Rating(code).label) if code else ""


def build_score_table(summary: YearSummary, doc: DocxDocument) -> None:
    papers = score_papers(summary.cluster_year, summary.members)
    year = summary.cluster_year.year
    # Translators: abbreviation of "score table" in a document's number, as in "No.: /STB-EC".
    letterhead(doc, summary, kind=_("STB"), day=_locked_on(papers))
    centered(doc, Run(_("SCORE TABLE"), bold=True))
    subject = _("Emulation scores for {year} of {cluster}").format(year=year, cluster=summary.cluster.name)
    centered(doc, Run(subject, bold=True), after=12)
    scale = papers.sheet.scale if papers.sheet else None
    if scale is not None:
        body(doc, _("Scale: {scale} points.").format(scale=_points(scale)))
    rows = [
        [
            str(i),
            unit.name,
            _points(self_total),
            _points(summary.scores.get(unit.code)) or w.CELL_FILL,
            str(place) if place else "",
            _rating(summary, unit),
        ]
        for i, (unit, self_total, place) in enumerate(table_rows(summary, papers), start=1)
    ]
    header = [_("No."), _("Unit name"), _("Self"), _("Final score"), _("Rank"), _("Rating")]
    grid(doc, header, rows, [1.3, 5.4, 1.7, 2.2, 1.6, 4.3], centered_columns=(0, 2, 3, 4), size=12)
    signatures(doc, None, head_signature(summary), recipients=recipients(summary))


SCORE_COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(gettext_lazy("Unit name"), 48),
    Column(gettext_lazy("Self"), 11, POINTS),
    Column(gettext_lazy("Final score"), 12, POINTS),
    Column(gettext_lazy("Rank"), 9, NUMBER),
    Column(gettext_lazy("Rating"), 32),
)


PAPER_TABLE = "bang-tong-hop-diem-excel"  # its key in the organizer's templates (registry/paper_templates.py)
TABLE_SPEC: Spec = (
    Field("cap_tren", gettext_lazy("The cluster's line above the title")),
    Field("tieu_de_phu", gettext_lazy("The line under the title: the year and the cluster")),
    Field("nam", gettext_lazy("Year")),
    Field("ten_cum", gettext_lazy("Name of the cluster or block")),
    Rows(
        "bang_diem",
        gettext_lazy("The units in rank order, then roster order"),
        (
            Field("stt", gettext_lazy("No. (a number)")),
            Field("don_vi", gettext_lazy("Unit name")),
            Field("tu_cham", gettext_lazy("Self-scored total (a number, empty when none)")),
            Field("diem", gettext_lazy("Final score (a number, empty when none)")),
            Field("xep_hang", gettext_lazy("Rank (a number, empty when not placed)")),
            Field("xep_loai", gettext_lazy("Rating")),
        ),
    ),
)


def score_table_context(summary: YearSummary) -> Context:
    """The score table's facts, values as numbers so the workbook's cells stay numbers."""
    papers = score_papers(summary.cluster_year, summary.members)
    year = summary.cluster_year.year
    return {
        "cap_tren": w.cluster_line(summary.cluster),
        "tieu_de_phu": _("Emulation scores for {year} of {cluster}").format(
            year=year, cluster=summary.cluster.name
        ),
        "nam": year,
        "ten_cum": summary.cluster.name,
        "bang_diem": [
            {
                "stt": i,
                "don_vi": unit.name,
                "tu_cham": self_total,
                "diem": summary.scores.get(unit.code),
                "xep_hang": place,
                "xep_loai": _rating(summary, unit),
            }
            for i, (unit, self_total, place) in enumerate(table_rows(summary, papers), start=1)
        ],
    }


@lru_cache(maxsize=8)
def _table_template(language: str) -> bytes:
    p = placeholder
    titles = [p("cap_tren"), _("SCORE TABLE"), p("tieu_de_phu")]
    rows = row_loop("bang_diem", ["stt", "don_vi", "tu_cham", "diem", "xep_hang", "xep_loai"])
    sheet = _("Scores {year}").format(year=p("nam"))
    return table_workbook(Table(sheet, titles, SCORE_COLUMNS, rows, bold_titles=(1, 2)), portrait=True)


def score_table_template() -> bytes:
    """The built-in template of the score table's workbook, made by the one workbook writer."""
    return _table_template(get_language() or "")


def score_workbook(summary: YearSummary) -> Rendered:
    """The score table as an Excel workbook, A4 portrait like its Word paper, from the organizer's own
    workbook template when it has one (its failure noticed, the built-in one used instead)."""
    own = override_content(summary.organizer.pk, PAPER_TABLE)
    return fill(own, score_table_template, score_table_context(summary), WORKBOOK)


SHEET_COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(gettext_lazy("Criterion"), 46),
    Column(gettext_lazy("Max."), 9, POINTS),
    Column(gettext_lazy("Self"), 9, POINTS),
    Column(gettext_lazy("Appraisal"), 11, POINTS),
    Column(gettext_lazy("Reason for the adjustment"), 30),
)
PAPER_SHEETS = "phieu-cham-diem-excel"  # its key in the organizer's templates (registry/paper_templates.py)
SHEETS_SPEC: Spec = (
    Field("cap_tren", gettext_lazy("The cluster's line above the title")),
    Field("nam", gettext_lazy("Year")),
    Field("ten_cum", gettext_lazy("Name of the cluster or block")),
    Field("don_vi", gettext_lazy("The unit's name (one sheet per member unit)")),
    Field("tieu_de_phu", gettext_lazy("The line under the title: the year and the unit")),
    Field("thang_diem", gettext_lazy("The scale's maximum (a number, empty when none)")),
    Field("tong_tu_cham", gettext_lazy("The unit's self-scored total (a number, empty when none)")),
    Field("tong_tham_dinh", gettext_lazy("The appraised total (a number, empty when none)")),
    Field("diem_cuoi", gettext_lazy("Final score (a number, empty when none)")),
    Rows(
        "tieu_chi",
        gettext_lazy("The criteria in the table's order"),
        (
            Field("stt", gettext_lazy("No. (a number)")),
            Field("nhom", gettext_lazy("Criterion group")),
            Field("tieu_chi", gettext_lazy("Criterion")),
            Field("toi_da", gettext_lazy("Maximum points (a number)")),
            Field("tu_cham", gettext_lazy("The unit's own points (a number, empty when none)")),
            Field("tham_dinh", gettext_lazy("Appraised points (a number, empty when none)")),
            Field("ly_do", gettext_lazy("Reason for the adjustment")),
        ),
    ),
)


def unit_sheets_context(summary: YearSummary) -> Context:
    """Each member's score sheet as one sheet of the workbook (SHEETS), values as numbers; the page's
    placeholders show the first unit's."""
    papers = score_papers(summary.cluster_year, summary.members)
    year = summary.cluster_year.year
    shared = {
        "cap_tren": w.cluster_line(summary.cluster),
        "nam": year,
        "ten_cum": summary.cluster.name,
        "thang_diem": papers.sheet.scale if papers.sheet else None,
    }
    pages = [_unit_page(summary, papers, unit_sheet) for unit_sheet in papers.units]
    return {**shared, **(pages[0] if pages else _unit_page_blank()), SHEETS: pages}


def _unit_page(summary: YearSummary, papers: ScorePapers, sheet: UnitSheet) -> Context:
    year = summary.cluster_year.year
    rows = []
    for number, criterion in enumerate(papers.criteria, start=1):
        item = sheet.items.get(criterion.pk)
        rows.append(
            {
                "stt": number,
                "nhom": criterion.group,
                "tieu_chi": _criterion_name(criterion),
                "toi_da": criterion.max_points,
                "tu_cham": item.self_points if item else None,
                "tham_dinh": item.appraised_points if item else None,
                "ly_do": item.reason if item else "",
            }
        )
    return {
        "don_vi": sheet.unit.name,
        "tieu_de_phu": _("Emulation scores for {year} of {unit}").format(year=year, unit=sheet.unit.name),
        "tong_tu_cham": sheet.totals.self_total,
        "tong_tham_dinh": sheet.totals.appraised_total,
        "diem_cuoi": summary.scores.get(sheet.unit.code),
        "tieu_chi": rows,
    }


def _unit_page_blank() -> Context:
    return {
        "don_vi": "",
        "tieu_de_phu": "",
        "tong_tu_cham": None,
        "tong_tham_dinh": None,
        "diem_cuoi": None,
        "tieu_chi": [],
    }


@lru_cache(maxsize=8)
def _sheets_template(language: str) -> bytes:
    p = placeholder
    titles = [p("cap_tren"), _("SCORE SHEET"), p("tieu_de_phu")]
    rows: list[list[str]] = [
        *row_loop("tieu_chi", ["stt", "tieu_chi", "toi_da", "tu_cham", "tham_dinh", "ly_do"]),
        ["", _("Total"), p("thang_diem"), p("tong_tu_cham"), p("tong_tham_dinh"), ""],
        ["", _("Final score"), "", "", p("diem_cuoi"), ""],
    ]
    return table_workbook(Table(p("don_vi"), titles, SHEET_COLUMNS, rows, bold_titles=(1, 2)), portrait=True)


def unit_sheets_template() -> bytes:
    """The built-in template of the units' score sheets: one sheet, copied for each member unit."""
    return _sheets_template(get_language() or "")


def unit_sheets_workbook(summary: YearSummary) -> Rendered:
    """Each member unit's score sheet, a sheet each, from the organizer's own template when it has one."""
    own = override_content(summary.organizer.pk, PAPER_SHEETS)
    return fill(own, unit_sheets_template, unit_sheets_context(summary), WORKBOOK)


# Column key -> header of the detailed score table: the export writes them and the scores import
# (sheets/scores.py) looks for them, so a file exported, edited in Excel and imported changes what was edited.
ENTRY_HEADERS = {
    "cluster": gettext_lazy("Cluster or block"),
    "year": gettext_lazy("Year"),
    "unit": gettext_lazy("Unit"),
    "group": gettext_lazy("Criterion group"),
    "criterion": gettext_lazy("Criterion text"),
    "max_points": gettext_lazy("Maximum points"),
    "self_points": gettext_lazy("Self-scored points"),
    "note": gettext_lazy("Explanation"),
    "appraised_points": gettext_lazy("Appraised points"),
    "reason": gettext_lazy("Reason for the adjustment"),
}
ENTRY_COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(ENTRY_HEADERS["cluster"], 24),
    Column(ENTRY_HEADERS["year"], 8, NUMBER),
    Column(ENTRY_HEADERS["unit"], 28),
    Column(ENTRY_HEADERS["group"], 24),
    Column(ENTRY_HEADERS["criterion"], 40),
    Column(ENTRY_HEADERS["max_points"], 10, POINTS),
    Column(ENTRY_HEADERS["self_points"], 10, POINTS),
    Column(ENTRY_HEADERS["note"], 28),
    Column(ENTRY_HEADERS["appraised_points"], 11, POINTS),
    Column(ENTRY_HEADERS["reason"], 28),
)


def entry_workbook(papers: ScorePapers, cluster_year: ClusterYear) -> bytes:
    """Every criterion of every unit in `papers` (the units the reader may see) with its self-scored and
    appraised points and their texts, as stored (an empty cell: not given yet): the file a unit or the board
    edits in Excel and imports back (sheets kind "scores")."""
    cluster = cluster_year.cluster
    rows: list[tuple[object, ...]] = []
    for unit_sheet in papers.units:
        for criterion in papers.criteria:
            item = unit_sheet.items.get(criterion.pk)
            rows.append(
                (
                    len(rows) + 1,
                    cluster.name,
                    cluster_year.year,
                    unit_sheet.unit.name,
                    criterion.group,
                    criterion.name,
                    criterion.max_points,
                    item.self_points if item else None,
                    item.note if item else "",
                    item.appraised_points if item else None,
                    item.reason if item else "",
                )
            )
    titles = [
        w.cluster_line(cluster),
        _("DETAILED SCORE TABLE"),
        _("Emulation scores for {year} of {cluster}").format(year=cluster_year.year, cluster=cluster.name),
    ]
    name = _("Detailed scores {year}").format(year=cluster_year.year)
    return table_workbook(Table(name, titles, ENTRY_COLUMNS, rows, bold_titles=(1, 2)))
