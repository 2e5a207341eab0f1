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
from typing import TYPE_CHECKING, Any, cast

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thidua.awards import provinces
from thidua.awards.wording import joined

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
    label: StrOrPromise  # the name as on the decision, said in the language of the page
    form: str  # title (danh hiệu thi đua) | commendation (hình thức khen thưởng)
    subjects: tuple[str, ...]
    rules: tuple[str, ...]  # rule ids checked, in order; empty: criteria not in LAW.md, never guessed
    # LAW-P2: one achievement, one award. Awards that reward the same year's achievement of the subject.
    exclusive_with: tuple[str, ...] = ()
    gap: StrOrPromise = ""  # why `rules` is empty

    @property
    def name(self) -> str:
        return str(self.label)


@dataclass(frozen=True)
class Source:
    document: StrOrPromise
    article: StrOrPromise = ""
    clause: StrOrPromise = ""

    def __str__(self) -> str:
        return ", ".join(str(part) for part in (self.document, self.article, self.clause) if str(part))


@dataclass(frozen=True)
class Rule:
    """One version of a rule: `check` names the logic (the national rule id it implements)."""

    id: str
    check: str
    text: StrOrPromise  # summary of the condition
    source: Source
    start: date
    end: date | None = None
    confidence: str = "C"
    province: str | None = None  # a province's own rule applies only to case files of that province
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


LAW_2003 = _("Law on Emulation and Commendation 2003 (amended 2005, 2013)")
LAW_2022 = _("Law on Emulation and Commendation No. 06/2022/QH15")
DEC_91 = _("Decree 91/2017/ND-CP")
DEC_98 = _("Decree 98/2023/ND-CP")
DEC_152 = _("Decree 152/2025/ND-CP")
BAC_NINH = _("Decision 86/2025/QD-UBND of Bac Ninh province")

OLD_START, OLD_END = date(2017, 10, 1), date(2023, 12, 31)  # 2003 law with NĐ 91/2017
LAW_START = date(2024, 1, 1)  # LAW-00
DEC_98_END, DEC_152_START = date(2025, 6, 30), date(2025, 7, 1)  # DEC-00a, DEC-00b
# QĐ 86/2025 Bắc Ninh was signed 03/12/2025; its effective day was not seen, so the signing day is used [U].
BAC_NINH_START = date(2025, 12, 3)


def _p(**params: Any) -> Mapping[str, Any]:
    return MappingProxyType(params)


def _article(number: int) -> StrOrPromise:
    return format_lazy(_("Article {number}"), number=number)


def _clause(number: int, point: str = "") -> StrOrPromise:
    if point:
        return format_lazy(_("clause {clause}, point {point}"), clause=number, point=point)
    return format_lazy(_("clause {number}"), number=number)


def _rule(
    id: str, text: StrOrPromise, source: Source, start: date, end: date | None, confidence: str, **params: Any
) -> Rule:
    return Rule(id, id, text, source, start, end, confidence, params=_p(**params))


