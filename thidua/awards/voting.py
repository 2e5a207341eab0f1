"""The council's vote as the law sets it, by legal regime and award (rules are data, each with its source):
which awards need the council's vote before a decision (VOTE-1), and the share of ALL council members,
present or not (absent members vote in writing), that passes a proposal.

Only what LAW.md confirms or marks is here. Where the law sets no threshold for a regime (Decree 152/2025,
the 2003 law), the province's board enters its own, with its document (meeting.thresholds reads both).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Threshold:
    share: Fraction
    cited: StrOrPromise

    @property
    def source(self) -> str:
        return str(self.cited)


_VOTE_1 = _("VOTE-1: Decree 98/2023/ND-CP Article 30 clause 7")
_DECREE_98_80 = Threshold(Fraction(80, 100), _VOTE_1)
_DECREE_98_90 = Threshold(Fraction(90, 100), _VOTE_1)

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

_BALLOTED = (
    "chien-si-thi-dua-co-so",
    "chien-si-thi-dua-tinh",
    "chien-si-thi-dua-toan-quoc",
    "co-thi-dua-tinh",
    "co-thi-dua-chinh-phu",
)
# regime code -> award -> the source that makes the council's vote mandatory before a decision.
VOTE_REQUIRED: dict[str, dict[str, StrOrPromise]] = {
    # VOTE-1 [C]: a ballot is mandatory for CSTĐCS, CSTĐ tỉnh, CSTĐ toàn quốc, provincial and Government Cờ.
    "law-2022/decree-98-2023": {code: _("Decree 98/2023/ND-CP, Article 30 clause 7") for code in _BALLOTED},
    # VOTE-2 [U]: Decree 152/2025 is read as keeping the ballot (QĐ 638/QĐ-BNV 2025 still asks the CSTĐCS
    # dossier for the ballot's result [S]); when unsure, the gate asks for the vote rather than skip it.
    "law-2022/decree-152-2025": {
        code: _("Decree 152/2025/ND-CP, keeping Decree 98/2023/ND-CP Article 30 clause 7 [U]")
        for code in _BALLOTED
    },
    # The 2003 law with Decree 91/2017: no mandatory vote on record in LAW.md, so none is required.
    "law-2003/decree-91-2017": {},
}


def law_threshold(regime: str, award: str) -> Threshold | None:
    return THRESHOLDS.get(regime, {}).get(award)


def vote_required(regime: str, award: str) -> str | None:
    """The source that makes the council's vote mandatory for `award` under `regime`; None if none does."""
    source = VOTE_REQUIRED.get(regime, {}).get(award)
    return None if source is None else str(source)
