"""The legal catalogue as data: each award with the rules that decide it, each rule versioned by date.

Every rule carries its LAW.md id, its source (document, article, clause), the days it is in force and the
confidence mark of LAW.md ([C] confirmed, [S] secondary, [U] uncertain). The engine (engine.py) holds the
logic of each rule once; a version only changes its parameters and its source, so a lawyer can read here
what the engine applies on any day. Province rules (PRV-…) replace a national rule for their province only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any

PERSON = "person"
UNIT = "unit"
HOUSEHOLD = "household"

RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
GOOD_RATINGS = ("xuat-sac", "tot")  # "hoàn thành tốt nhiệm vụ" or better
INITIATIVE_LEVELS = ("co-so", "tinh", "toan-quoc")
DISCIPLINE_LEVELS = ("khien-trach", "canh-cao", "ha-bac-luong", "cach-chuc", "buoc-thoi-viec")
HOLD_KINDS = ("discipline", "investigation", "inspection", "complaint")
EVENT_KINDS = ("renamed_to", "merged_into", "split_from")


@dataclass(frozen=True)
class Award:
    code: str
    name: str  # Vietnamese, as on the decision
    name_en: str
    form: str  # title (danh hiệu thi đua) | commendation (hình thức khen thưởng)
    subjects: tuple[str, ...]
    rules: tuple[str, ...]  # rule ids checked, in order; empty: criteria not in LAW.md, never guessed
    # LAW-P2: one achievement, one award. Awards that reward the same year's achievement of the subject.
    exclusive_with: tuple[str, ...] = ()
    gap: str = ""  # why `rules` is empty


@dataclass(frozen=True)
class Source:
    document: str
    article: str = ""
    clause: str = ""

    def __str__(self) -> str:
        return ", ".join(part for part in (self.document, self.article, self.clause) if part)


@dataclass(frozen=True)
class Rule:
    """One version of a rule: `check` names the logic (the national rule id it implements)."""

    id: str
    check: str
    text: str  # Vietnamese summary of the condition
    source: Source
    start: date
    end: date | None = None
    confidence: str = "C"
    province: str | None = None  # a province's own rule applies only to case files of that province
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


LAW_2003 = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DEC_91 = "Nghị định 91/2017/NĐ-CP"
DEC_98 = "Nghị định 98/2023/NĐ-CP"
DEC_152 = "Nghị định 152/2025/NĐ-CP"
BAC_NINH = "Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh"

OLD_START, OLD_END = date(2017, 10, 1), date(2023, 12, 31)  # 2003 law with NĐ 91/2017
LAW_START = date(2024, 1, 1)  # LAW-00
DEC_98_END, DEC_152_START = date(2025, 6, 30), date(2025, 7, 1)  # DEC-00a, DEC-00b
# QĐ 86/2025 Bắc Ninh was signed 03/12/2025; its effective day was not seen, so the signing day is used [U].
BAC_NINH_START = date(2025, 12, 3)


def _p(**params: Any) -> Mapping[str, Any]:
    return MappingProxyType(params)


def _rule(
    id: str, text: str, source: Source, start: date, end: date | None, confidence: str, **params: Any
) -> Rule:
    return Rule(id, id, text, source, start, end, confidence, params=_p(**params))


# The 2003-law versions come from memory of that law where LAW.md is silent: they are marked [U], and
# they differ from the 2022 versions only where the old text is known to differ (LAW-CSTDCS, LAW-TTLDTT).
RULES: tuple[Rule, ...] = (
    # --- individuals -------------------------------------------------------------------------------------
    _rule(
        "LAW-LDTT-1",
        "Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên",
        Source(LAW_2003, "Điều 24"),
        OLD_START,
        OLD_END,
        "U",
    ),
    _rule(
        "LAW-LDTT-1",
        "Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên",
        Source(LAW_2022, "Điều 24", "khoản 1"),
        LAW_START,
        None,
        "C",
    ),
    _rule(
        "LAW-CSTDCS",
        "Chiến sĩ thi đua cơ sở: đạt Lao động tiên tiến và có sáng kiến được cơ sở công nhận",
        Source(LAW_2003, "Điều 23"),
        OLD_START,
        OLD_END,
        "U",
        excellent_rating_suffices=False,
    ),
    _rule(
        "LAW-CSTDCS",
        "Chiến sĩ thi đua cơ sở: đạt Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến "
        "được cơ sở công nhận",
        Source(LAW_2022, "Điều 23"),
        LAW_START,
        None,
        "C",
        excellent_rating_suffices=True,
    ),
    *(
        _rule(
            "LAW-CSTDT",
            "Chiến sĩ thi đua tỉnh: 3 lần liên tục đạt Chiến sĩ thi đua cơ sở và có sáng kiến có phạm vi "
            "ảnh hưởng trong tỉnh",
            source,
            start,
            end,
            confidence,
            years=3,
            title="chien-si-thi-dua-co-so",
            initiative_levels=("tinh", "toan-quoc"),
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 22"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 22"), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "LAW-CSTDTQ",
            "Chiến sĩ thi đua toàn quốc: 2 lần liên tục đạt Chiến sĩ thi đua tỉnh và có sáng kiến có phạm "
            "vi ảnh hưởng toàn quốc",
            source,
            start,
            end,
            confidence,
            years=2,
            title="chien-si-thi-dua-tinh",
            initiative_levels=("toan-quoc",),
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 21"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 21"), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "LAW-BK-CN",
            "Bằng khen (cá nhân), điểm d: 2 năm liên tục Chiến sĩ thi đua cơ sở, hoặc 2 năm liên tục hoàn "
            "thành xuất sắc nhiệm vụ với 2 sáng kiến áp dụng ở cơ sở",
            source,
            start,
            end,
            confidence,
            years=2,
            initiatives=2,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, "Điều 39"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 74", "khoản 1, điểm d"), LAW_START, None, "S"),
        )
    ),
    # --- collectives -------------------------------------------------------------------------------------
    *(
        _rule(
            "LAW-TTLDXS",
            "Tập thể lao động xuất sắc: hoàn thành xuất sắc nhiệm vụ; 100% thành viên hoàn thành nhiệm vụ, "
            "ít nhất 70% đạt Lao động tiên tiến; có ít nhất một Chiến sĩ thi đua cơ sở",
            source,
            start,
            end,
            confidence,
            percent=70,
            strictly_above=False,
            fighters=1,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 27"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 27", "khoản 1"), LAW_START, None, "C"),
        )
    ),
    # The 2003 law's >50% is stated by LAW.md; the 2022 law's own figure is not confirmed there [U].
    _rule(
        "LAW-TTLDTT",
        "Tập thể lao động tiên tiến: hoàn thành tốt nhiệm vụ; trên 50% thành viên đạt Lao động tiên tiến; "
        "không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        Source(LAW_2003, "Điều 28"),
        OLD_START,
        OLD_END,
        "S",
        percent=50,
        strictly_above=True,
    ),
    _rule(
        "LAW-TTLDTT",
        "Tập thể lao động tiên tiến: hoàn thành tốt nhiệm vụ; trên 50% thành viên đạt Lao động tiên tiến; "
        "không có thành viên bị kỷ luật từ cảnh cáo trở lên",
        Source(LAW_2022, "Điều 28", "khoản 1"),
        LAW_START,
        None,
        "U",
        percent=50,
        strictly_above=True,
    ),
    Rule(
        "PRV-TTLDTT-BN",
        "LAW-TTLDTT",
        "Tập thể lao động tiên tiến (Bắc Ninh): như luật nhưng từ 70% thành viên đạt Lao động tiên tiến",
        Source(BAC_NINH, "Điều 4", "khoản 2"),
        BAC_NINH_START,
        None,
        "C",
        province="Bắc Ninh",
        params=_p(percent=70, strictly_above=False),
    ),
    *(
        _rule(
            "LAW-CO-TINH",
            "Cờ thi đua của bộ, ngành, tỉnh: đơn vị dẫn đầu cụm, khối thi đua trong năm, hoàn thành xuất sắc "
            "nhiệm vụ",
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 26"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 26", "khoản 1"), LAW_START, None, "S"),
        )
    ),
    *(
        _rule(
            "LAW-BK-TT",
            "Bằng khen (tập thể), điểm d: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ",
            source,
            start,
            end,
            confidence,
            years=2,
            ttldxs_counts=False,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, "Điều 39"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 74"), LAW_START, None, "S"),
        )
    ),
    Rule(
        "LAW-BK-TT",
        "LAW-BK-TT",
        "Bằng khen (tập thể, Bắc Ninh), điểm d: 2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập "
        "thể lao động xuất sắc",
        Source(BAC_NINH, "Điều 3", "khoản 3, điểm c"),
        BAC_NINH_START,
        None,
        "S",
        province="Bắc Ninh",
        params=_p(years=2, ttldxs_counts=True),
    ),
    # --- individuals and collectives -----------------------------------------------------------------------
    *(
        _rule(
            "LAW-GK",
            "Giấy khen: hoàn thành tốt nhiệm vụ và có thành tích được ghi nhận trong phong trào thi đua",
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 75"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 75"), LAW_START, None, "S"),
        )
    ),
    # --- principles applied to every award ---------------------------------------------------------------
    *(
        _rule(
            "LAW-P2",
            "Không khen nhiều hình thức cho một thành tích",
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, "Điều 6"), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, "Điều 5", "khoản 2, điểm c"), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "DEC-P3",
            "Chưa khen thưởng khi đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, khiếu nại; sau kỷ "
            "luật, thành tích chỉ được tính từ khi hết thời hạn kỷ luật",
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, "Điều 3"), OLD_START, OLD_END, "U"),
            (Source(DEC_98, "Điều 4"), LAW_START, DEC_98_END, "U"),
            (Source(DEC_152, "Điều 4", "khoản 4"), DEC_152_START, None, "C"),
        )
    ),
    # Công văn 5007/BNV-TĐKT is from 2023; its day was not seen, so 1 January 2023 is used [U].
    _rule(
        "CIRC-P1",
        "Một sáng kiến chỉ được dùng làm căn cứ cho một lần khen thưởng",
        Source("Công văn 5007/BNV-TĐKT năm 2023"),
        date(2023, 1, 1),
        None,
        "S",
    ),
)

# Checked for every award, after the award's own rules.
COMMON_RULES = ("LAW-P2", "DEC-P3")

_BOTH = (PERSON, UNIT)
_NO_TEXT = "LAW.md chưa có tiêu chuẩn của hình thức này (thiếu văn bản gốc)"

AWARDS: Mapping[str, Award] = MappingProxyType(
    {
        award.code: award
        for award in (
            Award(
                "lao-dong-tien-tien",
                "Lao động tiên tiến",
                "Advanced labourer",
                "title",
                (PERSON,),
                ("LAW-LDTT-1",),
            ),
            Award(
                "chien-si-thi-dua-co-so",
                "Chiến sĩ thi đua cơ sở",
                "Grassroots emulation fighter",
                "title",
                (PERSON,),
                ("LAW-CSTDCS",),
            ),
            Award(
                "chien-si-thi-dua-tinh",
                "Chiến sĩ thi đua tỉnh",
                "Provincial emulation fighter",
                "title",
                (PERSON,),
                ("LAW-CSTDT",),
                exclusive_with=("bang-khen-chu-tich-tinh",),
            ),
            Award(
                "chien-si-thi-dua-toan-quoc",
                "Chiến sĩ thi đua toàn quốc",
                "National emulation fighter",
                "title",
                (PERSON,),
                ("LAW-CSTDTQ",),
            ),
            Award(
                "tap-the-lao-dong-tien-tien",
                "Tập thể lao động tiên tiến",
                "Advanced labour collective",
                "title",
                (UNIT,),
                ("LAW-TTLDTT",),
                exclusive_with=("tap-the-lao-dong-xuat-sac",),
            ),
            Award(
                "tap-the-lao-dong-xuat-sac",
                "Tập thể lao động xuất sắc",
                "Excellent labour collective",
                "title",
                (UNIT,),
                ("LAW-TTLDXS",),
                exclusive_with=("tap-the-lao-dong-tien-tien",),
            ),
            Award(
                "co-thi-dua-tinh",
                "Cờ thi đua của Ủy ban nhân dân tỉnh",
                "Provincial emulation flag",
                "title",
                (UNIT,),
                ("LAW-CO-TINH",),
                exclusive_with=("bang-khen-chu-tich-tinh",),
            ),
            Award(
                "co-thi-dua-bo-nganh",
                "Cờ thi đua của bộ, ban, ngành",
                "Ministry emulation flag",
                "title",
                (UNIT,),
                ("LAW-CO-TINH",),
                exclusive_with=("bang-khen-bo-truong",),
            ),
            Award(
                "co-thi-dua-chinh-phu",
                "Cờ thi đua của Chính phủ",
                "Government emulation flag",
                "title",
                (UNIT,),
                (),
                exclusive_with=("bang-khen-thu-tuong",),
                gap="Luật 06/2022/QH15, Điều 25",
            ),
            Award(
                "bang-khen-chu-tich-tinh",
                "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                "Certificate of merit of the provincial chairman",
                "commendation",
                _BOTH,
                ("LAW-BK-CN", "LAW-BK-TT"),
                exclusive_with=("co-thi-dua-tinh", "chien-si-thi-dua-tinh"),
            ),
            Award(
                "bang-khen-bo-truong",
                "Bằng khen của Bộ trưởng",
                "Certificate of merit of the minister",
                "commendation",
                _BOTH,
                ("LAW-BK-CN", "LAW-BK-TT"),
                exclusive_with=("co-thi-dua-bo-nganh",),
            ),
            Award(
                "bang-khen-thu-tuong",
                "Bằng khen của Thủ tướng Chính phủ",
                "Certificate of merit of the Prime Minister",
                "commendation",
                _BOTH,
                (),
                exclusive_with=("co-thi-dua-chinh-phu",),
                gap="Luật 06/2022/QH15, Điều 72",
            ),
            Award(
                "giay-khen", "Giấy khen", "Certificate of commendation", "commendation", _BOTH, ("LAW-GK",)
            ),
            # The rest of the Law's titles (LAW.md section 1, Art. 20); their criteria are not in LAW.md.
            Award(
                "xa-phuong-thi-tran-tieu-bieu",
                "Xã, phường, thị trấn tiêu biểu",
                "Model commune or ward",
                "title",
                (UNIT,),
                (),
                gap="Luật 06/2022/QH15, Điều 20",
            ),
            Award(
                "thon-to-dan-pho-van-hoa",
                "Thôn, tổ dân phố văn hóa",
                "Cultural village or residential group",
                "title",
                (UNIT,),
                (),
                gap="Luật 06/2022/QH15, Điều 20",
            ),
            Award(
                "gia-dinh-van-hoa",
                "Gia đình văn hóa",
                "Cultural family",
                "title",
                (HOUSEHOLD,),
                (),
                gap="Luật 06/2022/QH15, Điều 20 khoản 2",
            ),
        )
    }
)

# The rule of a commendation given to persons and units depends on the subject (Art. 74: cl.1 persons).
RULE_SUBJECT = MappingProxyType({"LAW-BK-CN": PERSON, "LAW-BK-TT": UNIT})


def _same_province(a: str | None, b: str | None) -> bool:
    def norm(name: str | None) -> str:
        return unicodedata.normalize("NFC", name or "").strip().casefold()

    return bool(a) and norm(a) == norm(b)


def rule_in_force(rule_id: str, day: date, province: str | None = None) -> Rule | None:
    """The version of `rule_id` in force on `day`; a province's own rule replaces it in that province."""
    for rule in RULES:
        own = rule.province and _same_province(rule.province, province)
        if rule.check == rule_id and own and rule.covers(day):
            return rule
    for rule in RULES:
        if rule.id == rule_id and rule.province is None and rule.covers(day):
            return rule
    return None


