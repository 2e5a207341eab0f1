"""Every change to a score table goes through here: one transaction, one audit row, and a locked table
refuses all of them until it is reopened with a reason (DESIGN.md year step 4).

A member's score (Membership.score) has two writers and no more: `lock`, which copies the appraised
totals of a live year's table, and `record_reported_scores`, for a historic year whose exchange file
reports its final totals. Once the year's review is concluded, the table refuses every change.

A refusal about one criterion's row is keyed by the criterion's id (`ValidationError({"<id>": …})`), so a
page can show the message beside that row and keep everything the user typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.notifications import Kind, leads_of, notify, officers_of
from thidua.core.audit import Actor, record
from thidua.core.concurrency import refuse_if_changed
from thidua.core.numbers import plain
from thidua.emulation.evidence import check_upload
from thidua.emulation.models import (
    ClusterYear,
    Criterion,
    Evidence,
    ItemScore,
    Membership,
    ScoreSheet,
    UnitScore,
)
from thidua.emulation.totals import unit_totals
from thidua.organisations.models import Unit

User = AbstractBaseUser
_ABSENT = gettext_lazy(
    "{unit}: the cluster head has scored on its behalf or recorded that it did not submit; it can no longer "
    "score itself."
)


@dataclass(frozen=True)
class Entry:
    """What one form row says about one criterion: points (None: not given) and the note or reason."""

    points: Decimal | None
    text: str = ""


def _refuse_if_concluded(cluster_year_id: int) -> None:
    # Through the year's own relation: the review app reads this one (scoring.queries), not the reverse.
    if ClusterYear.objects.filter(pk=cluster_year_id, review__concluded_at__isnull=False).exists():
        raise ValidationError(
            _(
                "This year's review results are concluded: the scores can no longer be changed; first reopen "
                "the review results (with a reason) on that year's “Enter data” page."
            ),
            code="concluded",
        )


def _locked_sheet(sheet_id: int) -> ScoreSheet:
    """The sheet, row-locked for this transaction; refused when its scores are locked or the year's review
    is concluded."""
    sheet = ScoreSheet.objects.select_for_update().select_related("cluster_year").get(pk=sheet_id)
    _refuse_if_concluded(sheet.cluster_year_id)
    if sheet.locked:
        raise ValidationError(
            _("This year's scores are locked: to change them, reopen them (with a reason)."), code="locked"
        )
    return sheet


def _open_to_unit(unit_score: UnitScore, submitted: str, seen: str | None = None) -> UnitScore:
    """The unit's sheet, row-locked, while the unit itself may still change it: not submitted (else the
    `submitted` message), not taken over by the lead (scored on its behalf, or marked not submitted), and
    unchanged since the form posting `seen` was opened."""
    _locked_sheet(unit_score.sheet_id)
    unit_score = UnitScore.objects.select_for_update().select_related("unit").get(pk=unit_score.pk)
    refuse_if_changed(unit_score, seen)
    if unit_score.submitted_at is not None:
        raise ValidationError(submitted)
    if unit_score.absence:
        raise ValidationError(_ABSENT.format(unit=unit_score.unit.display_name))
    return unit_score


def create_sheet(cluster_year: ClusterYear, *, scale: Decimal, by: Actor) -> ScoreSheet:
    if scale <= 0:
        raise ValidationError(_("The scale must be greater than 0."))
    with transaction.atomic():
        _refuse_if_concluded(cluster_year.pk)
        if ScoreSheet.objects.filter(cluster_year=cluster_year).exists():
            raise ValidationError(_("{year} already has a score table.").format(year=cluster_year.year))
        sheet = ScoreSheet.objects.create(cluster_year=cluster_year, scale=scale)
        record(by, "scoring.sheet_create", sheet, scale=str(scale))
        # The scoring stage opens with the table: each member's officer is told (after commit, by mail).
        members = [m.unit for m in cluster_year.memberships.select_related("unit")]
        notify(
            officers_of(members),
            Kind.STAGE,
            _("{cluster} opened its score table for {year}: units can now score themselves.").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            reverse("scoring:sheet", args=[cluster_year.cluster_id, cluster_year.year]),
        )
    return sheet


def copy_previous_sheet(cluster_year: ClusterYear, *, by: User) -> ScoreSheet:
    """This year's table as a copy of the cluster's latest earlier table (scale and every criterion)."""
    previous = (
        ScoreSheet.objects.filter(
            cluster_year__cluster_id=cluster_year.cluster_id, cluster_year__year__lt=cluster_year.year
        )
        .order_by("-cluster_year__year")
        .first()
    )
    if previous is None:
        raise ValidationError(_("The cluster's earlier years have no score table to copy."))
    with transaction.atomic():
        sheet = create_sheet(cluster_year, scale=previous.scale, by=by)
        Criterion.objects.bulk_create(
            Criterion(
                sheet=sheet,
                group=c.group,
                name=c.name,
                kind=c.kind,
                max_points=c.max_points,
                position=c.position,
            )
            for c in previous.criteria.all()
        )
        record(by, "scoring.sheet_copy", sheet, source_year=previous.cluster_year.year)
    return sheet


def _check_criterion(group: str, name: str, kind: str, max_points: Decimal) -> None:
    if not group or not name:
        raise ValidationError(_("The criterion group and the criterion text are required."))
    if kind not in Criterion.Kind.values:
        raise ValidationError(_("Invalid criterion type."))
    if max_points <= 0:
        raise ValidationError(_("The criterion's maximum points must be greater than 0."))


def _open_criteria(sheet: ScoreSheet) -> tuple[ScoreSheet, list[Criterion]]:
    """The sheet row-locked and its criteria, while the criteria may still change: not locked, no review
    concluded, and no unit has submitted its self-score against them."""
    sheet = _locked_sheet(sheet.pk)
    if sheet.unit_scores.filter(submitted_at__isnull=False).exists():
        raise ValidationError(
            _("A unit has already submitted its self-score: the criteria can no longer be changed.")
        )
    return sheet, list(sheet.criteria.all())


def _refuse_over_scale(sheet: ScoreSheet, criteria: list[Criterion]) -> None:
    standard = sum((c.max_points for c in criteria if c.kind == Criterion.Kind.STANDARD), Decimal(0))
    if standard > sheet.scale:
        raise ValidationError(
            _("The criteria's total maximum points ({total}) exceed the scale of {scale}.").format(
                total=plain(standard), scale=plain(sheet.scale)
            )
        )


def add_criterion(
    sheet: ScoreSheet, *, group: str, name: str, kind: str, max_points: Decimal, by: Actor
) -> Criterion:
    group, name = group.strip(), name.strip()
    _check_criterion(group, name, kind, max_points)
    with transaction.atomic():
        sheet, criteria = _open_criteria(sheet)
        position = max((c.position for c in criteria), default=0) + 1
        criterion = Criterion(
            sheet=sheet, group=group, name=name, kind=kind, max_points=max_points, position=position
        )
        _refuse_over_scale(sheet, [*criteria, criterion])
        criterion.save()
        record(by, "scoring.criterion_add", criterion, max_points=str(max_points), kind=kind)
    return criterion


def change_criterion(criterion: Criterion, *, kind: str, max_points: Decimal, by: Actor) -> Criterion:
    """A criterion's kind and maximum points changed (an edited criteria table imported back), under the
    same gates as adding one."""
    _check_criterion(criterion.group, criterion.name, kind, max_points)
    with transaction.atomic():
        sheet, criteria = _open_criteria(criterion.sheet)
        found = next(c for c in criteria if c.pk == criterion.pk)
        before = {"kind": found.kind, "max_points": str(found.max_points)}
        found.kind, found.max_points = kind, max_points
        _refuse_over_scale(sheet, criteria)
        found.save(update_fields=["kind", "max_points"])
        record(by, "scoring.criterion_change", found, before=before, max_points=str(max_points), kind=kind)
    return found


def unit_score_for(sheet: ScoreSheet, unit: Unit) -> UnitScore:
    """The unit's score sheet for the year, with one row per criterion (created on first use)."""
    if not Membership.objects.filter(cluster_year_id=sheet.cluster_year_id, unit=unit).exists():
        raise ValidationError(
            _("{unit} is not a member in {year}.").format(
                unit=unit.display_name, year=sheet.cluster_year.year
            )
        )
    unit_score, _created = UnitScore.objects.get_or_create(sheet=sheet, unit=unit)
    have = set(unit_score.items.values_list("criterion_id", flat=True))
    ItemScore.objects.bulk_create(
        ItemScore(unit_score=unit_score, criterion=c) for c in sheet.criteria.all() if c.pk not in have
    )
    return unit_score


