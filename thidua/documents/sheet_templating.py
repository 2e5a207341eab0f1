"""Workbooks as templates, the way Word papers are (templating.py): an organizer may replace a workbook
paper's built-in template with its own .xlsx, written with the same placeholders an officer already knows
from Word: `{{ ten }}` in a cell, and a list as three rows, `{%tr for r in bang %}` in the first cell of a
row of its own, the row to repeat with `{{ r.cot }}` in its cells, `{%tr endfor %}` in the row below.

A cell holding one placeholder alone keeps the value's type (a number stays a number a user can add up,
workbook.py); any other text is filled as text. Sheet names may hold placeholders too. The template runs in
the same sandbox as a Word template, every missing name an error; it is checked before it is kept
(check_workbook_template): a real .xlsx by the one upload check, no syntax error, no placeholder the
paper's facts lack. The cells, styles, merged cells, column widths and page set-up of the organizer's file
are kept; rows below a list move down with their merged cells.

A paper of one sheet per record (each unit's score sheet) gives its context a list under SHEETS: the
template's first sheet is then copied once per item, each copy filled with the paper's values and the
item's own (an organizer writes one sheet, as for one record), its tab named by its filled title.
"""

from __future__ import annotations

import copy
import io
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from jinja2 import StrictUndefined, TemplateError, Undefined
from jinja2.sandbox import SandboxedEnvironment
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from thidua.core.uploads import KINDS, check_content
from thidua.documents.templating import (
    MAX_TEMPLATE_BYTES,
    Context,
    Format,
    Spec,
    TemplateProblem,
    _explain,
    example_context,
)
from thidua.documents.workbook import VIETNAMESE, sheet_name

LOOP = re.compile(r"^\s*\{%-?\s*tr\s+for\s+(\w+)\s+in\s+(.+?)\s*-?%\}\s*$")
END = re.compile(r"^\s*\{%-?\s*tr\s+endfor\s*-?%\}\s*$")
ALONE = re.compile(r"^\s*\{\{\s*(.+?)\s*\}\}\s*$")
SHEETS = "_trang"  # the context's key holding one context per sheet (a paper of one sheet per record)


def _environment() -> SandboxedEnvironment:
    # No HTML escaping: a cell is plain text, openpyxl writes the XML.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def _text(cell: Cell) -> str:
    return cell.value if isinstance(cell.value, str) else ""


def _value(text: str, context: Context, environment: SandboxedEnvironment) -> Any:
    """A cell's text filled: one placeholder alone keeps its value's type; other text stays text."""
    if "{{" not in text and "{%" not in text:
        return text
    alone = ALONE.match(text)
    if alone and "}}" not in alone.group(1):
        value = environment.compile_expression(alone.group(1), undefined_to_none=False)(**context)
        return str(value) if isinstance(value, StrictUndefined) else value
    return environment.from_string(text).render(**context)


def _vietnamese(cell: Cell) -> None:
    """A number landing in a cell of the General format is shown as Vietnamese write it (98,5; the
    vi-VN tag of workbook.VIETNAMESE); a cell the template formatted keeps its own format."""
    number = isinstance(cell.value, int | float | Decimal) and not isinstance(cell.value, bool)
    if number and cell.number_format == "General":
        cell.number_format = f"{VIETNAMESE}General"


def _loops(sheet: Worksheet) -> list[tuple[int, str, str]]:
    """The lists of the sheet, bottom first: (row of the opening tag, loop name, list expression)."""
    found = []
    for row in range(sheet.max_row, 0, -1):
        opening = LOOP.match(_text(sheet.cell(row=row, column=1)))
        if opening:
            if not END.match(_text(sheet.cell(row=row + 2, column=1))):
                raise TemplateProblem(
                    _(
                        "In sheet “{sheet}”, row {row}: the list is not closed by {end} two rows below."
                    ).format(sheet=sheet.title, row=row, end="{%tr endfor %}")
                )
            found.append((row, opening.group(1), opening.group(2)))
    return found


def _shift_merged(sheet: Worksheet, below: int, by: int) -> None:
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > below:
            merged.shift(0, by)


