"""A province's own rules (ProvinceRule): the board adds them from its documents and ends them; the
eligibility check reads them. Each change runs in one transaction and writes its audit row; bad input
raises a ValidationError in Vietnamese naming what is wrong, and nothing is written."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.awards import catalogue
from thidua.awards.catalogue import AWARDS, PARAMETERS
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


def _problems(rule: ProvinceRule) -> list[str]:
    problems: list[str] = []
    parameter = PARAMETERS.get(rule.parameter)
    award = AWARDS.get(rule.award)
    if award is None:
        problems.append(f"Hình thức khen thưởng «{rule.award}» không có trong danh mục pháp luật.")
    if parameter is None:
        problems.append(f"Tiêu chí «{rule.parameter}» không có trong danh sách tiêu chí tỉnh được đặt.")
    elif award is not None and rule.award not in parameter.rules:
        allowed = ", ".join(AWARDS[code].name for code in parameter.rules)
        problems.append(
            f"Tiêu chí «{parameter.name}» không áp dụng cho «{award.name}» (chỉ áp dụng cho: {allowed})."
        )
    if parameter is not None and not parameter.low <= rule.value <= parameter.high:
        problems.append(
            f"Giá trị của «{parameter.name}» phải từ {parameter.low} đến {parameter.high}, "
            f"không phải {rule.value}."
        )
    if not rule.document.strip():
        problems.append("Cần nhập số, ký hiệu văn bản của tỉnh.")
    if not rule.article.strip():
        problems.append("Cần nhập điều, khoản của văn bản.")
    if rule.end is not None and rule.end < rule.start:
        problems.append(f"Ngày hết hiệu lực ({_day(rule.end)}) trước ngày có hiệu lực ({_day(rule.start)}).")
    if rule.document_date > rule.start:
        problems.append(
            f"Ngày có hiệu lực ({_day(rule.start)}) trước ngày ban hành văn bản ({_day(rule.document_date)})."
        )
    if not problems and (other := _overlapping(rule)) is not None:
        problems.append(
            f"Đã có quy định {other.rule_id} cùng tiêu chí cho hình thức này, có hiệu lực từ "
            f"{_day(other.start)} đến {_day(other.end)}: hãy cho quy định đó hết hiệu lực trước."
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