# The 2003-law versions come from memory of that law where LAW.md is silent: they are marked [U], and
# they differ from the 2022 versions only where the old text is known to differ (LAW-CSTDCS, LAW-TTLDTT).
RULES: tuple[Rule, ...] = (
    # --- individuals -------------------------------------------------------------------------------------
    _rule(
        "LAW-LDTT-1",
        _("Advanced labourer: good completion of tasks or better"),
        Source(LAW_2003, _article(24)),
        OLD_START,
        OLD_END,
        "U",
    ),
    _rule(
        "LAW-LDTT-1",
        _("Advanced labourer: good completion of tasks or better"),
        Source(LAW_2022, _article(24), _clause(1)),
        LAW_START,
        None,
        "C",
    ),
    _rule(
        "LAW-CSTDCS",
        _("Grassroots emulation fighter: Advanced labourer and an initiative recognised at grassroots level"),
        Source(LAW_2003, _article(23)),
        OLD_START,
        OLD_END,
        "U",
        excellent_rating_suffices=False,
    ),
    _rule(
        "LAW-CSTDCS",
        _(
            "Grassroots emulation fighter: Advanced labourer and excellent completion of tasks or an "
            "initiative recognised at grassroots level"
        ),
        Source(LAW_2022, _article(23)),
        LAW_START,
        None,
        "C",
        excellent_rating_suffices=True,
    ),
    *(
        _rule(
            "LAW-CSTDT",
            _(
                "Provincial emulation fighter: Grassroots emulation fighter 3 times in a row and an "
                "initiative with province-wide effect"
            ),
            source,
            start,
            end,
            confidence,
            years=3,
            title="chien-si-thi-dua-co-so",
            initiative_levels=("tinh", "toan-quoc"),
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(22)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(22)), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "LAW-CSTDTQ",
            _(
                "National emulation fighter: Provincial emulation fighter twice in a row and an initiative "
                "with nationwide effect"
            ),
            source,
            start,
            end,
            confidence,
            years=2,
            title="chien-si-thi-dua-tinh",
            initiative_levels=("toan-quoc",),
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(21)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(21)), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "LAW-BK-CN",
            _(
                "Certificate of merit (person), point d: Grassroots emulation fighter 2 years in a row, or "
                "excellent completion of tasks 2 years in a row with 2 initiatives applied at grassroots "
                "level"
            ),
            source,
            start,
            end,
            confidence,
            years=2,
            initiatives=2,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, _article(39)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(74), _clause(1, "d")), LAW_START, None, "S"),
        )
    ),
    # --- collectives -------------------------------------------------------------------------------------
    *(
        _rule(
            "LAW-TTLDXS",
            _(
                "Excellent labour collective: excellent completion of tasks; every member completed their "
                "tasks, at least 70 percent rated Advanced labourer; at least one Grassroots emulation "
                "fighter"
            ),
            source,
            start,
            end,
            confidence,
            percent=70,
            strictly_above=False,
            fighters=1,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(27)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(27), _clause(1)), LAW_START, None, "C"),
        )
    ),
    # The 2003 law's >50% is stated by LAW.md; the 2022 law's own figure is not confirmed there [U].
    _rule(
        "LAW-TTLDTT",
        _(
            "Advanced labour collective: good completion of tasks; more than 50 percent of members rated "
            "Advanced labourer; no member disciplined at warning or above"
        ),
        Source(LAW_2003, _article(28)),
        OLD_START,
        OLD_END,
        "S",
        percent=50,
        strictly_above=True,
    ),
    _rule(
        "LAW-TTLDTT",
        _(
            "Advanced labour collective: good completion of tasks; more than 50 percent of members rated "
            "Advanced labourer; no member disciplined at warning or above"
        ),
        Source(LAW_2022, _article(28), _clause(1)),
        LAW_START,
        None,
        "U",
        percent=50,
        strictly_above=True,
    ),
    Rule(
        "PRV-TTLDTT-BN",
        "LAW-TTLDTT",
        _(
            "Advanced labour collective (Bac Ninh): as the law, but at least 70 percent of members rated "
            "Advanced labourer"
        ),
        Source(BAC_NINH, _article(4), _clause(2)),
        BAC_NINH_START,
        None,
        "C",
        province=provinces.BAC_NINH,
        params=_p(percent=70, strictly_above=False),
    ),
    *(
        _rule(
            "LAW-CO-TINH",
            _(
                "Emulation flag of a ministry, sector or province: the unit leading its emulation cluster or "
                "block in the year, with excellent completion of tasks"
            ),
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(26)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(26), _clause(1)), LAW_START, None, "S"),
        )
    ),
    *(
        _rule(
            "LAW-BK-TT",
            _("Certificate of merit (collective), point d: excellent completion of tasks 2 years in a row"),
            source,
            start,
            end,
            confidence,
            years=2,
            ttldxs_counts=False,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, _article(39)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(74)), LAW_START, None, "S"),
        )
    ),
    Rule(
        "LAW-BK-TT",
        "LAW-BK-TT",
        _(
            "Certificate of merit (collective, Bac Ninh), point d: excellent completion of tasks or "
            "Excellent labour collective 2 years in a row"
        ),
        Source(BAC_NINH, _article(3), _clause(3, "c")),
        BAC_NINH_START,
        None,
        "S",
        province=provinces.BAC_NINH,
        params=_p(years=2, ttldxs_counts=True),
    ),
    # --- individuals and collectives -----------------------------------------------------------------------
    *(
        _rule(
            "LAW-GK",
            _(
                "Certificate of commendation: good completion of tasks and an achievement recognised in an "
                "emulation movement"
            ),
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(75)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(75)), LAW_START, None, "S"),
        )
    ),
    # --- principles applied to every award ---------------------------------------------------------------
    *(
        _rule(
            "LAW-P2",
            _("One achievement, one award"),
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(LAW_2003, _article(6)), OLD_START, OLD_END, "U"),
            (Source(LAW_2022, _article(5), _clause(2, "c")), LAW_START, None, "C"),
        )
    ),
    *(
        _rule(
            "DEC-P3",
            _(
                "No award while a disciplinary review, investigation, inspection, audit or complaint is "
                "pending; after a discipline, achievements count only from its end"
            ),
            source,
            start,
            end,
            confidence,
        )
        for source, start, end, confidence in (
            (Source(DEC_91, _article(3)), OLD_START, OLD_END, "U"),
            (Source(DEC_98, _article(4)), LAW_START, DEC_98_END, "U"),
            (Source(DEC_152, _article(4), _clause(4)), DEC_152_START, None, "C"),
        )
    ),
    # Công văn 5007/BNV-TĐKT is from 2023; its day was not seen, so 1 January 2023 is used [U].
    _rule(
        "CIRC-P1",
        _("An initiative supports one award only"),
        Source(_("Official letter 5007/BNV-TDKT of 2023")),
        date(2023, 1, 1),
        None,
        "S",
    ),
)