def _expand(
    sheet: Worksheet, row: int, loop: str, rows: str, context: Context, env: SandboxedEnvironment
) -> None:
    """The three rows of a list replaced by one row per item, styled as the template's middle row."""
    found = env.compile_expression(rows, undefined_to_none=False)(**context)
    if isinstance(found, Undefined) or not isinstance(found, list | tuple):
        str(found)  # a missing list names itself (UndefinedError), as in a Word template
        raise TemplateProblem(
            _("In sheet “{sheet}”, row {row}: {rows} is not a list.").format(
                sheet=sheet.title, row=row, rows=rows
            )
        )
    items = list(found)
    width = sheet.max_column
    model = [(_text(c), copy.copy(c._style), c.number_format) for c in sheet[row + 1][:width]]
    height = sheet.row_dimensions[row + 1].height
    _shift_merged(sheet, row + 2, len(items) - 3)
    sheet.delete_rows(row, 3)
    if items:
        sheet.insert_rows(row, len(items))
    for offset, item in enumerate(items):
        scope = {**context, loop: item}
        for column, (text, style, number_format) in enumerate(model, start=1):
            cell = sheet.cell(row=row + offset, column=column, value=_value(text, scope, env))
            cell._style = copy.copy(style)
            cell.number_format = number_format
            _vietnamese(cell)
        sheet.row_dimensions[row + offset].height = height


def _fill_sheet(sheet: Worksheet, context: Context, env: SandboxedEnvironment) -> None:
    """The single cells first, then the lists from the bottom up: a filled value is never read as a
    template again (a unit's name holding braces stays text), and rows not yet expanded keep their place."""
    loops = _loops(sheet)
    in_lists = {row + offset for row, _loop, _rows in loops for offset in range(3)}
    for line in sheet.iter_rows():
        for cell in line:
            text = _text(cell)
            if cell.row not in in_lists and text and ("{{" in text or "{%" in text):
                cell.value = _value(text, context, env)
                _vietnamese(cell)
    for row, loop, rows in loops:
        _expand(sheet, row, loop, rows, context, env)
    if "{{" in sheet.title:
        sheet.title = str(_value(sheet.title, context, env))[:31]


def render_workbook(template: bytes, context: Context) -> bytes:
    """The workbook of `template` filled with `context`. Raises TemplateProblem."""
    try:
        book: Workbook = load_workbook(io.BytesIO(template))
    except Exception as error:  # a damaged package fails anywhere inside openpyxl or lxml
        raise TemplateProblem(
            _("The template could not be read as an Excel workbook ({detail}).").format(
                detail=str(error)[:200]
            )
        ) from error
    env = _environment()
    pages = context.get(SHEETS)
    if pages is None:
        for sheet in book.worksheets:
            _fill_checked(sheet, context, env)
    else:
        _fill_pages(book, context, pages, env)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill_checked(sheet: Worksheet, context: Context, env: SandboxedEnvironment) -> None:
    """One sheet filled, any error said with the sheet's name."""
    try:
        _fill_sheet(sheet, context, env)
    except TemplateProblem:
        raise
    except TemplateError as error:
        raise TemplateProblem(
            _("Sheet “{sheet}”: {problem}").format(sheet=sheet.title, problem=_explain(error, []))
        ) from error
    except (TypeError, ValueError) as error:  # a list that is not a list, a value a cell cannot hold
        raise TemplateProblem(
            _("Sheet “{sheet}”: {problem}").format(sheet=sheet.title, problem=str(error)[:200])
        ) from error


def _fill_pages(book: Workbook, context: Context, pages: list[Context], env: SandboxedEnvironment) -> None:
    """The first sheet once per item of `pages` (the paper's values and the item's), in its place; the
    other sheets of the template filled once with the paper's values."""
    model = book.worksheets[0]
    shared = {key: value for key, value in context.items() if key != SHEETS}
    titles = {sheet.title.lower() for sheet in book.worksheets[1:]}
    for index, page in enumerate(pages):
        copy = book.copy_worksheet(model)
        copy.print_title_rows = model.print_title_rows
        book.move_sheet(copy, offset=index - book.index(copy))
        copy.title = sheet_name(str(_value(model.title, {**shared, **page}, env)), titles)
        _fill_checked(copy, {**shared, **page}, env)
    book.remove(model)
    for sheet in book.worksheets[len(pages) :]:
        _fill_checked(sheet, shared, env)


def check_workbook_template(content: bytes, spec: Spec, filename: str = "") -> None:
    """Everything an uploaded workbook template must pass before it is kept; raises ValidationError
    naming the problem (not a workbook, macros, a syntax error, a placeholder the paper's facts lack)."""
    try:
        check_content(content, filename or "mau.xlsx", accepted=(".xlsx",), max_bytes=MAX_TEMPLATE_BYTES)
    except ValidationError as refused:
        raise ValidationError(" ".join(refused.messages), code="template") from refused
    try:
        render_workbook(content, example_context(spec))
    except TemplateProblem as problem:
        raise ValidationError(str(problem), code="template") from problem


WORKBOOK = Format(
    ".xlsx",
    KINDS[".xlsx"].mime,
    "Excel",
    check_workbook_template,
    render_workbook,
)
