"""Workbooks as offices send them, made by the tests: title rows above the table, merged cells, a two-line
header, trailing spaces, names without diacritics."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook

TITLE = ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "DANH SÁCH KHEN THƯỞNG CÁC NĂM 2003 - 2023"]


def office_workbook(header: list[str], rows: list[list[Any]], *, sheet: str = "Danh sách") -> bytes:
    """Two title rows merged across the table, an empty row, then the header and the rows."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    width = len(header)
    for number, text in enumerate(TITLE, start=1):
        ws.cell(row=number, column=1, value=text)
        ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def two_line_header_workbook(rows: list[list[Any]]) -> bytes:
    """The decision list with 'Quyết định' merged over its number, date and grantor, and the other headers
    merged down over both lines (their text in the upper line only)."""
    book = Workbook()
    ws = book.active
    ws.title = "QĐ khen thưởng"
    ws["A1"] = TITLE[1]
    ws.merge_cells("A1:G1")
    upper = [
        "STT",
        "Họ tên ",
        "Đơn vị công tác",
        "Hình thức khen",
        "Năm thành tích",
        "Quyết định",
        None,
        None,
    ]
    lower = [None, None, None, None, None, "Số QĐ", "Ngày QĐ", "Cấp khen"]
    ws.append(upper)
    ws.append(lower)
    for column in "ABCDE":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("F2:H2")
    for row in rows:
        ws.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
