"""The council's approval thresholds by legal regime and award (rules are data, each with its source).

A share is of ALL council members, present or not (absent members vote in writing). Only what LAW.md
confirms is here: an award or regime missing from this table has no known threshold, and the council's
result says so rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Threshold:
    share: Fraction
    source: str


_DECREE_98_80 = Threshold(Fraction(80, 100), "VOTE-1: Nghị định 98/2023/NĐ-CP Điều 30 khoản 7")
_DECREE_98_90 = Threshold(Fraction(90, 100), "VOTE-1: Nghị định 98/2023/NĐ-CP Điều 30 khoản 7")

# regime code (thidua.awards.regimes) -> award catalogue code -> threshold.
THRESHOLDS: dict[str, dict[str, Threshold]] = {
    # VOTE-1 [C], in force 01/01/2024 – 30/06/2025. (Heroes titles need 90% too; not in our catalogue.)
    "law-2022/decree-98-2023": {
        "chien-si-thi-dua-co-so": _DECREE_98_80,
        "co-thi-dua-tinh": _DECREE_98_80,
        "co-thi-dua-chinh-phu": _DECREE_98_80,
        "chien-si-thi-dua-tinh": _DECREE_98_90,
        "chien-si-thi-dua-toan-quoc": _DECREE_98_90,
    },
    # VOTE-2 [U]: whether Decree 152/2025 keeps these thresholds is not verified: nothing entered.
    "law-2022/decree-152-2025": {},
    # The 2003 law with Decree 91/2017: no threshold confirmed in LAW.md.
    "law-2003/decree-91-2017": {},
}


def threshold_for(regime: str, catalog: str) -> Threshold | None:
    return THRESHOLDS.get(regime, {}).get(catalog)
