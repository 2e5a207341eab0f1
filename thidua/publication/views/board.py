"""What the board publishes, and the units' proposals of exemplary models, behind the sign-in: the board's
publication page (its concluded years with "publish results", the models to review), a unit's proposal
form, a model's review page and its evidence. Anyone outside the board or the proposing unit: 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.roles import board_organizers
from thidua.core.feedback import add_refusal, show_refusal
from thidua.core.uploads import content_type
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Unit
from thidua.publication import actions
from thidua.publication.forms import ModelForm, ReturnForm
from thidua.publication.models import ExemplaryModel, ModelEvidence
from thidua.registry import rules as scope
from thidua.registry.models import Movement
from thidua.registry.views.decisions import board_organizer

YEARS_PAGE_SIZE = 50


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The board's concluded years, published or not, and the models units proposed."""
    organizer = board_organizer(request)
    years = (
        ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
        .select_related("cluster", "published_results")
        .order_by("-year", "cluster__name")
    )
    models = ExemplaryModel.objects.filter(organizer=organizer).select_related("movement", "proposed_by")
    # A page of years at a time: a 40-cluster province concludes 40 more every year.
    page = Paginator(years, YEARS_PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "organizer": organizer,
        "years": page,
        "page": page,
        "keep": f"to_chuc={organizer.pk}&",
        "models": list(models.order_by("state", "-proposed_at")[:200]),
        "can_propose": _proposers(request).exists(),
    }
    return render(request, "publication/board.html", context)


def _board_year(request: HttpRequest, cluster_year_id: int) -> ClusterYear:
    return get_object_or_404(
        ClusterYear.objects.filter(cluster__organizer__in=board_organizers(request.user)).select_related(
            "cluster"
        ),
        pk=cluster_year_id,
    )


@login_required
@require_POST
def publish_results(request: HttpRequest, cluster_year_id: int) -> HttpResponse:
    year = _board_year(request, cluster_year_id)
    try:
        if request.POST.get("act") == "withdraw":
            actions.withdraw_results(year, by=request.user)
            messages.success(request, _("The results of {year} are no longer public.").format(year=year))
        else:
            actions.publish_results(year, by=request.user)
            messages.success(request, _("The results of {year} are public.").format(year=year))
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(reverse("publication:board") + f"?to_chuc={year.cluster.organizer_id}")


# ---- exemplary models ------------------------------------------------------------------------------------


def _proposers(request: HttpRequest) -> QuerySet[Unit]:
    """Units the user may propose for: the board's organizers' units, an officer's own units."""
    return (
        Unit.objects.filter(
            Q(organizer__in=board_organizers(request.user)) | Q(pk__in=scope.officer_units(request.user))
        )
        .order_by("name")
        .distinct()
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    proposers = _proposers(request)
    if not proposers.exists():
        raise Http404(_("Not found."))
    organizers = proposers.values("organizer_id")
    form = ModelForm(
        request.POST or None,
        request.FILES or None,
        units=proposers,
        movements=Movement.objects.filter(organizer_id__in=organizers).order_by("-start", "name"),
        persons=scope.visible_persons(request.user).order_by("name_folded", "id"),
        collectives=scope.visible_units(request.user).order_by("name"),
        initial={"year": timezone.localdate().year},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = actions.propose_model(data["proposed_by"], **form.story_fields(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Model proposed; the board will review it."))
            return redirect("publication:model_review", model.pk)
    status = 400 if form.errors else 200
    return render(request, "publication/propose.html", {"form": form}, status=status)


def _model_for_user(request: HttpRequest, model_id: int) -> tuple[ExemplaryModel, bool]:
    """The model and whether the user is its board; the proposing unit's officer sees it too; 404 else."""
    found = get_object_or_404(
        ExemplaryModel.objects.select_related("organizer", "movement", "proposed_by", "person", "unit"),
        pk=model_id,
    )
    is_board = board_organizers(request.user).filter(pk=found.organizer_id).exists()
    if not is_board and not scope.officer_units(request.user).filter(pk=found.proposed_by_id).exists():
        raise Http404(_("Not found."))
    return found, is_board


@login_required
@require_http_methods(["GET", "POST"])
def model_review(request: HttpRequest, model_id: int) -> HttpResponse:
    model, is_board = _model_for_user(request, model_id)
    form = ReturnForm(request.POST if request.POST.get("act") == "return" else None)
    if request.method == "POST":
        if not is_board:
            raise Http404(_("Not found."))
        act = request.POST.get("act", "")
        try:
            if act == "publish":
                actions.publish_model(model, by=request.user)
                messages.success(request, _("The model is public."))
            elif act in ("feature", "unfeature"):
                actions.feature_model(model, featured=act == "feature", by=request.user)
                messages.success(request, _("Saved."))
            elif act == "return":
                if form.is_valid():
                    actions.return_model(model, reason=form.cleaned_data["reason"], by=request.user)
                    messages.success(request, _("The model is returned to the unit."))
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            if act == "return":
                add_refusal(form, error)
            else:
                show_refusal(request, error)
        if not form.errors:
            return redirect("publication:model_review", model.pk)
    context = {
        "model": model,
        "is_board": is_board,
        "form": form,
        "evidence": list(model.evidence.all()),
        "can_revise": model.state == ExemplaryModel.State.RETURNED
        and _proposers(request).filter(pk=model.proposed_by_id).exists(),
        "public_url": reverse("publication:model", args=[model.token])
        if model.state == ExemplaryModel.State.PUBLISHED
        else "",
    }
    return render(request, "publication/model_review.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, model_id: int) -> HttpResponse:
    """A model the board returned, changed by its proposing unit and proposed again; anyone else: 404."""
    model = get_object_or_404(
        ExemplaryModel.objects.select_related("proposed_by", "movement"),
        pk=model_id,
        proposed_by__in=_proposers(request),
    )
    if model.state != ExemplaryModel.State.RETURNED:
        messages.warning(request, _("Only a model the board returned can be changed and proposed again."))
        return redirect("publication:model_review", model.pk)
    form = ModelForm(
        request.POST or None,
        request.FILES or None,
        units=Unit.objects.filter(pk=model.proposed_by_id),
        movements=Movement.objects.filter(organizer_id=model.organizer_id).order_by("-start", "name"),
        persons=scope.visible_persons(request.user).order_by("name_folded", "id"),
        collectives=scope.visible_units(request.user).order_by("name"),
        initial={
            "movement": model.movement_id,
            "year": model.year,
            "person": model.person_id,
            "unit": model.unit_id,
            "position": model.position,
            "title": model.title,
            "story": model.story,
        },
    )
    del form.fields["proposed_by"]  # the unit that proposed it answers the board, no other
    if request.method == "POST" and form.is_valid():
        try:
            actions.revise_model(model, **form.story_fields(), by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Model proposed again; the board will review it."))
            return redirect("publication:model_review", model.pk)
    context = {"form": form, "model": model, "evidence": list(model.evidence.all())}
    return render(request, "publication/model_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def evidence_file(request: HttpRequest, model_id: int, evidence_id: int) -> FileResponse:
    model, _is_board = _model_for_user(request, model_id)
    evidence = get_object_or_404(ModelEvidence, pk=evidence_id, model=model)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=content_type(evidence.original_name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
