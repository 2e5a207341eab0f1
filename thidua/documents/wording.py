"""Vietnamese wording shared by the documents: dates, names in headers, counts, percentages.

Unknown facts are never filled in: every helper here returns dotted blanks or "chưa ghi nhận" for None.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from thidua.organisations.models import AwardTier, Cluster, Unit

UNKNOWN = "chưa ghi nhận"
BLANK = "……"


def date_line(place: str, day: datetime.date | None) -> str:
    """The place-and-date line under the motto. Decree 30/2020 Annex I: days 1–9 and months 1–2 take a
    leading zero ("ngày 05 tháng 02", but "tháng 3"); an unknown date stays blank to be filled in by hand."""
    where = place or BLANK
    if day is None:
        return f"{where}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{where}, ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: datetime.date | None, unknown: str = UNKNOWN) -> str:
    return f"{day:%d/%m/%Y}" if day else unknown


def cluster_line(cluster: Cluster) -> str:
    """ "CỤM THI ĐUA …" / "KHỐI THI ĐUA …" from the cluster's name, adding "thi đua" where the name
    leaves it out ("Cụm các cơ quan Tham mưu tổng hợp" → "CỤM THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP")."""
    word = "Khối" if cluster.kind == Cluster.Kind.KHOI else "Cụm"
    name = cluster.name.strip()
    lowered = name.lower()
    if lowered.startswith(f"{word.lower()} thi đua"):
        text = name
    elif lowered.startswith(f"{word.lower()} "):
        text = f"{word} thi đua {name[len(word) + 1 :]}"
    else:
        text = f"{word} thi đua {name}"
    return text.upper()


def cluster_word(cluster: Cluster) -> str:
    """ "Cụm" or "Khối", as in "Cụm trưởng" / "Khối trưởng"."""
    return cluster.word


def issuer_code(cluster: Cluster) -> str:
    """The issuing body's abbreviation after the document kind in "Số: /BB-CTĐ" (cụm / khối thi đua)."""
    return "KTĐ" if cluster.kind == Cluster.Kind.KHOI else "CTĐ"


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
    head, sep, _ = tier.name.partition(" của ")
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