# --- a province's own rules, entered by its board (thidua/registry ProvinceRule) ------------------------


@dataclass(frozen=True)
class Parameter:
    """One figure of a national rule that a province may set for one of its awards (LAW.md PRV-TTLDTT-BN:
    "store the percentage per province"). `rules` maps each award to the rule ids the figure belongs to."""

    code: str
    name: str  # Vietnamese, as the board's page shows it
    wording: str  # the figure in a sentence, "{value}" standing for it
    key: str  # the rule parameter it sets
    low: int
    high: int
    rules: Mapping[str, tuple[str, ...]]
    fixed: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def describe(self, value: int) -> str:
        return self.wording.format(value=value)


COUNCIL_SHARE = "nguong-thong-qua-hoi-dong"
# A province rule for every award at once (only the council's threshold is set that way).
ANY_AWARD = "*"
ANY_AWARD_NAME = "Mọi hình thức khen thưởng chưa có ngưỡng riêng"

PARAMETERS: Mapping[str, Parameter] = MappingProxyType(
    {
        parameter.code: parameter
        for parameter in (
            # A province states its share as "từ X% trở lên" (Bắc Ninh QĐ 86/2025 Art. 4 cl.2): at least X.
            Parameter(
                "ty-le-lao-dong-tien-tien",
                "Tỷ lệ thành viên đạt Lao động tiên tiến (%)",
                "từ {value}% thành viên đạt Lao động tiên tiến trở lên",
                "percent",
                1,
                100,
                MappingProxyType(
                    {
                        "tap-the-lao-dong-tien-tien": ("LAW-TTLDTT",),
                        "tap-the-lao-dong-xuat-sac": ("LAW-TTLDXS",),
                    }
                ),
                fixed=_p(strictly_above=False),
            ),
            Parameter(
                "so-chien-si-thi-dua-co-so",
                "Số Chiến sĩ thi đua cơ sở tối thiểu trong tập thể",
                "ít nhất {value} Chiến sĩ thi đua cơ sở",
                "fighters",
                1,
                100,
                MappingProxyType({"tap-the-lao-dong-xuat-sac": ("LAW-TTLDXS",)}),
            ),
            Parameter(
                "so-nam-lien-tuc",
                "Số năm liên tục",
                "{value} năm liên tục",
                "years",
                1,
                10,
                MappingProxyType(
                    {
                        "chien-si-thi-dua-tinh": ("LAW-CSTDT",),
                        "bang-khen-chu-tich-tinh": ("LAW-BK-CN", "LAW-BK-TT"),
                    }
                ),
            ),
            Parameter(
                "so-sang-kien",
                "Số sáng kiến (Bằng khen cá nhân, điểm d)",
                "{value} sáng kiến",
                "initiatives",
                1,
                10,
                MappingProxyType({"bang-khen-chu-tich-tinh": ("LAW-BK-CN",)}),
            ),
            # The council's pass mark where the law sets none (VOTE-2 [U]: Decree 152/2025; the 2003 law):
            # no eligibility rule reads it; the council (meeting.thresholds) does. "At least X%" of all
            # members, as VOTE-1 words its shares.
            Parameter(
                COUNCIL_SHARE,
                "Ngưỡng thông qua của Hội đồng Thi đua – Khen thưởng (% tổng số thành viên)",
                "từ {value}% tổng số thành viên Hội đồng đồng ý trở lên",
                "council_share",
                50,
                100,
                MappingProxyType({ANY_AWARD: (), **{code: () for code in AWARDS}}),
            ),
        )
    }
)


