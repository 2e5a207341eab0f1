"""Vietnamese wording shared by the documents: dates, names in headers, counts, percentages.

Unknown facts are never filled in: a paper leaves a dotted line for a hand to fill (FILL), or short dots
(BLANK) inside a phrase ("lúc …… giờ"); a paper ready to sign never says "not recorded".
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import override

from thidua.documents.vietnamese_names import GRANTOR_OF
from thidua.organisations.models import AwardTier, Cluster, Unit

BLANK = "……"
FILL = "\u2026" * 14  # a dotted line to fill in by hand, about a third of the page's width
CELL_FILL = "\u2026" * 8  # the same in a narrow table column, on one line


def date_line(place: str, day: datetime.date | None) -> str:
    """The place-and-date line under the motto. Decree 30/2020 Annex I: days 1–9 and months 1–2 take a
    leading zero ("ngày 05 tháng 02", but "tháng 3"); an unknown date stays blank to be filled in by hand."""
    where = place or BLANK
    if day is None:
        return _("{place}, {day}/{month}/{year}").format(place=where, day=BLANK, month=BLANK, year=BLANK)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("{place}, {day}/{month}/{year}").format(
        place=where, day=f"{day.day:02d}", month=month, year=day.year
    )


def short_date(day: datetime.date | None, unknown: str | None = None) -> str:
    return f"{day:%d/%m/%Y}" if day else (FILL if unknown is None else unknown)


def cluster_line(cluster: Cluster) -> str:
    """ "CỤM THI ĐUA …" / "KHỐI THI ĐUA …" from the cluster's name, adding "thi đua" where the name
    leaves it out ("Cụm các cơ quan Tham mưu tổng hợp" → "CỤM THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP")."""
    # The name is Vietnamese whatever the interface's language: it is read with the Vietnamese words.
    with override("vi"):
        word, vietnamese_title = cluster_word(cluster), cluster.get_kind_display()
    title = cluster.get_kind_display()
    name = cluster.name.strip()
    lowered = name.lower()
    if lowered.startswith(vietnamese_title.lower()):
        text = name
    elif lowered.startswith(f"{word.lower()} "):
        text = f"{title} {name[len(word) + 1 :]}"
    else:
        text = f"{title} {name}"
    return text.upper()


def cluster_word(cluster: Cluster) -> str:
    """ "Cụm" or "Khối", as in "Cụm trưởng" / "Khối trưởng"."""
    return cluster.word


def head_title(cluster: Cluster) -> str:
    """ "Cụm trưởng" or "Khối trưởng"."""
    return _("Block head") if cluster.kind == Cluster.Kind.KHOI else _("Cluster head")


def deputy_title(cluster: Cluster) -> str:
    """ "Cụm phó" or "Khối phó"."""
    return _("Block deputy") if cluster.kind == Cluster.Kind.KHOI else _("Cluster deputy")


def issuer_code(cluster: Cluster) -> str:
    """The issuing body's abbreviation after the document kind in "Số: /BB-CTĐ" (cụm / khối thi đua)."""
    if cluster.kind == Cluster.Kind.KHOI:
        # Translators: abbreviation of "emulation block" in a document's number, as in "No.: /BB-EB".
        return _("EB")
    # Translators: abbreviation of "emulation cluster" in a document's number, as in "No.: /BB-EC".
    return _("EC")


def count(n: int) -> str:
    """Counts below ten take a leading zero in administrative writing ("02 đơn vị")."""
    return f"{n:02d}"


def percent(share: Fraction) -> str:
    """A share as a percentage with at most two decimals and a decimal comma: 1/2 → "50", 2/3 → "66,67"."""
    value = Decimal(share.numerator * 100) / Decimal(share.denominator)
    text = str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).rstrip("0").rstrip(".")
    return text.replace(".", ",")


def number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def form_name(tier: AwardTier) -> str:
    """The form without its grantor, for a subject line:
    "Cờ thi đua của Ủy ban nhân dân tỉnh" → "Cờ thi đua"."""
    head, sep, _grantor = tier.name.partition(GRANTOR_OF)
    return head if sep else tier.name


def forms_phrase(tiers: list[AwardTier]) -> str:
    names: list[str] = []
    for tier in tiers:
        name = form_name(tier)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def unit_names(units: list[Unit]) -> str:
    return ", ".join(unit.name for unit in units)


def person_name(entry: str) -> str:
    """ "Nguyễn Quốc Toàn, Giám đốc Sở Tài chính" → "Nguyễn Quốc Toàn" (the name under a signature)."""
    return entry.split(",", 1)[0].strip()
