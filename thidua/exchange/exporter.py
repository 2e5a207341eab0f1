"""Write a cluster back out as an exchange file (FORMAT.md): what is not known stays out of the file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models import ClusterYear, Review
from thidua.emulation.seal import year_sealed
from thidua.exchange.data import (
    Choices,
    NextData,
    ReviewData,
    RulesData,
    UnitData,
    UnitEventData,
    YearData,
)
from thidua.exchange.errors import ExportImpossible
from thidua.organisations.models import AwardTier, Cluster, Unit

DEFAULT_RULES = RulesData(method="ballot")


def export_cluster(cluster: Cluster) -> dict[str, Any]:
    """The cluster as FORMAT.md's structure, keys in the format's order, plain YAML-ready values."""
    years = list(cluster.years.order_by("year"))
    if not years:
        raise ExportImpossible(_("cluster '{code}' has no year to export"), code=cluster.code)
    _refuse_sealed(years)
    tiers = cluster.ordered_tiers()
    order = {tier.code: tier.position for tier in tiers}
    data: dict[str, Any] = {"format": 1}
    if cluster.source:
        data["source"] = cluster.source
    data["organizer"] = _omit_blank(
        {
            "name": cluster.organizer.name,
            "short": cluster.organizer.short_name,
            "province": cluster.organizer.province,
            "standing_body": cluster.organizer.standing_body,
        }
    )
    data["awards"] = [_award(tier) for tier in tiers]
    data["units"] = [_unit(unit_on_record(unit)) for unit in _units(cluster, years)]
    data["cluster"] = {
        "code": cluster.code,
        "kind": cluster.kind,
        "name": cluster.name,
        "rules": _rules(cluster, years, order),
    }
    data["years"] = [_year(year_on_record(cluster_year), order) for cluster_year in years]
    return data


def _refuse_sealed(years: list[ClusterYear]) -> None:
    """A year whose vote is under way is sealed (review.seal): its ballots do not leave in a file."""
    sealed = [str(cluster_year.year) for cluster_year in years if year_sealed(cluster_year)]
    if sealed:
        listed = ", ".join(sealed)
        raise ExportImpossible(
            _("voting is open in {years}; ballots and results are sealed until the chair closes the vote"),
            years=listed,
        )


def dump_exchange(data: dict[str, Any]) -> str:
    """YAML text of an exported structure: short lists and code maps inline, as people write them."""
    return yaml.dump(
        _styled(data, None),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
    )


# --- parts -----------------------------------------------------------------------------------------


def _award(tier: AwardTier) -> dict[str, Any]:
    return _omit_blank(
        {
            "code": tier.code,
            "name": tier.name,
            "grantor": tier.grantor,
            "subject": tier.subject,
            "catalog": tier.catalog,
        }
    )


def _units(cluster: Cluster, years: list[ClusterYear]) -> list[Unit]:
    """The cluster's units in the order they were linked, plus any unit its records name that is not
    linked (a member added on the web, a lineage partner), so the file's references all resolve."""
    link = Cluster.units.through
    units = [row.unit for row in link.objects.filter(cluster=cluster).select_related("unit").order_by("pk")]
    codes = {unit.code for unit in units}
    named: set[str] = set()
    for cluster_year in years:
        named.update(_codes_named(cluster_year))
    extra = Unit.objects.filter(organizer=cluster.organizer, code__in=named - codes).order_by("code")
    units.extend(extra)
    # Lineage partners, followed until none is missing.
    while True:
        codes = {unit.code for unit in units}
        partners = Unit.objects.filter(incoming_events__unit__in=units).exclude(code__in=codes).distinct()
        missing = sorted(partners, key=lambda unit: unit.code)
        if not missing:
            return units
        units.extend(missing)


def _codes_named(cluster_year: ClusterYear) -> set[str]:
    codes = {unit.code for unit in cluster_year.member_units()}
    codes.update(unit.code for unit in cluster_year.deputy_units())
    codes.update(unit.code for unit in (cluster_year.head, cluster_year.host) if unit)
    review = Review.objects.filter(cluster_year=cluster_year).first()
    if review is not None:
        codes.update(unit.code for unit in review.present.all())
        codes.update(unit.code for unit in review.next_deputy_units())
        if review.next_head:
            codes.add(review.next_head.code)
        for choices in [*(ballot.choices for ballot in review.ballots.all()), review.outcome or {}]:
            for listed in choices.values():
                codes.update(listed)
    return codes


