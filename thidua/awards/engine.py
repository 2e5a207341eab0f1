"""Eligibility: may this subject receive this award for this year? Pure functions over plain data.

The web interface, the proposal pipeline and `thidua eligibility` all ask `evaluate`. A verdict is decided
in this order: any condition that fails -> not_eligible; else any fact that is not on record ->
missing_information (naming it, never guessing); else a hold pending on the decision day -> on_hold
(LAW.md DEC-P3); else eligible. Every verdict lists the reasons, each with its rule id and source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thidua.awards import catalogue
from thidua.awards.catalogue import AWARDS, Award, ProvinceRule
from thidua.awards.conditions import Case, Outcome, Reason
from thidua.awards.criteria import CHECKS, COMMON_CHECKS
from thidua.awards.facts import Subject
from thidua.awards.regimes import regime_for, regime_named, within
from thidua.awards.wording import Term
from thidua.awards.wording import day as said_day

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
ON_HOLD = "on_hold"
MISSING_INFORMATION = "missing_information"
LINEAGES = ("inherit", "none")

__all__ = ["ELIGIBLE", "MISSING_INFORMATION", "NOT_ELIGIBLE", "ON_HOLD", "Reason", "Verdict", "evaluate"]


@dataclass(frozen=True)
class Verdict:
    subject: str
    award: str
    year: int
    regime: str
    verdict: str
    reasons: tuple[Reason, ...]

    @property
    def rules(self) -> list[str]:
        """The ids of the rules that decided the verdict, each once, in the order of the reasons."""
        return list(dict.fromkeys(reason.rule for reason in self.reasons if reason.rule))

    def as_dict(self) -> dict[str, Any]:
        """The entry of verdicts.json (ELIGIBILITY.md), with no other key."""
        return {
            "subject": self.subject,
            "award": self.award,
            "year": self.year,
            "regime": self.regime,
            "verdict": self.verdict,
            "rules": self.rules,
            "reasons": [str(reason) for reason in self.reasons],
        }


def evaluate(
    subject: Subject,
    award_code: str,
    year: int,
    *,
    decided_on: date | None = None,
    province: str | None = None,
    lineage: str = "inherit",
    subjects_by_code: Mapping[str, Subject] | None = None,
    province_rules: Sequence[ProvinceRule] = (),
    regime: str | None = None,
) -> Verdict:
    """Judge `subject` for `award_code` in `year` under the regime in force on `decided_on`
    (31 December of `year` when absent), or under `regime` when given (a proposal's own regime, chosen by
    the rules of transition): its rule versions apply while the holds are still those of the decision
    day. `lineage="inherit"` lets a unit's chains of years continue through the units merged into it;
    `subjects_by_code` holds those predecessors. `province` picks the catalogue's built-in province rules;
    `province_rules` are the province's own rules its board entered (the registry loads them), applied
    over those when in force on the decision day."""
    award = AWARDS.get(award_code)
    if award is None:
        raise ValueError(f"unknown award code {award_code!r}")
    if subject.kind not in award.subjects:
        raise ValueError(f"{award_code} is not given to a {subject.kind}")
    if lineage not in LINEAGES:
        raise ValueError(f"lineage must be one of {LINEAGES}, not {lineage!r}")
    day = decided_on or date(year, 12, 31)
    chosen = regime_named(regime) if regime else regime_for(day)
    if chosen is None:
        raise ValueError(f"unknown regime {regime!r}")
    case = Case(
        subject=subject,
        award=award,
        year=year,
        day=day,
        inherit=lineage == "inherit",
        subjects=subjects_by_code if subjects_by_code is not None else {subject.code: subject},
        law_day=within(chosen, day),
    )
    outcomes = _outcomes(case, award, province, province_rules)
    verdict, reasons = _decide(outcomes)
    return Verdict(subject.code, award.code, year, chosen.code, verdict, reasons)


def _outcomes(case: Case, award: Award, province: str | None, own: Sequence[ProvinceRule]) -> list[Outcome]:
    rule_ids = catalogue.rules_for(award, case.subject.kind)
    if not rule_ids:
        return [_not_in_catalogue(award)]
    outcomes: list[Outcome] = []
    for rule_id in rule_ids:
        rule = catalogue.rule_in_force(rule_id, case.rules_day, province)
        if rule is None:
            outcomes.append(_no_version(rule_id, case.rules_day))
            continue
        rule = catalogue.with_province_rules(rule, award.code, case.day, own)
        check = CHECKS.get(rule.check) or COMMON_CHECKS[rule.check]
        outcomes.extend(check(case, rule))
    return outcomes


def _decide(outcomes: list[Outcome]) -> tuple[str, tuple[Reason, ...]]:
    for status, verdict in (
        (Outcome.FAILED, NOT_ELIGIBLE),
        (Outcome.UNKNOWN, MISSING_INFORMATION),
        (Outcome.HELD, ON_HOLD),
    ):
        reasons = tuple(o.reason for o in outcomes if o.status == status)
        if reasons:
            return verdict, reasons
    return ELIGIBLE, tuple(o.reason for o in outcomes)


def _not_in_catalogue(award: Award) -> Outcome:
    # Never guess a criterion the catalogue does not hold: the answer is that the law text is missing.
    text = format_lazy(
        _("the criteria of {award} are not in the catalogue (LAW.md lacks the text of {gap})"),
        award=Term(award.code, award.label),
        gap=award.gap,
    )
    return Outcome(Outcome.UNKNOWN, Reason("", award.gap, text))


def _no_version(rule_id: str, day: date) -> Outcome:
    text = format_lazy(_("rule {rule} has no version in force on {day}"), rule=rule_id, day=said_day(day))
    return Outcome(Outcome.UNKNOWN, Reason(rule_id, "", text))
