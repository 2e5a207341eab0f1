"""A year's detailed score table (bảng điểm chi tiết): one row per unit and criterion with the unit's
self-scored points and explanation, and the appraised points and the reason of each adjustment. The columns
are those of the score page's export (emulation/papers/scores.py, `entry_workbook`), so a table exported,
edited in Excel and imported back changes only what was edited.

Each change goes through the scoring actions (emulation/actions/scoring.py), as on the unit's page, and by
those the page allows: a unit's officer enters its own unit's self-scores while the unit has not submitted;
the board appraises a unit that has submitted. A column left out of the file changes nothing; a cell left
empty says "not given". The check says beforehand what the actions would refuse, by row and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import Actor
from thidua.core.numbers import plain as plain_number
from thidua.emulation.actions import scoring
from thidua.emulation.models import ClusterYear, Criterion, ItemScore, ScoreSheet, UnitScore
from thidua.emulation.papers.scores import ENTRY_HEADERS
from thidua.organisations.models import Unit
from thidua.sheets.criteria import find_cluster
from thidua.sheets.importer import CHANGE, SAME, Context
from thidua.sheets.names import clusters, plain
from thidua.sheets.reader import Column, Row, as_number, as_text
from thidua.sheets.wording import HEADER_ALIASES

COLUMNS = (
    Column("cluster", ENTRY_HEADERS["cluster"], aliases=HEADER_ALIASES["cluster"]),
    Column("year", ENTRY_HEADERS["year"], aliases=HEADER_ALIASES["criteria_year"]),
    Column("unit", ENTRY_HEADERS["unit"], aliases=HEADER_ALIASES["unit"]),
    Column("group", ENTRY_HEADERS["group"], aliases=HEADER_ALIASES["group"]),
    Column("criterion", ENTRY_HEADERS["criterion"], aliases=HEADER_ALIASES["criterion"]),
    Column("max_points", ENTRY_HEADERS["max_points"], required=False, aliases=HEADER_ALIASES["max_points"]),
    Column(
        "self_points", ENTRY_HEADERS["self_points"], required=False, aliases=HEADER_ALIASES["self_points"]
    ),
    Column("note", ENTRY_HEADERS["note"], required=False, aliases=HEADER_ALIASES["note"]),
    Column(
        "appraised_points",
        ENTRY_HEADERS["appraised_points"],
        required=False,
        aliases=HEADER_ALIASES["appraised_points"],
    ),
    Column("reason", ENTRY_HEADERS["reason"], required=False, aliases=HEADER_ALIASES["reason"]),
)
COL = {column.key: column for column in COLUMNS}
NOT_GIVEN = object()  # a column the file leaves out: nothing of it changes


@dataclass
class Sheet:
    """What thidua holds of one unit's score sheet, read once: the table, its criteria by group and text,
    the unit's row (None before its first score) and its items by criterion id."""

    sheet: ScoreSheet
    criteria: dict[tuple[str, str], Criterion]
    unit_score: UnitScore | None
    items: dict[int, ItemScore]
    closed: str  # why its points can no longer change, or ""


@dataclass
class Line:
    row: Row
    unit: Unit
    sheet: Sheet
    criterion: Criterion
    self_entry: scoring.Entry | None = None  # the file's, when it changes the self-score
    appraisal: scoring.Entry | None = None  # the file's, when it changes the appraisal


@dataclass
class _State:
    clusters: Any
    years: dict[tuple[int, int], ClusterYear | None] = field(default_factory=dict)
    sheets: dict[tuple[int, int], Sheet] = field(default_factory=dict)  # (cluster-year id, unit id)
    seen: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (year, unit, criterion) -> row
    lines: list[Line] = field(default_factory=list)


