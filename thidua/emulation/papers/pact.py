"""Giao ước thi đua: the pact the member units sign at the start of the year, with the movement's
commitments as the launch records them, each unit's registered targets and titles, and one signature
block per unit of the year's roster (with the day it signed, when recorded).

Nothing is added that the launch, the registrations and the signings do not hold: a unit that has not
registered gets a dotted line, a pact not yet signed a blank date.

A Word template (documents.templating): the pact's facts (pact_context, placeholders in SPEC) poured into
the organizer's own template or the built-in one, which the layout module makes here.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from docx.table import Table

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, heading, new_document, signature_grid
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder, saved
from thidua.emulation.models import Signing
from thidua.emulation.papers.common import CLUSTER_NAME, YEAR
from thidua.emulation.papers.letterhead import LETTERHEAD, letterhead_context, letterhead_template
from thidua.emulation.queries.papers import start_of_year
from thidua.emulation.queries.summary import YearSummary

PAPER = "giao-uoc-thi-dua"
SPEC: Spec = (
    *LETTERHEAD,
    YEAR,
    CLUSTER_NAME,
    Field("so_ke_hoach", gettext_lazy("Number of the launch plan (empty when none is recorded)")),
    Field("ngay_ke_hoach", gettext_lazy("Date of the launch plan")),
    Field("dong_cac_ben", gettext_lazy("Sentence naming the parties to the pact")),
    Rows(
        "cam_ket_chung",
        gettext_lazy("Common commitments as the launch records them, one each"),
        (Field("noi_dung", gettext_lazy("The commitment")),),
    ),
    Rows(
        "cam_ket_don_vi",
        gettext_lazy("Each member unit's commitments, line by line: the unit's name, then its targets"),
        (
            Field("dong", gettext_lazy("The line")),
            Field("tieu_de", gettext_lazy("The line is the unit's name (yes or no)"), flag=True),
        ),
    ),
    Field("dong_so_ban", gettext_lazy("Sentence on the number of copies")),
    Rows(
        "chu_ky",
        gettext_lazy("One signature block per member unit, in roster order"),
        (
            Field("ten", gettext_lazy("Unit name, in capitals")),
            Field("ngay_ky", gettext_lazy("The day it signed, in brackets (empty when not recorded)")),
        ),
    ),
    Rows(
        "cap_chu_ky",
        gettext_lazy("The same blocks two to a row, left and right"),
        (
            Field("trai_ten", gettext_lazy("Left unit's name, in capitals")),
            Field("trai_ngay_ky", gettext_lazy("The day the left unit signed (empty when not recorded)")),
            Field("phai_ten", gettext_lazy("Right unit's name, in capitals (empty in an odd last row)")),
            Field("phai_ngay_ky", gettext_lazy("The day the right unit signed (empty when not recorded)")),
        ),
    ),
)


def pact_context(summary: YearSummary) -> Context:
    """The pact's facts, as its placeholders name them (SPEC)."""
    start = start_of_year(summary.cluster_year, summary.members)
    launch, first = start.launch, start.first_signed
    year = summary.cluster_year.year
    members = len(start.members)
    parties = ngettext(
        "The {count} member unit of {cluster} for {year} signs the emulation pact as follows:",
        "The {count} member units of {cluster} for {year} sign the emulation pact as follows:",
        members,
    ).format(count=w.count(members), cluster=summary.cluster.name, year=year)
    theme = [line.strip() for line in (launch.theme if launch else "").splitlines() if line.strip()]
    commitments: list[dict[str, object]] = []
    for i, unit in enumerate(start.members, start=1):
        commitments.append({"dong": f"{i}. {unit.name}:", "tieu_de": True})
        registration = start.registrations.get(unit.pk)
        if registration is None:
            commitments.append({"dong": w.FILL, "tieu_de": False})
            continue
        for line in registration.target_lines():
            commitments.append({"dong": f"- {line.strip()}", "tieu_de": False})
        titles = ", ".join(registration.title_names())
        line = _("- Titles and forms registered: {titles}.").format(titles=titles)
        commitments.append({"dong": line, "tieu_de": False})
    copies = ngettext(
        "The pact is made in {count} copy, one kept by each member unit.",
        "The pact is made in {count} copies, one kept by each member unit.",
        members,
    ).format(count=w.count(members))
    blocks = [_block(unit.name, start.signings.get(unit.pk)) for unit in start.members]
    pairs = [
        {
            "trai_ten": left["ten"],
            "trai_ngay_ky": left["ngay_ky"],
            "phai_ten": right["ten"],
            "phai_ngay_ky": right["ngay_ky"],
        }
        for left, right in zip(blocks[::2], [*blocks[1::2], {"ten": "", "ngay_ky": ""}], strict=False)
    ]
    return {
        **letterhead_context(summary, kind=_("EP"), day=first.signed_on if first else None),
        "nam": str(year),
        "ten_cum": summary.cluster.name,
        "so_ke_hoach": launch.document_number if launch else "",
        "ngay_ke_hoach": w.short_date(launch.date) if launch else "",
        "dong_cac_ben": parties,
        "cam_ket_chung": [{"noi_dung": line} for line in theme or [w.FILL]],
        "cam_ket_don_vi": commitments,
        "dong_so_ban": copies,
        "chu_ky": blocks,
        "cap_chu_ky": pairs,
    }