def _points_problem(criterion: Criterion, points: Decimal) -> str | None:
    if points < 0:
        return _("“{criterion}”: points cannot be negative.").format(criterion=criterion.name)
    if points > criterion.max_points:
        return _("“{criterion}”: {points} points exceed the maximum of {max}.").format(
            criterion=criterion.name, points=plain(points), max=plain(criterion.max_points)
        )
    return None


def _refuse_rows(problems: dict[str, list[str]]) -> None:
    """All the rows at fault at once, each keyed by its criterion id; nothing is written."""
    if problems:
        raise ValidationError(problems)


def _items_for_update(unit_score: UnitScore) -> dict[int, ItemScore]:
    items = ItemScore.objects.select_for_update().filter(unit_score=unit_score).select_related("criterion")
    return {item.criterion_id: item for item in items}


def save_self_scores(
    unit_score: UnitScore, entries: Mapping[int, Entry], *, by: User, seen: str | None = None
) -> None:
    """The unit's points and notes per criterion id; all or nothing."""
    with transaction.atomic():
        unit_score = _open_to_unit(
            unit_score, _("The unit has submitted its self-score: it can no longer be changed."), seen
        )
        items = _items_for_update(unit_score)
        problems: dict[str, list[str]] = {}
        for criterion_id, entry in entries.items():
            item = items[criterion_id]
            problem = _points_problem(item.criterion, entry.points) if entry.points is not None else None
            if problem:
                problems[str(criterion_id)] = [problem]
            item.self_points, item.note = entry.points, entry.text.strip()
        _refuse_rows(problems)
        ItemScore.objects.bulk_update(items.values(), ["self_points", "note"])
        record(by, "scoring.self_score", unit_score, items=len(entries))


