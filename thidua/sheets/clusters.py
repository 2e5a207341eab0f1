"""Clusters and blocks with their yearly rosters: one row per member unit of a cluster's year, with its role
(cluster head, deputy, host; a plain member when the cell is empty; several roles separated by ';'). The file
states each year it names whole: the members in the file's order, the head, the deputies (when the file names
any) and the host; a member on record that the file leaves out is taken off that year's roster.

What is written goes through the board's own set-up actions (organisations.actions for the cluster,
emulation.actions.setup for the year's roster and leadership), which apply the checks of
organisations.checks and emulation.leadership that the exchange file and the set-up pages apply too; the
preview applies the same checks first, so a refusal is said by row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.emulation.actions import setup
from thidua.emulation.leadership import MAX_DEPUTIES
from thidua.emulation.models import ClusterYear, Review
from thidua.organisations import actions as organisations
from thidua.organisations.checks import checked_cluster_kind, checked_text
from thidua.organisations.models import Cluster, Unit
from thidua.registry.folding import fold
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import clusters, plain
from thidua.sheets.reader import Column, Row
from thidua.sheets.wording import CLUSTER_KIND_ALIASES, HEADER_ALIASES, ROLE_ALIASES

COLUMNS = (
    Column("cluster", _("Cluster or block"), aliases=HEADER_ALIASES["cluster"]),
    Column("cluster_code", _("Cluster code"), required=False, aliases=HEADER_ALIASES["cluster_code"]),
    Column("kind", _("Kind"), required=False, aliases=HEADER_ALIASES["cluster_kind"]),
    Column("year", _("Year"), aliases=HEADER_ALIASES["year"]),
    Column("unit", _("Unit"), aliases=HEADER_ALIASES["unit"]),
    Column("role", _("Role"), required=False, aliases=HEADER_ALIASES["role"]),
)
COL = {column.key: column for column in COLUMNS}
HEAD, DEPUTY, HOST, MEMBER = "head", "deputy", "host", "member"
CODE_LENGTH = 64


@dataclass
class Member:
    row: Row
    unit: Unit
    roles: set[str]


@dataclass
class YearPlan:
    year: int
    members: list[Member] = field(default_factory=list)
    record: ClusterYear | None = None
    leaving: list[Unit] = field(default_factory=list)  # on the roster on record, not in the file

    def head(self) -> Unit | None:
        return next((m.unit for m in self.members if HEAD in m.roles), None)

    def deputies(self) -> list[Unit] | None:
        found = [m.unit for m in self.members if DEPUTY in m.roles]
        return found or None

    def host(self) -> Unit | None:
        return next((m.unit for m in self.members if HOST in m.roles), None)


@dataclass
class ClusterPlan:
    name: str
    code: str
    kind: str | None  # None: as on record, else as its name says
    first: Row
    cluster: Cluster | None = None
    years: dict[int, YearPlan] = field(default_factory=dict)


def _roles(context: Context, row: Row) -> set[str] | None:
    typed = context.text(row, COL["role"]) or ""
    roles = {MEMBER}
    for part in (p.strip() for p in typed.replace(",", ";").split(";")):
        if not part:
            continue
        role = ROLE_ALIASES.get(fold(part))
        if role is None:
            context.problem(
                row,
                COL["role"],
                gettext("«{value}» is not a role in a cluster (head, deputy, host unit, member).").format(
                    value=part
                ),
            )
            return None
        roles.add(role)
    return roles


def _kind(context: Context, row: Row) -> str | bool | None:
    """The kind the row states (None: not stated); False when the cell is wrong (the problem said)."""
    typed = context.text(row, COL["kind"]) or ""
    if not typed:
        return None
    kind = CLUSTER_KIND_ALIASES.get(fold(typed))
    if kind is None:
        context.problem(
            row, COL["kind"], gettext("«{value}» is neither a cluster nor a block.").format(value=typed)
        )
        return False
    return checked_cluster_kind(kind)


def _checked(context: Context, row: Row, column: Column, value: str, *, code: bool = False) -> str | None:
    """The text as organisations.checks takes it (the exchange file's and the set-up pages' checks)."""
    try:
        return checked_text(column.key, column.header, value, code=code)
    except ValidationError as refused:
        for message in refused.messages:
            context.problem(row, column, message)
        return None


class ClustersKind:
    code = "clusters"
    label = _("Clusters and yearly rosters")
    columns = COLUMNS
    board_only = True

    def check(self, context: Context, row: Row) -> None:
        plans: dict[str, ClusterPlan] = context.state.setdefault("clusters", {})
        seen: dict[tuple[str, int, int], int] = context.state.setdefault("seen", {})
        typed_name, typed_unit = context.text(row, COL["cluster"]), context.text(row, COL["unit"])
        name = _checked(context, row, COL["cluster"], typed_name) if typed_name else None
        typed_code = context.text(row, COL["cluster_code"]) or ""
        code = _checked(context, row, COL["cluster_code"], typed_code, code=True) if typed_code else ""
        kind = _kind(context, row)
        year = context.year(row, COL["year"])
        unit = context.unit(row, COL["unit"], typed_unit) if typed_unit else None
        roles = _roles(context, row)
        if not name or code is None or kind is False or year is None or unit is None or roles is None:
            return
        assert not isinstance(kind, bool)
        plan = self._plan(context, plans, row, name, code)
        if kind is not None:
            if plan.kind not in (None, kind):
                context.problem(
                    row,
                    COL["kind"],
                    gettext("row {other} gives this cluster another kind.").format(other=plan.first.number),
                )
                return
            plan.kind = kind
        key = (plain(plan.code or plan.name), year, unit.pk)
        if key in seen:
            context.problem(
                row,
                COL["unit"],
                gettext("{unit} is already on the roster of {year} on row {other}.").format(
                    unit=unit.name, year=year, other=seen[key]
                ),
            )
            return
        seen[key] = row.number
        plan.years.setdefault(year, YearPlan(year)).members.append(Member(row, unit, roles))

    def _plan(
        self, context: Context, plans: dict[str, ClusterPlan], row: Row, name: str, code: str
    ) -> ClusterPlan:
        """The file's cluster the row names: by its code when given, else by its name."""
        key = plain(code) if code else plain(name)
        if key in plans:
            return plans[key]
        table = context.state.get("table")
        if table is None:
            table = context.state["table"] = clusters(context.scope.organizer)
        cluster = None
        if code:
            cluster = Cluster.objects.filter(organizer=context.scope.organizer, code=code).first()
        else:
            found = table.find(name)
            if len(found) == 1:
                cluster = found[0].value
                context.note("cluster", name, found[0], cluster.name)
        plan = ClusterPlan(name, code or (cluster.code if cluster else ""), None, row, cluster)
        plans[key] = plan
        return plan

    def finish(self, context: Context) -> None:
        plans: dict[str, ClusterPlan] = context.state.get("clusters", {})
        taken = set(Cluster.objects.filter(organizer=context.scope.organizer).values_list("code", flat=True))
        for plan in plans.values():
            if plan.cluster is None and not plan.code:
                plan.code = _free_code(plan.name, taken)
            taken.add(plan.code)
            if plan.kind is None:
                plan.kind = plan.cluster.kind if plan.cluster else _kind_of_name(plan.name)
            for year in plan.years.values():
                _check_year(context, plan, year)
        if context.plan.problems:
            return
        for plan in plans.values():
            cluster_changes = plan.cluster is not None and (plan.cluster.kind, plan.cluster.name) != (
                plan.kind,
                plan.name,
            )
            for year in plan.years.values():
                _outcomes(context, plan, year, cluster_changes)
                cluster_changes = False
        new = sum(1 for plan in plans.values() if plan.cluster is None)
        if new:
            context.plan.also.append(gettext("{count} new cluster(s) or block(s)").format(count=new))

    def write(self, context: Context, *, by: Actor) -> None:
        plans: dict[str, ClusterPlan] = context.state.get("clusters", {})
        actions = {id(outcome.row): outcome.action for outcome in context.plan.outcomes}
        for plan in plans.values():
            if all(actions[id(m.row)] == SAME for y in plan.years.values() for m in y.members):
                continue
            assert plan.kind is not None
            if plan.cluster is None:
                plan.cluster = organisations.create_cluster(
                    context.scope.organizer, code=plan.code, kind=plan.kind, name=plan.name, by=by
                )
            elif (plan.cluster.kind, plan.cluster.name) != (plan.kind, plan.name):
                tiers = list(plan.cluster.award_tiers.all())
                plan.cluster = organisations.update_cluster(
                    plan.cluster, kind=plan.kind, name=plan.name, award_tiers=tiers, by=by
                )
            for year in plan.years.values():
                if all(actions[id(m.row)] == SAME for m in year.members):
                    continue
                _write_year(plan.cluster, year, by=by)


