"""Write a cluster back out as an exchange file (FORMAT.md): what is not known stays out of the file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from thidua.emulation.models import ClusterYear
from thidua.exchange.data import RulesData
from thidua.exchange.errors import ExportImpossible
from thidua.organisations.models import AwardTier, Cluster, Unit
from thidua.review.models import Review
from thidua.review.seal import year_sealed

DEFAULT_RULES = RulesData(method="ballot")


def export_cluster(cluster: Cluster) -> dict[str, Any]:
    """The cluster as FORMAT.md's structure, keys in the format's order, plain YAML-ready values."""
    years = list(cluster.years.order_by("year"))
    if not years:
        raise ExportImpossible(
            f"cụm, khối «{cluster.code}» chưa có năm thi đua nào để xuất",
            f"cluster '{cluster.code}' has no year to export",
        )
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
    data["units"] = [_unit(unit) for unit in _units(cluster, years)]
    data["cluster"] = {
        "code": cluster.code,
        "kind": cluster.kind,
        "name": cluster.name,
        "rules": _rules(cluster, years, order),
    }
    data["years"] = [_year(cluster_year, order) for cluster_year in years]
    return data


def _refuse_sealed(years: list[ClusterYear]) -> None:
    """A year whose vote is under way is sealed (review.seal): its ballots do not leave in a file."""
    sealed = [str(cluster_year.year) for cluster_year in years if year_sealed(cluster_year)]
    if sealed:
        listed = ", ".join(sealed)
        raise ExportImpossible(
            f"năm {listed} đang bỏ phiếu kín; phiếu và kết quả được niêm phong cho đến khi chủ trì đóng bỏ "
            "phiếu ở trang «Hội nghị bình xét»",
            f"voting is open in {listed}; ballots and results are sealed until the chair closes the vote",
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


def _unit(unit: Unit) -> dict[str, Any]:
    data = _omit_blank({"code": unit.code, "name": unit.name, "short": unit.short_name})
    if unit.female_share is not None:
        data["female_share"] = _number(unit.female_share)
    events = list(unit.events.select_related("other"))
    if events:
        data["events"] = [{"kind": e.kind, "other": e.other.code, "date": e.date} for e in events]
    return data


def _rules(cluster: Cluster, years: list[ClusterYear], order: dict[str, int]) -> dict[str, Any]:
    """The format has one set of rules per file; years that differ cannot be written faithfully."""
    seen = {_rules_of(cluster_year, order): cluster_year.year for cluster_year in years}
    if len(seen) > 1:
        listed = ", ".join(str(year) for year in sorted(seen.values()))
        raise ExportImpossible(
            f"quy chế (hình thức bình xét, số lượng, tỷ lệ…) của cụm «{cluster.code}» khác nhau giữa các năm "
            f"({listed}); tệp trao đổi format 1 chỉ ghi được một quy chế",
            f"the rules of cluster '{cluster.code}' differ between years ({listed}); "
            "a format 1 file holds one set of rules",
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


def _rules_of(cluster_year: ClusterYear, order: dict[str, int]) -> tuple[Any, ...]:
    quotas = tuple(sorted(cluster_year.quotas.items(), key=lambda item: order.get(item[0], len(order))))
    return (
        cluster_year.method,
        quotas,
        Decimal(cluster_year.min_approval),
        tuple(cluster_year.tie_break),
        cluster_year.exclusive,
    )


def _year(cluster_year: ClusterYear, order: dict[str, int]) -> dict[str, Any]:
    memberships = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
    data: dict[str, Any] = {"year": cluster_year.year, "members": [m.unit.code for m in memberships]}
    if cluster_year.head:
        data["head"] = cluster_year.head.code
    if cluster_year.deputies_known:
        data["deputies"] = [unit.code for unit in cluster_year.deputy_units()]
    if cluster_year.host:
        data["host"] = cluster_year.host.code
    review = Review.objects.filter(cluster_year=cluster_year).first()
    roster = {m.unit_id: m.position for m in memberships}
    meeting = _meeting(review, roster) if review else {}
    if meeting:
        data["review"] = meeting
    scores = {m.unit.code: _number(m.score) for m in memberships if m.score is not None}
    if scores:
        data["scores"] = scores
    ratings = {m.unit.code: m.rating for m in memberships if m.rating}
    if ratings:
        data["ratings"] = ratings
    places = {m.reported_place: m.unit.code for m in memberships if m.reported_place is not None}
    if places:
        data["ranking"] = [places[place] for place in sorted(places)]
    if review is not None:
        data.update(_outcome(review, order))
    return data


def _meeting(review: Review, roster: dict[int, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if review.date:
        data["date"] = review.date
    data.update(
        _omit_blank(
            {
                "place": review.place,
                "chair": review.chair,
                "board_representative": review.board_representative,
            }
        )
    )
    if review.present_known:
        present = sorted(review.present.all(), key=lambda unit: (roster.get(unit.pk, len(roster)), unit.code))
        data["present"] = [unit.code for unit in present]
    return data


def _outcome(review: Review, order: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if review.ballots_known:
        data["ballots"] = [_by_tier(ballot.choices, order) for ballot in review.ballots.all()]
    if review.outcome is not None:
        data["outcome"] = _by_tier(review.outcome, order)
    if review.unnamed:
        data["unnamed"] = _by_tier(review.unnamed, order)
    if review.status != Review.Status.PROPOSED:
        data["status"] = review.status
    if review.next_known:
        following: dict[str, Any] = {}
        if review.next_head:
            following["head"] = review.next_head.code
        if review.next_deputies_known:
            following["deputies"] = [unit.code for unit in review.next_deputy_units()]
        if review.next_decided_by:
            following["decided_by"] = review.next_decided_by
        data["next"] = following
    if review.pact_signed:
        data["pact_signed"] = review.pact_signed
    return data


def _by_tier(mapping: dict[str, Any], order: dict[str, int]) -> dict[str, Any]:
    """Tiers highest first: JSON columns (jsonb on PostgreSQL) do not keep the order keys were written in."""
    return {
        tier: mapping[tier] for tier in sorted(mapping, key=lambda tier: (order.get(tier, len(order)), tier))
    }


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
