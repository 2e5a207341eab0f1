"""The dossier checklist of a proposal, per award and regime, as data with its sources (LAW.md section 4).

DOS-1 (Law Art. 84 cl.1): titles need a tờ trình, a báo cáo thành tích and the review minutes; any
Chiến sĩ thi đua level adds the recognition of the initiative. DOS-2: for CSTĐCS under the 2022 law the
proof of excellent completion may replace the initiative. DOS-3: the Government flag needs the council
minutes with the ballot results. Commendations (Bằng khen, Giấy khen): Law Art. 84 cl.2-7 is not in
LAW.md, so the same core items are listed and marked [U]. A cluster's proposal always carries the
minutes of the cluster's review meeting (LAW.md TPL-5, CL-05).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.catalogue import AWARDS

LAW_84 = gettext_lazy("Law on Emulation and Commendation 06/2022/QH15, Article 84, clause 1")
OLD = format_lazy("{} [U]", gettext_lazy("Decree 91/2017/ND-CP"))
FIGHTERS = ("chien-si-thi-dua-co-so", "chien-si-thi-dua-tinh", "chien-si-thi-dua-toan-quoc")
# VOTE-1 (NĐ 98/2023 Art. 30 cl.7): awards that need the council's ballot, so minutes with the count.
BALLOT_AWARDS = (*FIGHTERS, "co-thi-dua-tinh", "co-thi-dua-bo-nganh", "co-thi-dua-chinh-phu")


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    required: bool
    source: str


def checklist(award: str, regime: str, *, from_cluster: bool) -> tuple[Item, ...]:
    """The documents a proposal of `award` must carry under `regime` (a code of awards/regimes.py)."""
    title = award in AWARDS and AWARDS[award].form == "title"
    base = str(LAW_84 if regime.startswith("law-2022") else OLD)
    mark = "" if title else " [U]"
    items = [
        Item("to-trinh", _("Submission letter proposing the award"), True, base + mark),
        Item("bao-cao-thanh-tich", _("Achievement report"), True, base + mark),
    ]
    if from_cluster:
        minutes = (
            _("Minutes of the emulation review meeting, with the ballot results, of the cluster or block")
            if award in BALLOT_AWARDS
            else _("Minutes of the emulation review meeting of the cluster or block")
        )
        items.append(Item("bien-ban", minutes, True, "LAW.md TPL-5, CL-05 [S]"))
    elif title:
        minutes = (
            _("Minutes of the emulation review meeting, with the ballot results")
            if award in BALLOT_AWARDS
            else _("Minutes of the emulation review meeting")
        )
        items.append(Item("bien-ban", minutes, True, base))
    if award in FIGHTERS:
        # DOS-2 [S]: for CSTĐCS under the 2022 law excellent completion may replace the initiative.
        optional = award == "chien-si-thi-dua-co-so" and regime.startswith("law-2022")
        decision_638 = f"{_('Decision 638/QD-BNV of 2025')} [S]"
        items.append(
            Item(
                "cong-nhan-sang-kien",
                _("Recognition of the initiative or scientific project"),
                not optional,
                base + (f"; {decision_638}" if optional else ""),
            )
        )
        if optional:
            items.append(
                Item(
                    "xep-loai-xuat-sac",
                    _("Rating of excellent task completion (in place of the recognition of the initiative)"),
                    False,
                    decision_638,
                )
            )
    return tuple(items)
