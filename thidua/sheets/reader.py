"""One reader per file kind: an Excel workbook (.xlsx, streamed with openpyxl's read-only mode, never the
whole file in memory) or a CSV file (UTF-8, with or without its byte-order mark). Both give the same rows:
each a dict of the kind's columns, found by header name (folded: with or without diacritics, any case, any
spacing), below the title rows that offices put above their tables.

A file is refused whole, with a message naming the sheet, row and column, when it is not a spreadsheet, is
macro-enabled, too large, has no header row with the kind's columns, or holds a formula (a formula's value
is whatever the office's Excel last computed, not what the file says)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial
from operator import itemgetter
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.registry.folding import fold

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_BYTES = 50 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
# Unpacked, an .xlsx is text: ten times the packed size is generous; more is a zip bomb, not a table.
MAX_UNPACKED = 10 * MAX_BYTES
# A CSV file is read line by line, never whole: a million-row award list (about 200 MB) is one file.
MAX_CSV_BYTES = 300 * 1024 * 1024
MAX_CSV_MB = MAX_CSV_BYTES // (1024 * 1024)
# The header row is near the top: below the office's title rows, never further down than this.
HEADER_SEARCH = 30
MACRO_SUFFIXES = {".xlsm", ".xltm", ".xlsb", ".xlam"}
OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003) and other OLE2 files


@dataclass(frozen=True)
class Column:
    """One column of a kind: `label` is its header (English msgid, Vietnamese in the catalogue)."""

    key: str
    label: StrOrPromise
    required: bool = True
    aliases: tuple[str, ...] = ()  # other headers offices use for it (sheets/headers.py)

    @property
    def header(self) -> str:
        with translation.override("vi"):
            return str(self.label)

    def names(self) -> set[str]:
        with translation.override("en"):
            english = str(self.label)
        return {fold(self.header), fold(english), *(fold(alias) for alias in self.aliases)}


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: sheet (None for a CSV file), row and column as the user sees them."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(gettext("Sheet '{sheet}'").format(sheet=self.sheet))
        if self.row is not None:
            where.append(gettext("row {row}").format(row=self.row))
        if self.column:
            where.append(gettext("column '{column}'").format(column=self.column))
        if not where:
            return self.message
        text = ", ".join(where)
        return f"{text[0].upper()}{text[1:]}: {self.message}"


class FileRefused(Exception):
    """The file cannot be read as a table of this kind; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass
class Row:
    sheet: str | None
    number: int  # the row's number as the spreadsheet shows it (1 = the first line)
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found by the reader (a formula)

    def problem(self, column: Column | None, message: str) -> Problem:
        return Problem(message, self.sheet, self.number, column.header if column else None)


def _refuse(message: StrOrPromise, **values: Any) -> FileRefused:
    return FileRefused([Problem(str(message).format(**values))])


def file_kind(name: str, size: int | None) -> str:
    """'xlsx', 'csv' or 'json' (the interchange format's, sheets/interchange.py) from the file's name, or
    FileRefused: not a spreadsheet, macro-enabled, too large."""
    suffix = PurePath(name).suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise _refuse(
            _(
                "The file {name} is a macro-enabled workbook: save it as an Excel workbook (.xlsx) without "
                "macros and send it again."
            ),
            name=name,
        )
    if suffix not in {".xlsx", ".csv", ".json"}:
        raise _refuse(
            _("The file {name} is not a spreadsheet: send an Excel workbook (.xlsx) or a CSV file (.csv)."),
            name=name,
        )
    most = MAX_CSV_BYTES if suffix == ".csv" else MAX_BYTES
    if size is not None and size > most:
        size_mb = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise _refuse(
            _("The file {name} is larger than {most} MB ({size} MB): split it into smaller files."),
            name=name,
            most=most // (1024 * 1024) if suffix == ".csv" else MAX_MB,
            size=size_mb,
        )
    return suffix[1:]


# How often a long read says how far it has got (the background import's progress bar).
PROGRESS_EVERY_ROWS = 1000
Progress = Callable[[float, int], None]


