"""Every change to a score table goes through here: one transaction, one audit row, and a locked table
refuses all of them until it is reopened with a reason (DESIGN.md year step 4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.core.audit import record
from thidua.core.numbers import plain
from thidua.emulation.models import ClusterYear, Membership
from thidua.organisations.models import Unit
from thidua.scoring.evidence import check_upload
from thidua.scoring.models import Criterion, Evidence, ItemScore, ScoreSheet, UnitScore
from thidua.scoring.totals import unit_totals

User = AbstractBaseUser


@dataclass(frozen=True)
class Entry:
    """What one form row says about one criterion: points (None: not given) and the note or reason."""

    points: Decimal | None
    text: str = ""


def _locked_sheet(sheet_id: int) -> ScoreSheet:
    """The sheet, row-locked for this transaction; refused when its scores are locked."""
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet_id)
    if sheet.locked:
        raise ValidationError("Điểm năm này đã khóa: muốn sửa phải mở lại (kèm lý do).")
    return sheet


def create_sheet(cluster_year: ClusterYear, *, scale: Decimal, by: User) -> ScoreSheet:
    if scale <= 0:
        raise ValidationError("Thang điểm phải lớn hơn 0.")
    with transaction.atomic():
        if ScoreSheet.objects.filter(cluster_year=cluster_year).exists():
            raise ValidationError(f"Năm {cluster_year.year} đã có bảng chấm điểm.")
        sheet = ScoreSheet.objects.create(cluster_year=cluster_year, scale=scale)
        record(by, "scoring.sheet_create", sheet, scale=str(scale))
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
        raise ValidationError("Các năm trước của cụm chưa có bảng chấm điểm để sao chép.")
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


def add_criterion(
    sheet: ScoreSheet, *, group: str, name: str, kind: str, max_points: Decimal, by: User
) -> Criterion:
    group, name = group.strip(), name.strip()
    if not group or not name:
        raise ValidationError("Cần ghi nhóm tiêu chí và nội dung tiêu chí.")
    if kind not in Criterion.Kind.values:
        raise ValidationError("Loại tiêu chí không hợp lệ.")
    if max_points <= 0:
        raise ValidationError("Điểm tối đa của tiêu chí phải lớn hơn 0.")
    with transaction.atomic():
        sheet = _locked_sheet(sheet.pk)
        if sheet.unit_scores.filter(submitted_at__isnull=False).exists():
            raise ValidationError("Đã có đơn vị nộp điểm tự chấm: không sửa bảng tiêu chí được nữa.")
        criteria = list(sheet.criteria.all())
        if kind == Criterion.Kind.STANDARD:
            standard = sum((c.max_points for c in criteria if c.kind == Criterion.Kind.STANDARD), Decimal(0))
            if standard + max_points > sheet.scale:
                raise ValidationError(
                    f"Tổng điểm tối đa các tiêu chí ({plain(standard + max_points)}) "
                    f"vượt thang điểm {plain(sheet.scale)}."
                )
        position = max((c.position for c in criteria), default=0) + 1
        criterion = Criterion.objects.create(
            sheet=sheet, group=group, name=name, kind=kind, max_points=max_points, position=position
        )
        record(by, "scoring.criterion_add", criterion, max_points=str(max_points), kind=kind)
    return criterion


def unit_score_for(sheet: ScoreSheet, unit: Unit) -> UnitScore:
    """The unit's score sheet for the year, with one row per criterion (created on first use)."""
    if not Membership.objects.filter(cluster_year_id=sheet.cluster_year_id, unit=unit).exists():
        raise ValidationError(f"{unit.display_name} không là thành viên năm {sheet.cluster_year.year}.")
    unit_score, _ = UnitScore.objects.get_or_create(sheet=sheet, unit=unit)
    have = set(unit_score.items.values_list("criterion_id", flat=True))
    ItemScore.objects.bulk_create(
        ItemScore(unit_score=unit_score, criterion=c) for c in sheet.criteria.all() if c.pk not in have
    )
    return unit_score


def _check_points(criterion: Criterion, points: Decimal) -> None:
    if points < 0:
        raise ValidationError(f"“{criterion.name}”: điểm không được âm.")
    if points > criterion.max_points:
        raise ValidationError(
            f"“{criterion.name}”: {plain(points)} điểm vượt điểm tối đa {plain(criterion.max_points)}."
        )


def _items_for_update(unit_score: UnitScore) -> dict[int, ItemScore]:
    items = ItemScore.objects.select_for_update().filter(unit_score=unit_score).select_related("criterion")
    return {item.criterion_id: item for item in items}


