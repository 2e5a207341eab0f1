"""The legal regimes, each in force over a span of dates (LAW.md section 0). Rules are data, by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Regime:
    code: str
    name: StrOrPromise
    law: StrOrPromise
    decree: StrOrPromise
    start: date
    end: date | None  # last day in force; None: still in force

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


REGIMES: tuple[Regime, ...] = (
    # The 2003 law (amended 2005, 2013) with Decree 91/2017, until Law 06/2022 took effect (LAW-00).
    Regime(
        "law-2003/decree-91-2017",
        _("Law on Emulation and Commendation 2003 and Decree 91/2017/ND-CP"),
        _("Law on Emulation and Commendation 2003 (amended 2005, 2013)"),
        _("Decree 91/2017/ND-CP"),
        date(2017, 10, 1),
        date(2023, 12, 31),
    ),
    # LAW-00 + DEC-00a: Law 06/2022/QH15 from 01/01/2024; Decree 98/2023 until 30/06/2025.
    Regime(
        "law-2022/decree-98-2023",
        _("Law on Emulation and Commendation 2022 and Decree 98/2023/ND-CP"),
        _("Law on Emulation and Commendation No. 06/2022/QH15"),
        _("Decree 98/2023/ND-CP"),
        date(2024, 1, 1),
        date(2025, 6, 30),
    ),
    # DEC-00b: Decree 152/2025 from 01/07/2025 (its Art. 59 repeals Decree 98/2023).
    Regime(
        "law-2022/decree-152-2025",
        _("Law on Emulation and Commendation 2022 and Decree 152/2025/ND-CP"),
        _("Law on Emulation and Commendation No. 06/2022/QH15"),
        _("Decree 152/2025/ND-CP"),
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


def regime_named(code: str) -> Regime | None:
    return next((regime for regime in REGIMES if regime.code == code), None)


def name_of(code: str) -> str:
    """'law-2003/decree-91-2017' -> 'Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP'."""
    regime = regime_named(code)
    return str(regime.name) if regime else code


# The rules of transition: each new text leaves a dossier received before it took effect to the text it was
# received under, so a proposal's regime is the one in force on the day its dossier was received.
# - NĐ 152/2025/NĐ-CP Điều 60 khoản 3 [S]: Bộ Nội vụ handled a dossier whose tờ trình is dated 15/6/2025
#   under NĐ 98/2023 Điều 46 khoản 1 "căn cứ khoản 3 Điều 60 Nghị định số 152/2025/NĐ-CP" (its notice
#   on the ministry's portal); the clause's own wording was not seen.
# - Luật 06/2022/QH15 Điều 94 khoản 1 (in force 01/01/2024) and Điều 95 (vi.wikisource): the Law's
#   transitional article only keeps the awards granted before it and says nothing of pending dossiers; that
#   a dossier received before 01/01/2024 stays under the 2003 law and NĐ 91/2017 is read from NĐ 98/2023,
#   whose transitional article was not retrieved [U].
# Below, the day each text took effect with the source of its rule of transition.
TRANSITIONS: tuple[tuple[date, StrOrPromise], ...] = (
    (date(2024, 1, 1), _("Law 06/2022/QH15, Article 94 clause 1 and Article 95; Decree 98/2023/ND-CP [U]")),
    (date(2025, 7, 1), _("Decree 152/2025/ND-CP, Article 60 clause 3 [S]")),
)


def transition_source(regime: Regime) -> str:
    """The rules of transition at the edges of `regime`: what keeps a dossier received within it there."""
    after = regime.end + timedelta(days=1) if regime.end else None
    return "; ".join(str(source) for day, source in TRANSITIONS if day in (regime.start, after))


def regime_for_dossier(year: int, received_on: date | None) -> Regime:
    """The one regime of a proposal for `year`. Provisional until the board receives the dossier: the law
    in force for the year of the achievement (at its end). Fixed from the day of receipt: the regime in force
    that day (TRANSITIONS), whether that is before the year's end (a flag proposed in December) or
    after a new text took effect (a dossier of 2023 received in January 2024)."""
    return regime_for(received_on) if received_on is not None else regime_for_year(year)


def within(regime: Regime, day: date) -> date:
    """`day` brought inside the regime's span: the day whose rule versions are the regime's own."""
    if day < regime.start:
        return regime.start
    if regime.end is not None and day > regime.end:
        return regime.end
    return day