def _block(name: str, signing: Signing | None) -> dict[str, str]:
    note = _("(Signed on {date})").format(date=w.short_date(signing.signed_on)) if signing else ""
    return {"ten": name.upper(), "ngay_ky": note}


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    p = placeholder
    title = _("{title} for {year} – {cluster}").format(
        title=_("Emulation pact"), year=p("nam"), cluster=p("ten_cum")
    )
    doc = new_document(title)
    letterhead_template(doc)
    centered(doc, Run(_("EMULATION PACT"), bold=True))
    subject = _("For {year} of {cluster}").format(year=p("nam"), cluster=p("ten_cum"))
    centered(doc, Run(subject, bold=True), after=12)
    under = _("Carrying out plan No. {number} of {date} launching the emulation movement for {year},")
    only_if(
        body(doc, under.format(number=p("so_ke_hoach"), date=p("ngay_ke_hoach"), year=p("nam"))),
        "so_ke_hoach",
    )
    body(doc, p("dong_cac_ben"))
    heading(doc, _("I. COMMON COMMITMENTS"))
    doc.add_paragraph("{%p for c in cam_ket_chung %}")
    body(doc, "- " + p("c.noi_dung"))
    doc.add_paragraph("{%p endfor %}")
    heading(doc, _("II. EACH MEMBER UNIT'S COMMITMENTS"))
    doc.add_paragraph("{%p for d in cam_ket_don_vi %}")
    doc.add_paragraph("{%p if d.tieu_de %}")
    body(doc, Run(p("d.dong"), bold=True), keep=True)
    doc.add_paragraph("{%p else %}")
    body(doc, p("d.dong"))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    heading(doc, _("III. ORGANISATION"))
    body(doc, p("dong_so_ban"))
    hint = _("(Signature, full name and seal)")
    blocks = [
        Signature((p("c.trai_ten"),), hint=hint, note=p("c.trai_ngay_ky")),
        Signature((p("c.phai_ten"),), hint=hint, note=p("c.phai_ngay_ky")),
    ]
    _signature_rows(signature_grid(doc, blocks))
    return saved(doc)


def _signature_rows(table: Table) -> None:
    """The grid's one row repeated for each pair of units (`{%tr for c in cap_chu_ky %}`): the day line kept
    only when the unit signed, the right block only when there is a right unit (its cell keeps its last,
    empty paragraph: a cell is never empty)."""
    left, right = table.rows[0].cells
    only_if(left.paragraphs[2], "c.trai_ngay_ky")
    only_if(right.paragraphs[2], "c.phai_ngay_ky")
    right.paragraphs[0].insert_paragraph_before("{%p if c.phai_ten %}")
    right.paragraphs[-1].insert_paragraph_before("{%p endif %}")
    row = table.rows[0]._tr
    for tag, before in (("{%tr for c in cap_chu_ky %}", True), ("{%tr endfor %}", False)):
        added = table.add_row()
        added.cells[0].paragraphs[0].text = tag
        table._tbl.remove(added._tr)
        if before:
            row.addprevious(added._tr)
        else:
            row.addnext(added._tr)


def default_template() -> bytes:
    """The built-in template of the pact, made by the layout module."""
    return _default_template(get_language() or "")