def add_evidence(item: ItemScore, upload: UploadedFile, *, by: User) -> Evidence:
    check_upload(upload)
    with transaction.atomic():
        _open_to_unit(
            item.unit_score, _("The unit has submitted its self-score: no more evidence can be added.")
        )
        assert upload.name is not None and upload.size is not None  # check_upload refused nameless files
        evidence = Evidence.objects.create(
            item=item,
            file=upload,
            original_name=upload.name[:255],
            size=upload.size,
            uploaded_by=by,  # type: ignore[misc]
        )
        record(by, "scoring.evidence_add", evidence, item=item.pk, name=evidence.original_name)
    return evidence


def submit(unit_score: UnitScore, *, by: User) -> None:
    with transaction.atomic():
        unit_score = _open_to_unit(unit_score, _("The unit has submitted its self-score."))
        missing = [i.criterion.name for i in _items_for_update(unit_score).values() if i.self_points is None]
        if missing:
            raise ValidationError(
                _("Criteria not yet self-scored: {criteria}.").format(criteria="; ".join(missing))
            )
        unit_score.submitted_at = timezone.now()
        unit_score.save(update_fields=["submitted_at"])
        record(by, "scoring.submit", unit_score, self_total=str(unit_totals(unit_score).self_total))
        _notify_appraisal_open(unit_score)


def _notify_appraisal_open(unit_score: UnitScore) -> None:
    """The first self-score submitted opens the appraisal: the head and deputies' officers are told once
    (the notice's key), by mail after commit."""
    cluster_year = ClusterYear.objects.select_related("cluster").get(score_sheet__pk=unit_score.sheet_id)
    notify(
        leads_of(cluster_year.pk),
        Kind.STAGE,
        _(
            "{cluster} {year}: {unit} submitted its self-score, the appraisal is open; appraise each unit's "
            "scores once submitted."
        ).format(
            cluster=cluster_year.cluster.name, year=cluster_year.year, unit=unit_score.unit.display_name
        ),
        reverse("scoring:sheet", args=[cluster_year.cluster_id, cluster_year.year]),
        key=f"appraisal-open:{cluster_year.pk}",
    )