@dataclass(frozen=True)
class ProvinceRule:
    """A province's own figure for one award, as plain data: the engine reads it, the registry stores it."""

    id: str
    award: str
    parameter: str
    value: int
    source: Source
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def with_province_rules(rule: Rule, award: str, day: date, own: Sequence[ProvinceRule]) -> Rule:
    """`rule` as the province's own rules in force on `day` set it for `award`; unchanged without one.
    The result cites the province rules' ids and sources, since their figures decided the verdict."""
    found = [
        p
        for p in sorted(own, key=lambda r: (r.start, r.id))
        if p.award == award
        and p.parameter in PARAMETERS
        and rule.check in PARAMETERS[p.parameter].rules.get(award, ())
        and p.covers(day)
    ]
    if not found:
        return rule
    params = dict(rule.params)
    for p in found:
        parameter = PARAMETERS[p.parameter]
        params.update(parameter.fixed)
        params[parameter.key] = p.value
    figures = "; ".join(PARAMETERS[p.parameter].describe(p.value) for p in found)
    ends = [p.end for p in found if p.end is not None]
    return replace(
        rule,
        id="+".join(p.id for p in found),
        text=f"{rule.text} (quy định của tỉnh: {figures})",
        source=found[0].source if len(found) == 1 else Source("; ".join(str(p.source) for p in found)),
        start=max(p.start for p in found),
        end=min(ends, default=None),
        confidence="C",
        params=MappingProxyType(params),
    )


def rules_for(award: Award, subject_kind: str) -> tuple[str, ...]:
    """The rule ids that decide `award` for a subject of `subject_kind`, then the common principles."""
    own = tuple(r for r in award.rules if RULE_SUBJECT.get(r, subject_kind) == subject_kind)
    return (*own, *COMMON_RULES) if own else ()
