"""Reading back a workbook written by documents/workbook.py, as a test sees it: the title lines, the header
row and the rows below it."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook, load_workbook


@dataclass
class ReadTable:
    titles: list[str]  # the lines above the header, the filters' line included
    header: list[str]
    rows: list[tuple[object, ...]]
    formats: list[str]  # the number format of each cell of the first row


def read_table(content: bytes, sheet: int | str = 0) -> ReadTable:
    book = load_workbook(BytesIO(content))
    found = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    lines = [tuple(row) for row in found.iter_rows()]
    titles: list[str] = []
    for index, cells in enumerate(lines):
        values = [c.value for c in cells]
        if sum(v is not None for v in values) > 1:
            body = lines[index + 1 :]
            return ReadTable(
                titles,
                [str(v) for v in values],
                [tuple(c.value for c in row) for row in body],
                [c.number_format for c in body[0]] if body else [],
            )
        if values and values[0] is not None:
            titles.append(str(values[0]))
    raise AssertionError("no header row")


def workbook(*rows: tuple[object, ...], title: str = "Sheet", merged: str = "") -> bytes:
    """An .xlsx of one sheet named `title` holding `rows` (an organizer's own template, as a test uploads
    it), with the cells `merged` ("A1:C1") merged as offices merge their title lines."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    if merged:
        sheet.merge_cells(merged)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_values(content: bytes, sheet: int | str = 0) -> list[list[object]]:
    """Every row of a sheet of `content` as its cells' values, the empty ones as None."""
    book = load_workbook(BytesIO(content))
    found = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    return [list(row) for row in found.iter_rows(values_only=True)]