class ScoresKind:
    code = "scores"
    label = _("A year's detailed score table")
    columns = COLUMNS
    board_only = False  # a unit's officer enters its own self-scores

    def check(self, context: Context, row: Row) -> None:
        state = _state(context)
        cluster = find_cluster(context, state.clusters, row, COL["cluster"])
        year = context.year(row, COL["year"])
        typed_unit = context.text(row, COL["unit"])
        group, name = context.text(row, COL["group"]), context.text(row, COL["criterion"])
        # A cluster lead names the units of the years they lead; _allowed says what each may change.
        unit = context.unit(row, COL["unit"], typed_unit, led=True) if typed_unit else None
        if cluster is None or year is None or unit is None or not group or not name:
            return
        cluster_year = _cluster_year(context, state, row, cluster.pk, cluster.name, year)
        if cluster_year is None:
            return
        sheet = _sheet(context, state, row, cluster_year, unit)
        if sheet is None:
            return
        criterion = sheet.criteria.get((plain(group), plain(name)))
        if criterion is None:
            context.problem(
                row,
                COL["criterion"],
                gettext("«{group} – {name}» is not a criterion of the score table of {year}.").format(
                    group=group, name=name, year=year
                ),
            )
            return
        key = (cluster_year.pk, unit.pk, criterion.pk)
        if key in state.seen:
            context.problem(
                row,
                COL["criterion"],
                gettext("the same unit and criterion as row {other}.").format(other=state.seen[key]),
            )
            return
        state.seen[key] = row.number
        line = Line(row, unit, sheet, criterion)
        if _read(context, row, line):
            state.lines.append(line)

    def finish(self, context: Context) -> None:
        state = _state(context)
        for line in state.lines:
            _allowed(context, line)
        _whole_appraisals(context, state)
        for line in state.lines:
            changed = line.self_entry is not None or line.appraisal is not None
            context.outcome(line.row, CHANGE if changed else SAME, _describe(line))

    def write(self, context: Context, *, by: Actor) -> None:
        state = _state(context)
        units: dict[tuple[int, int], list[Line]] = {}
        for line in state.lines:
            units.setdefault((line.sheet.sheet.pk, line.unit.pk), []).append(line)
        for lines in units.values():
            own = [line for line in lines if line.self_entry is not None]
            appraised = [line for line in lines if line.appraisal is not None]
            if not own and not appraised:
                continue
            unit_score = scoring.unit_score_for(lines[0].sheet.sheet, lines[0].unit)
            if own:
                entries = {line.criterion.pk: line.self_entry for line in own if line.self_entry}
                scoring.save_self_scores(unit_score, entries, by=by)  # type: ignore[arg-type]
            if appraised:
                scoring.appraise(unit_score, _appraisal_of(lines), by=by)  # type: ignore[arg-type]


SCORES = ScoresKind()


def _state(context: Context) -> _State:
    if "scores" not in context.state:
        context.state["scores"] = _State(clusters(context.scope.organizer))
    state: _State = context.state["scores"]
    return state


def _cluster_year(
    context: Context, state: _State, row: Row, cluster_id: int, cluster: str, year: int
) -> ClusterYear | None:
    if (cluster_id, year) not in state.years:
        state.years[(cluster_id, year)] = ClusterYear.objects.filter(cluster_id=cluster_id, year=year).first()
    found = state.years[(cluster_id, year)]
    if found is None:
        context.problem(
            row,
            COL["year"],
            gettext("{cluster} has no emulation year {year}: create the year first.").format(
                cluster=cluster, year=year
            ),
        )
    return found


def _sheet(context: Context, state: _State, row: Row, cluster_year: ClusterYear, unit: Unit) -> Sheet | None:
    key = (cluster_year.pk, unit.pk)
    if key in state.sheets:
        return state.sheets[key]
    if not cluster_year.memberships.filter(unit=unit).exists():
        context.problem(
            row,
            COL["unit"],
            gettext("{unit} is not a member in {year}.").format(
                unit=unit.display_name, year=cluster_year.year
            ),
        )
        return None
    table = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    if table is None:
        context.problem(
            row,
            COL["year"],
            gettext("{year} has no score table yet: import its criteria table first.").format(
                year=f"{cluster_year.cluster.name}, {cluster_year.year}"
            ),
        )
        return None
    criteria = next((s.criteria for s in state.sheets.values() if s.sheet.pk == table.pk), None)
    if criteria is None:
        criteria = {(plain(c.group), plain(c.name)): c for c in table.criteria.all()}
    unit_score = UnitScore.objects.filter(sheet=table, unit=unit).first()
    items = {i.criterion_id: i for i in unit_score.items.all()} if unit_score else {}
    state.sheets[key] = Sheet(table, criteria, unit_score, items, _closed(table))
    return state.sheets[key]


