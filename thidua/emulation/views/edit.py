"""Entering a cluster's year step by step: a new year, its roster, leadership, rules, ratings, the review's
facts and agreed lists, then "Chốt kết quả". Views stay thin: every change is a thidua.emulation.actions.setup
(or review.services) call; a refusal shows the service's message above the form, which keeps what the
user typed. Scores are not entered here: they come from the score table's lock (thidua.scoring).

Who: the year's cluster lead and the organizer's board (accounts.rules.managed_cluster_years); a new year
is the board's act (accounts.rules.board_organizers). Everyone else gets 404, as on the reading pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from thidua.core.audit import Actor
from thidua.core.concurrency import seen_version
from thidua.core.feedback import show_refusal
from thidua.emulation import where
from thidua.emulation.actions import setup as services
from thidua.emulation.actions.review import conclude_review, conclusion_gaps
from thidua.emulation.forms import edit as edit_forms
from thidua.emulation.forms.meeting import ReopenForm
from thidua.emulation.models import ClusterYear, Method, MidYearReview, Review
from thidua.emulation.queries.stages import year_stages
from thidua.emulation.rules import get_cluster_for_user, get_cluster_year_for_user
from thidua.emulation.views.presenters import leader_words

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Step:
    slug: str
    title: StrOrPromise
    form: Callable[[ClusterYear, Any], forms.Form]
    # The form's own readers (members_in_order, quotas…) differ per step, hence Any. The last argument is
    # the version the form was opened at (core.concurrency), checked by the steps that edit the year itself.
    save: Callable[[Any, ClusterYear, Actor, str | None], object]
    template: str = "front/edit_step.html"
    versioned: bool = False


def _review_of(cluster_year: ClusterYear) -> Review | None:
    return Review.objects.filter(cluster_year=cluster_year).first()


def _roster_form(cy: ClusterYear, data: Any) -> forms.Form:
    initial = {"members": [u.pk for u in cy.member_units()]}
    return edit_forms.RosterForm(data, cluster_year=cy, initial=initial)


def _leadership_form(cy: ClusterYear, data: Any) -> forms.Form:
    initial = {
        "head": cy.head_id,
        "deputies": [u.pk for u in cy.deputy_units()],
        "deputies_unknown": not cy.deputies_known,
        "host": cy.host_id,
    }
    words = leader_words(cy.cluster.kind)
    return edit_forms.LeadershipForm(data, cluster_year=cy, words=words, initial=initial)


def _rules_form(cy: ClusterYear, data: Any) -> forms.Form:
    tiers = cy.cluster.ordered_tiers()
    order = [*(cy.tie_break or []), "", ""]
    initial = {
        "method": cy.method,
        "min_approval": cy.min_approval,
        "tie_break_1": order[0],
        "tie_break_2": order[1],
        "exclusive": cy.exclusive,
        **{f"quota_{t.code}": (cy.quotas or {}).get(t.code) for t in tiers},
    }
    return edit_forms.RulesForm(data, tiers=tiers, initial=initial)


def _ratings_form(cy: ClusterYear, data: Any) -> forms.Form:
    initial = {f"rating_{row.unit_id}": row.rating for row in cy.memberships.all()}
    return edit_forms.RatingsForm(data, cluster_year=cy, initial=initial)


def _facts_form(cy: ClusterYear, data: Any) -> forms.Form:
    review = _review_of(cy)
    initial: dict[str, Any] = {}
    if review is not None:
        initial = {
            "date": review.date.strftime("%d/%m/%Y") if review.date else "",
            "place": review.place,
            "chair": review.chair,
            "secretary": review.secretary,
            "board_representative": review.board_representative,
            "present": list(review.present.values_list("pk", flat=True)) if review.present_known else [],
        }
    return edit_forms.ReviewFactsForm(data, cluster_year=cy, initial=initial)


def _mid_year_form(cy: ClusterYear, data: Any) -> forms.Form:
    found = MidYearReview.objects.filter(cluster_year=cy).first()
    initial: dict[str, Any] = {}
    if found is not None:
        initial = {
            "date": found.date.strftime("%d/%m/%Y"),
            "place": found.place,
            "chair": found.chair,
            "summary": found.summary,
            "tasks": found.tasks,
        }
    return edit_forms.MidYearForm(data, initial=initial)


def _outcome_form(cy: ClusterYear, data: Any) -> forms.Form:
    review, tiers = _review_of(cy), cy.cluster.ordered_tiers()
    codes = {u.code: u.pk for u in cy.member_units()}
    initial: dict[str, Any] = {"agreed": bool(review and review.outcome is not None)}
    if review is not None:
        for tier_code, names in (review.outcome or {}).items():
            for place, code in enumerate(names, start=1):
                if code in codes:
                    initial[f"place_{tier_code}_{codes[code]}"] = place
        initial.update({f"unnamed_{code}": count for code, count in (review.unnamed or {}).items()})
    return edit_forms.OutcomeForm(data, cluster_year=cy, tiers=tiers, initial=initial)


STEPS = [
    Step(
        "thanh-vien",
        where.STEP_ROSTER,
        _roster_form,
        lambda f, cy, by, seen: services.set_roster(cy, f.members_in_order(), by=by, seen=seen),
        versioned=True,
    ),
    Step(
        "lanh-dao",
        where.STEP_LEADERSHIP,
        _leadership_form,
        lambda f, cy, by, seen: services.set_leadership(
            cy,
            head=f.cleaned_data["head"],
            deputies=f.deputies_given(),
            host=f.cleaned_data["host"],
            by=by,
            seen=seen,
        ),
        versioned=True,
    ),
    Step(
        "quy-che",
        gettext_lazy("Review rules"),
        _rules_form,
        lambda f, cy, by, seen: services.set_rules(
            cy,
            method=f.cleaned_data["method"],
            quotas=f.quotas(),
            min_approval=f.cleaned_data["min_approval"],
            tie_break=f.tie_break(),
            exclusive=f.cleaned_data["exclusive"],
            by=by,
            seen=seen,
        ),
        versioned=True,
    ),
    Step(
        "so-ket",
        where.STEP_MID_YEAR,
        _mid_year_form,
        lambda f, cy, by, seen: services.set_mid_year_review(cy, **f.cleaned_data, by=by),
    ),
    Step(
        "diem",
        where.STEP_RATINGS,
        _ratings_form,
        lambda f, cy, by, seen: services.set_ratings(cy, f.given(), by=by, seen=seen),
        "front/edit_scores.html",
        versioned=True,
    ),
    Step(
        "hoi-nghi",
        where.STEP_MEETING,
        _facts_form,
        lambda f, cy, by, seen: services.set_review_facts(
            cy,
            date=f.cleaned_data["date"],
            place=f.cleaned_data["place"],
            chair=f.cleaned_data["chair"],
            secretary=f.cleaned_data["secretary"],
            board_representative=f.cleaned_data["board_representative"],
            present=f.present_given(),
            by=by,
        ),
    ),
    Step(
        "ket-qua",
        where.STEP_OUTCOME,
        _outcome_form,
        lambda f, cy, by, seen: services.set_outcome(cy, outcome=f.outcome(), unnamed=f.unnamed(), by=by),
        "front/edit_outcome.html",
    ),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _edit_url(cy: ClusterYear, step: Step | None = None) -> str:
    if step is None:
        return reverse("front:edit_year", args=[cy.cluster_id, cy.year])
    return reverse("front:edit_step", args=[cy.cluster_id, cy.year, step.slug])


def _year_context(cy: ClusterYear) -> dict[str, Any]:
    review = _review_of(cy)
    return {
        "cluster_year": cy,
        "cluster": cy.cluster,
        "steps": STEPS,
        "concluded": bool(review and review.concluded_at),
        "review": review,
        "reopen": ReopenForm(),
        "words": leader_words(cy.cluster.kind),
        "can_manage": True,  # every page here is behind _get_year_to_edit
    }


def _created_message(created: ClusterYear) -> str:
    words = leader_words(created.cluster.kind)
    members = created.memberships.count()
    text = ngettext(
        "Year {year} created: {count} member unit and the rules copied from the previous year.",
        "Year {year} created: {count} member units and the rules copied from the previous year.",
        members,
    ).format(year=created.year, count=members)
    deputies = created.deputy_units()
    if created.head or deputies:
        named = [f"{words.head.lower()} {created.head.display_name}" if created.head else ""]
        named += [f"{words.deputy.lower()} {u.display_name}" for u in deputies]
        text += " " + _(
            "Filled in from the recorded results of the {year} meeting: {names} (can be changed at step "
            "“{step}”)."
        ).format(year=created.year - 1, names=", ".join(n for n in named if n), step=STEPS[1].title)
    return text + " " + _("Check and correct each step below.")


@login_required
def new_year(request: HttpRequest, cluster_id: int) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, cluster_id, extend=True)
    latest = cluster.years.aggregate(latest=Max("year"))["latest"]
    form = edit_forms.NewYearForm(request.POST or None, initial={"year": (latest or 2024) + 1})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_cluster_year(cluster, form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _created_message(created))
            return redirect(_edit_url(created))
    previous = cluster.years.order_by("-year").select_related("head").first()
    context = {"cluster": cluster, "form": form, "previous": previous, "words": leader_words(cluster.kind)}
    return render(request, "front/edit_new_year.html", context)


@login_required
def edit_year(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cy = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    context = _year_context(cy)
    review = context["review"]
    agreed = review is not None and review.outcome is not None
    context["needs_ballot"] = cy.method == Method.BALLOT and not (agreed or (review and review.ballots_known))
    context["outcome_step"] = STEP_BY_SLUG["ket-qua"]
    # What the live conclusion would refuse for, shown before the button is pressed (the same gate).
    context["gaps"] = [] if context["concluded"] else conclusion_gaps(cy, review)
    context["stages"] = year_stages(cy)
    return render(request, "front/edit_year.html", context)


@login_required
def edit_step(request: HttpRequest, cluster_id: int, year: int, step: str) -> HttpResponse:
    cy = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    found = STEP_BY_SLUG.get(step)
    if found is None:
        raise Http404(_("No such step."))
    form = found.form(cy, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found.save(form, cy, request.user, seen_version(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: {step}.").format(step=found.title.lower()))
            following = STEPS.index(found) + 1
            return redirect(_edit_url(cy, STEPS[following] if following < len(STEPS) else None))
    context = {**_year_context(cy), "step": found, "form": form, "versioned": cy if found.versioned else None}
    return render(request, found.template, context)


@login_required
@require_POST
def conclude(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cy = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    review = _review_of(cy)
    if review is not None and review.concluded_at is not None:
        messages.error(request, services.LOCKED.format(year=cy.year))
        return redirect(_edit_url(cy))
    try:
        conclude_review(cy, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(_edit_url(cy))
    messages.success(request, _("The {year} review results are concluded.").format(year=cy.year))
    return redirect("front:cluster_year", cy.cluster_id, cy.year)


@login_required
@require_POST
def reopen(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cy = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    form = ReopenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("A reason for reopening the review results is required."))
        services.reopen_review(cy, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("The {year} review results are reopened for changes.").format(year=cy.year)
        )
    return redirect(_edit_url(cy))
