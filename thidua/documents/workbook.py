"""A table as a print-ready Excel workbook: the one way every page's "Xuất Excel" and every paper's table is
written. Title lines above, the filters the page applied as a subtitle line, Vietnamese headers in bold
repeated on every printed page, dates as dates shown dd/mm/yyyy, amounts and points as numbers with
thousands separators (number formats: the cells stay numbers a user can add up), set column widths, A4.

Offices re-import these files (the sheets readers find the header below the title lines), so a cell holds
the value itself, never a formatted string."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.documents.download import XLSX_MIME, attachment
from thidua.documents.layout import FONT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT, NUMBER, AMOUNT, POINTS, DATE = "text", "number", "amount", "points", "date"
# Excel's number formats, tagged Vietnamese ([$-42A], the vi-VN locale): 1.234.567 and 98,50 whatever the
# reader's own locale (LibreOffice follows the tag; Excel takes the separators from the system). The cells
# stay numbers. A plain NUMBER (a rank, a year) has no thousands separator: 2024, never 2.024.
VIETNAMESE = "[$-42A]"
FORMATS = {
    NUMBER: "0",
    AMOUNT: f"{VIETNAMESE}#,##0",
    POINTS: f"{VIETNAMESE}#,##0.00",
    DATE: "dd/mm/yyyy",
}
CENTERED = {NUMBER, DATE}

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Column:
    header: StrOrPromise
    width: float
    kind: str = TEXT  # TEXT, NUMBER, AMOUNT, POINTS or DATE


@dataclass
class Table:
    """One sheet: `titles` are the lines above the table (the first in bold capitals is the caller's), the
    `filters` line says what the page was filtered by."""

    name: str  # the sheet's tab (Excel allows 31 characters)
    titles: Sequence[str]
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    filters: str = ""
    bold_titles: Sequence[int] = field(default=(0,))  # which title lines are bold


def filters_line(pairs: Iterable[tuple[StrOrPromise, object]]) -> str:
    """ "Lọc theo: Năm: 2024; Hình thức: …", the pairs with a value only; "Không lọc" when none is set."""
    said = [f"{label}: {value}" for label, value in pairs if value not in (None, "")]
    if not said:
        return _("Not filtered")
    return _("Filtered by: {filters}").format(filters="; ".join(said))


def _write(sheet: Worksheet, table: Table, *, portrait: bool) -> None:
    width = len(table.columns)
    lines = [(text, index in table.bold_titles) for index, text in enumerate(table.titles)]
    if table.filters:
        lines.append((table.filters, False))
    for row, (text, bold) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(name=FONT, size=13 if bold else 12, bold=bold, italic=not bold and row > 1)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    first = len(lines) + 2  # one blank line between the titles and the table
    for number, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=first, column=number, value=str(column.header))
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    for index, values in enumerate(table.rows, start=1):
        for number, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            if isinstance(value, dt.datetime):
                value = value.date()
            cell = sheet.cell(row=first + index, column=number, value=value)
            cell.font = Font(name=FONT, size=12)
            cell.border = BOX
            horizontal = "center" if column.kind in CENTERED else "right" if column.kind != TEXT else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if column.kind in FORMATS and value is not None and value != "":
                cell.number_format = FORMATS[column.kind]
    sheet.print_title_rows = f"{first}:{first}"
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_PORTRAIT if portrait else sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Nghị định 30/2020 margins: 30 mm at the binding side, 15–20 mm elsewhere (in inches here).
    sheet.page_margins.left, sheet.page_margins.right = 1.18, 0.59
    sheet.page_margins.top, sheet.page_margins.bottom = 0.79, 0.79
    sheet.print_options.horizontalCentered = True


def table_workbook(*tables: Table, portrait: bool = False) -> bytes:
    """The tables as one workbook, a sheet each, A4 landscape unless `portrait`, fitted one page wide."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        name = sheet_name(table.name, used)
        _write(book.create_sheet(name), table, portrait=portrait)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(wanted: str, used: set[str]) -> str:
    # Excel refuses these characters in a tab's name, and two tabs with one name.
    name = "".join(" " if c in "[]:*?/\\" else c for c in wanted).strip()[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename, XLSX_MIME)
