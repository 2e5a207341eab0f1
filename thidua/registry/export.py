"""A search result as an Excel workbook (openpyxl), with the columns of the registry page."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.utils.translation import gettext, gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.registry.models import Awardee

HEADERS = (
    gettext_lazy("No."),
    gettext_lazy("Name of person or collective"),
    gettext_lazy("Subject"),
    gettext_lazy("Unit"),
    gettext_lazy("Commendation form"),
    gettext_lazy("Year of achievement"),
    gettext_lazy("Decision number"),
    gettext_lazy("Decision date"),
    gettext_lazy("Grantor"),
    gettext_lazy("Bonus (dong)"),
    gettext_lazy("Status"),
)


def row_of(number: int, awardee: Awardee) -> tuple[object, ...]:
    decision = awardee.decision
    unit = awardee.unit or awardee.person_unit
    status = gettext("In force")
    if awardee.revoked:
        r = awardee.revocation
        status = gettext("Revoked (Decision {number} of {date})").format(
            number=r.number, date=f"{r.date:%d/%m/%Y}"
        )
    return (
        number,
        awardee.name,
        gettext("Person") if awardee.person_id else gettext("Collective"),
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
    sheet.title = gettext("Award registry")
    sheet.append([str(header) for header in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, awardee in enumerate(awardees, start=1):
        sheet.append(row_of(number, awardee))
    for column, width in zip("ABCDEFGHIJK", (6, 40, 10, 40, 40, 10, 18, 14, 40, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
