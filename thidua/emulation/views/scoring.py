"""The score table pages. Each object comes through a `_get_…` helper that answers 404 outside the user's
scope: a unit's sheet and its evidence only to the unit's officer, the year's lead and the board."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.roles import officer_unit_ids
from thidua.core.concurrency import seen_version
from thidua.core.converters import bounded_int
from thidua.core.feedback import show_refusal
from thidua.documents.download import XLSX_MIME, attachment
from thidua.emulation.actions import scoring as services
from thidua.emulation.evidence import content_type
from thidua.emulation.models import ClusterYear, Criterion, Evidence, ItemScore, ScoreSheet, UnitScore
from thidua.emulation.papers.criteria import criteria_workbook
from thidua.emulation.papers.scores import entry_workbook
from thidua.emulation.queries.papers import score_papers
from thidua.emulation.rules import can_manage_cluster_year, get_cluster_year_for_user
from thidua.emulation.totals import totals_of
from thidua.organisations.models import Unit

_POINTS = forms.DecimalField(localize=True, required=False, max_digits=8, decimal_places=2)


def _points(value: str, label: str) -> Decimal | None:
    """A number as typed, decimal comma accepted; blank is None."""
    try:
        return _POINTS.clean(value.strip())  # type: ignore[no-any-return]
    except ValidationError:
        raise ValidationError(
            _("“{label}”: “{value}” is not a valid number of points.").format(label=label, value=value)
        ) from None


def _get_sheet(cluster_year: ClusterYear) -> ScoreSheet:
    return get_object_or_404(ScoreSheet, cluster_year=cluster_year)


def _get_unit_score(request: HttpRequest, sheet: ScoreSheet, unit_id: int) -> tuple[UnitScore, bool]:
    """The unit's sheet and whether the user is its officer; 404 for anyone but officer, lead, board."""
    unit = get_object_or_404(Unit, pk=unit_id, memberships__cluster_year_id=sheet.cluster_year_id)
    officer = unit.pk in officer_unit_ids(request.user)
    if not officer and not can_manage_cluster_year(request.user, sheet.cluster_year):
        raise Http404(_("Not found."))
    return services.unit_score_for(sheet, unit), officer


def _back(cluster_year: ClusterYear, unit_id: int | None = None) -> HttpResponse:
    if unit_id is None:
        return redirect("scoring:sheet", cluster_year.cluster_id, cluster_year.year)
    return redirect("scoring:unit", cluster_year.cluster_id, cluster_year.year, unit_id)


