"""A province's own rules (ProvinceRule): the board adds them from its documents and ends them; the
eligibility check reads them, and the council reads its threshold (meeting.thresholds). Each change runs
in one transaction and writes its audit row; bad input raises a ValidationError in Vietnamese naming what
is wrong beside the field of the board's form where it is put right, and nothing is written."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

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
from thidua.organisations.models import Organizer
from thidua.registry.models import ProvinceRule


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "không thời hạn"


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
            return (
                f"«{ANY_AWARD_NAME}» chỉ dùng cho ngưỡng thông qua của Hội đồng; "
                "chọn một hình thức khen thưởng."
            )
        return None
    award = AWARDS.get(rule.award)
    if award is None:
        return f"Hình thức khen thưởng «{rule.award}» không có trong danh mục pháp luật."
    if parameter is not None and rule.award not in parameter.rules:
        allowed = ", ".join(AWARDS[code].name for code in parameter.rules if code in AWARDS)
        return f"Tiêu chí «{parameter.name}» không áp dụng cho «{award.name}» (chỉ áp dụng cho: {allowed})."
    return None


def _problems(rule: ProvinceRule) -> dict[str, list[str]]:
    """What is wrong, by the field of the board's form where it is put right ("__all__": the whole rule)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str | None) -> None:
        if message:
            problems.setdefault(field, []).append(message)

    parameter = PARAMETERS.get(rule.parameter)
    if parameter is None:
        add("parameter", f"Tiêu chí «{rule.parameter}» không có trong danh sách tiêu chí tỉnh được đặt.")
    add("award", _award_problem(rule, parameter))
    if parameter is not None and not parameter.low <= rule.value <= parameter.high:
        add(
            "value",
            f"Giá trị của «{parameter.name}» phải từ {parameter.low} đến {parameter.high}, "
            f"không phải {rule.value}.",
        )
    if not rule.document.strip():
        add("document", "Cần nhập số, ký hiệu văn bản của tỉnh.")
    if not rule.article.strip():
        add("article", "Cần nhập điều, khoản của văn bản.")
    if rule.end is not None and rule.end < rule.start:
        add("end", f"Ngày hết hiệu lực ({_day(rule.end)}) trước ngày có hiệu lực ({_day(rule.start)}).")
    if rule.document_date > rule.start:
        add(
            "start",
            f"Ngày có hiệu lực ({_day(rule.start)}) trước ngày ban hành văn bản "
            f"({_day(rule.document_date)}).",
        )
    if not problems and (other := _overlapping(rule)) is not None:
        add(
            "__all__",
            f"Đã có quy định {other.rule_id} cùng tiêu chí cho hình thức này, có hiệu lực từ "
            f"{_day(other.start)} đến {_day(other.end)}: hãy cho quy định đó hết hiệu lực trước.",
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
def end_province_rule(rule: ProvinceRule, end: dt.date, *, by: Actor) -> ProvinceRule:
    """The last day `rule` is in force. Only an open rule ends; the row stays for the verdicts it gave."""
    rule = ProvinceRule.objects.select_for_update().get(pk=rule.pk)
    if rule.end is not None:
        raise ValidationError(f"Quy định {rule.rule_id} đã hết hiệu lực sau ngày {_day(rule.end)}.")
    if end < rule.start:
        raise ValidationError(
            f"Ngày hết hiệu lực ({_day(end)}) trước ngày quy định {rule.rule_id} có hiệu lực "
            f"({_day(rule.start)})."
        )
    rule.end = end
    rule.save(update_fields=["end"])
    record(by, "registry.province_rule.end", rule, end=end.isoformat())
    return rule


def rules_of(organizer: Organizer) -> list[catalogue.ProvinceRule]:
    """The organizer's own rules as the engine's plain data; the engine keeps those in force."""
    return [row.as_rule() for row in ProvinceRule.objects.filter(organizer=organizer)]
