"""The cluster's letterhead: who issues, the number, the place and date (Decree 30/2020 Annex I, items 1–4).

The issuer is the year's head unit under the cluster's "CỤM THI ĐUA …" line; with no head on record, the
cluster itself issues under its organizer.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import national_header
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