@require_GET
@login_required
def sheet(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    return _sheet_page(request, get_cluster_year_for_user(request.user, cluster_id, year))


def _sheet_page(request: HttpRequest, cluster_year: ClusterYear, *, refused: bool = False) -> HttpResponse:
    """The table's page; after a refused form (`refused`), its inputs show what was typed."""
    found = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    can_manage = can_manage_cluster_year(request.user, cluster_year)
    own = officer_unit_ids(request.user)
    rows = []
    if found is not None:
        scores = {
            s.unit_id: s
            for s in found.unit_scores.prefetch_related("items__criterion").select_related("unit")
        }
        for unit in cluster_year.member_units():
            if not can_manage and unit.pk not in own:
                continue  # an officer sees its own unit's line only
            unit_score = scores.get(unit.pk)
            totals = totals_of(unit_score.items.all(), found.scale) if unit_score else None
            rows.append({"unit": unit, "unit_score": unit_score, "totals": totals})
    context = {
        "cluster_year": cluster_year,
        "sheet": found,
        "criteria": list(found.criteria.all()) if found else [],
        "rows": rows,
        "can_manage": can_manage,
        "kinds": Criterion.Kind.choices,
        "typed": request.POST if refused else {},
    }
    return render(request, "scoring/sheet.html", context)


@require_GET
@login_required
def criteria_export(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """The year's criteria table as Excel, to whoever sees the score table's page; it imports back
    (sheets kind "criteria")."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    content = criteria_workbook(_get_sheet(cluster_year))
    return attachment(content, f"{cluster_year.cluster.code}-{year}-tieu-chi.xlsx", XLSX_MIME)


@require_GET
@login_required
def scores_export(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """Every criterion's points of the units the user sees on the score table's page (an officer: its own
    unit; the lead and the board: every member) as Excel; edited, it imports back (sheets kind "scores")."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    _get_sheet(cluster_year)
    units = cluster_year.member_units()
    if not can_manage_cluster_year(request.user, cluster_year):
        own = officer_unit_ids(request.user)
        units = [unit for unit in units if unit.pk in own]
    content = entry_workbook(score_papers(cluster_year, units), cluster_year)
    return attachment(content, f"{cluster_year.cluster.code}-{year}-diem.xlsx", XLSX_MIME)


@require_POST
@login_required
def sheet_create(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    try:
        if request.POST.get("copy"):
            services.copy_previous_sheet(cluster_year, by=request.user)  # type: ignore[arg-type]
        else:
            scale = _points(request.POST.get("scale", ""), _("Scale"))
            if scale is None:
                raise ValidationError(_("The scale is required (for example 100 or 1,000)."))
            services.create_sheet(cluster_year, scale=scale, by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        show_refusal(request, error)
        return _sheet_page(request, cluster_year, refused=True)
    return _back(cluster_year)


@require_POST
@login_required
def criterion_add(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    found = _get_sheet(cluster_year)
    data = request.POST
    try:
        max_points = _points(data.get("max_points", ""), _("Maximum points"))
        if max_points is None:
            raise ValidationError(_("The criterion's maximum points are required."))
        services.add_criterion(
            found,
            group=data.get("group", ""),
            name=data.get("name", ""),
            kind=data.get("kind", Criterion.Kind.STANDARD),
            max_points=max_points,
            by=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as error:
        show_refusal(request, error)
        return _sheet_page(request, cluster_year, refused=True)
    return _back(cluster_year)


@require_POST
@login_required
def lock(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    try:
        services.lock(_get_sheet(cluster_year), by=request.user)  # type: ignore[arg-type]
        messages.success(
            request, _("Scores locked: the appraised scores are written to the list of members.")
        )
    except ValidationError as error:
        show_refusal(request, error)
    return _back(cluster_year)


@require_POST
@login_required
def reopen(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    try:
        reason = request.POST.get("reason", "")
        services.reopen(_get_sheet(cluster_year), reason=reason, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Scores reopened for changes."))
    except ValidationError as error:
        show_refusal(request, error)
    return _back(cluster_year)


@dataclass
class Row:
    """One criterion's row on a unit's page: the values shown in its inputs (what the user typed, after a
    refusal; else what is stored) and the refusal beside it, if any."""

    item: ItemScore
    self_points: str
    note: str
    appraised_points: str
    reason: str
    error: str = ""


def _shown(value: Decimal | None) -> str:
    return floatformat(value, "-2") if value is not None else ""


def _rows(
    items: list[ItemScore], typed: QueryDict | None, mode: str, errors: dict[str, list[str]]
) -> list[Row]:
    """The rows as stored, with the typed values of the submitted form (`mode`) laid over them."""
    rows = []
    for item in items:
        cid = item.criterion_id
        appraised = item.appraised_points if item.appraised_points is not None else item.self_points
        row = Row(item, _shown(item.self_points), item.note, _shown(appraised), item.reason)
        if typed is not None and mode == "tu-cham":
            row.self_points, row.note = typed.get(f"points_{cid}", ""), typed.get(f"note_{cid}", "")
        elif typed is not None and mode in ("tham-dinh", "cham-thay"):
            row.appraised_points, row.reason = typed.get(f"points_{cid}", ""), typed.get(f"reason_{cid}", "")
        row.error = " ".join(errors.get(str(cid), []))
        rows.append(row)
    return rows


def _unit_page(
    request: HttpRequest,
    cluster_year: ClusterYear,
    unit_score: UnitScore,
    officer: bool,
    *,
    mode: str = "",
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """The unit's page; after a refusal (`mode` names the form) every typed value is shown again."""
    found = unit_score.sheet
    items = list(
        unit_score.items.select_related("criterion")
        .prefetch_related("evidence")
        .order_by("criterion__position", "criterion_id")
    )
    can_manage = can_manage_cluster_year(request.user, cluster_year)
    unsubmitted = not found.locked and unit_score.submitted_at is None
    typed = request.POST if mode else None
    context: dict[str, Any] = {
        "cluster_year": cluster_year,
        "sheet": found,
        "unit_score": unit_score,
        "rows": _rows(items, typed, mode, errors or {}),
        "totals": totals_of(items, found.scale),
        "can_self_score": officer and unsubmitted and not unit_score.absence,
        "can_appraise": can_manage and not found.locked and unit_score.submitted_at is not None,
        # A unit that never submits: the lead scores it on its behalf, or records it did not submit (and
        # may switch from one to the other until the lock).
        "can_act_for_unit": can_manage and not officer and unsubmitted,
        "absence_reason": typed.get("absence_reason", "") if typed is not None else "",
        "mode": mode,
    }
    return render(request, "scoring/unit.html", context, status=200)


@require_GET
@login_required
def unit(request: HttpRequest, cluster_id: int, year: int, unit_id: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    unit_score, officer = _get_unit_score(request, _get_sheet(cluster_year), unit_id)
    return _unit_page(request, cluster_year, unit_score, officer)


def _entries(
    request: HttpRequest, unit_score: UnitScore, text: str
) -> tuple[dict[int, services.Entry], dict[str, list[str]]]:
    """The typed rows as entries, and a message per row whose points are not a number."""
    entries, problems = {}, {}
    for item in unit_score.items.select_related("criterion"):
        try:
            points = _points(request.POST.get(f"points_{item.criterion_id}", ""), item.criterion.name)
        except ValidationError as error:
            problems[str(item.criterion_id)] = error.messages
            continue
        entries[item.criterion_id] = services.Entry(
            points, request.POST.get(f"{text}_{item.criterion_id}", "")
        )
    return entries, problems


def _row_refusal(error: ValidationError) -> tuple[dict[str, list[str]], list[str]]:
    """(messages per criterion row, messages about the whole form) of a refusal."""
    if hasattr(error, "error_dict"):
        return error.message_dict, []
    return {}, error.messages


def _score_rows(request: HttpRequest, unit_score: UnitScore, action: str, by: Any) -> None:
    """Save a table of points (self-score, appraisal, scoring on behalf); refuses before any write."""
    text = "note" if action == "tu-cham" else "reason"
    entries, problems = _entries(request, unit_score, text)
    if problems:
        raise ValidationError(problems)
    seen = seen_version(request)
    if action == "tu-cham":
        services.save_self_scores(unit_score, entries, by=by, seen=seen)
    elif action == "tham-dinh":
        services.appraise(unit_score, entries, by=by, seen=seen)
    else:
        reason = request.POST.get("absence_reason", "")
        services.score_on_behalf(unit_score, entries, reason=reason, by=by, seen=seen)


ROW_ACTIONS = {
    "tu-cham": gettext_lazy("Self-scores saved."),
    "tham-dinh": gettext_lazy("Appraised scores saved."),
    "cham-thay": gettext_lazy(
        "Scores given by the cluster head on the unit's behalf saved, with the reason."
    ),
}


@require_POST
@login_required
def unit_action(request: HttpRequest, cluster_id: int, year: int, unit_id: int, action: str) -> HttpResponse:
    """The unit page's forms: self-score (tu-cham), evidence (minh-chung), submit (nop), appraise
    (tham-dinh), and for a unit that does not submit: score on its behalf (cham-thay), or record that it
    did not submit (khong-nop). A refused table of points comes back with everything typed."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    unit_score, officer = _get_unit_score(request, _get_sheet(cluster_year), unit_id)
    by: Any = request.user
    lead_act = action in ("tham-dinh", "cham-thay", "khong-nop")
    if lead_act:
        get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    elif not officer or action not in ("tu-cham", "minh-chung", "nop"):
        raise Http404(_("Not found."))
    try:
        if action in ROW_ACTIONS:
            _score_rows(request, unit_score, action, by)
            messages.success(request, ROW_ACTIONS[action])
        elif action == "khong-nop":
            reason = request.POST.get("absence_reason", "")
            services.mark_not_submitted(unit_score, reason=reason, by=by, seen=seen_version(request))
            messages.success(
                request,
                _("Recorded that {unit} did not submit its scores, with the reason.").format(
                    unit=unit_score.unit.display_name
                ),
            )
        elif action == "minh-chung":
            criterion = bounded_int(request.POST.get("criterion"))
            if criterion is None:
                raise ValidationError(_("Choose the criterion the evidence belongs to."))
            item = get_object_or_404(unit_score.items, criterion_id=criterion)
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError(_("No evidence file chosen."))
            services.add_evidence(item, upload, by=by)
            messages.success(request, _("Evidence “{name}” uploaded.").format(name=upload.name))
        else:
            services.submit(unit_score, by=by)
            messages.success(request, _("Self-score submitted."))
    except ValidationError as error:
        if action not in (*ROW_ACTIONS, "khong-nop"):
            show_refusal(request, error)
            return _back(cluster_year, unit_id)
        rows, general = _row_refusal(error)
        for message in general:
            messages.error(request, message)
        unit_score.refresh_from_db()
        return _unit_page(request, cluster_year, unit_score, officer, mode=action, errors=rows)
    return _back(cluster_year, unit_id)


@require_GET
@login_required
def evidence(request: HttpRequest, cluster_id: int, year: int, evidence_id: int) -> FileResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year)
    found = get_object_or_404(
        Evidence.objects.select_related("item__unit_score"),
        pk=evidence_id,
        item__unit_score__sheet__cluster_year=cluster_year,
    )
    _get_unit_score(request, found.item.unit_score.sheet, found.item.unit_score.unit_id)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=content_type(found.original_name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
