"""Fuzzing the spreadsheet import (all three kinds): workbooks made by openpyxl from generated cells under
the kind's real header (numbers past any column, dates, text past every limit, control characters,
formulas), the same workbook cut short, CSV text in odd encodings, and junk bytes under a spreadsheet's
name. Each is planned and written, or refused with problems said in Vietnamese and not a row changed;
nothing raises."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from thidua.sheets.importer import Kind, Scope, kinds, run
from thidua.testing.factories import OrganizerFactory, UnitFactory
from thidua.testing.fuzz import HUGE_INTS, ODD_TEXT, table_counts, vietnamese

pytestmark = pytest.mark.django_db
BY = "kiểm thử"
UNITS = ("Sở Tư pháp", "Sở Tài chính")
# XML 1.0 holds neither control characters nor lone surrogates: openpyxl refuses to write them, so a real
# workbook cannot carry them (a CSV file can, and does below).
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

CELLS = st.one_of(
    st.none(),
    st.booleans(),
    HUGE_INTS.filter(lambda n: abs(n) < 10**300),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    ODD_TEXT.map(lambda text: NOT_IN_XML.sub("", text)[:32_000]),
    st.sampled_from(UNITS),
    st.sampled_from(["=1/0", "=A1", '=HYPERLINK("http://x","y")', "2021", "15/03/2021", "31/02/2021"]),
)
KINDS = st.sampled_from(sorted(kinds()))


def _header(kind: Kind) -> list[str]:
    return [column.header for column in kind.columns]


@st.composite
def workbooks(draw: st.DrawFn, kind: Kind) -> bytes:
    book = Workbook()
    sheet = book.active
    header = _header(kind)
    if draw(st.booleans()):
        header = draw(st.permutations(header))[: draw(st.integers(1, len(header)))]
    sheet.append(header)
    for row in draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=6)):
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    data = out.getvalue()
    if draw(st.integers(0, 4)) == 0:  # a download cut short
        # Cut at a share of the file: its length varies with the time written into the zip, and a draw
        # bounded by it would not replay the same.
        data = data[: int(len(data) * draw(st.floats(0, 1)))]
    return data


@st.composite
def csv_files(draw: st.DrawFn, kind: Kind) -> bytes:
    lines = [",".join(_header(kind))]
    for row in draw(st.lists(st.lists(ODD_TEXT | HUGE_INTS.map(str), max_size=8), max_size=5)):
        lines.append(",".join(f'"{cell}"' if draw(st.booleans()) else cell for cell in row))
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "latin-1"]))
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-8") else "replace")


@st.composite
def files(draw: st.DrawFn) -> tuple[Kind, str, bytes]:
    kind = kinds()[draw(KINDS)]
    shape = draw(st.sampled_from(["xlsx", "xlsx", "csv", "junk"]))
    if shape == "xlsx":
        return kind, "so-khen-thuong.xlsx", draw(workbooks(kind))
    if shape == "csv":
        return kind, "so-khen-thuong.csv", draw(csv_files(kind))
    name = draw(st.sampled_from(["tep.xlsx", "tep.csv", "tep.xls", "tep.xlsm", "tep"]))
    junk = draw(
        st.one_of(st.binary(max_size=300), st.just(b"\xd0\xcf\x11\xe0" + b"\0" * 64), st.just(b"PK\x03\x04"))
    )
    return kind, name, junk


@pytest.fixture
def organizer() -> Any:
    organizer = OrganizerFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn")
    for number, name in enumerate(UNITS):
        UnitFactory(organizer=organizer, name=name, short_name="", code=f"U{number}")
    return organizer


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files())
def test_any_spreadsheet_is_written_or_refused_in_vietnamese_with_nothing_changed(
    organizer: Any, file: tuple[Kind, str, bytes]
) -> None:
    kind, name, data = file
    before = table_counts()
    plan = run(kind, BytesIO(data), name, Scope(organizer), by=BY, write=True, confirmed=True)
    if plan.written:
        return
    assert table_counts() == before
    for problem in plan.problems:
        assert vietnamese(str(problem)), problem
