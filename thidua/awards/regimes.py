"""The legal regimes, each in force over a span of dates (LAW.md section 0). Rules are data, by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Regime:
    code: str
    name: str
    law: str
    decree: str
    start: date
    end: date | None  # last day in force; None: still in force

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


REGIMES: tuple[Regime, ...] = (
    # The 2003 law (amended 2005, 2013) with Decree 91/2017, until Law 06/2022 took effect (LAW-00).
    Regime(
        "law-2003/decree-91-2017",
        "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP",
        "Luật Thi đua, khen thưởng năm 2003 (sửa đổi 2005, 2013)",
        "Nghị định 91/2017/NĐ-CP",
        date(2017, 10, 1),
        date(2023, 12, 31),
    ),
    # LAW-00 + DEC-00a: Law 06/2022/QH15 from 01/01/2024; Decree 98/2023 until 30/06/2025.
    Regime(
        "law-2022/decree-98-2023",
        "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định 98/2023/NĐ-CP",
        date(2024, 1, 1),
        date(2025, 6, 30),
    ),
    # DEC-00b: Decree 152/2025 from 01/07/2025 (its Art. 59 repeals Decree 98/2023).
    Regime(
        "law-2022/decree-152-2025",
        "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định 152/2025/NĐ-CP",
        date(2025, 7, 1),
        None,
    ),
)


def regime_for(day: date) -> Regime:
    """The regime in force on `day`; days before the first one known fall under the oldest."""
    for regime in REGIMES:
        if regime.covers(day):
            return regime
    return REGIMES[0]


def regime_for_year(year: int) -> Regime:
    """A year is judged by the regime in force at its end (DESIGN.md invariants; ELIGIBILITY.md default)."""
    return regime_for(date(year, 12, 31))
