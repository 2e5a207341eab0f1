"""Files that are not what an import reads are refused whole, with a message saying why; the header is found
below title rows, by name, with or without diacritics and trailing spaces."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from thidua.sheets import reader
from thidua.sheets.decisions import COLUMNS
from thidua.sheets.reader import FileRefused, as_date, read_rows
from thidua.sheets.tests.files import office_workbook

HEADER = [
    "STT",
    "Tên cá nhân, tập thể ",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Năm thành tích",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
]
ROW = [1, "Lê Văn Bình", "Sở Tư pháp", "Lao động tiên tiến", 2019, "12/QĐ-UBND", "20/01/2020", "Chủ tịch"]


def _refusal(data: bytes, name: str) -> str:
    with pytest.raises(FileRefused) as refused:
        list(read_rows(BytesIO(data), name, COLUMNS))
    return str(refused.value.problems[0])


def test_the_header_is_found_below_the_title_rows_and_rows_keep_their_sheet_numbers():
    rows = list(read_rows(BytesIO(office_workbook(HEADER, [ROW, [None] * 8, ROW])), "ds.xlsx", COLUMNS))

    assert [(r.sheet, r.number) for r in rows] == [("Danh sách", 5), ("Danh sách", 7)]
    assert rows[0].values["name"] == "Lê Văn Bình" and rows[0].values["number"] == "12/QĐ-UBND"


def test_a_csv_file_with_headers_without_diacritics_and_a_byte_order_mark_is_read():
    text = (
        "Danh sach khen thuong\n\nTen ca nhan, tap the;Don vi;Hinh thuc khen thuong;Nam thanh tich;"
        "So quyet dinh;Ngay quyet dinh;Cap quyet dinh\n"
        "Lê Văn Bình ;Sở Tư pháp;LĐTT;2019;12/QĐ-UBND;20/01/2020;Chủ tịch\n"
    )
    rows = list(read_rows(BytesIO(("\ufeff" + text).encode()), "ds.csv", COLUMNS))

    assert [(r.sheet, r.number, r.values["name"], r.values["award"]) for r in rows] == [
        (None, 4, "Lê Văn Bình", "LĐTT")
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    assert _refusal(b"%PDF-1.4", "quyet-dinh.pdf") == (
        "Tệp quyet-dinh.pdf không phải là bảng tính: hãy gửi sổ tính Excel (.xlsx) hoặc tệp CSV (.csv)."
    )
    assert "không mở được" in _refusal(b"not a zip at all", "ds.xlsx")
    assert ".xls" in _refusal(reader.OLD_EXCEL + b"\x00" * 100, "ds.xlsx")


def test_a_macro_enabled_workbook_is_refused_by_its_name_and_by_its_contents():
    assert "có macro" in _refusal(office_workbook(HEADER, [ROW]), "ds.xlsm")
    packed = BytesIO()
    with (
        zipfile.ZipFile(packed, "w") as archive,
        zipfile.ZipFile(BytesIO(office_workbook(HEADER, [ROW]))) as book,
    ):
        for item in book.infolist():
            archive.writestr(item, book.read(item))
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    assert "có chứa macro" in _refusal(packed.getvalue(), "ds.xlsx")


def test_an_oversize_file_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    monkeypatch.setattr(reader, "MAX_MB", 0)
    assert "lớn hơn" in _refusal(office_workbook(HEADER, [ROW]), "ds.xlsx")


def test_a_csv_file_not_in_utf8_is_refused():
    text = b"T\xean c\xe1 nh\xe2n,\xd0\xf5n v\xf2\n"  # Windows-1258, as old Excel saves CSV
    assert "không phải văn bản UTF-8" in _refusal(text, "ds.csv")


def test_a_table_without_the_required_columns_names_what_is_missing():
    said = _refusal(office_workbook(["STT", "Họ và tên", "Đơn vị"], [[1, "A", "B"]]), "ds.xlsx")

    assert said.startswith("Trang tính 'Danh sách': Không tìm thấy dòng tiêu đề")
    assert "'Số quyết định'" in said and "'Ngày quyết định'" in said


def test_a_formula_is_a_problem_of_its_row_and_column():
    rows = list(
        read_rows(BytesIO(office_workbook(HEADER, [[*ROW[:4], "=2018+1", *ROW[5:]]])), "ds.xlsx", COLUMNS)
    )

    assert [str(p) for p in rows[0].problems] == [
        "Trang tính 'Danh sách', dòng 5, cột 'Năm thành tích': ô có công thức (=2018+1): hãy dán giá trị "
        "thay cho công thức (Dán đặc biệt, Giá trị) rồi gửi lại tệp."
    ]


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("20/01/2020", (2020, 1, 20)),
        ("5/2/2004", (2004, 2, 5)),
        ("05-02-2004", (2004, 2, 5)),
        ("31/02/2019", None),
        ("2019", None),
        ("20/01/20", None),
    ],
)
def test_dates_are_read_as_offices_write_them(typed, day):
    found = as_date(typed)
    assert (found.timetuple()[:3] if found else None) == day
