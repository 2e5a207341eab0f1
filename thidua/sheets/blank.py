"""The downloadable template of each kind: an Excel workbook with the kind's headers in Vietnamese (required
ones marked *) and one example row."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.sheets.importer import Kind
from thidua.sheets.wording import EXAMPLES


def template_workbook(kind: Kind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(kind.label)[:31]
    sheet.append([f"{c.header} *" if c.required else c.header for c in kind.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    example = EXAMPLES[kind.code]
    sheet.append([example.get(c.key, "") for c in kind.columns])
    for number, column in enumerate(kind.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=number).column_letter].width = max(
            14, len(column.header) + 4, len(str(example.get(column.key, ""))) + 2
        )
    # Dates and codes as text: Excel would turn 20/01/2020 into a date in the user's own format.
    for row in sheet.iter_rows(min_row=2, max_row=200):
        for cell in row:
            cell.number_format = "@"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
