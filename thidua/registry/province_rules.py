"""A province's own rules (ProvinceRule): the board adds them from its documents and ends them; the
eligibility check reads them, and the council reads its threshold (meeting.thresholds). Each change runs
in one transaction and writes its audit row; bad input raises a ValidationError in Vietnamese naming what
is wrong beside the field of the board's form where it is put right, and nothing is written."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import catalogue
from thidua.awards.catalogue import (
    ANY_AWARD,
    ANY_AWARD_NAME,
    AWARDS,
    COUNCIL_SHARE,
    PARAMETERS,
    Parameter,
)
from thidua.core.audit import Actor, record
from thidua.core.concurrency import refuse_if_changed
from thidua.organisations.models import Organizer
from thidua.registry.models import ProvinceRule


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else _("no end date")


def _overlapping(rule: ProvinceRule) -> ProvinceRule | None:
    """Another rule of the organizer setting the same figure of the same award on a common day: two figures
    in force at once would leave the engine to pick one."""
    others = ProvinceRule.objects.filter(
        organizer=rule.organizer, award=rule.award, parameter=rule.parameter
    ).exclude(pk=rule.pk)
    for other in others:
        if (other.end is None or rule.start <= other.end) and (rule.end is None or other.start <= rule.end):
            return other
    return None


def _award_problem(rule: ProvinceRule, parameter: Parameter | None) -> str | None:
    if rule.award == ANY_AWARD:
        if parameter is not None and parameter.code != COUNCIL_SHARE:
            return _(
                "«{any_award}» is only for the council's pass threshold; choose one commendation form."
            ).format(any_award=ANY_AWARD_NAME)
        return None
    award = AWARDS.get(rule.award)
    if award is None:
        return _("Commendation form «{award}» is not in the legal catalogue.").format(award=rule.award)
    if parameter is not None and rule.award not in parameter.rules:
        allowed = ", ".join(AWARDS[code].name for code in parameter.rules if code in AWARDS)
        return _(
            "Criterion «{criterion}» does not apply to «{award}» (it applies only to: {allowed})."
        ).format(criterion=parameter.name, award=award.name, allowed=allowed)
    return None


def _problems(rule: ProvinceRule) -> dict[str, list[str]]:
    """What is wrong, by the field of the board's form where it is put right ("__all__": the whole rule)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str | None) -> None:
        if message:
            problems.setdefault(field, []).append(message)

    parameter = PARAMETERS.get(rule.parameter)
    if parameter is None:
        add(
            "parameter",
            _("Criterion «{criterion}» is not among the criteria a province may set.").format(
                criterion=rule.parameter
            ),
        )
    add("award", _award_problem(rule, parameter))
    if parameter is not None and not parameter.low <= rule.value <= parameter.high:
        add(
            "value",
            _("The value of «{criterion}» must be from {low} to {high}, not {value}.").format(
                criterion=parameter.name, low=parameter.low, high=parameter.high, value=rule.value
            ),
        )
    if not rule.document.strip():
        add("document", _("Enter the number and symbol of the province's document."))
    if not rule.article.strip():
        add("article", _("Enter the article and clause of the document."))
    if rule.end is not None and rule.end < rule.start:
        add(
            "end",
            _("The end of validity ({end}) is before the effective date ({start}).").format(
                end=_day(rule.end), start=_day(rule.start)
            ),
        )
    if rule.document_date > rule.start:
        add(
            "start",
            _("The effective date ({start}) is before the document's date of issue ({issued}).").format(
                start=_day(rule.start), issued=_day(rule.document_date)
            ),
        )
    if not problems and (other := _overlapping(rule)) is not None:
        add(
            "__all__",
            _(
                "Rule {rule} already sets the same criterion for this award, in force from {start} to {end}: "
                "end that rule first."
            ).format(rule=other.rule_id, start=_day(other.start), end=_day(other.end)),
        )
    return problems


@transaction.atomic
def add_province_rule(
    organizer: Organizer,
    *,
    award: str,
    parameter: str,
    value: int,
    document: str,
    document_date: dt.date,
    article: str,
    start: dt.date,
    end: dt.date | None = None,
    by: Actor,
) -> ProvinceRule:
    rule = ProvinceRule(
        organizer=organizer,
        award=award,
        parameter=parameter,
        value=value,
        document=document.strip(),
        document_date=document_date,
        article=article.strip(),
        start=start,
        end=end,
    )
    problems = _problems(rule)
    if problems:
        raise ValidationError(problems)
    rule.save()
    record(
        by,
        "registry.province_rule.create",
        rule,
        award=award,
        parameter=parameter,
        value=value,
        source=str(rule.source),
        start=start.isoformat(),
        end=end.isoformat() if end else None,
    )
    return rule


@transaction.atomic
def end_province_rule(
    rule: ProvinceRule, end: dt.date, *, by: Actor, seen: str | None = None
) -> ProvinceRule:
    """The last day `rule` is in force. Only an open rule ends; the row stays for the verdicts it gave."""
    rule = ProvinceRule.objects.select_for_update().get(pk=rule.pk)
    refuse_if_changed(rule, seen)
    if rule.end is not None:
        raise ValidationError(
            _("Rule {rule} already ended after {end}.").format(rule=rule.rule_id, end=_day(rule.end))
        )
    if end < rule.start:
        raise ValidationError(
            _("The end of validity ({end}) is before the day rule {rule} takes effect ({start}).").format(
                end=_day(end), rule=rule.rule_id, start=_day(rule.start)
            )
        )
    rule.end = end
    rule.save(update_fields=["end"])
    record(by, "registry.province_rule.end", rule, end=end.isoformat())
    return rule


def rules_of(organizer: Organizer) -> list[catalogue.ProvinceRule]:
    """The organizer's own rules as the engine's plain data; the engine keeps those in force."""
    return [row.as_rule() for row in ProvinceRule.objects.filter(organizer=organizer)]