def save_self_scores(unit_score: UnitScore, entries: Mapping[int, Entry], *, by: User) -> None:
    """The unit's points and notes per criterion id; all or nothing."""
    with transaction.atomic():
        _locked_sheet(unit_score.sheet_id)
        unit_score = UnitScore.objects.select_for_update().get(pk=unit_score.pk)
        if unit_score.submitted_at is not None:
            raise ValidationError("Đơn vị đã nộp điểm tự chấm: không sửa được nữa.")
        items = _items_for_update(unit_score)
        for criterion_id, entry in entries.items():
            item = items[criterion_id]
            if entry.points is not None:
                _check_points(item.criterion, entry.points)
            item.self_points, item.note = entry.points, entry.text.strip()
        ItemScore.objects.bulk_update(items.values(), ["self_points", "note"])
        record(by, "scoring.self_score", unit_score, items=len(entries))


def add_evidence(item: ItemScore, upload: UploadedFile, *, by: User) -> Evidence:
    check_upload(upload)
    with transaction.atomic():
        _locked_sheet(item.unit_score.sheet_id)
        unit_score = UnitScore.objects.select_for_update().get(pk=item.unit_score_id)
        if unit_score.submitted_at is not None:
            raise ValidationError("Đơn vị đã nộp điểm tự chấm: không thêm minh chứng được nữa.")
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
        _locked_sheet(unit_score.sheet_id)
        unit_score = UnitScore.objects.select_for_update().get(pk=unit_score.pk)
        if unit_score.submitted_at is not None:
            raise ValidationError("Đơn vị đã nộp điểm tự chấm.")
        missing = [i.criterion.name for i in _items_for_update(unit_score).values() if i.self_points is None]
        if missing:
            raise ValidationError("Chưa tự chấm tiêu chí: " + "; ".join(missing) + ".")
        unit_score.submitted_at = timezone.now()
        unit_score.save(update_fields=["submitted_at"])
        record(by, "scoring.submit", unit_score, self_total=str(unit_totals(unit_score).self_total))


def appraise(unit_score: UnitScore, entries: Mapping[int, Entry], *, by: User) -> None:
    """The lead's points per criterion id; a point that differs from the self-score needs its reason."""
    with transaction.atomic():
        _locked_sheet(unit_score.sheet_id)
        unit_score = UnitScore.objects.select_for_update().get(pk=unit_score.pk)
        if unit_score.submitted_at is None:
            raise ValidationError(f"{unit_score.unit.display_name} chưa nộp điểm tự chấm.")
        items = _items_for_update(unit_score)
        for criterion_id, entry in entries.items():
            item = items[criterion_id]
            if entry.points is None:
                raise ValidationError(f"“{item.criterion.name}”: cần ghi điểm thẩm định.")
            _check_points(item.criterion, entry.points)
            reason = entry.text.strip()
            if entry.points != item.self_points and not reason:
                raise ValidationError(
                    f"“{item.criterion.name}”: điểm thẩm định khác điểm tự chấm, cần ghi lý do."
                )
            item.appraised_points, item.reason = entry.points, reason
        ItemScore.objects.bulk_update(items.values(), ["appraised_points", "reason"])
        unit_score.appraised_at = timezone.now()
        unit_score.save(update_fields=["appraised_at"])
        totals = unit_totals(unit_score)
        record(by, "scoring.appraise", unit_score, appraised_total=str(totals.appraised_total))


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
            total = unit_totals(unit_score).appraised_total if unit_score else None
            if total is None:
                waiting.append(membership.unit.display_name)
            else:
                scores[membership.unit.code] = total
                membership.score = total
        if not sheet.criteria.exists():
            raise ValidationError("Bảng chấm điểm chưa có tiêu chí.")
        if waiting:
            raise ValidationError("Chưa thẩm định xong điểm của: " + "; ".join(waiting) + ".")
        Membership.objects.bulk_update(memberships, ["score"])
        sheet.locked_at, sheet.locked_by = timezone.now(), by  # type: ignore[assignment]
        sheet.save(update_fields=["locked_at", "locked_by"])
        record(by, "scoring.lock", sheet, scores={code: str(s) for code, s in scores.items()})
    return scores


def reopen(sheet: ScoreSheet, *, reason: str, by: User) -> None:
    """Unlock for corrections; the members' scores stay as locked until the next lock rewrites them."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Cần ghi lý do mở lại điểm đã khóa.")
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
        if not sheet.locked:
            raise ValidationError("Điểm năm này chưa khóa.")
        sheet.locked_at, sheet.locked_by = None, None
        sheet.save(update_fields=["locked_at", "locked_by"])
        record(by, "scoring.reopen", sheet, reason=reason)
