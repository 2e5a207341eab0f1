"""The organizer's yearly statistical report of commendation for the Ministry of Home Affairs, as Excel: the
awards made by the decisions of the year, by level and form, collectives and persons apart, and among the
persons the women and the direct labourers (LAW-P3, LAW-P4).

Laid out as the statistical forms of the Home Affairs sector (the reporting body and the receiving body
beside the title, the period under it, a numbered header row, level rows with their subtotals, the preparer's
and the head's signature blocks). The circular's own form number is not retrieved [U] (LAW.md TPL-6): the
sheet names no number it cannot vouch for.

Sources looked for (December 2026, the team's search of stored pages): a secondary legal database
(luatvietnam.vn, "Thông tư 18/2025/TT-BNV ... quy định chế độ báo cáo thống kê ngành Nội vụ", issued
08/10/2025, signed by Phạm Thị Thanh Trà) names Circular 18/2025/TT-BNV as the Home Affairs sector's
statistical reporting regime now in force; its annex (the forms' numbers, titles and columns) was not found
in any stored page, so neither number nor columns were changed. Check them against the circular's annex
before naming a form number here.

Looked for again (December 2026, stored pages and code): the circular it replaced, 02/2023/TT-BNV of
23/03/2023 (luatvietnam.vn's summary; sonv.hungyen.gov.vn: the emulation-and-commendation reporting period
runs from 1 December of the year before to 30 November), is stored only as summaries, without its annex.
A third party's software (GitHub lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/TT022023/)
names that circular's forms 0601.N/BNV-TĐKT (number of emulation movements), 0602.N/BNV-TĐKT (number of
state-level commendations) and 0603: a secondary source for a superseded circular, so not followed here.
Note the period: this sheet counts the calendar year, the 2023 circular's reporting year did not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.awards.catalogue import AWARDS
from thidua.documents import wording as w
from thidua.documents.layout import FONT
from thidua.documents.workbook import BOX
from thidua.organisations.models import Organizer
from thidua.registry.models import Awardee, Sex

FILENAME = "bieu-thong-ke-khen-thuong.xlsx"

# The level of an award of the legal catalogue, by who decides it (Law 06/2022 Art. 74, 78–80 [S]): the
# Prime Minister's (state level), a minister's or a province chairman's, or a grassroots head's.
STATE, PROVINCE, GRASSROOTS = "state", "province", "grassroots"
LEVELS = {
    STATE: gettext_lazy("State-level commendation"),
    PROVINCE: gettext_lazy("Commendation of ministries, sectors and provinces"),
    GRASSROOTS: gettext_lazy("Grassroots-level commendation"),
}
LEVEL_OF = {
    "bang-khen-thu-tuong": STATE,
    "co-thi-dua-chinh-phu": STATE,
    "chien-si-thi-dua-toan-quoc": STATE,
    "bang-khen-bo-truong": PROVINCE,
    "bang-khen-chu-tich-tinh": PROVINCE,
    "co-thi-dua-bo-nganh": PROVINCE,
    "co-thi-dua-tinh": PROVINCE,
    "chien-si-thi-dua-tinh": PROVINCE,
    "tap-the-lao-dong-xuat-sac": PROVINCE,
}
ROMAN = ("I", "II", "III")
WIDTHS = [7, 44, 10, 10, 10, 10, 14, 14]


@dataclass
class Line:
    """The counts of one form (or one level, or the whole year)."""

    collectives: int = 0
    persons: int = 0
    women: int = 0
    direct: int = 0

    @property
    def total(self) -> int:
        return self.collectives + self.persons

    def add(self, awardee: Awardee) -> None:
        if awardee.person is None:
            self.collectives += 1
            return
        self.persons += 1
        self.women += awardee.person.sex == Sex.FEMALE
        self.direct += bool(awardee.person.direct_labourer)

    def cells(self) -> list[int]:
        return [self.total, self.collectives, self.persons, self.women, self.direct]


@dataclass
class YearCounts:
    year: int
    whole: Line = field(default_factory=Line)
    # level → form name → counts
    levels: dict[str, dict[str, Line]] = field(default_factory=lambda: defaultdict(dict))


def level_of(awardee: Awardee) -> str:
    """A unit head's own decision is grassroots; an award outside the catalogue, decided by the organizer,
    counts at the organizer's (ministry or province) level."""
    if awardee.decision.issuing_unit_id is not None:
        return GRASSROOTS
    code = awardee.award or awardee.decision.award
    if code in LEVEL_OF:
        return LEVEL_OF[code]
    return GRASSROOTS if code in AWARDS else PROVINCE


