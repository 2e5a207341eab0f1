"""The organizer's yearly statistical report of commendation for the Ministry of Home Affairs, as Excel: the
awards made by the decisions of the year, by level and form, collectives and persons apart, and among the
persons the women and the direct labourers (LAW-P3, LAW-P4).

Laid out as the statistical forms of the Home Affairs sector (the reporting body and the receiving body
beside the title, the period under it, a numbered header row, level rows with their subtotals, the preparer's
and the head's signature blocks): OUR OWN LAYOUT, not the circular's form. The sheet names no form number it
cannot vouch for [U] (LAW.md TPL-6). An organizer may replace it with its own workbook (SPEC's placeholders,
documents/sheet_templating.py), e.g. the form its Department of Home Affairs sends.

Sources looked for (December 2026, the team's search of stored pages, three sessions):
- Thông tư 9/2022/TT-BNV of 16/12/2022, "Ban hành Hệ thống chỉ tiêu thống kê ngành Nội vụ" (primary text:
  https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Thong-tu-9-2022-TT-BNV-He-thong-chi-tieu-thong-ke-nganh-Noi-vu-546336.aspx):
  only its opening was readable in the stored copy (Art. 1: the system is the list of indicators and
  their content). Its Annex II, part 06 (thi đua, khen thưởng), indicator 0603, is known here only as a
  secondary page quotes it (thuviennhadat.vn, "Hiện nay có những hình thức khen thưởng và danh hiệu thi đua
  nào cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh…"): the forms decided by ministers, heads of
  central bodies and chairmen of provincial People's Committees (Bằng khen; Chiến sĩ thi đua cấp bộ, cấp
  tỉnh; Cờ thi đua; Huy hiệu, kỷ niệm chương), counted form by form, over 01/12 of the year before to
  30/11. The indicators' breakdowns (phân tổ) were not read, so the columns below are not claimed to be
  the indicators' own.
- Thông tư 03/2018/TT-BNV (06/3/2018), Thông tư 2/2023/TT-BNV (23/03/2023), Thông tư 18/2025/TT-BNV
  (08/10/2025, signed by Phạm Thị Thanh Trà, the regime now in force): stored only as a legal database's
  attributes page (luatvietnam.vn), without the annex of forms. A third party's software names forms
  0701–0703.N/BNV-TĐKT (2018) and 0601–0603.N/BNV-TĐKT (2023): a secondary source, not followed.
Note the period: this sheet counts the decisions of the calendar year and says so in its title; the
indicator as quoted counts 01/12 to 30/11 (sonv.hungyen.gov.vn says the same of the 2023 regime). Check the
circular's annex before changing either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO

from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua.awards.catalogue import AWARDS
from thidua.documents import wording as w
from thidua.documents.layout import FONT
from thidua.documents.queries import override_content
from thidua.documents.sheet_templating import WORKBOOK
from thidua.documents.templating import Context, Field, Rendered, Rows, Spec, fill, placeholder, row_loop
from thidua.documents.workbook import AMOUNT, BOX, FORMATS
from thidua.organisations.models import Organizer
from thidua.registry.models import Awardee, Decision, Sex

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
# The placeholders' prefix of each level's subtotal and list, and of the whole year's total.
PREFIX = {STATE: "nha_nuoc", PROVINCE: "bo_tinh", GRASSROOTS: "co_so"}
WHOLE = "ca_nam"
COUNTS = {
    "tong": gettext_lazy("total"),
    "tap_the": gettext_lazy("collectives"),
    "ca_nhan": gettext_lazy("persons"),
    "nu": gettext_lazy("women among the persons"),
    "truc_tiep": gettext_lazy("direct labourers among the persons"),
}
COUNT_FORMAT = FORMATS[AMOUNT]  # counts as numbers shown 1.234
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

    def named(self, prefix: str = "") -> dict[str, int]:
        """The counts under their placeholders' names ("tong", or "nha_nuoc_tong" with a prefix)."""
        return {f"{prefix}{name}": value for name, value in zip(COUNTS, self.cells(), strict=True)}

    def plus(self, other: Line) -> Line:
        return Line(
            self.collectives + other.collectives,
            self.persons + other.persons,
            self.women + other.women,
            self.direct + other.direct,
        )


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


PAPER = "bieu-thong-ke-khen-thuong"  # its key in the organizer's templates (registry/paper_templates.py)


def _count_fields(prefix: str, scope: object) -> tuple[Field, ...]:
    return tuple(
        Field(
            f"{prefix}_{name}",
            format_lazy(gettext_lazy("{scope}: {count} (a number)"), scope=scope, count=label),
        )
        for name, label in COUNTS.items()
    )


def _level_rows(level: str) -> Rows:
    return Rows(
        PREFIX[level],
        format_lazy(gettext_lazy("{level}: one row per form, by name"), level=LEVELS[level]),
        (
            Field("stt", gettext_lazy("No. (a number)")),
            Field("hinh_thuc", gettext_lazy("Form of commendation")),
            *(
                Field(name, format_lazy(gettext_lazy("{count} (a number)"), count=label))
                for name, label in COUNTS.items()
            ),
        ),
    )


