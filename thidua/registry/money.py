"""Bonus money as data: coefficients per award and regime, and the base salary (lương cơ sở) by date.

DEC-MONEY (LAW.md section 3): bonus = coefficient x base salary in force on the decision date, rounded UP
to the next 10,000 đồng; when a subject holds several titles for the same period only the highest is paid.
Each figure carries its source and LAW.md's confidence mark ([C] confirmed, [S] secondary, [U] memory).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalogue import PERSON, UNIT
from thidua.awards.regimes import regime_for

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ROUND_TO = 10_000


@dataclass(frozen=True)
class BaseSalary:
    start: date
    amount: int
    source: StrOrPromise
    confidence: str


# Newest last; each is in force from its start until the next one.
BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(date(2018, 7, 1), 1_390_000, _("Decree 72/2018/ND-CP"), "U"),
    # thuvienphapluat.vn: "từ ngày 01/7/2019, mức lương cơ sở là 1.490.000 đồng/tháng" (NĐ 38/2019).
    BaseSalary(date(2019, 7, 1), 1_490_000, _("Decree 38/2019/ND-CP"), "S"),
    # baomoi.com / qdnd.vn: NĐ 24/2023 raises the base to 1,8 triệu đồng from 1/7/2023, replacing NĐ 38/2019.
    BaseSalary(date(2023, 7, 1), 1_800_000, _("Decree 24/2023/ND-CP"), "S"),
    # LAW.md DEC-MONEY: 2,340,000 VND from 01/7/2024 (NĐ 73/2024).
    BaseSalary(date(2024, 7, 1), 2_340_000, _("Decree 73/2024/ND-CP"), "C"),
)


@dataclass(frozen=True)
class Coefficient:
    value: Decimal
    source: StrOrPromise
    confidence: str


def _table(
    source: StrOrPromise, flags: tuple[str, str], titles: str, commendations: str
) -> dict[tuple[str, str], Coefficient]:
    """One regime's coefficients, with the confidence of the titles' and of the commendations' figures.
    `flags` are the Government's and the provincial flag's. Bằng khen and Giấy khen of a collective are
    twice the individual's (NĐ 91/2017 Art. 71-72, kept since) [U]."""

    def title(value: str) -> Coefficient:
        return Coefficient(Decimal(value), source, titles)

    def co(value: str) -> Coefficient:
        return Coefficient(Decimal(value), source, commendations)

    gov, prov = flags
    return {
        ("chien-si-thi-dua-toan-quoc", PERSON): title("4.5"),
        ("chien-si-thi-dua-tinh", PERSON): title("3.0"),
        ("chien-si-thi-dua-co-so", PERSON): title("1.0"),
        ("lao-dong-tien-tien", PERSON): title("0.3"),
        ("tap-the-lao-dong-xuat-sac", UNIT): title("1.5"),
        ("tap-the-lao-dong-tien-tien", UNIT): title("0.8"),
        ("co-thi-dua-chinh-phu", UNIT): title(gov),
        ("co-thi-dua-tinh", UNIT): title(prov),
        ("co-thi-dua-bo-nganh", UNIT): title(prov),
        ("bang-khen-thu-tuong", PERSON): co("1.5"),
        ("bang-khen-thu-tuong", UNIT): co("3.0"),
        ("bang-khen-chu-tich-tinh", PERSON): co("1.0"),
        ("bang-khen-chu-tich-tinh", UNIT): co("2.0"),
        ("bang-khen-bo-truong", PERSON): co("1.0"),
        ("bang-khen-bo-truong", UNIT): co("2.0"),
        ("giay-khen", PERSON): co("0.3"),
        ("giay-khen", UNIT): co("0.6"),
    }


# Keyed by regime code (awards/regimes.py). NĐ 152's titles are LAW.md DEC-MONEY [C]; NĐ 98/2023 and
# NĐ 91/2017 are from memory of those decrees [U] (NĐ 91/2017 Art. 70: Government flag 24.5, provincial 15.5).
COEFFICIENTS: dict[str, dict[tuple[str, str], Coefficient]] = {
    "law-2003/decree-91-2017": _table(_("Decree 91/2017/ND-CP, Articles 70–72"), ("24.5", "15.5"), "U", "U"),
    "law-2022/decree-98-2023": _table(_("Decree 98/2023/ND-CP"), ("12.0", "8.0"), "U", "U"),
    "law-2022/decree-152-2025": _table(_("Decree 152/2025/ND-CP, Articles 49–50"), ("12.0", "8.0"), "C", "U"),
}


@dataclass(frozen=True)
class Bonus:
    coefficient: Decimal
    base_salary: int
    amount: int  # đồng, rounded up to 10,000
    source: str

    def describe(self) -> str:
        # Vietnamese decimals take a comma: 15,5 × 1.490.000 đồng.
        coefficient = str(self.coefficient).replace(".", ",")
        return gettext("{coefficient} × {base_salary} dong ({source})").format(
            coefficient=coefficient, base_salary=thousands(self.base_salary), source=self.source
        )


def thousands(amount: int) -> str:
    """An amount of đồng the Vietnamese way, thousands separated by dots: 23100000 -> "23.100.000"."""
    return f"{amount:,}".replace(",", ".")


def base_salary_on(day: date) -> BaseSalary | None:
    """The base salary in force on `day`; None before the first one on record."""
    found = None
    for salary in BASE_SALARIES:
        if salary.start <= day:
            found = salary
    return found


def round_up(amount: Decimal) -> int:
    """Up to the next 10,000 đồng (DEC-MONEY): 447,000 -> 450,000; 450,000 stays."""
    return math.ceil(amount / ROUND_TO) * ROUND_TO


def bonus_for(award: str, subject_kind: str, day: date, *, regime: str | None = None) -> Bonus | None:
    """The bonus of `award` for a person or unit decided on `day`: the coefficient of `regime` (the
    proposal's own, else the one in force on `day`), the base salary in force on `day`. None when a figure
    is not on record."""
    coefficient = COEFFICIENTS[regime or regime_for(day).code].get((award, subject_kind))
    salary = base_salary_on(day)
    if coefficient is None or salary is None:
        return None
    amount = round_up(coefficient.value * salary.amount)
    marks = {c: f" [{c}]" for c in ("S", "U")}
    source = (
        f"{coefficient.source}{marks.get(coefficient.confidence, '')}; "
        f"{salary.source}{marks.get(salary.confidence, '')}"
    )
    return Bonus(coefficient.value, salary.amount, amount, source)


def top_up(amount: int, already_paid: int) -> int:
    """What to pay now when `already_paid` went to other titles of the same period: only the highest is
    paid (DEC-MONEY), so a higher title pays the difference and a lower one nothing."""
    return max(0, amount - already_paid)
