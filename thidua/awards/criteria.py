"""One check per rule of LAW.md, keyed by the rule id it implements (catalogue.Rule.check).

Each check answers one outcome per condition of the rule, so a verdict names every condition that failed
or every fact that is missing, not just the first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from thidua.awards.catalogue import AWARDS, GOOD_RATINGS, INITIATIVE_LEVELS, Rule
from thidua.awards.conditions import (
    CSTDCS,
    LDTT,
    TTLDXS,
    Case,
    Outcome,
    all3,
    any3,
    chain,
    chain_outcomes,
    has_title,
    initiative_outcomes,
    initiatives,
    is_excellent,
    missing,
    outcome,
    rating_outcome,
    reason_for,
    uncounted_outcome,
)
from thidua.awards.facts import YearRecord

Check = Callable[[Case, Rule], list[Outcome]]

HOLD_NAMES = {
    "discipline": "xem xét kỷ luật",
    "investigation": "điều tra",
    "inspection": "thanh tra, kiểm tra",
    "complaint": "giải quyết khiếu nại, tố cáo",
}


# LAW-LDTT-1: Law 06/2022 Art. 24 cl.1. Rated "hoàn thành tốt nhiệm vụ" or better.
def check_ldtt(case: Case, rule: Rule) -> list[Outcome]:
    return [rating_outcome(case, rule, GOOD_RATINGS)]


# LAW-CSTDCS: Art. 23. LĐTT and one of: excellent rating (not under the 2003 law), a grassroots initiative.
def check_cstdcs(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", "hồ sơ")]
    outcomes = [_meets_ldtt(case, rule, record)]
    found = initiatives(case, [case.year], INITIATIVE_LEVELS)
    excellent = is_excellent(record) if rule.params["excellent_rating_suffices"] else False
    state = any3([excellent, found.state(1)])
    ini_en, ini_vi = found.describe()
    rating = record.rating or "not on record"
    if rule.params["excellent_rating_suffices"]:
        en = f"needs excellent completion or a grassroots initiative in {case.year}; "
        en += f"rating: {rating}; {ini_en}"
        vi = f"cần hoàn thành xuất sắc nhiệm vụ hoặc sáng kiến cấp cơ sở năm {case.year}; {ini_vi}"
    else:
        en = f"needs an initiative recognised at grassroots level in {case.year}; {ini_en}"
        vi = f"cần sáng kiến được cơ sở công nhận năm {case.year}; {ini_vi}"
    return outcomes + initiative_outcomes(case, rule, found, state, vi, en)


def _meets_ldtt(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    if record.rating is not None:
        return rating_outcome(case, rule, GOOD_RATINGS)
    if record.titles is not None and (LDTT in record.titles or CSTDCS in record.titles):
        return outcome(True, rule, f"đạt Lao động tiên tiến năm {case.year}", f"{LDTT} in {case.year}")
    return missing(rule, case.year, "rating", "mức độ hoàn thành nhiệm vụ")


# LAW-CSTDT (Art. 22): 3 consecutive CSTĐCS and a province-wide initiative.
# LAW-CSTDTQ (Art. 21): 2 consecutive provincial CSTĐ and a nationwide initiative. Same logic, other data.
def check_fighter(case: Case, rule: Rule) -> list[Outcome]:
    title = rule.params["title"]
    found = chain(case, rule.params["years"], has_title(title))
    outcomes = chain_outcomes(case, rule, found, title, _name(title))
    levels = rule.params["initiative_levels"]
    ideas = initiatives(case, found.counted, levels)
    ini_en, ini_vi = ideas.describe()
    en = f"needs an initiative of level {' or '.join(levels)} in {_span(found.counted)}; {ini_en}"
    vi = f"cần sáng kiến cấp {' hoặc '.join(levels)} trong các năm {_span(found.counted)}; {ini_vi}"
    return outcomes + initiative_outcomes(case, rule, ideas, ideas.state(1), vi, en)


# LAW-BK-CN: Art. 74 cl.1 limb (d); limbs (a)-(c), (e) rest on achievements a case file does not record.
def check_merit_person(case: Case, rule: Rule) -> list[Outcome]:
    n = rule.params["years"]
    fighter = chain(case, n, has_title(CSTDCS))
    excellent = chain(case, n, is_excellent)
    ideas = initiatives(case, excellent.counted, INITIATIVE_LEVELS)
    state = any3([fighter.state, all3([excellent.state, ideas.state(rule.params["initiatives"])])])
    f_en, f_vi = fighter.describe(CSTDCS, _name(CSTDCS))
    x_en, x_vi = excellent.describe("excellent completion", "hoàn thành xuất sắc nhiệm vụ")
    i_en, i_vi = ideas.describe()
    en = f"limb (d), one of: [{f_en}] or [{x_en}, with {rule.params['initiatives']} {i_en}]"
    vi = f"điểm d, một trong: [{f_vi}] hoặc [{x_vi}, với {rule.params['initiatives']} {i_vi}]"
    outcomes = initiative_outcomes(case, rule, ideas, state, vi, en)
    since = fighter.since
    if state is False and since and since.year <= case.year and (fighter.uncounted or excellent.uncounted):
        outcomes.append(uncounted_outcome(case, fighter if fighter.uncounted else excellent))
    return outcomes


# LAW-BK-TT: Art. 74 limb (d): 2 consecutive years of excellent completion (Bắc Ninh: or TTLĐXS).
def check_merit_unit(case: Case, rule: Rule) -> list[Outcome]:
    with_ttldxs = rule.params["ttldxs_counts"]

    def test(record: YearRecord) -> bool | None:
        if with_ttldxs:
            return any3([is_excellent(record), has_title(TTLDXS)(record)])
        return is_excellent(record)

    what = f"excellent completion or {TTLDXS}" if with_ttldxs else "excellent completion"
    what_vi = "hoàn thành xuất sắc nhiệm vụ" + (" hoặc Tập thể lao động xuất sắc" if with_ttldxs else "")
    return chain_outcomes(case, rule, chain(case, rule.params["years"], test), what, what_vi)


# LAW-TTLDXS: Art. 27 cl.1. Excellent; 100% completed; >=70% LĐTT; at least one CSTĐCS.
def check_ttldxs(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", "hồ sơ")]
    outcomes = [rating_outcome(case, rule, ("xuat-sac",)), _all_completed(case, rule, record)]
    outcomes.append(_ldtt_share(case, rule, record))
    fighters = (record.staff_titles or {}).get(CSTDCS)
    if fighters is None:
        outcomes.append(missing(rule, case.year, f"staff_titles.{CSTDCS}", "số Chiến sĩ thi đua cơ sở"))
    else:
        needed = rule.params["fighters"]
        outcomes.append(
            outcome(
                fighters >= needed,
                rule,
                f"số Chiến sĩ thi đua cơ sở năm {case.year}: {fighters} (cần ít nhất {needed})",
                f"{CSTDCS} holders {case.year}: {fighters} (needs at least {needed})",
            )
        )
    return outcomes


# LAW-TTLDTT: Art. 28 cl.1 (PRV-TTLDTT-BN: Bắc Ninh's own share). Good; share of LĐTT; nobody warned.
def check_ttldtt(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", "hồ sơ")]
    outcomes = [rating_outcome(case, rule, GOOD_RATINGS), _ldtt_share(case, rule, record)]
    warned = record.staff_disciplined_warning_or_above
    if warned is None:
        key = "staff_disciplined_warning_or_above"
        outcomes.append(missing(rule, case.year, key, "số người bị kỷ luật từ cảnh cáo trở lên"))
    else:
        outcomes.append(
            outcome(
                warned == 0,
                rule,
                f"số người bị kỷ luật từ cảnh cáo trở lên năm {case.year}: {warned} (cần 0)",
                f"members disciplined at warning or above {case.year}: {warned} (needs 0)",
            )
        )
    return outcomes


def _all_completed(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    if record.staff is None or record.staff_completed is None:
        key = "staff" if record.staff is None else "staff_completed"
        return missing(rule, case.year, key, "số thành viên và số hoàn thành nhiệm vụ")
    return outcome(
        record.staff_completed == record.staff,
        rule,
        f"hoàn thành nhiệm vụ năm {case.year}: {record.staff_completed}/{record.staff} (cần 100%)",
        f"members who completed their tasks {case.year}: "
        f"{record.staff_completed}/{record.staff} (needs 100%)",
    )


def _ldtt_share(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    holders = (record.staff_titles or {}).get(LDTT)
    if record.staff is None or holders is None:
        key = "staff" if record.staff is None else f"staff_titles.{LDTT}"
        return missing(rule, case.year, key, "số thành viên đạt Lao động tiên tiến")
    percent, above = rule.params["percent"], rule.params["strictly_above"]
    # Whole numbers, so exactly 70% is exactly 70%: 28 of 40 meets "at least 70%".
    met = holders * 100 > percent * record.staff if above else holders * 100 >= percent * record.staff
    needs_en = f"more than {percent}%" if above else f"at least {percent}%"
    needs_vi = f"trên {percent}%" if above else f"từ {percent}% trở lên"
    return outcome(
        met,
        rule,
        f"đạt Lao động tiên tiến năm {case.year}: {holders}/{record.staff} (cần {needs_vi})",
        f"{LDTT} holders {case.year}: {holders}/{record.staff} (needs {needs_en})",
    )


# LAW-CO-TINH: Art. 26 cl.1. The leading unit of its cluster, excellent (its limb (b)).
def check_flag(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None or record.cluster_place is None:
        return [
            missing(rule, case.year, "cluster_place", "vị trí trong cụm, khối"),
            rating_outcome(case, rule, ("xuat-sac",)),
        ]
    place = outcome(
        record.cluster_place == 1,
        rule,
        f"vị trí trong cụm, khối năm {case.year}: {record.cluster_place} (cần dẫn đầu)",
        f"cluster place {case.year}: {record.cluster_place} (needs 1, the leading unit)",
    )
    return [place, rating_outcome(case, rule, ("xuat-sac",))]


# LAW-GK: Art. 75. Completed tasks well and an achievement recognised in a campaign: the year's emulation
# title on record is such a recognition; without one the achievement is not in the case file.
def check_commendation(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    outcomes = [rating_outcome(case, rule, GOOD_RATINGS)]
    if record is None or not record.titles:
        outcomes.append(missing(rule, case.year, "titles", "thành tích trong phong trào thi đua"))
    else:
        titles = ", ".join(record.titles)
        outcomes.append(
            outcome(
                True,
                rule,
                f"thành tích năm {case.year}: {titles}",
                f"achievement {case.year}: {titles}",
            )
        )
    return outcomes


# LAW-P2: Art. 5 cl.2(c). One achievement, one award: the year's record must not hold an exclusive award.
def check_one_award(case: Case, rule: Rule) -> list[Outcome]:
    exclusive = case.award.exclusive_with
    if not exclusive:
        return []
    record = case.own()
    if record is None or record.titles is None:
        return [missing(rule, case.year, "titles", "danh hiệu, hình thức đã được khen")]
    clash = [code for code in exclusive if code in record.titles]
    already = ", ".join(clash) or "none"
    return [
        outcome(
            not clash,
            rule,
            f"thành tích năm {case.year} đã được khen bằng: {', '.join(clash) or 'không có'}",
            f"the {case.year} achievement already rewarded with: {already}",
        )
    ]


# DEC-P3: NĐ 152 Art. 4 cl.4. Hold while a case is pending on the decision day; after discipline, count from
# its end.
def check_holds(case: Case, rule: Rule) -> list[Outcome]:
    holds = case.subject.holds
    if holds is None:
        # A hold is an event: a file that records none has none on record, as a unit without `events`
        # has no lineage. Asking every file to write `holds: []` would make nearly every answer "missing".
        holds = ()
    day = case.day
    pending = [h for h in holds if h.covers(day)]
    unclear = [h for h in holds if h.covers(day) is None]
    outcomes: list[Outcome] = []
    since = case.discipline_end()
    if since and since.year > case.year:
        outcomes.append(
            outcome(
                False,
                rule,
                f"kỷ luật hết hạn ngày {since:%d/%m/%Y}: thành tích năm {case.year} không được tính",
                f"discipline ended {since.isoformat()}: achievements of {case.year} do not count",
            )
        )
    for hold in pending:
        until = f"{hold.end:%d/%m/%Y}" if hold.end else "chưa kết thúc"
        outcomes.append(
            Outcome(
                Outcome.HELD,
                reason_for(
                    rule,
                    f"đang {HOLD_NAMES[hold.kind]} (đến {until}) vào ngày quyết định {day:%d/%m/%Y}",
                    f"{hold.kind} pending on the decision day {day.isoformat()} "
                    f"(until {hold.end.isoformat() if hold.end else 'open'})",
                ),
            )
        )
    for hold in unclear:
        vi = f"chưa rõ ngày bắt đầu {HOLD_NAMES[hold.kind]}"
        outcomes.append(outcome(None, rule, vi, f"not on record: from (start) of the {hold.kind} hold"))
    if not outcomes:
        vi = f"không có vụ việc nào đang xem xét vào ngày {day:%d/%m/%Y}"
        outcomes.append(outcome(True, rule, vi, f"no hold pending on {day.isoformat()}"))
    return outcomes


def _name(code: str) -> str:
    return AWARDS[code].name


def _span(years: list[int]) -> str:
    return ", ".join(str(y) for y in years) or "—"


CHECKS: Mapping[str, Check] = MappingProxyType(
    {
        "LAW-LDTT-1": check_ldtt,
        "LAW-CSTDCS": check_cstdcs,
        "LAW-CSTDT": check_fighter,
        "LAW-CSTDTQ": check_fighter,
        "LAW-BK-CN": check_merit_person,
        "LAW-BK-TT": check_merit_unit,
        "LAW-TTLDXS": check_ttldxs,
        "LAW-TTLDTT": check_ttldtt,
        "LAW-CO-TINH": check_flag,
        "LAW-GK": check_commendation,
    }
)
COMMON_CHECKS: Mapping[str, Check] = MappingProxyType({"LAW-P2": check_one_award, "DEC-P3": check_holds})