def read_rows(
    stream: IO[bytes], name: str, columns: Sequence[Column], progress: Progress | None = None
) -> Iterator[Row]:
    """The table's rows below its header, one at a time, each with the reader's problems (a formula);
    FileRefused for a problem of the whole file. Rows with nothing in the kind's columns are left out.
    `progress` is told now and then the share of the file read (0 to 1) and the rows read."""
    for sheet, number, values, problems in _read(stream, name, columns, progress, _values):
        yield Row(sheet, number, values, problems)


def read_texts(
    stream: IO[bytes], name: str, columns: Sequence[Column], progress: Progress | None = None
) -> Iterator[tuple[str | None, int, Sequence[str], list[Problem]]]:
    """read_rows without a Row per line (a bulk path's million rows): (sheet, row number, the cells in the
    order of `columns` as text (as_text: runs of white space made one space, "" for a column the file
    lacks), the reader's problems)."""
    yield from _read(stream, name, columns, progress, partial(_texts, [c.key for c in columns]))


def _read(
    stream: IO[bytes], name: str, columns: Sequence[Column], progress: Progress | None, pick: _Pick
) -> Iterator[tuple[str | None, int, Any, list[Problem]]]:
    size = _size(stream)
    kind = file_kind(name, size)
    head = stream.read(4)
    stream.seek(0)
    if kind == "json":
        # A kind that reads JSON turns it into rows before this (Kind.prepare); no other kind does.
        raise _refuse(
            _("The file {name} is JSON: only the interchange format is read from JSON; send .xlsx or .csv."),
            name=name,
        )
    if kind == "xlsx":
        yield from _xlsx_rows(stream, name, head, columns, progress, pick)
    else:
        yield from _csv_rows(stream, name, head, columns, progress, size, pick)


def _size(stream: IO[bytes]) -> int:
    position = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(position)
    return size


# ---- the header row -------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _match(cells: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    """Column key -> position of the cells naming one of the kind's columns (a trailing '*' ignored)."""
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        folded = fold(_text(cell).rstrip("*").strip())
        if not folded:
            continue
        for column in columns:
            if column.key not in found and folded in column.names():
                found[column.key] = position
                break
    return found


def _overlay(upper: Sequence[Any], lower: Sequence[Any]) -> list[Any]:
    """A two-line header (a group cell merged over its sub-columns): each column's lower text, else the upper
    one (a cell merged down over both lines keeps its text in the upper line only)."""
    width = max(len(upper), len(lower))
    padded_upper = [*upper, *[None] * (width - len(upper))]
    padded_lower = [*lower, *[None] * (width - len(lower))]
    return [low if _text(low) else up for up, low in zip(padded_upper, padded_lower, strict=True)]