def year_counts(organizer: Organizer, year: int) -> YearCounts:
    """The awards of the decisions the organizer (and its units) issued in `year`, revoked ones left out."""
    rows = (
        Awardee.objects.filter(
            decision__organizer=organizer, decision__date__year=year, revocation__isnull=True
        )
        .select_related("decision", "person")
        .order_by("decision__award_name", "id")
    )
    found = YearCounts(year)
    for awardee in rows:
        found.whole.add(awardee)
        forms = found.levels[level_of(awardee)]
        forms.setdefault(awardee.decision.award_name, Line()).add(awardee)
    return found


def _cell(sheet: Worksheet, row: int, column: int, value: object, **font: object) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = Font(name=FONT, size=12, **font)  # type: ignore[arg-type]
    cell.border = BOX
    cell.alignment = Alignment(
        horizontal="left" if column == 2 else "center", vertical="center", wrap_text=True
    )


def _block(sheet: Worksheet, top: int, first: int, last: int, lines: list[tuple[str, bool]]) -> None:
    """Lines of text merged across columns `first`–`last`, centred (the form's title blocks)."""
    for offset, (text, bold) in enumerate(lines):
        row = top + offset
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row=row, column=first, value=text)
        cell.font = Font(name=FONT, size=12, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _head(sheet: Worksheet, organizer: Organizer, year: int) -> int:
    _block(
        sheet,
        1,
        1,
        2,
        [(_("Yearly statistical report"), True), (_("Report due: {day}").format(day=w.FILL), False)],
    )
    _block(
        sheet,
        1,
        3,
        6,
        [
            (_("NUMBER OF COMMENDATIONS IN {year}").format(year=year), True),
            (_("(Decisions issued from 01/01/{year} to 31/12/{year})").format(year=year), False),
        ],
    )
    _block(
        sheet,
        1,
        7,
        8,
        [
            (_("Reporting body: {name}").format(name=organizer.name), False),
            (_("Receiving body: Ministry of Home Affairs"), False),
        ],
    )
    top = 4
    header = [
        _("No."),
        _("Form of commendation"),
        _("Total"),
        _("Collectives"),
        _("Persons"),
        _("Of which women"),
        _("Of which direct labourers"),
        _("Notes"),
    ]
    for column, (text, width) in enumerate(zip(header, WIDTHS, strict=True), start=1):
        _cell(sheet, top, column, text, bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column, text in enumerate(["A", "B", "1", "2", "3", "4", "5", "6"], start=1):
        _cell(sheet, top + 1, column, text, italic=True)
    return top + 2


def statistics_workbook(organizer: Organizer, year: int) -> bytes:
    counts = year_counts(organizer, year)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Commendations {year}").format(year=year)
    row = _head(sheet, organizer, year)
    for column, value in enumerate(["", _("Total"), *counts.whole.cells(), ""], start=1):
        _cell(sheet, row, column, value, bold=True)
    row += 1
    for roman, (level, label) in zip(ROMAN, LEVELS.items(), strict=True):
        forms = counts.levels.get(level, {})
        subtotal = Line()
        for line in forms.values():
            subtotal.collectives += line.collectives
            subtotal.persons += line.persons
            subtotal.women += line.women
            subtotal.direct += line.direct
        for column, value in enumerate([roman, str(label), *subtotal.cells(), ""], start=1):
            _cell(sheet, row, column, value, bold=True)
        row += 1
        for number, (name, line) in enumerate(sorted(forms.items()), start=1):
            for column, value in enumerate([number, name, *line.cells(), ""], start=1):
                _cell(sheet, row, column, value)
            row += 1
    _foot(sheet, row + 1, organizer)
    _page(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _foot(sheet: Worksheet, row: int, organizer: Organizer) -> None:
    _block(sheet, row, 1, 3, [(_("PREPARED BY"), True), (_("(Signature and full name)"), False)])
    date = w.date_line(organizer.province, None)
    _block(
        sheet,
        row - 1,
        5,
        8,
        [(date, False), (_("HEAD OF THE UNIT"), True), (_("(Signature and seal)"), False)],
    )


def _page(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:5"
