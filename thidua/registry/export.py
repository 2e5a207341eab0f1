"""A search result as an Excel workbook (openpyxl), with the columns of the registry page."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.registry.models import Awardee

HEADERS = (
    "STT",
    "Tên cá nhân, tập thể",
    "Đối tượng",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Năm thành tích",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
    "Tiền thưởng (đồng)",
    "Tình trạng",
)


def row_of(number: int, awardee: Awardee) -> tuple[object, ...]:
    decision = awardee.decision
    unit = awardee.unit or awardee.person_unit
    status = "Còn hiệu lực"
    if awardee.revoked:
        r = awardee.revocation
        status = f"Đã hủy bỏ (Quyết định số {r.number} ngày {r.date:%d/%m/%Y})"
    return (
        number,
        awardee.name,
        "Cá nhân" if awardee.person_id else "Tập thể",
        unit.name if unit else "",
        decision.award_name,
        awardee.year,
        decision.number,
        decision.date.strftime("%d/%m/%Y"),
        decision.grantor,
        awardee.bonus,
        status,
    )


def workbook(awardees: Iterable[Awardee]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ khen thưởng"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, awardee in enumerate(awardees, start=1):
        sheet.append(row_of(number, awardee))
    for column, width in zip("ABCDEFGHIJK", (6, 40, 10, 40, 40, 10, 18, 14, 40, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