class _Header:
    """Finds the header among the first lines of a sheet, fed one line at a time."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.required = {c.key for c in columns if c.required}
        self.best: dict[str, int] = {}
        self.previous: Sequence[Any] | None = None

    def feed(self, cells: Sequence[Any]) -> dict[str, int] | None:
        """The positions when this line (alone, or under the line before it) is the header."""
        candidates = [_match(cells, self.columns)]
        if self.previous is not None:
            candidates.append(_match(_overlay(self.previous, cells), self.columns))
        self.previous = cells
        for found in candidates:
            if self.required <= found.keys():
                return found
            if len(found) > len(self.best):
                self.best = found
        return None

    def missing(self) -> list[str]:
        return [c.header for c in self.columns if c.required and c.key not in self.best]


def _no_header(columns: Sequence[Column], header: _Header, sheet: str | None) -> Problem:
    missing = ", ".join(f"'{name}'" for name in header.missing())
    expected = ", ".join(f"'{c.header}'" for c in columns if c.required)
    return Problem(
        gettext(
            "No header row with the columns {expected} was found in the first {lines} rows; missing: "
            "{missing}. Download the template to see the expected columns."
        ).format(expected=expected, lines=HEADER_SEARCH, missing=missing),
        sheet,
    )


def _values(positions: dict[str, int]) -> Callable[[Sequence[Any]], dict[str, Any] | None]:
    """The row's cells by column key, stripped; None for a row with nothing in the kind's columns."""

    def picked(cells: Sequence[Any]) -> dict[str, Any] | None:
        values = {}
        for key, position in positions.items():
            value = cells[position] if position < len(cells) else None
            values[key] = value.strip() if isinstance(value, str) else value
        return None if _blank(values.values()) else values

    return picked


def _texts(keys: Sequence[str], positions: dict[str, int]) -> Callable[[Sequence[Any]], Sequence[str] | None]:
    """The row's cells in the order of `keys`, each as_text ("" for a key the file lacks); None for a row with
    nothing in the kind's columns."""
    # A column the file lacks reads the "" put at the end of each row.
    order = [positions.get(key, -1) for key in keys]
    width = max(order) + 1
    get = itemgetter(*order)

    def picked(cells: Sequence[Any]) -> Sequence[str] | None:
        got = get([*cells, *[""] * (width - len(cells)), ""])
        try:
            joined = "\x00".join(got)
        except TypeError:  # an Excel cell: a number, a date, an empty cell
            got = [as_text(v) for v in got]
        else:
            # A million rows: most need no white space mended, seen on the cells joined (a NUL is in no
            # cell: the CSV reader refuses it), without a Python step per cell.
            if " ".join(joined.split()) != joined or " \x00" in joined or "\x00 " in joined:
                got = [" ".join(v.split()) for v in got]
        return got if any(got) else None

    return picked


def _nothing(cells: Sequence[Any]) -> None:
    return None


# Given a header's positions, what a row is read as (None: a blank row, left out).
_Pick = Callable[[dict[str, int]], Callable[[Sequence[Any]], Any]]


def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or v == "" for v in values)


# ---- Excel ----------------------------------------------------------------------------------------------


