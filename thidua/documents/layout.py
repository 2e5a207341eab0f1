"""Word layout in the administrative format of Decree 30/2020/NĐ-CP (Annex I): the page, the national
header, body paragraphs, tables and signature blocks. The documents only say what goes where."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_SIZE = 14
HEADER_SIZE = 13
MOTTO_SIZE = 12  # Annex I: the motto's first line and the issuing body, 12–13 pt
TABLE_SIZE = 13


def new_document(title: str) -> DocxDocument:
    """An empty A4 portrait document; margins within Annex I (top/bottom 20–25 mm, left 30–35 mm,
    right 15–20 mm), Times New Roman 14 pt."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_SIZE)
    # East Asian and complex-script slots too, so Word never swaps the font for Vietnamese letters.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    doc.core_properties.title = title
    doc.core_properties.author = "thidua"
    doc.core_properties.language = "vi-VN"
    return doc


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: int | None = None


def write(
    paragraph: Paragraph,
    *parts: str | Run,
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: int | None = None,
) -> Paragraph:
    for part in parts:
        piece = part if isinstance(part, Run) else Run(part)
        run = paragraph.add_run(piece.text)
        run.bold = piece.bold or None
        run.italic = piece.italic or None
        run.underline = piece.underline or None
        if piece.size or size:
            run.font.size = Pt(piece.size or size or BODY_SIZE)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def body(
    doc: DocxDocument, *parts: str | Run, indent: bool = True, after: int = 6, keep: bool = False
) -> Paragraph:
    """A body paragraph: justified, first line indented 1 cm, 6 pt after (Annex I). `keep` holds it on
    the page of what follows (a heading, or the sentence that introduces a table)."""
    paragraph = write(doc.add_paragraph(), *parts, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(1) if indent else None
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    fmt.keep_with_next = keep or None
    return paragraph


def items(doc: DocxDocument, texts: Sequence[str]) -> None:
    """A list in administrative style: each item ends with a semicolon, the last with a full stop."""
    for i, text in enumerate(texts):
        body(doc, text + ("." if i == len(texts) - 1 else ";"))


def heading(doc: DocxDocument, text: str) -> Paragraph:
    return body(doc, Run(text, bold=True), keep=True)


def centered(doc: DocxDocument, *parts: str | Run, after: int = 0, size: int | None = None) -> Paragraph:
    paragraph = write(doc.add_paragraph(), *parts, align=WD_ALIGN_PARAGRAPH.CENTER, size=size)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _fixed_widths(table: Table, widths: Sequence[int]) -> None:
    table.autofit = False
    for row in table.rows:
        # A row never breaks across pages: a name or a signature block stays whole.
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def borderless(doc: DocxDocument, widths_cm: Sequence[float]) -> Table:
    """One row of borderless cells of fixed widths, centred: blocks laid side by side (a paper's foot)."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, [Cm(w) for w in widths_cm])
    return table


def picture(paragraph: Paragraph, png: bytes, width_cm: float) -> Paragraph:
    """A PNG (a QR code) inline in `paragraph`, `width_cm` wide."""
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
    return paragraph


def _cell_lines(cell: _Cell, lines: Sequence[Sequence[str | Run]], size: int) -> None:
    first = True
    for parts in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        write(paragraph, *parts, align=WD_ALIGN_PARAGRAPH.CENTER, size=size)


def _rule_under(cell: _Cell, width_cm: float, cell_cm: float) -> None:
    """The short solid line under the issuing body's name (Annex I), drawn as the bottom border of an
    empty paragraph narrowed by indents to about a third of the name's width."""
    paragraph = cell.add_paragraph()
    side = Cm((cell_cm - width_cm) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


# The two header columns may reach 2.5 mm into the margins each side (centred), so that the motto's
# first line holds on one line at 12 pt as in the Annex I sample.
LEFT_CM, RIGHT_CM = 6.3, 10.7


def national_header(
    doc: DocxDocument,
    *,
    superior: str,
    issuer: str,
    number: str,
    date_line: str,
) -> Table:
    """The header table: issuing body left, national motto right; number left, place and date right."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = table.rows[0].cells
    issuer_lines: list[list[str | Run]] = [[Run(issuer, bold=True)]]
    if superior:
        issuer_lines.insert(0, [Run(superior)])
    _cell_lines(left, issuer_lines, MOTTO_SIZE)
    _rule_under(left, 2.4, LEFT_CM)
    _cell_lines(
        right,
        [
            [Run(_("SOCIALIST REPUBLIC OF VIETNAM"), bold=True, size=MOTTO_SIZE)],
            [Run(_("Independence - Freedom - Happiness"), bold=True, underline=True, size=BODY_SIZE)],
        ],
        HEADER_SIZE,
    )
    number_cell, date_cell = table.rows[1].cells
    _cell_lines(number_cell, [[Run(number)]], HEADER_SIZE)
    _cell_lines(date_cell, [[Run(date_line, italic=True)]], BODY_SIZE)
    _fixed_widths(table, [Cm(LEFT_CM), Cm(RIGHT_CM)])
    doc.add_paragraph().paragraph_format.space_after = Pt(6)
    return table


def grid(
    doc: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    *,
    centered_columns: Sequence[int] = (0,),
    size: int = TABLE_SIZE,
) -> Table:
    """A bordered table with a bold header row that repeats on each page."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        write(cell.paragraphs[0], Run(text, bold=True), align=WD_ALIGN_PARAGRAPH.CENTER, size=size)
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.CENTER if index in centered_columns else WD_ALIGN_PARAGRAPH.LEFT
            write(cell.paragraphs[0], text, align=align, size=size)
    _fixed_widths(table, [Cm(w) for w in widths_cm])
    doc.add_paragraph().paragraph_format.space_after = Pt(3)
    return table


@dataclass(frozen=True)
class Signature:
    """One signature block: capacity lines (bold caps), a hint in italics, room to sign, the name."""

    lines: tuple[str, ...]
    name: str = ""
    hint: str = field(default_factory=lambda: _("(Signature and full name)"))
    note: str = ""  # an italic line under the hint, e.g. the day this party signed


def signatures(
    doc: DocxDocument, left: Signature | None, right: Signature, *, recipients: Sequence[str] = ()
) -> Table:
    """Signature blocks side by side; with `recipients`, the left column is the "Nơi nhận:" block
    (Annex I: bold italic 12 pt heading, 11 pt list, flush left)."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left_cell, right_cell = table.rows[0].cells
    if recipients:
        write(left_cell.paragraphs[0], Run(_("Recipients:"), bold=True, italic=True, size=12))
        for line in recipients:
            write(left_cell.add_paragraph(), Run(line, size=11))
    elif left is not None:
        _signature_cell(left_cell, left)
    _signature_cell(right_cell, right)
    _fixed_widths(table, [Cm(7.5), Cm(9.0)])
    return table


def _signature_cell(cell: _Cell, signature: Signature) -> None:
    lines: list[list[str | Run]] = [[Run(line, bold=True)] for line in signature.lines]
    lines.append([Run(signature.hint, italic=True, size=HEADER_SIZE)])
    if signature.note:
        lines.append([Run(signature.note, italic=True, size=HEADER_SIZE)])
    lines.extend([[""]] * 4)
    lines.append([Run(signature.name, bold=True)])
    _cell_lines(cell, lines, BODY_SIZE)


def signature_grid(doc: DocxDocument, blocks: Sequence[Signature]) -> Table:
    """One signature block per party, two to a row (a pact signed by every member unit); a row never
    breaks across pages, so each block stays whole."""
    rows = (len(blocks) + 1) // 2
    table = doc.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    for index, block in enumerate(blocks):
        cell = table.rows[index // 2].cells[index % 2]
        _signature_cell(cell, block)
        cell.add_paragraph().paragraph_format.space_after = Pt(6)
    _fixed_widths(table, [Cm(8.25), Cm(8.25)])
    return table
