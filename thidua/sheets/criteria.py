"""A year's criteria table (bảng tiêu chí chấm điểm): one row per criterion naming its cluster or block, the
year and the table's scale. The columns are those of the score page's export (emulation/papers/criteria.py),
so a table exported, edited and imported back changes only what was edited; a criterion is known by its
group and text, and a row that names one already in the table changes its kind or maximum points."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.core.numbers import plain as plain_number
from thidua.emulation.actions import scoring
from thidua.emulation.models import ClusterYear, Criterion, ScoreSheet
from thidua.emulation.papers.criteria import HEADERS
from thidua.organisations.models import Cluster
from thidua.sheets.importer import CHANGE, CREATE, SAME, Context
from thidua.sheets.names import clusters, criterion_kinds, plain
from thidua.sheets.reader import Column, Row, as_number, as_text
from thidua.sheets.wording import HEADER_ALIASES

COLUMNS = (
    Column("cluster", HEADERS["cluster"], aliases=HEADER_ALIASES["cluster"]),
    Column("year", HEADERS["year"], aliases=HEADER_ALIASES["criteria_year"]),
    Column("scale", HEADERS["scale"], required=False, aliases=HEADER_ALIASES["scale"]),
    Column("group", HEADERS["group"], aliases=HEADER_ALIASES["group"]),
    Column("name", HEADERS["name"], aliases=HEADER_ALIASES["criterion"]),
    Column("kind", HEADERS["kind"], required=False, aliases=HEADER_ALIASES["kind"]),
    Column("max_points", HEADERS["max_points"], aliases=HEADER_ALIASES["max_points"]),
)
COL = {column.key: column for column in COLUMNS}


@dataclass
class Line:
    row: Row
    cluster_year: ClusterYear
    group: str
    name: str
    kind: str
    max_points: Decimal
    existing: Criterion | None = None


@dataclass
class YearPlan:
    """What the file says of one cluster-year: its scale (from the first row giving one) and its rows."""

    first: Row
    scale: Decimal | None
    scale_row: int | None
    lines: list[Line] = field(default_factory=list)
    sheet: ScoreSheet | None = None


class CriteriaKind:
    code = "criteria"
    label = _("A year's criteria table")
    columns = COLUMNS
    board_only = True

    def check(self, context: Context, row: Row) -> None:
        state = _state(context)
        cluster = _cluster(context, state, row)
        year = context.year(row, COL["year"])
        group, name = context.text(row, COL["group"]), context.text(row, COL["name"])
        kind = _kind(context, state, row)
        max_points = _points(context, row, COL["max_points"], required=True)
        scale = _points(context, row, COL["scale"], required=False)
        if (
            None in (cluster, year, group, name, kind)
            or not isinstance(max_points, Decimal)
            or scale is False
        ):
            return
        assert cluster and year and group and name and kind
        cluster_year = state.years.get((cluster.pk, year))
        if cluster_year is None:
            cluster_year = ClusterYear.objects.filter(cluster=cluster, year=year).first()
            if cluster_year is None:
                context.problem(
                    row,
                    COL["year"],
                    gettext("{cluster} has no emulation year {year}: create the year first.").format(
                        cluster=cluster.name, year=year
                    ),
                )
                return
            state.years[(cluster.pk, year)] = cluster_year
        plan = state.plans.setdefault(cluster_year.pk, YearPlan(row, None, None))
        if isinstance(scale, Decimal):
            if plan.scale is None:
                plan.scale, plan.scale_row = scale, row.number
            elif plan.scale != scale:
                context.problem(
                    row,
                    COL["scale"],
                    gettext("row {other} gives this year the scale {scale}: one table has one scale.").format(
                        other=plan.scale_row, scale=plain_number(plan.scale)
                    ),
                )
                return
        key = (cluster_year.pk, plain(group), plain(name))
        if key in state.seen:
            context.problem(
                row,
                COL["name"],
                gettext("the same criterion of the same group as row {other}.").format(other=state.seen[key]),
            )
            return
        state.seen[key] = row.number
        plan.lines.append(Line(row, cluster_year, group, name, kind, max_points))
        state.lines.append(plan.lines[-1])

    def finish(self, context: Context) -> None:
        state = _state(context)
        for plan in state.plans.values():
            _finish_year(context, plan)
        for line in state.lines:
            if line.existing is None:
                action = CREATE
            elif (line.existing.kind, line.existing.max_points) == (line.kind, line.max_points):
                action = SAME
            else:
                action = CHANGE
            context.outcome(line.row, action, _describe(line))
        new_tables = sum(1 for plan in state.plans.values() if plan.sheet is None)
        if new_tables:
            context.plan.also.append(gettext("{count} new score table(s)").format(count=new_tables))

    def write(self, context: Context, *, by: Actor) -> None:
        state = _state(context)
        sheets: dict[int, ScoreSheet] = {}
        for year_id, plan in state.plans.items():
            if plan.sheet is not None:
                sheets[year_id] = plan.sheet
            elif plan.lines:
                assert plan.scale is not None
                sheets[year_id] = scoring.create_sheet(plan.lines[0].cluster_year, scale=plan.scale, by=by)
        changes = [
            (line, outcome.action)
            for line, outcome in zip(state.lines, context.plan.outcomes, strict=True)
            if outcome.action != SAME
        ]
        # Lowered maxima first, then raised ones, then new criteria: the table stays within its scale at
        # every step whenever it does at the end.
        changes.sort(key=lambda item: _order(*item))
        for line, action in changes:
            if action == CHANGE:
                assert line.existing is not None
                scoring.change_criterion(line.existing, kind=line.kind, max_points=line.max_points, by=by)
            else:
                scoring.add_criterion(
                    sheets[line.cluster_year.pk],
                    group=line.group,
                    name=line.name,
                    kind=line.kind,
                    max_points=line.max_points,
                    by=by,
                )


CRITERIA = CriteriaKind()


@dataclass
class _State:
    clusters: Any  # names._Table of the organizer's clusters
    kinds: Any  # names._Table of the kinds of criterion
    years: dict[tuple[int, int], ClusterYear] = field(default_factory=dict)
    plans: dict[int, YearPlan] = field(default_factory=dict)  # cluster-year id -> its plan
    lines: list[Line] = field(default_factory=list)
    seen: dict[tuple[int, str, str], int] = field(default_factory=dict)


def _state(context: Context) -> _State:
    if "criteria" not in context.state:
        context.state["criteria"] = _State(clusters(context.scope.organizer), criterion_kinds())
    state: _State = context.state["criteria"]
    return state


def _cluster(context: Context, state: _State, row: Row) -> Cluster | None:
    return find_cluster(context, state.clusters, row, COL["cluster"])


def find_cluster(context: Context, table: Any, row: Row, column: Column) -> Cluster | None:
    """The organizer's cluster or block the cell names (`table`: names.clusters), else None with the
    problem said (the criteria and the scores imports)."""
    typed = context.text(row, column)
    if not typed:
        return None
    found = table.find(typed)
    if len(found) != 1:
        message = (
            gettext("«{name}» is not a cluster or block of {organizer}.")
            if not found
            else gettext("«{name}» may be more than one cluster or block: write its full name.")
        )
        context.problem(row, column, message.format(name=typed, organizer=context.scope.organizer.name))
        return None
    cluster: Cluster = found[0].value
    context.note("cluster", typed, found[0], cluster.name)
    return cluster


def _kind(context: Context, state: _State, row: Row) -> str | None:
    typed = context.text(row, COL["kind"]) or ""
    if not typed:
        return str(Criterion.Kind.STANDARD)
    found = state.kinds.find(typed)
    if len(found) != 1:
        names = "; ".join(f"«{label}»" for label in Criterion.Kind.labels)
        context.problem(
            row,
            COL["kind"],
            gettext("«{value}» is not a kind of criterion: write one of {names}.").format(
                value=typed, names=names
            ),
        )
        return None
    value: str = found[0].value
    context.note("kind", typed, found[0], str(Criterion.Kind(value).label))
    return value


def _points(context: Context, row: Row, column: Column, *, required: bool) -> Decimal | bool | None:
    """The cell's number of points (greater than 0, two decimals at most); None when empty, and when
    required the problem said; False for a cell that is wrong."""
    value = row.values.get(column.key)
    if as_text(value) == "":
        if required:
            context.text(row, column)
        return None
    number = as_number(value)
    if number is None:
        context.problem(row, column, gettext("{value} is not a number").format(value=as_text(value)))
        return False
    if number <= 0 or number != round(number, 2) or number >= 10**6:
        context.problem(
            row,
            column,
            gettext("{value}: the points must be greater than 0, with two decimals at most.").format(
                value=as_text(value)
            ),
        )
        return False
    return plain_number(number)


def _finish_year(context: Context, plan: YearPlan) -> None:
    cluster_year = plan.lines[0].cluster_year if plan.lines else None
    if cluster_year is None:
        return
    plan.sheet = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    where = f"{cluster_year.cluster.name}, {cluster_year.year}"
    if plan.sheet is None:
        if plan.scale is None:
            context.problem(
                plan.first,
                COL["scale"],
                gettext("{year} has no score table yet: give its scale.").format(year=where),
            )
        scale = plan.scale or Decimal(0)
        existing: dict[tuple[str, str], Criterion] = {}
    else:
        scale = plan.sheet.scale
        if plan.scale is not None and plan.scale != scale:
            context.problem(
                plan.first,
                COL["scale"],
                gettext("the score table of {year} has the scale {scale}; this file says {typed}.").format(
                    year=where, scale=plain_number(scale), typed=plain_number(plan.scale)
                ),
            )
        closed = _closed(plan.sheet, cluster_year)
        if closed:
            context.problem(plan.first, None, f"{where}: {closed}")
        existing = {(plain(c.group), plain(c.name)): c for c in plan.sheet.criteria.all()}
    for line in plan.lines:
        line.existing = existing.get((plain(line.group), plain(line.name)))
    standard = {key: c.max_points for key, c in existing.items() if c.kind == Criterion.Kind.STANDARD}
    for line in plan.lines:
        key = (plain(line.group), plain(line.name))
        standard.pop(key, None)
        if line.kind == Criterion.Kind.STANDARD:
            standard[key] = line.max_points
    total = sum(standard.values(), Decimal(0))
    if scale and total > scale:
        context.problem(
            plan.first,
            COL["max_points"],
            gettext(
                "{year}: the criteria's total maximum points ({total}) exceed the scale of {scale}."
            ).format(year=where, total=plain_number(total), scale=plain_number(scale)),
        )


def _closed(sheet: ScoreSheet, cluster_year: ClusterYear) -> str:
    """Why the table's criteria can no longer change, or ""; the actions refuse the same."""
    if ClusterYear.objects.filter(pk=cluster_year.pk, review__concluded_at__isnull=False).exists():
        return gettext("the year's review results are concluded: its criteria can no longer change.")
    if sheet.locked:
        return gettext("the year's scores are locked: reopen them (with a reason) to change the criteria.")
    if sheet.unit_scores.filter(submitted_at__isnull=False).exists():
        return gettext("a unit has already submitted its self-score: the criteria can no longer be changed.")
    return ""


def _order(line: Line, action: str) -> tuple[int, int]:
    if action == CHANGE:
        assert line.existing is not None
        return (0 if line.max_points <= line.existing.max_points else 1, line.row.number)
    return (2, line.row.number)


def _describe(line: Line) -> str:
    text = gettext("{group} – {name}: {kind}, {points} points").format(
        group=line.group,
        name=line.name,
        kind=Criterion.Kind(line.kind).label,
        points=plain_number(line.max_points),
    )
    if line.existing is not None and (line.existing.kind, line.existing.max_points) != (
        line.kind,
        line.max_points,
    ):
        text += gettext(" (was {kind}, {points} points)").format(
            kind=Criterion.Kind(line.existing.kind).label, points=plain_number(line.existing.max_points)
        )
    return text
