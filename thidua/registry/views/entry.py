"""Entering people and yearly facts: a person with their posting, their yearly rating and titles, initiatives
and holds, a unit's yearly record, its people's titles for a year in one table, its sub-units and their
titles. The board enters for its organizer, a unit's officer for the unit, its sub-units and their people
(scope.py); every change goes through entry.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.conditions import CSTDCS, LDTT
from thidua.core.feedback import add_refusal
from thidua.organisations.models import Unit
from thidua.registry import rules as scope
from thidua.registry.actions import entry
from thidua.registry.forms import (
    FIRST_YEAR,
    LAST_YEAR,
    HoldForm,
    InitiativeForm,
    PeopleTitlesForm,
    PersonForm,
    PersonYearForm,
    SubUnitForm,
    SubUnitTitleForm,
    UnitYearForm,
)
from thidua.registry.models import Hold, Initiative, Person, PersonYear
from thidua.registry.views.registry import unit_page

PERSON_FIELDS = ("name", "code", "sex", "birth_year", "direct_labourer")


def _posting_units(request: HttpRequest) -> Any:
    """The units a user may post people to: the board's organizer's units, an officer's own unit."""
    units = scope.visible_units(request.user)
    if not units.exists():
        raise Http404(_("Not found."))
    return units


def _posting(data: dict[str, Any]) -> tuple[Unit, str, Any] | None:
    if data.get("unit") is None:
        return None
    return data["unit"], data.get("position", ""), data["start"]