def unit_on_record(unit: Unit) -> UnitData:
    """What the database holds about a unit, as the file would state it."""
    events = tuple(
        UnitEventData(kind=e.kind, other=e.other.code, date=e.date)
        for e in unit.events.select_related("other")
    )
    return UnitData(
        code=unit.code,
        name=unit.name,
        short=unit.short_name or None,
        female_share=unit.female_share,
        events=events or None,
    )


def _unit(unit: UnitData) -> dict[str, Any]:
    data = _omit_blank({"code": unit.code, "name": unit.name, "short": unit.short})
    if unit.female_share is not None:
        data["female_share"] = _number(unit.female_share)
    if unit.events:
        data["events"] = [{"kind": e.kind, "other": e.other, "date": e.date} for e in unit.events]
    return data


def rules_on_record(cluster_year: ClusterYear) -> RulesData:
    """The regulation in force for the year, as the file's `cluster.rules` would state it."""
    return RulesData(
        method=cluster_year.method,
        quotas=dict(cluster_year.quotas or {}),
        min_approval=Decimal(cluster_year.min_approval),
        tie_break=tuple(cluster_year.tie_break),
        exclusive=cluster_year.exclusive,
    )


def _rules(cluster: Cluster, years: list[ClusterYear], order: dict[str, int]) -> dict[str, Any]:
    """The format has one set of rules per file; years that differ cannot be written faithfully."""
    seen = {_rules_key(rules_on_record(cluster_year), order): cluster_year.year for cluster_year in years}
    if len(seen) > 1:
        listed = ", ".join(str(year) for year in sorted(seen.values()))
        raise ExportImpossible(
            _(
                "the rules of cluster '{code}' differ between years ({years}); a format 1 file holds one set "
                "of rules"
            ),
            code=cluster.code,
            years=listed,
        )
    method, quotas, min_approval, tie_break, exclusive = next(iter(seen))
    rules: dict[str, Any] = {"method": method}
    if quotas:
        rules["quotas"] = dict(quotas)
    if min_approval != DEFAULT_RULES.min_approval:
        rules["min_approval"] = _number(min_approval)
    if tie_break != DEFAULT_RULES.tie_break:
        rules["tie_break"] = list(tie_break)
    if exclusive != DEFAULT_RULES.exclusive:
        rules["exclusive"] = exclusive
    return rules


def _rules_key(rules: RulesData, order: dict[str, int]) -> tuple[Any, ...]:
    quotas = tuple(sorted(rules.quotas.items(), key=lambda item: order.get(item[0], len(order))))
    return (rules.method, quotas, rules.min_approval, rules.tie_break, rules.exclusive)


def year_on_record(cluster_year: ClusterYear) -> YearData:
    """What the database holds about a year, as the file would state it (unknowns stay None)."""
    memberships = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
    review = Review.objects.filter(cluster_year=cluster_year).first()
    places = {m.reported_place: m.unit.code for m in memberships if m.reported_place is not None}
    year = YearData(
        year=cluster_year.year,
        members=tuple(m.unit.code for m in memberships),
        head=cluster_year.head.code if cluster_year.head else None,
        deputies=tuple(u.code for u in cluster_year.deputy_units()) if cluster_year.deputies_known else None,
        host=cluster_year.host.code if cluster_year.host else None,
        scores={m.unit.code: m.score for m in memberships if m.score is not None},
        ratings={m.unit.code: m.rating for m in memberships if m.rating},
        ranking=tuple(places[place] for place in sorted(places)),
    )
    if review is None:
        return year
    roster = {m.unit_id: m.position for m in memberships}
    return replace(year, review=_meeting_on_record(review, roster), **_outcome_on_record(review))


def _meeting_on_record(review: Review, roster: dict[int, int]) -> ReviewData:
    present = None
    if review.present_known:
        units = sorted(review.present.all(), key=lambda unit: (roster.get(unit.pk, len(roster)), unit.code))
        present = tuple(unit.code for unit in units)
    return ReviewData(
        date=review.date,
        place=review.place or None,
        chair=review.chair or None,
        board_representative=review.board_representative or None,
        present=present,
    )