def _appraisal_problem(item: ItemScore, entry: Entry) -> str | None:
    if entry.points is None:
        return _("“{criterion}”: the appraised points are required.").format(criterion=item.criterion.name)
    problem = _points_problem(item.criterion, entry.points)
    if problem is None and entry.points != item.self_points and not entry.text.strip():
        return _(
            "“{criterion}”: the appraised points differ from the self-score; a reason is required."
        ).format(criterion=item.criterion.name)
    return problem


def _write_appraisal(unit_score: UnitScore, entries: Mapping[int, Entry]) -> None:
    """The lead's points and reasons per criterion id, every row checked before any is written."""
    items = _items_for_update(unit_score)
    problems = {
        str(criterion_id): [problem]
        for criterion_id, entry in entries.items()
        if (problem := _appraisal_problem(items[criterion_id], entry))
    }
    _refuse_rows(problems)
    for criterion_id, entry in entries.items():
        items[criterion_id].appraised_points = entry.points
        items[criterion_id].reason = entry.text.strip()
    ItemScore.objects.bulk_update(items.values(), ["appraised_points", "reason"])
    unit_score.appraised_at = timezone.now()


def appraise(
    unit_score: UnitScore, entries: Mapping[int, Entry], *, by: User, seen: str | None = None
) -> None:
    """The lead's points per criterion id; a point that differs from the self-score needs its reason."""
    with transaction.atomic():
        _locked_sheet(unit_score.sheet_id)
        unit_score = UnitScore.objects.select_for_update().get(pk=unit_score.pk)
        refuse_if_changed(unit_score, seen)
        if unit_score.submitted_at is None:
            raise ValidationError(
                _("{unit} has not submitted its self-score.").format(unit=unit_score.unit.display_name)
            )
        _write_appraisal(unit_score, entries)
        unit_score.save(update_fields=["appraised_at"])
        totals = unit_totals(unit_score)
        record(by, "scoring.appraise", unit_score, appraised_total=str(totals.appraised_total))


def _unsubmitted_for_update(unit_score: UnitScore, reason: str, seen: str | None) -> UnitScore:
    """The unit's sheet, row-locked, if the lead may act for it: not submitted, unchanged since the form
    posting `seen` was opened, and a written reason."""
    _locked_sheet(unit_score.sheet_id)
    unit_score = UnitScore.objects.select_for_update().select_related("unit").get(pk=unit_score.pk)
    refuse_if_changed(unit_score, seen)
    if unit_score.submitted_at is not None:
        raise ValidationError(
            _("{unit} has submitted its self-score: appraise the unit's scores.").format(
                unit=unit_score.unit.display_name
            ),
            code="submitted",
        )
    if not reason.strip():
        raise ValidationError(
            _(
                "A reason is required for the cluster head acting for {unit} (for example: the unit did not "
                "submit on time despite reminders)."
            ).format(unit=unit_score.unit.display_name),
            code="reason",
        )
    return unit_score


def score_on_behalf(
    unit_score: UnitScore, entries: Mapping[int, Entry], *, reason: str, by: User, seen: str | None = None
) -> None:
    """The lead scores a unit that has not submitted, criterion by criterion, with the written reason why;
    the points stand as appraised (there is no self-score to differ from, so no per-row reason)."""
    with transaction.atomic():
        unit_score = _unsubmitted_for_update(unit_score, reason, seen)
        own = {cid: Entry(e.points, e.text or reason) for cid, e in entries.items()}
        _write_appraisal(unit_score, own)
        unit_score.absence, unit_score.absence_reason = UnitScore.Absence.ON_BEHALF, reason.strip()
        unit_score.save(update_fields=["appraised_at", "absence", "absence_reason"])
        totals = unit_totals(unit_score)
        record(
            by,
            "scoring.score_on_behalf",
            unit_score,
            reason=reason.strip(),
            appraised_total=str(totals.appraised_total),
        )


def mark_not_submitted(unit_score: UnitScore, *, reason: str, by: User, seen: str | None = None) -> None:
    """Record that a unit did not submit: it gets no score, is placed after every scored unit and is not
    proposed by score (review.tally.decide_by_score ranks scored units only); a ballot may still name it."""
    with transaction.atomic():
        unit_score = _unsubmitted_for_update(unit_score, reason, seen)
        ItemScore.objects.filter(unit_score=unit_score).update(appraised_points=None, reason="")
        unit_score.appraised_at = None
        unit_score.absence, unit_score.absence_reason = UnitScore.Absence.NOT_SUBMITTED, reason.strip()
        unit_score.save(update_fields=["appraised_at", "absence", "absence_reason"])
        record(by, "scoring.not_submitted", unit_score, reason=reason.strip())