# Checked for every award, after the award's own rules.
COMMON_RULES = ("LAW-P2", "DEC-P3")

_BOTH = (PERSON, UNIT)
_NO_TEXT = _("LAW.md has no criteria for this award (the original text is missing)")

AWARDS: Mapping[str, Award] = MappingProxyType(
    {
        award.code: award
        for award in (
            Award(
                "lao-dong-tien-tien",
                _("Advanced labourer"),
                "title",
                (PERSON,),
                ("LAW-LDTT-1",),
            ),
            Award(
                "chien-si-thi-dua-co-so",
                _("Grassroots emulation fighter"),
                "title",
                (PERSON,),
                ("LAW-CSTDCS",),
            ),
            Award(
                "chien-si-thi-dua-tinh",
                _("Provincial emulation fighter"),
                "title",
                (PERSON,),
                ("LAW-CSTDT",),
                exclusive_with=("bang-khen-chu-tich-tinh",),
            ),
            Award(
                "chien-si-thi-dua-toan-quoc",
                _("National emulation fighter"),
                "title",
                (PERSON,),
                ("LAW-CSTDTQ",),
            ),
            Award(
                "tap-the-lao-dong-tien-tien",
                _("Advanced labour collective"),
                "title",
                (UNIT,),
                ("LAW-TTLDTT",),
                exclusive_with=("tap-the-lao-dong-xuat-sac",),
            ),
            Award(
                "tap-the-lao-dong-xuat-sac",
                _("Excellent labour collective"),
                "title",
                (UNIT,),
                ("LAW-TTLDXS",),
                exclusive_with=("tap-the-lao-dong-tien-tien",),
            ),
            Award(
                "co-thi-dua-tinh",
                _("Provincial emulation flag"),
                "title",
                (UNIT,),
                ("LAW-CO-TINH",),
                exclusive_with=("bang-khen-chu-tich-tinh",),
            ),
            Award(
                "co-thi-dua-bo-nganh",
                _("Ministry emulation flag"),
                "title",
                (UNIT,),
                ("LAW-CO-TINH",),
                exclusive_with=("bang-khen-bo-truong",),
            ),
            Award(
                "co-thi-dua-chinh-phu",
                _("Government emulation flag"),
                "title",
                (UNIT,),
                (),
                exclusive_with=("bang-khen-thu-tuong",),
                gap=_("Law 06/2022/QH15, Article 25"),
            ),
            Award(
                "bang-khen-chu-tich-tinh",
                _("Certificate of merit of the provincial chairman"),
                "commendation",
                _BOTH,
                ("LAW-BK-CN", "LAW-BK-TT"),
                exclusive_with=("co-thi-dua-tinh", "chien-si-thi-dua-tinh"),
            ),
            Award(
                "bang-khen-bo-truong",
                _("Certificate of merit of the minister"),
                "commendation",
                _BOTH,
                ("LAW-BK-CN", "LAW-BK-TT"),
                exclusive_with=("co-thi-dua-bo-nganh",),
            ),
            Award(
                "bang-khen-thu-tuong",
                _("Certificate of merit of the Prime Minister"),
                "commendation",
                _BOTH,
                (),
                exclusive_with=("co-thi-dua-chinh-phu",),
                gap=_("Law 06/2022/QH15, Article 72"),
            ),
            Award("giay-khen", _("Certificate of commendation"), "commendation", _BOTH, ("LAW-GK",)),
            # The rest of the Law's titles (LAW.md section 1, Art. 20); their criteria are not in LAW.md.
            Award(
                "xa-phuong-thi-tran-tieu-bieu",
                _("Model commune or ward"),
                "title",
                (UNIT,),
                (),
                gap=_("Law 06/2022/QH15, Article 20"),
            ),
            Award(
                "thon-to-dan-pho-van-hoa",
                _("Cultural village or residential group"),
                "title",
                (UNIT,),
                (),
                gap=_("Law 06/2022/QH15, Article 20"),
            ),
            Award(
                "gia-dinh-van-hoa",
                _("Cultural family"),
                "title",
                (HOUSEHOLD,),
                (),
                gap=_("Law 06/2022/QH15, Article 20 clause 2"),
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
    name: StrOrPromise  # as the board's page shows it
    wording: StrOrPromise  # the figure in a sentence, "{value}" standing for it
    key: str  # the rule parameter it sets
    low: int
    high: int
    rules: Mapping[str, tuple[str, ...]]
    fixed: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def describe(self, value: int) -> str:
        return str(self.wording).format(value=value)


COUNCIL_SHARE = "nguong-thong-qua-hoi-dong"
# A province rule for every award at once (only the council's threshold is set that way).
ANY_AWARD = "*"
# Lazy, said in the language of the page; typed as the str its readers (the registry's forms) take.
ANY_AWARD_NAME = cast(str, _("Every award without its own threshold"))

PARAMETERS: Mapping[str, Parameter] = MappingProxyType(
    {
        parameter.code: parameter
        for parameter in (
            # A province states its share as "từ X% trở lên" (Bắc Ninh QĐ 86/2025 Art. 4 cl.2): at least X.
            Parameter(
                "ty-le-lao-dong-tien-tien",
                _("Share of members rated Advanced labourer (%)"),
                # xgettext:no-python-format
                _("at least {value}% of members rated Advanced labourer"),
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
                _("Minimum number of Grassroots emulation fighters in the collective"),
                _("at least {value} Grassroots emulation fighters"),
                "fighters",
                1,
                100,
                MappingProxyType({"tap-the-lao-dong-xuat-sac": ("LAW-TTLDXS",)}),
            ),
            Parameter(
                "so-nam-lien-tuc",
                _("Number of consecutive years"),
                _("{value} consecutive years"),
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
                _("Number of initiatives (certificate of merit for a person, point d)"),
                _("{value} initiatives"),
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
                _("Pass mark of the Emulation and Commendation Council (percent of all members)"),
                # xgettext:no-python-format
                _("at least {value}% of all council members in favour"),
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
    figures = joined("; ", [_figure(p) for p in found])
    ends = [p.end for p in found if p.end is not None]
    return replace(
        rule,
        id="+".join(p.id for p in found),
        text=format_lazy(_("{rule} (the province's rule: {figures})"), rule=rule.text, figures=figures),
        source=found[0].source if len(found) == 1 else Source("; ".join(str(p.source) for p in found)),
        start=max(p.start for p in found),
        end=min(ends, default=None),
        confidence="C",
        params=MappingProxyType(params),
    )


def _describe(rule: ProvinceRule) -> str:
    return PARAMETERS[rule.parameter].describe(rule.value)


_figure = lazy(_describe, str)


def rules_for(award: Award, subject_kind: str) -> tuple[str, ...]:
    """The rule ids that decide `award` for a subject of `subject_kind`, then the common principles."""
    own = tuple(r for r in award.rules if RULE_SUBJECT.get(r, subject_kind) == subject_kind)
    return (*own, *COMMON_RULES) if own else ()