def _outcome_on_record(review: Review) -> dict[str, Any]:
    following = None
    if review.next_known:
        following = NextData(
            head=review.next_head.code if review.next_head else None,
            deputies=tuple(u.code for u in review.next_deputy_units())
            if review.next_deputies_known
            else None,
            decided_by=review.next_decided_by or None,
        )
    ballots = [_choices(ballot.choices) for ballot in review.ballots.all()]
    return {
        "ballots": tuple(ballots) if review.ballots_known else None,
        "outcome": _choices(review.outcome) if review.outcome is not None else None,
        "unnamed": dict(review.unnamed),
        "status": review.status,
        "next": following,
        "pact_signed": review.pact_signed,
    }


def _choices(stored: dict[str, list[str]]) -> Choices:
    return {tier: tuple(codes) for tier, codes in stored.items()}


def _year(year: YearData, order: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {"year": year.year, "members": list(year.members)}
    if year.head:
        data["head"] = year.head
    if year.deputies is not None:
        data["deputies"] = list(year.deputies)
    if year.host:
        data["host"] = year.host
    meeting = _meeting(year.review)
    if meeting:
        data["review"] = meeting
    if year.scores:
        data["scores"] = {code: _number(score) for code, score in year.scores.items()}
    if year.ratings:
        data["ratings"] = dict(year.ratings)
    if year.ranking:
        data["ranking"] = list(year.ranking)
    data.update(_outcome(year, order))
    return data


def _meeting(review: ReviewData) -> dict[str, Any]:
    data = _omit_blank(
        {
            "date": review.date,
            "place": review.place,
            "chair": review.chair,
            "board_representative": review.board_representative,
        }
    )
    if review.present is not None:
        data["present"] = list(review.present)
    return data


def _outcome(year: YearData, order: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if year.ballots is not None:
        data["ballots"] = [_by_tier(ballot, order) for ballot in year.ballots]
    if year.outcome is not None:
        data["outcome"] = _by_tier(year.outcome, order)
    if year.unnamed:
        data["unnamed"] = _by_tier(year.unnamed, order)
    if year.status != Review.Status.PROPOSED:
        data["status"] = year.status
    if year.next is not None:
        following: dict[str, Any] = {}
        if year.next.head:
            following["head"] = year.next.head
        if year.next.deputies is not None:
            following["deputies"] = list(year.next.deputies)
        if year.next.decided_by:
            following["decided_by"] = year.next.decided_by
        data["next"] = following
    if year.pact_signed:
        data["pact_signed"] = year.pact_signed
    return data


def _by_tier(mapping: Mapping[str, Any], order: dict[str, int]) -> dict[str, Any]:
    """Tiers highest first: JSON columns (jsonb on PostgreSQL) do not keep the order keys were written in."""
    ordered = sorted(mapping, key=lambda tier: (order.get(tier, len(order)), tier))
    return {tier: list(v) if isinstance(v := mapping[tier], tuple) else v for tier in ordered}


def _omit_blank(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None)}


def _number(value: Decimal) -> int | float:
    """98.50 → 98.5, 99.00 → 99: the shortest form that reads back as the same number."""
    return int(value) if value == value.to_integral_value() else float(value)


# --- YAML layout -----------------------------------------------------------------------------------

# Mappings written on one line: small entries of a list, and the code → value maps.
INLINE_MAPS = {
    "units",
    "events",
    "ballots",
    "quotas",
    "scores",
    "ratings",
    "outcome",
    "unnamed",
    "next",
}


class _Inline(dict):  # type: ignore[type-arg]
    pass


class _InlineList(list):  # type: ignore[type-arg]
    pass


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a file for people: repeat a list rather than write &id001 / *id001


_Dumper.add_representer(
    _InlineList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    _Inline, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)


def _styled(value: Any, key: str | None) -> Any:
    if isinstance(value, dict):
        inner = {k: _styled(v, k) for k, v in value.items()}
        if key in INLINE_MAPS and all(_is_flat(v) for v in value.values()):
            return _Inline(inner)
        return inner
    if isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            return _InlineList(value)
        return [_styled(item, key) for item in value]
    return value


def _is_flat(value: Any) -> bool:
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    return not isinstance(value, dict)
