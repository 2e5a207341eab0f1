"""The board's thematic or ad hoc movements (phong trào thi đua chuyên đề, theo đợt): the list of its
organizer's movements with their proposals, and the form that launches a new one. Board only: anyone else
is "không tìm thấy"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.registry import rules as scope
from thidua.registry.actions.movements import change_movement, launch_movement
from thidua.registry.dashboard import proposals_url
from thidua.registry.forms import MovementForm
from thidua.registry.models import Movement
from thidua.registry.views.decisions import board_organizer
from thidua.registry.views.proposals import _form_error


def _saved(request: HttpRequest, form: MovementForm, save: Callable[..., Movement]) -> bool:
    """The one handling of the movement form, for a launch and for a correction: a valid post goes to
    `save` (the action, its movement or organizer bound); a refusal is shown beside its field, the typed
    values kept."""
    if request.method != "POST" or not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        save(name=data["name"], start=data["start"], end=data["end"], awards=data["awards"], by=request.user)
    except ValidationError as error:
        _form_error(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def movements(request: HttpRequest) -> HttpResponse:
    organizer = board_organizer(request)
    form = MovementForm(request.POST or None)
    if _saved(request, form, partial(launch_movement, organizer)):
        messages.success(request, _("Movement recorded; units may now propose under it."))
        return redirect(f"{request.path}?to_chuc={organizer.pk}")
    rows = [
        (m, proposals_url(organizer, m.start.year, phong_trao=m.pk), m.n)
        for m in Movement.objects.filter(organizer=organizer)
        .annotate(n=Count("proposals"))
        .order_by("-start", "name")
    ]
    context = {"organizer": organizer, "form": form, "rows": rows}
    return render(request, "registry/movements.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit_movement(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Correct a movement's name, dates and awards; a change that would leave a proposal already made under
    it outside it is refused beside the field, the typed values kept."""
    movement = get_object_or_404(
        Movement.objects.select_related("organizer"),
        pk=movement_id,
        organizer__in=scope.board_organizers(request.user),
    )
    initial = {"name": movement.name, "start": movement.start, "end": movement.end, "awards": movement.awards}
    form = MovementForm(request.POST or None, initial=initial)
    if _saved(request, form, partial(change_movement, movement)):
        messages.success(request, _("The movement's changes are saved."))
        return redirect(f"{reverse('registry:movements')}?to_chuc={movement.organizer_id}")
    context = {
        "organizer": movement.organizer,
        "movement": movement,
        "form": form,
        "n": movement.proposals.count(),
    }
    return render(request, "registry/movement_edit.html", context, status=400 if form.errors else 200)