def _points(context: Context, row: Row, column: Column) -> object:
    """The cell's points: NOT_GIVEN when the file has no such column, None when the cell is empty, False
    (the problem said) when it is not 0 or more with two decimals at most."""
    if column.key not in row.values:
        return NOT_GIVEN
    value = row.values.get(column.key)
    if as_text(value) == "":
        return None
    number = as_number(value)
    if number is None:
        context.problem(row, column, gettext("{value} is not a number").format(value=as_text(value)))
        return False
    if number < 0 or number != round(number, 2) or number >= 10**6:
        context.problem(
            row,
            column,
            gettext("{value}: the points must be 0 or more, with two decimals at most.").format(
                value=as_text(value)
            ),
        )
        return False
    return plain_number(number)


def _text(row: Row, column: Column) -> str | object:
    return as_text(row.values.get(column.key)) if column.key in row.values else NOT_GIVEN


def _read(context: Context, row: Row, line: Line) -> bool:
    """The row's points and texts against what thidua holds: the entries that change, kept on the line;
    False when a cell is wrong."""
    criterion, item = line.criterion, line.sheet.items.get(line.criterion.pk)
    maximum = _points(context, row, COL["max_points"])
    own, note = _points(context, row, COL["self_points"]), _text(row, COL["note"])
    appraised, reason = _points(context, row, COL["appraised_points"]), _text(row, COL["reason"])
    if any(value is False for value in (maximum, own, appraised)):
        return False
    if isinstance(maximum, Decimal) and maximum != criterion.max_points:
        context.problem(
            row,
            COL["max_points"],
            gettext(
                "the criterion's maximum is {points} points: change it in the year's criteria table."
            ).format(points=plain_number(criterion.max_points)),
        )
        return False
    wrong = False
    for column, points in ((COL["self_points"], own), (COL["appraised_points"], appraised)):
        if isinstance(points, Decimal) and points > criterion.max_points:
            context.problem(
                row,
                column,
                gettext("{points} points exceed the criterion's maximum of {max}.").format(
                    points=plain_number(points), max=plain_number(criterion.max_points)
                ),
            )
            wrong = True
    if wrong:
        return False
    held_own = item.self_points if item else None
    held_note = item.note if item else ""
    held_appraised = item.appraised_points if item else None
    held_reason = item.reason if item else ""
    new_own = own if own is None or isinstance(own, Decimal) else held_own
    new_note = note if isinstance(note, str) else held_note
    if (new_own, new_note.strip()) != (held_own, held_note.strip()):
        line.self_entry = scoring.Entry(new_own, new_note)
    new_appraised = appraised if appraised is None or isinstance(appraised, Decimal) else held_appraised
    new_reason = reason if isinstance(reason, str) else held_reason
    if (new_appraised, new_reason.strip()) != (held_appraised, held_reason.strip()):
        line.appraisal = scoring.Entry(new_appraised, new_reason)
    return True


def _closed(sheet: ScoreSheet) -> str:
    """Why the table's points can no longer change, or ""; the actions refuse the same."""
    if ClusterYear.objects.filter(pk=sheet.cluster_year_id, review__concluded_at__isnull=False).exists():
        return gettext(
            "This year's review results are concluded: the scores can no longer be changed; first reopen "
            "the review results (with a reason) on that year's “Enter data” page."
        )
    if sheet.locked:
        return gettext("This year's scores are locked: to change them, reopen them (with a reason).")
    return ""