CLUSTERS = ClustersKind()


def _free_code(name: str, taken: set[str]) -> str:
    base = slugify(fold(name))[: CODE_LENGTH - 4].rstrip("-") or "cum"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _kind_of_name(name: str) -> str:
    return Cluster.Kind.KHOI if fold(name).startswith("khoi") else Cluster.Kind.CUM


def _check_year(context: Context, plan: ClusterPlan, year: YearPlan) -> None:
    """The rules of a year's leadership (emulation.leadership) and roster (emulation.actions.setup), said
    by row."""
    heads = [m for m in year.members if HEAD in m.roles]
    hosts = [m for m in year.members if HOST in m.roles]
    deputies = [m for m in year.members if DEPUTY in m.roles]
    for extra in heads[1:]:
        context.problem(
            extra.row,
            COL["role"],
            gettext("row {other} already names the head of {year}: a year has one head.").format(
                other=heads[0].row.number, year=year.year
            ),
        )
    for extra in hosts[1:]:
        context.problem(
            extra.row,
            COL["role"],
            gettext("row {other} already names the host of {year}: a year has one host.").format(
                other=hosts[0].row.number, year=year.year
            ),
        )
    for extra in deputies[MAX_DEPUTIES:]:
        context.problem(
            extra.row,
            COL["role"],
            gettext("At most two deputies; {count} chosen.").format(count=len(deputies)),
        )
    for member in heads[:1]:
        if DEPUTY in member.roles:
            context.problem(
                member.row,
                COL["role"],
                gettext("{name} cannot be both cluster head and deputy.").format(
                    name=member.unit.display_name
                ),
            )
    start = date(year.year, 1, 1)
    for member in year.members:
        if member.unit.dissolved_on is not None and member.unit.dissolved_on < start:
            context.problem(
                member.row,
                COL["unit"],
                gettext("{name} was dissolved on {day}, before {year}.").format(
                    name=member.unit.name, day=f"{member.unit.dissolved_on:%d/%m/%Y}", year=year.year
                ),
            )
    if plan.cluster is None:
        return
    year.record = ClusterYear.objects.filter(cluster=plan.cluster, year=year.year).first()
    if year.record is None:
        return
    chosen = {m.unit.pk for m in year.members}
    year.leaving = [u for u in year.record.member_units() if u.pk not in chosen]
    concluded = Review.objects.filter(cluster_year=year.record, concluded_at__isnull=False).exists()
    if concluded and _year_differs(year):
        context.problem(
            year.members[0].row,
            COL["year"],
            gettext(
                "The {year} review results are concluded; reopen them (with a reason) before making changes."
            ).format(year=year.year),
        )