@login_required
@require_http_methods(["GET", "POST"])
def new_person(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, units=_posting_units(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = entry.save_person(
            None, posting=_posting(data), by=request.user, **{k: data[k] for k in PERSON_FIELDS}
        )
        messages.success(request, _("Added {name}.").format(name=person.name))
        return redirect("registry:person_edit", person.pk)
    return render(request, "registry/person_new.html", {"form": form}, status=400 if form.errors else 200)


def _person_page(request: HttpRequest, person: Person, **bound: Any) -> HttpResponse:
    initial = {name: getattr(person, name) for name in PERSON_FIELDS}
    initial["direct_labourer"] = {True: "1", False: "0"}.get(person.direct_labourer, "")  # type: ignore[arg-type]
    context = {
        "person": person,
        "postings": person.postings.select_related("unit").order_by("-start"),
        "years": person.years.order_by("-year"),
        "initiatives": person.initiatives.order_by("-year"),
        "holds": person.holds.all(),
        "form": bound.get("form")
        or PersonForm(initial=initial, units=_posting_units(request), person=person),
        "year_form": bound.get("year_form") or PersonYearForm(),
        "initiative_form": bound.get("initiative_form") or InitiativeForm(person=person),
        "hold_form": bound.get("hold_form") or HoldForm(),
    }
    status = 400 if any(f.errors for f in bound.values()) else 200
    return render(request, "registry/person_edit.html", context, status=status)


def _get_person_for_user(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(scope.visible_persons(request.user), pk=person_id)


@login_required
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person_for_user(request, person_id)
    if request.method == "GET":
        return _person_page(request, person)
    form = PersonForm(request.POST, units=_posting_units(request), person=person)
    if not form.is_valid():
        return _person_page(request, person, form=form)
    data = form.cleaned_data
    entry.save_person(person, posting=_posting(data), by=request.user, **{k: data[k] for k in PERSON_FIELDS})
    messages.success(request, _("Personal details saved."))
    return redirect("registry:person_edit", person.pk)


@login_required
@require_POST
def person_year(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person_for_user(request, person_id)
    form = PersonYearForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, year_form=form)
    data = form.cleaned_data
    entry.record_person_year(
        person, data["year"], rating=data["rating"], titles=data["titles"], by=request.user
    )
    messages.success(request, _("Rating and titles for {year} saved.").format(year=data["year"]))
    return redirect("registry:person_edit", person.pk)


@login_required
@require_POST
def initiative(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person_for_user(request, person_id)
    form = InitiativeForm(request.POST, person=person, instance=Initiative(person=person))
    if not form.is_valid():
        return _person_page(request, person, initiative_form=form)
    entry.add_initiative(form.instance, by=request.user)
    messages.success(request, _("Initiative added."))
    return redirect("registry:person_edit", person.pk)


@login_required
@require_POST
def hold(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person_for_user(request, person_id)
    form = HoldForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, hold_form=form)
    entry.add_hold(Hold(person=person, **form.cleaned_data), by=request.user)
    messages.success(request, _("Case recorded."))
    return redirect("registry:person_edit", person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def unit_year(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(scope.visible_units(request.user), pk=unit_id)
    form = UnitYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry.record_unit_year(
            unit,
            data["year"],
            rating=data["rating"],
            titles=data["titles"],
            staff=data["staff"],
            staff_completed=data["staff_completed"],
            staff_titles=form.staff_titles(),
            staff_disciplined=data["staff_disciplined"],
            by=request.user,
        )
        messages.success(
            request, _("Figures for {year} of {unit} saved.").format(year=data["year"], unit=unit.name)
        )
        return redirect("registry:unit_year", unit.pk)
    context = {"unit": unit, "form": form, "years": unit.registry_years.order_by("-year")}
    return render(request, "registry/unit_year.html", context, status=400 if form.errors else 200)


def _unit_for_user(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(scope.visible_units(request.user), pk=unit_id)


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("nam") or request.POST.get("nam") or ""
    return int(value) if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR else None


@login_required
@require_http_methods(["GET", "POST"])
def people_titles(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's people for one year in a table: rating and titles per person, saved all at once."""
    unit = _unit_for_user(request, unit_id)
    year = _year(request)
    context: dict[str, Any] = {"unit": unit, "year": year}
    if year is None:
        return render(request, "registry/people_titles.html", context)
    people = list(entry.people_of(unit, year).order_by("name_folded", "pk"))
    current = {row.person_id: row for row in PersonYear.objects.filter(person__in=people, year=year)}
    form = PeopleTitlesForm(request.POST or None, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            written = entry.record_people_titles(unit, year, form.entries(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Rating and titles for {year} saved for {count} person.",
                    "Rating and titles for {year} saved for {count} people.",
                    written,
                ).format(year=year, count=written),
            )
            return redirect(f"{request.path}?nam={year}")
    counts = entry.staff_titles_from_people(unit, year)
    context.update(form=form, ldtt=counts[LDTT], cstdcs=counts[CSTDCS])
    return render(request, "registry/people_titles.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def compute_staff_titles(request: HttpRequest, unit_id: int) -> HttpResponse:
    """ "Tính từ danh sách cá nhân": the unit's staff_titles for a year from its people's records."""
    unit = _unit_for_user(request, unit_id)
    year = _year(request)
    if year is None:
        messages.error(request, _("Choose a year to count the people holding titles."))
        return redirect("registry:unit_year", unit.pk)
    row = entry.compute_staff_titles(unit, year, by=request.user)
    counts = row.staff_titles or {}
    messages.success(
        request,
        _(
            "Counted from the list of people for {year}: {ldtt} Advanced Worker, {cstdcs} Grassroots "
            "Emulation Fighter."
        ).format(year=year, ldtt=counts.get(LDTT, 0), cstdcs=counts.get(CSTDCS, 0)),
    )
    return redirect("registry:unit_year", unit.pk)


@login_required
@require_POST
def add_sub_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit_for_user(request, unit_id)
    if unit.parent_id is not None:
        raise Http404(_("Not found."))
    form = SubUnitForm(request.POST)
    if form.is_valid():
        try:
            sub_unit = entry.add_sub_unit(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Sub-unit {name} added.").format(name=sub_unit.name))
            return redirect("registry:unit", unit.pk)
    return unit_page(request, unit, sub_unit_form=form)


@login_required
@require_POST
def sub_unit_title(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit_for_user(request, unit_id)
    form = SubUnitTitleForm(request.POST, sub_units=unit.sub_units.all())
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = entry.grant_sub_unit_title(
                data["sub_unit"],
                data["award"],
                data["year"],
                number=data["number"],
                date=data["date"],
                signer=data["signer"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("{award} for {year} recorded for {sub_unit}.").format(
                    award=decision.award_name, year=data["year"], sub_unit=data["sub_unit"].name
                ),
            )
            return redirect("registry:unit", unit.pk)
    return unit_page(request, unit, title_form=form)