def _open_workbook(stream: IO[bytes], name: str, head: bytes) -> Any:
    from openpyxl import load_workbook

    if head == OLD_EXCEL:
        raise _refuse(
            _("The file {name} is an old Excel 97-2003 workbook (.xls): save it as .xlsx and send it again."),
            name=name,
        )
    if not zipfile.is_zipfile(stream):
        raise _refuse(_("The file {name} is not an Excel workbook: it cannot be opened."), name=name)
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        members = archive.infolist()
        if any(m.filename.lower().endswith("vbaproject.bin") for m in members):
            raise _refuse(
                _(
                    "The file {name} holds macros: save it as an Excel workbook (.xlsx) without macros and "
                    "send it again."
                ),
                name=name,
            )
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise _refuse(
                _("The file {name} is larger than {most} MB once unpacked: split it into smaller files."),
                name=name,
                most=MAX_UNPACKED // (1024 * 1024),
            )
    stream.seek(0)
    try:
        return load_workbook(stream, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign zip
        raise _refuse(
            _("The file {name} is not an Excel workbook: it cannot be opened."), name=name
        ) from None


def _xlsx_rows(
    stream: IO[bytes],
    name: str,
    head: bytes,
    columns: Sequence[Column],
    progress: Progress | None,
    pick: _Pick,
) -> Iterator[tuple[str | None, int, Any, list[Problem]]]:
    book = _open_workbook(stream, name, head)
    try:
        read_any = False
        first_problem: Problem | None = None
        # The sheets' sizes as the workbook declares them (Excel always does; a file without them shows
        # no share read, only the rows).
        total = sum(sheet.max_row or 0 for sheet in book.worksheets)
        before = 0
        for sheet in book.worksheets:
            header = _Header(columns)
            positions = None
            picked: Callable[[Sequence[Any]], Any] = _nothing
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                if progress is not None and number % PROGRESS_EVERY_ROWS == 0:
                    progress((before + number) / total if total else 0.0, before + number)
                if positions is None:
                    if number > HEADER_SEARCH:
                        break
                    positions = header.feed([cell.value for cell in cells])
                    if positions is not None:
                        picked = pick(positions)
                    continue
                row = Row(sheet.title, number)
                for key, position in positions.items():
                    cell = cells[position] if position < len(cells) else None
                    if cell is not None and cell.data_type == "f":
                        column = next(c for c in columns if c.key == key)
                        formula = str(cell.value)[:60]
                        row.problems.append(
                            row.problem(
                                column,
                                gettext(
                                    "the cell holds a formula ({formula}): paste its value instead "
                                    "(Paste Special, Values) and send the file again."
                                ).format(formula=formula),
                            )
                        )
                values = picked([getattr(c, "value", None) for c in cells])
                if values is not None:
                    yield row.sheet, number, values, row.problems
            before += sheet.max_row or 0
            if positions is not None:
                read_any = True
            elif first_problem is None:
                first_problem = _no_header(columns, header, sheet.title)
        if not read_any and first_problem is not None:
            raise FileRefused([first_problem])
    finally:
        book.close()


# ---- CSV ------------------------------------------------------------------------------------------------


def _csv_rows(
    stream: IO[bytes],
    name: str,
    head: bytes,
    columns: Sequence[Column],
    progress: Progress | None,
    size: int,
    pick: _Pick,
) -> Iterator[tuple[str | None, int, Any, list[Problem]]]:
    if head == OLD_EXCEL or head.startswith(b"PK\x03\x04"):
        raise _refuse(
            _("The file {name} is a workbook, not CSV text: send it with the extension .xlsx."), name=name
        )
    # Excel writes ';' where the list separator is ',' in decimals: whichever separates the most in the
    # first part of the file (title rows above the table have neither).
    sample = stream.read(64 * 1024).decode("utf-8", errors="ignore")
    stream.seek(0)
    delimiter = max((",", ";", "\t"), key=sample.count)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        lines = csv.reader(_text_lines(text, name), delimiter=delimiter)
        header = _Header(columns)
        positions = None
        picked: Callable[[Sequence[Any]], Any] | None = None
        for number, cells in enumerate(lines, start=1):
            if progress is not None and number % PROGRESS_EVERY_ROWS == 0:
                # The bytes read so far, a little ahead of the rows (the text layer reads in chunks).
                progress(stream.tell() / size if size else 0.0, number)
            if picked is None:
                if number > HEADER_SEARCH:
                    break
                positions = header.feed(cells)
                if positions is not None:
                    picked = pick(positions)
                continue
            values = picked(cells)
            if values is not None:
                yield None, number, values, []
        if positions is None:
            raise FileRefused([_no_header(columns, header, None)])
    except UnicodeDecodeError:
        raise _refuse(
            _("The file {name} is not UTF-8 text: in Excel, save it as 'CSV UTF-8' and send it again."),
            name=name,
        ) from None
    finally:
        text.detach()


def _text_lines(text: IO[str], name: str) -> Iterator[str]:
    """The file's lines; FileRefused at a NUL, which no text file holds (a binary file renamed .csv)."""
    for line in text:
        if "\x00" in line:
            raise _refuse(_("The file {name} is not CSV text."), name=name)
        yield line


# ---- values as offices type them ---------------------------------------------------------------------


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    return " ".join(str(value).split())


def as_date(value: Any) -> dt.date | None:
    """A date cell, or text dd/mm/yyyy (also d/m/yyyy, with '-' or '.', and yyyy-mm-dd); None when it is
    not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = as_text(value).replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and len(parts[0]) == 4:
        parts.reverse()  # yyyy-mm-dd, as machine-made files (the interchange format) write dates
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    day, month, year = (int(p) for p in parts)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def as_year(value: Any) -> int | None:
    text = as_text(value)
    if not text.isdigit():
        return None
    year = int(text)
    return year if 1945 <= year <= 2100 else None


def as_number(value: Any) -> Decimal | None:
    """A number cell, or text as offices type it: 38,5 and 38.5; 1.000 and 1,000.5 with thousands
    separators; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = as_text(value).replace(" ", "")
    if "," in text and "." in text:
        # The later one is the decimal mark: 1.000,5 (Vietnamese) or 1,000.5 (English).
        thousands = "." if text.rindex(",") > text.rindex(".") else ","
        text = text.replace(thousands, "").replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