def _allowed(context: Context, line: Line) -> None:
    """The row's changes refused, said by row and column, where the unit's page would refuse them: a closed
    table, a self-score by anyone but the unit's officer or after the unit submitted, an appraisal by
    anyone but the board or before the unit submitted."""
    unit_score, name = line.sheet.unit_score, line.unit.display_name
    submitted = unit_score is not None and unit_score.submitted_at is not None
    own_unit = context.scope.unit_ids is not None and line.unit.pk in context.scope.unit_ids
    if (line.self_entry is not None or line.appraisal is not None) and line.sheet.closed:
        context.problem(line.row, None, line.sheet.closed)
        return
    if line.self_entry is not None:
        column = COL["self_points"]
        if not own_unit:
            context.problem(line.row, column, gettext("only the unit's own officer enters its self-scores."))
        elif submitted:
            context.problem(
                line.row,
                column,
                gettext("The unit has submitted its self-score: it can no longer be changed."),
            )
        elif unit_score is not None and unit_score.absence:
            context.problem(
                line.row,
                column,
                gettext(
                    "{unit}: the cluster head has scored on its behalf or recorded that it did not submit; "
                    "it can no longer score itself."
                ).format(unit=name),
            )
    if line.appraisal is not None:
        column = COL["appraised_points"]
        if not context.scope.appraises(line.sheet.sheet.cluster_year_id):
            context.problem(
                line.row, column, gettext("only the board or the cluster head appraises the scores.")
            )
        elif not submitted:
            context.problem(
                line.row, column, gettext("{unit} has not submitted its self-score.").format(unit=name)
            )


def _appraisal_of(lines: list[Line]) -> dict[int, scoring.Entry]:
    """A unit's appraisal as the page sends it, whole: the file's rows, and each other criterion as held."""
    sheet = lines[0].sheet
    entries = {
        criterion.pk: scoring.Entry(item.appraised_points, item.reason) if item else scoring.Entry(None)
        for criterion in sheet.criteria.values()
        for item in [sheet.items.get(criterion.pk)]
    }
    for line in lines:
        if line.appraisal is not None:
            entries[line.criterion.pk] = line.appraisal
    return entries


def _whole_appraisals(context: Context, state: _State) -> None:
    """A unit's appraisal is entered whole, and a point that differs from the self-score says why: each
    criterion of a unit whose appraisal changes needs its appraised points, and its reason when they
    differ."""
    units: dict[tuple[int, int], list[Line]] = {}
    for line in state.lines:
        units.setdefault((line.sheet.sheet.pk, line.unit.pk), []).append(line)
    for lines in units.values():
        if lines[0].sheet.closed or not any(line.appraisal is not None for line in lines):
            continue
        entries = _appraisal_of(lines)
        by_criterion = {line.criterion.pk: line for line in lines}
        for criterion in lines[0].sheet.criteria.values():
            entry, found = entries[criterion.pk], by_criterion.get(criterion.pk)
            item = lines[0].sheet.items.get(criterion.pk)
            own = item.self_points if item else None
            row = found.row if found else lines[0].row
            if entry.points is None:
                message = gettext("“{criterion}”: the appraised points are required.").format(
                    criterion=criterion.name
                )
                context.problem(row, COL["appraised_points"], message)
            elif entry.points != own and not entry.text.strip():
                message = gettext(
                    "“{criterion}”: the appraised points differ from the self-score; a reason is required."
                ).format(criterion=criterion.name)
                context.problem(row, COL["reason"], message)


def _shown(points: Decimal | None) -> str:
    return str(plain_number(points)) if points is not None else "—"


def _describe(line: Line) -> str:
    text = f"{line.unit.name} – {line.criterion.name}"
    item = line.sheet.items.get(line.criterion.pk)
    if line.self_entry is not None:
        text += gettext("; self-score {before} → {after}").format(
            before=_shown(item.self_points if item else None), after=_shown(line.self_entry.points)
        )
    if line.appraisal is not None:
        text += gettext("; appraisal {before} → {after}").format(
            before=_shown(item.appraised_points if item else None), after=_shown(line.appraisal.points)
        )
    return text