def _state(year: YearPlan) -> tuple[Any, ...]:
    deputies = year.deputies()
    return (
        [m.unit.pk for m in year.members],
        year.head().pk if year.head() else None,  # type: ignore[union-attr]
        [u.pk for u in deputies] if deputies is not None else None,
        year.host().pk if year.host() else None,  # type: ignore[union-attr]
    )


def _record_state(record: ClusterYear) -> tuple[Any, ...]:
    deputies = [u.pk for u in record.deputy_units()]
    return (
        [u.pk for u in record.member_units()],
        record.head_id,
        deputies if record.deputies_known else None,
        record.host_id,
    )


def _year_differs(year: YearPlan) -> bool:
    return year.record is None or _state(year) != _record_state(year.record)


def _outcomes(context: Context, plan: ClusterPlan, year: YearPlan, cluster_changes: bool) -> None:
    record = year.record
    members = {u.pk for u in record.member_units()} if record else set()
    heads = {record.head_id} if record else set()
    deputies = {u.pk for u in record.deputy_units()} if record else set()
    hosts = {record.host_id} if record else set()
    differs = _year_differs(year)
    for number, member in enumerate(year.members):
        had = {
            role
            for role, ids in ((MEMBER, members), (HEAD, heads), (DEPUTY, deputies), (HOST, hosts))
            if member.unit.pk in ids
        }
        if plan.cluster is None or record is None or member.unit.pk not in members:
            action = CREATE
        elif had != member.roles or (number == 0 and (cluster_changes or differs)):
            action = CHANGE
        else:
            action = SAME
        context.outcome(member.row, action, _describe(plan, year, member))
    if year.leaving:
        names = ", ".join(u.name for u in year.leaving)
        context.plan.also.append(
            gettext("{cluster}, {year}: taken off the roster: {names}").format(
                cluster=plan.name, year=year.year, names=names
            )
        )


def _write_year(cluster: Cluster, year: YearPlan, *, by: Actor) -> None:
    record = year.record or setup.create_cluster_year(cluster, year.year, by=by)
    units = [m.unit for m in year.members]
    chosen = {u.pk for u in units}
    leaders = [u for u in [record.head, *record.deputy_units()] if u is not None]
    if any(u.pk not in chosen for u in leaders):
        # A leader on record who leaves the roster steps down first (set_roster keeps leaders on it).
        record = setup.set_leadership(record, head=None, deputies=None, host=record.host, by=by)
    record = setup.set_roster(record, units, by=by)
    if _state(year) != _record_state(record):
        setup.set_leadership(record, head=year.head(), deputies=year.deputies(), host=year.host(), by=by)


def _describe(plan: ClusterPlan, year: YearPlan, member: Member) -> str:
    labels = {
        HEAD: gettext("cluster head"),
        DEPUTY: gettext("cluster deputy"),
        HOST: gettext("host unit"),
    }
    roles = ", ".join(labels[role] for role in (HEAD, DEPUTY, HOST) if role in member.roles)
    text = f"{plan.name}, {year.year}: {member.unit.name}"
    return f"{text} ({roles})" if roles else text
