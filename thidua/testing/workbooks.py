"""Reading back a workbook written by documents/workbook.py, as a test sees it: the title lines, the header
row and the rows below it."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from openpyxl import load_workbook


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
