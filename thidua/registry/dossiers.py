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

from thidua.awards.catalogue import AWARDS

LAW_84 = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 84 khoản 1"
OLD = "Nghị định 91/2017/NĐ-CP [U]"
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
    base = LAW_84 if regime.startswith("law-2022") else OLD
    mark = "" if title else " [U]"
    items = [
        Item("to-trinh", "Tờ trình đề nghị khen thưởng", True, base + mark),
        Item("bao-cao-thanh-tich", "Báo cáo thành tích", True, base + mark),
    ]
    minutes = "Biên bản họp bình xét thi đua"
    if award in BALLOT_AWARDS:
        minutes += ", kèm kết quả bỏ phiếu"
    if from_cluster:
        items.append(Item("bien-ban", minutes + " của cụm, khối", True, "LAW.md TPL-5, CL-05 [S]"))
    elif title:
        items.append(Item("bien-ban", minutes, True, base))
    if award in FIGHTERS:
        # DOS-2 [S]: for CSTĐCS under the 2022 law excellent completion may replace the initiative.
        optional = award == "chien-si-thi-dua-co-so" and regime.startswith("law-2022")
        items.append(
            Item(
                "cong-nhan-sang-kien",
                "Văn bản công nhận sáng kiến, đề tài khoa học",
                not optional,
                base + ("; Quyết định 638/QĐ-BNV năm 2025 [S]" if optional else ""),
            )
        )
        if optional:
            items.append(
                Item(
                    "xep-loai-xuat-sac",
                    "Văn bản xếp loại hoàn thành xuất sắc nhiệm vụ (thay văn bản công nhận sáng kiến)",
                    False,
                    "Quyết định 638/QĐ-BNV năm 2025 [S]",
                )
            )
    return tuple(items)