def lock(sheet: ScoreSheet, *, by: User) -> dict[str, Decimal]:
    """Every member's appraised total becomes its Membership.score; the table then refuses changes."""
    with transaction.atomic():
        sheet = _locked_sheet(sheet.pk)
        memberships = list(
            Membership.objects.select_for_update()
            .filter(cluster_year_id=sheet.cluster_year_id)
            .select_related("unit")
        )
        by_unit = {u.unit_id: u for u in sheet.unit_scores.all()}
        scores: dict[str, Decimal] = {}
        waiting = []
        for membership in memberships:
            unit_score = by_unit.get(membership.unit_id)
            if unit_score is not None and unit_score.absence == UnitScore.Absence.NOT_SUBMITTED:
                membership.score = None
                continue
            total = unit_totals(unit_score).appraised_total if unit_score else None
            if total is None:
                waiting.append(membership.unit.display_name)
            else:
                scores[membership.unit.code] = total
                membership.score = total
        if not sheet.criteria.exists():
            raise ValidationError(
                _("The score table has no criteria: add criteria before locking the scores.")
            )
        if waiting:
            raise ValidationError(
                _(
                    "Scores not yet fully appraised for: {units}. Appraise the units that submitted; for a "
                    "unit that did not, the cluster head scores on its behalf (with a reason) or records "
                    "“did not submit” on the unit's page of the score table."
                ).format(units="; ".join(waiting)),
                code="waiting",
            )
        Membership.objects.bulk_update(memberships, ["score"])
        sheet.locked_at, sheet.locked_by = timezone.now(), by  # type: ignore[assignment]
        sheet.save(update_fields=["locked_at", "locked_by"])
        record(by, "scoring.lock", sheet, scores={code: str(s) for code, s in scores.items()})
    return scores


def reopen(sheet: ScoreSheet, *, reason: str, by: User) -> None:
    """Unlock for corrections; the members' scores stay as locked until the next lock rewrites them."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("A reason for reopening the locked scores is required."))
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        _refuse_if_concluded(sheet.cluster_year_id)
        if not sheet.locked:
            raise ValidationError(_("This year's scores are not locked."))
        sheet.locked_at, sheet.locked_by = None, None
        sheet.save(update_fields=["locked_at", "locked_by"])
        record(by, "scoring.reopen", sheet, reason=reason)


def record_reported_scores(
    cluster_year: ClusterYear, scores: Mapping[Unit, Decimal | None], *, by: Actor, source: str
) -> None:
    """The final totals a historic year's exchange file reports (FORMAT.md `scores`), for the importer only:
    the year has no score table of its own, so these stand as its locked scores. A member absent from
    `scores`, or given None, has no known score."""
    with transaction.atomic():
        _refuse_if_concluded(cluster_year.pk)
        if ScoreSheet.objects.filter(cluster_year=cluster_year).exists():
            raise ValidationError(
                _("{year} has a score table: scores are recorded only through appraisal and locking.").format(
                    year=cluster_year.year
                ),
                code="has_sheet",
            )
        rows = {
            m.unit_id: m for m in Membership.objects.select_for_update().filter(cluster_year=cluster_year)
        }
        strangers = [unit.display_name for unit in scores if unit.pk not in rows]
        if strangers:
            raise ValidationError(
                _("Not member units: {names}.").format(names=", ".join(strangers)), code="not_member"
            )
        negative = [unit.display_name for unit, score in scores.items() if score is not None and score < 0]
        if negative:
            raise ValidationError(
                _("Scores cannot be negative: {units}.").format(units=", ".join(negative)), code="negative"
            )
        for row in rows.values():
            row.score = next((s for u, s in scores.items() if u.pk == row.unit_id), None)
        Membership.objects.bulk_update(rows.values(), ["score"])
        record(
            by,
            "scoring.reported",
            cluster_year,
            source=source,
            scores={u.code: str(s) if s is not None else None for u, s in scores.items()},
        )
