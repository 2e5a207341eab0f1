"""The logic of each rule of the catalogue, once: a check reads the case and answers outcomes with reasons.

A check never guesses: a fact that is not on record gives an UNKNOWN outcome naming it. The parameters
(years, percentages, which initiative levels count) come from the rule version in force (catalogue.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from thidua.awards import catalogue
from thidua.awards.catalogue import GOOD_RATINGS, Award, Rule
from thidua.awards.facts import Initiative, Subject, YearRecord

LDTT = "lao-dong-tien-tien"
CSTDCS = "chien-si-thi-dua-co-so"
TTLDXS = "tap-the-lao-dong-xuat-sac"

RATING_NAMES = {
    "xuat-sac": "hoàn thành xuất sắc nhiệm vụ",
    "tot": "hoàn thành tốt nhiệm vụ",
    "hoan-thanh": "hoàn thành nhiệm vụ",
    "khong-hoan-thanh": "không hoàn thành nhiệm vụ",
}


@dataclass(frozen=True)
class Reason:
    rule: str
    source: str
    vi: str
    en: str

    def __str__(self) -> str:
        cite = ": ".join(part for part in (self.rule, self.source) if part)
        return f"{self.en} / {self.vi}" + (f" ({cite})" if cite else "")


@dataclass(frozen=True)
class Outcome:
    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"
    HELD = "held"

    status: str
    reason: Reason


@dataclass(frozen=True)
class Case:
    subject: Subject
    award: Award
    year: int
    day: date  # the decision day: picks the holds that matter, and the regime unless `law_day` says
    inherit: bool  # lineage: inherit
    subjects: Mapping[str, Subject]
    law_day: date | None = None  # a day inside the proposal's own regime: its rule versions apply

    @property
    def rules_day(self) -> date:
        return self.law_day or self.day

    def own(self) -> YearRecord | None:
        return self.subject.years.get(self.year)

    def records(self, year: int) -> list[tuple[str, YearRecord]] | None:
        """The records that stand for `year`. The year asked about is the subject's own (an award stays with
        the unit that earned it); an earlier year of a unit that has none comes from its predecessors."""
        if year == self.year:
            own = self.own()
            return None if own is None else [(self.subject.code, own)]
        return self._records(self.subject, year, frozenset())

    def _records(
        self, subject: Subject, year: int, seen: frozenset[str]
    ) -> list[tuple[str, YearRecord]] | None:
        record = subject.years.get(year)
        if record is not None:
            return [(subject.code, record)]
        found: list[tuple[str, YearRecord]] = []
        predecessors = self.predecessors(subject, year, merged=self.inherit)
        for predecessor in predecessors:
            if predecessor.code in seen:
                return None
            records = self._records(predecessor, year, seen | {subject.code})
            if records is None:  # every predecessor must have its year on record, or the year is unknown
                return None
            found.extend(records)
        return found or None

    def predecessors(self, subject: Subject, year: int, *, merged: bool) -> list[Subject]:
        """Units that became `subject` after `year`. A renamed unit is the same unit, so its chain always
        continues; a merger continues it only under `lineage: inherit` (the law is silent, LAW.md s.7).
        A split-off unit starts anew."""
        kinds = ("renamed_to", "merged_into") if merged else ("renamed_to",)
        return [
            other
            for other in self.subjects.values()
            if any(e.kind in kinds and e.other == subject.code and year < e.date.year for e in other.events)
        ]

    def discipline_end(self) -> date | None:
        """The end of the latest discipline over before the decision day (DEC-P3: counts start there)."""
        holds = self.subject.holds or ()
        ends = [h.end for h in holds if h.kind == "discipline" and h.end and h.end < self.day]
        return max(ends, default=None)


def source_of(rule: Rule) -> str:
    """A rule's source as cited in reasons, with LAW.md's confidence mark when not confirmed."""
    return str(rule.source) if rule.confidence == "C" else f"{rule.source} [{rule.confidence}]"


def reason_for(rule: Rule, vi: str, en: str) -> Reason:
    return Reason(rule.id, source_of(rule), vi, en)


def outcome(state: bool | None, rule: Rule, vi: str, en: str) -> Outcome:
    status = {True: Outcome.MET, False: Outcome.FAILED, None: Outcome.UNKNOWN}[state]
    return Outcome(status, reason_for(rule, vi, en))


def all3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if False in values:
        return False
    return True if all(values) else None


def any3(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if True in values:
        return True
    return False if all(v is False for v in values) else None


def _years(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years) or "none"


def _nam(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years) or "không có"


def missing(rule: Rule, year: int, key: str, vi: str) -> Outcome:
    return Outcome(
        Outcome.UNKNOWN,
        reason_for(rule, f"chưa có thông tin: {vi} năm {year}", f"not on record: {key} for {year}"),
    )


# --- facts of one year --------------------------------------------------------------------------------------


def is_excellent(record: YearRecord) -> bool | None:
    return None if record.rating is None else record.rating == "xuat-sac"


def good(record: YearRecord) -> bool | None:
    return None if record.rating is None else record.rating in GOOD_RATINGS


def has_title(title: str) -> Callable[[YearRecord], bool | None]:
    return lambda record: None if record.titles is None else title in record.titles


def rating_outcome(case: Case, rule: Rule, allowed: tuple[str, ...]) -> Outcome:
    record = case.own()
    if record is None or record.rating is None:
        return missing(rule, case.year, "rating", "mức độ hoàn thành nhiệm vụ")
    needed_vi = " hoặc ".join(RATING_NAMES[r] for r in allowed)
    return outcome(
        record.rating in allowed,
        rule,
        f"năm {case.year}: {RATING_NAMES[record.rating]} (cần {needed_vi})",
        f"rating {case.year}: {record.rating} (needs {' or '.join(allowed)})",
    )


# --- chains of consecutive years ---------------------------------------------------------------------------


@dataclass
class Chain:
    n: int
    end: int
    held: list[int] = field(default_factory=list)
    lacking: list[int] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    uncounted: list[int] = field(default_factory=list)  # before the end of a discipline (DEC-P3)
    via: dict[int, list[str]] = field(default_factory=dict)  # years read from predecessors
    not_inherited: list[str] = field(default_factory=list)
    since: date | None = None

    @property
    def state(self) -> bool | None:
        if self.lacking or self.uncounted:
            return False
        return None if self.unknown else True

    @property
    def counted(self) -> list[int]:
        return [y for y in range(self.end - self.n + 1, self.end + 1) if y not in self.uncounted]

    def describe(self, what: str, what_vi: str) -> tuple[str, str]:
        en = f"needs {self.n} consecutive years of {what} ending {self.end}; on record: {_years(self.held)}"
        vi = f"cần {self.n} năm liên tục {what_vi} đến năm {self.end}; đã có: {_nam(self.held)}"
        if self.lacking:
            en += f"; not {what}: {_years(self.lacking)}"
            vi += f"; không đạt: {_nam(self.lacking)}"
        if self.unknown:
            en += f"; not on record: {_years(self.unknown)}"
            vi += f"; chưa có thông tin: {_nam(self.unknown)}"
        for year, codes in self.via.items():
            en += f"; {year} from predecessor {', '.join(codes)} (lineage: inherit)"
            vi += f"; năm {year} lấy của đơn vị tiền thân {', '.join(codes)}"
        if self.not_inherited:
            names = ", ".join(self.not_inherited)
            en += f"; predecessor {names} not counted (lineage: none)"
            vi += f"; không tính đơn vị tiền thân {names} (lineage: none)"
        return en, vi


def chain(case: Case, n: int, test: Callable[[YearRecord], bool | None]) -> Chain:
    result = Chain(n, case.year, since=case.discipline_end())
    for year in range(case.year - n + 1, case.year + 1):
        records = case.records(year)
        value = None if records is None else all3(test(record) for _, record in records)
        {True: result.held, False: result.lacking, None: result.unknown}[value].append(year)
        if records and any(code != case.subject.code for code, _ in records):
            result.via[year] = [code for code, _ in records]
        if records is None and not case.inherit and year < case.year:
            merged = case.predecessors(case.subject, year, merged=True)
            result.not_inherited.extend(s.code for s in merged if s.code not in result.not_inherited)
        if result.since and year < result.since.year:
            result.uncounted.append(year)
    return result


def chain_outcomes(case: Case, rule: Rule, found: Chain, what: str, what_vi: str) -> list[Outcome]:
    en, vi = found.describe(what, what_vi)
    outcomes = [outcome(found.state, rule, vi, en)]
    # The year asked about itself falling before the end of a discipline is said by the DEC-P3 check.
    if found.uncounted and found.since and found.since.year <= case.year:
        outcomes.append(uncounted_outcome(case, found))
    return outcomes


def uncounted_outcome(case: Case, found: Chain) -> Outcome:
    rule = catalogue.rule_in_force("DEC-P3", case.rules_day)
    assert rule is not None and found.since is not None
    return outcome(
        False,
        rule,
        f"kỷ luật hết hạn ngày {found.since:%d/%m/%Y}: "
        f"thành tích các năm {_nam(found.uncounted)} không được tính",
        f"discipline ended {found.since.isoformat()}: achievements of {_years(found.uncounted)} do not count",
    )


# --- initiatives ------------------------------------------------------------------------------------------


@dataclass
class Initiatives:
    usable: list[Initiative] = field(default_factory=list)
    reused: list[Initiative] = field(default_factory=list)  # already supported another award (CIRC-P1)
    unknown: list[str] = field(default_factory=list)

    def state(self, needed: int) -> bool | None:
        if len(self.usable) >= needed:
            return True
        return None if self.unknown else False

    def describe(self) -> tuple[str, str]:
        usable = ", ".join(i.id for i in self.usable) or "none"
        en = f"initiatives that count: {usable}"
        vi = f"sáng kiến được tính: {usable if self.usable else 'không có'}"
        if self.unknown:
            en += f"; not on record: {', '.join(self.unknown)}"
            vi += f"; chưa có thông tin: {', '.join(self.unknown)}"
        return en, vi


def initiatives(case: Case, years: Iterable[int], levels: tuple[str, ...]) -> Initiatives:
    found = Initiatives()
    once = catalogue.rule_in_force("CIRC-P1", case.rules_day) is not None
    for year in years:
        records = case.records(year)
        if records is None or any(record.initiatives is None for _, record in records):
            found.unknown.append(f"initiatives {year}")
            continue
        for _, record in records:
            for initiative in record.initiatives or ():
                if initiative.level is None:
                    found.unknown.append(f"level of {initiative.id}")
                elif initiative.level not in levels:
                    continue
                elif once and initiative.used_for not in (None, case.award.code):
                    found.reused.append(initiative)
                else:
                    found.usable.append(initiative)
    return found


def initiative_outcomes(
    case: Case, rule: Rule, found: Initiatives, state: bool | None, vi: str, en: str
) -> list[Outcome]:
    outcomes = [outcome(state, rule, vi, en)]
    if found.reused and state is not True:
        circ = catalogue.rule_in_force("CIRC-P1", case.rules_day)
        assert circ is not None
        used = "; ".join(f"{i.id} → {i.used_for}" for i in found.reused)
        outcomes.append(
            outcome(
                state,
                circ,
                f"sáng kiến đã dùng làm căn cứ khen thưởng khác, không dùng lại: {used}",
                f"initiative already used for another award, not reused: {used}",
            )
        )
    return outcomes
