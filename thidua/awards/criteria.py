"""One check per rule of LAW.md, keyed by the rule id it implements (catalogue.Rule.check).

Each check answers one outcome per condition of the rule, so a verdict names every condition that failed
or every fact that is missing, not just the first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
from thidua.awards.wording import Term, either, english_only
from thidua.awards.wording import day as said_day

Check = Callable[[Case, Rule], list[Outcome]]

HOLD_NAMES = {
    "discipline": _("disciplinary review"),
    "investigation": _("investigation"),
    "inspection": _("inspection or audit"),
    "complaint": _("handling of a complaint or denunciation"),
}
EXCELLENT = _("excellent completion")


# LAW-LDTT-1: Law 06/2022 Art. 24 cl.1. Rated "hoàn thành tốt nhiệm vụ" or better.
def check_ldtt(case: Case, rule: Rule) -> list[Outcome]:
    return [rating_outcome(case, rule, GOOD_RATINGS)]


# LAW-CSTDCS: Art. 23. LĐTT and one of: excellent rating (not under the 2003 law), a grassroots initiative.
def check_cstdcs(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", _("year record"))]
    outcomes = [_meets_ldtt(case, rule, record)]
    found = initiatives(case, [case.year], INITIATIVE_LEVELS)
    excellent = is_excellent(record) if rule.params["excellent_rating_suffices"] else False
    state = any3([excellent, found.state(1)])
    if rule.params["excellent_rating_suffices"]:
        text = format_lazy(
            # Translators: {rating} is said only in English; other languages keep it where it says nothing.
            _(
                "needs excellent completion or a grassroots initiative in {year}; rating: {rating}; "
                "{initiatives}"
            ),
            year=case.year,
            rating=english_only(record.rating or _("not on record")),
            initiatives=found.describe(),
        )
    else:
        text = format_lazy(
            _("needs an initiative recognised at grassroots level in {year}; {initiatives}"),
            year=case.year,
            initiatives=found.describe(),
        )
    return outcomes + initiative_outcomes(case, rule, found, state, text)


def _meets_ldtt(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    if record.rating is not None:
        return rating_outcome(case, rule, GOOD_RATINGS)
    if record.titles is not None and (LDTT in record.titles or CSTDCS in record.titles):
        return outcome(True, rule, format_lazy(_("{title} in {year}"), title=_term(LDTT), year=case.year))
    return missing(rule, case.year, "rating", _("level of task completion"))


# LAW-CSTDT (Art. 22): 3 consecutive CSTĐCS and a province-wide initiative.
# LAW-CSTDTQ (Art. 21): 2 consecutive provincial CSTĐ and a nationwide initiative. Same logic, other data.
def check_fighter(case: Case, rule: Rule) -> list[Outcome]:
    title = rule.params["title"]
    found = chain(case, rule.params["years"], has_title(title))
    outcomes = chain_outcomes(case, rule, found, _term(title))
    levels = rule.params["initiative_levels"]
    ideas = initiatives(case, found.counted, levels)
    text = format_lazy(
        _("needs an initiative of level {levels} in {years}; {initiatives}"),
        levels=either(levels),
        years=_span(found.counted),
        initiatives=ideas.describe(),
    )
    return outcomes + initiative_outcomes(case, rule, ideas, ideas.state(1), text)


# LAW-BK-CN: Art. 74 cl.1 limb (d); limbs (a)-(c), (e) rest on achievements a case file does not record.
def check_merit_person(case: Case, rule: Rule) -> list[Outcome]:
    n = rule.params["years"]
    fighter = chain(case, n, has_title(CSTDCS))
    excellent = chain(case, n, is_excellent)
    ideas = initiatives(case, excellent.counted, INITIATIVE_LEVELS)
    state = any3([fighter.state, all3([excellent.state, ideas.state(rule.params["initiatives"])])])
    text = format_lazy(
        _("limb (d), one of: [{fighter}] or [{excellent}, with {count} {initiatives}]"),
        fighter=fighter.describe(_term(CSTDCS)),
        excellent=excellent.describe(EXCELLENT),
        count=rule.params["initiatives"],
        initiatives=ideas.describe(),
    )
    outcomes = initiative_outcomes(case, rule, ideas, state, text)
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

    what = either([EXCELLENT, _term(TTLDXS)]) if with_ttldxs else EXCELLENT
    return chain_outcomes(case, rule, chain(case, rule.params["years"], test), what)


# LAW-TTLDXS: Art. 27 cl.1. Excellent; 100% completed; >=70% LĐTT; at least one CSTĐCS.
def check_ttldxs(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", _("year record"))]
    outcomes = [rating_outcome(case, rule, ("xuat-sac",)), _all_completed(case, rule, record)]
    outcomes.append(_ldtt_share(case, rule, record))
    fighters = (record.staff_titles or {}).get(CSTDCS)
    if fighters is None:
        name = _("number of grassroots emulation fighters")
        outcomes.append(missing(rule, case.year, f"staff_titles.{CSTDCS}", name))
    else:
        needed = rule.params["fighters"]
        text = format_lazy(
            _("{title} holders {year}: {count} (needs at least {needed})"),
            title=_term(CSTDCS),
            year=case.year,
            count=fighters,
            needed=needed,
        )
        outcomes.append(outcome(fighters >= needed, rule, text))
    return outcomes


# LAW-TTLDTT: Art. 28 cl.1 (PRV-TTLDTT-BN: Bắc Ninh's own share). Good; share of LĐTT; nobody warned.
def check_ttldtt(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None:
        return [missing(rule, case.year, "year record", _("year record"))]
    outcomes = [rating_outcome(case, rule, GOOD_RATINGS), _ldtt_share(case, rule, record)]
    warned = record.staff_disciplined_warning_or_above
    if warned is None:
        key = "staff_disciplined_warning_or_above"
        outcomes.append(missing(rule, case.year, key, _("number of members disciplined at warning or above")))
    else:
        text = format_lazy(
            _("members disciplined at warning or above {year}: {count} (needs 0)"),
            year=case.year,
            count=warned,
        )
        outcomes.append(outcome(warned == 0, rule, text))
    return outcomes


def _all_completed(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    if record.staff is None or record.staff_completed is None:
        key = "staff" if record.staff is None else "staff_completed"
        return missing(rule, case.year, key, _("number of members and number who completed their tasks"))
    text = format_lazy(
        _("members who completed their tasks {year}: {completed}/{staff} (needs 100%)"),
        year=case.year,
        completed=record.staff_completed,
        staff=record.staff,
    )
    return outcome(record.staff_completed == record.staff, rule, text)


def _ldtt_share(case: Case, rule: Rule, record: YearRecord) -> Outcome:
    holders = (record.staff_titles or {}).get(LDTT)
    if record.staff is None or holders is None:
        key = "staff" if record.staff is None else f"staff_titles.{LDTT}"
        return missing(rule, case.year, key, _("number of members rated Advanced labourer"))
    percent, above = rule.params["percent"], rule.params["strictly_above"]
    # Whole numbers, so exactly 70% is exactly 70%: 28 of 40 meets "at least 70%".
    met = holders * 100 > percent * record.staff if above else holders * 100 >= percent * record.staff
    needs = format_lazy(_("more than {percent}%") if above else _("at least {percent}%"), percent=percent)
    text = format_lazy(
        _("{title} holders {year}: {holders}/{staff} (needs {needs})"),
        title=_term(LDTT),
        year=case.year,
        holders=holders,
        staff=record.staff,
        needs=needs,
    )
    return outcome(met, rule, text)


# LAW-CO-TINH: Art. 26 cl.1. The leading unit of its cluster, excellent (its limb (b)).
def check_flag(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    if record is None or record.cluster_place is None:
        return [
            missing(rule, case.year, "cluster_place", _("place in the cluster or block")),
            rating_outcome(case, rule, ("xuat-sac",)),
        ]
    text = format_lazy(
        _("cluster place {year}: {place} (needs 1, the leading unit)"),
        year=case.year,
        place=record.cluster_place,
    )
    place = outcome(record.cluster_place == 1, rule, text)
    return [place, rating_outcome(case, rule, ("xuat-sac",))]


# LAW-GK: Art. 75. Completed tasks well and an achievement recognised in a campaign: the year's emulation
# title on record is such a recognition; without one the achievement is not in the case file.
def check_commendation(case: Case, rule: Rule) -> list[Outcome]:
    record = case.own()
    outcomes = [rating_outcome(case, rule, GOOD_RATINGS)]
    if record is None or not record.titles:
        outcomes.append(missing(rule, case.year, "titles", _("achievement in an emulation movement")))
    else:
        titles = ", ".join(record.titles)
        outcomes.append(
            outcome(True, rule, format_lazy(_("achievement {year}: {titles}"), year=case.year, titles=titles))
        )
    return outcomes


# LAW-P2: Art. 5 cl.2(c). One achievement, one award: the year's record must not hold an exclusive award.
def check_one_award(case: Case, rule: Rule) -> list[Outcome]:
    exclusive = case.award.exclusive_with
    if not exclusive:
        return []
    record = case.own()
    if record is None or record.titles is None:
        return [missing(rule, case.year, "titles", _("titles and awards already received"))]
    clash = [code for code in exclusive if code in record.titles]
    text = format_lazy(
        _("the {year} achievement already rewarded with: {awards}"),
        year=case.year,
        awards=", ".join(clash) or _("none"),
    )
    return [outcome(not clash, rule, text)]


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
        text = format_lazy(
            _("discipline ended {day}: achievements of {year} do not count"),
            day=said_day(since),
            year=case.year,
        )
        outcomes.append(outcome(False, rule, text))
    for hold in pending:
        until = said_day(hold.end) if hold.end else pgettext_lazy("a hold without an end", "open")
        text = format_lazy(
            _("{kind} pending on the decision day {day} (until {until})"),
            kind=_hold(hold.kind),
            day=said_day(day),
            until=until,
        )
        outcomes.append(Outcome(Outcome.HELD, reason_for(rule, text)))
    for hold in unclear:
        text = format_lazy(_("not on record: from (start) of the {kind} hold"), kind=_hold(hold.kind))
        outcomes.append(outcome(None, rule, text))
    if not outcomes:
        outcomes.append(outcome(True, rule, format_lazy(_("no hold pending on {day}"), day=said_day(day))))
    return outcomes


def _hold(kind: str) -> Term:
    return Term(kind, HOLD_NAMES[kind])


def _term(code: str) -> Term:
    return Term(code, AWARDS[code].label)


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
