"""The cluster's letterhead: who issues, the number, the place and date (Decree 30/2020 Annex I, items 1–4).

The issuer is the year's head unit under the cluster's "CỤM THI ĐUA …" line; with no head on record, the
cluster itself issues under its organizer.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import national_header
from thidua.documents.templating import Context, Field, Spec, only_if, placeholder
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit

# Room left in the number for the clerk's register ("Số:      /BB-CTĐ").
NUMBER_GAP = "\u00a0" * 8


def letterhead_parts(
    summary: YearSummary,
    *,
    kind: str,
    day: datetime.date | None,
    number: str = "",
    unit: Unit | None = None,
) -> tuple[str, str, str, str]:
    """(superior, issuer, the number line, the place-and-date line) of the cluster's letterhead: `number`
    is the paper's number and symbol as recorded ("05/KH-CTĐ"); without one, room is left for the clerk's
    register before "/<kind>-CTĐ". `unit` issues a member's own paper (its score sheet)."""
    if unit is not None:
        superior, issuer = w.cluster_line(summary.cluster), unit.name.upper()
    elif summary.head is not None:
        superior, issuer = w.cluster_line(summary.cluster), summary.head.name.upper()
    else:
        superior, issuer = summary.organizer.name.upper(), w.cluster_line(summary.cluster)
    number_line = (
        _("No.: {number}").format(number=number)
        if number
        else _("No.:{gap}/{kind}-{issuer}").format(
            gap=NUMBER_GAP, kind=kind, issuer=w.issuer_code(summary.cluster)
        )
    )
    return superior, issuer, number_line, w.date_line(summary.organizer.province, day)


def letterhead(
    doc: DocxDocument,
    summary: YearSummary,
    *,
    kind: str,
    day: datetime.date | None,
    number: str = "",
    unit: Unit | None = None,
) -> None:
    superior, issuer, number_line, date_line = letterhead_parts(
        summary, kind=kind, day=day, number=number, unit=unit
    )
    national_header(doc, superior=superior, issuer=issuer, number=number_line, date_line=date_line)


# The letterhead's placeholders, in every template of the cluster's papers.
LETTERHEAD: Spec = (
    Field("co_quan_cap_tren", gettext_lazy("Superior line, in capitals")),
    Field("co_quan_ban_hanh", gettext_lazy("Issuing body, in capitals")),
    Field("dong_so_ky_hieu", gettext_lazy("Number line, room left for the register")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line")),
)


def letterhead_context(
    summary: YearSummary, *, kind: str, day: datetime.date | None, number: str = ""
) -> Context:
    """The letterhead's facts, as LETTERHEAD names them."""
    superior, issuer, number_line, date_line = letterhead_parts(summary, kind=kind, day=day, number=number)
    return {
        "co_quan_cap_tren": superior,
        "co_quan_ban_hanh": issuer,
        "dong_so_ky_hieu": number_line,
        "dia_danh_ngay": date_line,
    }


def letterhead_template(doc: DocxDocument) -> None:
    """The letterhead of a built-in template: the layout module's header holding LETTERHEAD's placeholders
    (the superior line kept only when there is one)."""
    table = national_header(
        doc,
        superior=placeholder("co_quan_cap_tren"),
        issuer=placeholder("co_quan_ban_hanh"),
        number=placeholder("dong_so_ky_hieu"),
        date_line=placeholder("dia_danh_ngay"),
    )
    only_if(table.rows[0].cells[0].paragraphs[0], "co_quan_cap_tren")