SPEC: Spec = (
    Field("nam", gettext_lazy("Year of the decisions counted")),
    Field("don_vi_bao_cao", gettext_lazy("Reporting body: the organizer's name")),
    Field("don_vi_nhan_bao_cao", gettext_lazy("Receiving body")),
    Field("dia_danh_ngay", gettext_lazy("The place-and-date line, the date left to fill in")),
    *_count_fields(WHOLE, gettext_lazy("Whole year")),
    *(field for level in LEVELS for field in (*_count_fields(PREFIX[level], LEVELS[level]),)),
    *(_level_rows(level) for level in LEVELS),
)


def statistics_context(organizer: Organizer, year: int) -> Context:
    """The form's facts: counts as numbers, so the workbook's cells stay numbers a reader can add up."""
    counts = year_counts(organizer, year)
    context: Context = {
        "nam": year,
        "don_vi_bao_cao": organizer.name,
        "don_vi_nhan_bao_cao": _("Ministry of Home Affairs"),
        "dia_danh_ngay": w.date_line(organizer.province, None),
        **counts.whole.named(f"{WHOLE}_"),
    }
    for level, prefix in PREFIX.items():
        forms = counts.levels.get(level, {})
        subtotal = Line()
        for line in forms.values():
            subtotal = subtotal.plus(line)
        context.update(subtotal.named(f"{prefix}_"))
        context[prefix] = [
            {"stt": number, "hinh_thuc": name, **line.named()}
            for number, (name, line) in enumerate(sorted(forms.items()), start=1)
        ]
    return context


def _cell(sheet: Worksheet, row: int, column: int, value: object, **font: object) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = Font(name=FONT, size=12, **font)  # type: ignore[arg-type]
    cell.border = BOX
    cell.alignment = Alignment(
        horizontal="left" if column == 2 else "center", vertical="center", wrap_text=True
    )
    if 3 <= column <= 7:
        cell.number_format = COUNT_FORMAT


def _block(sheet: Worksheet, top: int, first: int, last: int, lines: list[tuple[str, bool]]) -> None:
    """Lines of text merged across columns `first`–`last`, centred (the form's title blocks)."""
    for offset, (text, bold) in enumerate(lines):
        row = top + offset
        sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row=row, column=first, value=text)
        cell.font = Font(name=FONT, size=12, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _head(sheet: Worksheet) -> int:
    p = placeholder
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
            (_("NUMBER OF COMMENDATIONS IN {year}").format(year=p("nam")), True),
            (_("(Decisions issued from 01/01/{year} to 31/12/{year})").format(year=p("nam")), False),
        ],
    )
    _block(
        sheet,
        1,
        7,
        8,
        [
            (_("Reporting body: {name}").format(name=p("don_vi_bao_cao")), False),
            (_("Receiving body: {name}").format(name=p("don_vi_nhan_bao_cao")), False),
        ],
    )
    # Rows tall enough for their wrapped lines: LibreOffice and Excel do not grow a merged cell's row.
    for row, height in ((1, 33), (2, 33), (4, 48)):
        sheet.row_dimensions[row].height = height
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


def _counts(prefix: str) -> list[str]:
    return [placeholder(f"{prefix}{name}") for name in COUNTS]


@lru_cache(maxsize=8)
def _template(language: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Commendations {year}").format(year=placeholder("nam"))
    row = _head(sheet)
    for column, value in enumerate(["", _("Total"), *_counts(f"{WHOLE}_"), ""], start=1):
        _cell(sheet, row, column, value, bold=True)
    row += 1
    for roman, (level, label) in zip(ROMAN, LEVELS.items(), strict=True):
        prefix = PREFIX[level]
        for column, value in enumerate([roman, str(label), *_counts(f"{prefix}_"), ""], start=1):
            _cell(sheet, row, column, value, bold=True)
        row += 1
        for line in row_loop(prefix, ["stt", "hinh_thuc", *COUNTS, "ghi_chu"]):
            for column, value in enumerate(line, start=1):
                _cell(sheet, row, column, "" if value == placeholder("r.ghi_chu") else value)
            row += 1
    _foot(sheet, row + 1)
    _page(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statistics_template() -> bytes:
    """The built-in template of the form, with SPEC's placeholders (our own layout, see above)."""
    return _template(get_language() or "")


def statistics_rendered(organizer: Organizer, year: int) -> Rendered:
    """The form of `year`, from the organizer's own workbook template when it has one (a failing one
    noticed, the built-in one used instead)."""
    own = override_content(organizer.pk, PAPER)
    return fill(own, statistics_template, statistics_context(organizer, year), WORKBOOK)


def statistics_workbook(organizer: Organizer, year: int) -> bytes:
    return statistics_rendered(organizer, year).content


def _foot(sheet: Worksheet, row: int) -> None:
    _block(sheet, row, 1, 3, [(_("PREPARED BY"), True), (_("(Signature and full name)"), False)])
    _block(
        sheet,
        row - 1,
        5,
        8,
        [
            (placeholder("dia_danh_ngay"), False),
            (_("HEAD OF THE UNIT"), True),
            (_("(Signature and seal)"), False),
        ],
    )


def _page(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "4:5"


@dataclass(frozen=True)
class YearRecord:
    """A year of the organizer's decisions: what the form's preview is made from."""

    organizer: Organizer
    year: int


def decision_years(organizer: Organizer) -> Iterator[YearRecord]:
    """The years the organizer (or one of its units) issued a decision in, latest first."""
    for day in Decision.objects.filter(organizer=organizer).dates("date", "year", order="DESC"):
        yield YearRecord(organizer, day.year)


def year_context(record: YearRecord) -> Context:
    return statistics_context(record.organizer, record.year)
