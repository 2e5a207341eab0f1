"""The board's page of its province's own rules: the list with the days each is in force, a form to add
one and a button to end one. Only the board of the organizer (or a superuser) opens it; others find
nothing. Changes go through province_rules.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.catalogue import ANY_AWARD_NAME, PARAMETERS
from thidua.core.concurrency import seen_version
from thidua.core.feedback import add_refusal
from thidua.organisations.models import Organizer
from thidua.registry import province_rules
from thidua.registry import rules as scope
from thidua.registry.forms import EndProvinceRuleForm, ProvinceRuleForm, award_label
from thidua.registry.models import ProvinceRule
from thidua.registry.views.decisions import board_organizer


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    organizer = board_organizer(request)
    form = ProvinceRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = province_rules.add_province_rule(organizer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # each message beside the field where it is put right
        else:
            messages.success(request, _("Rule {rule} added.").format(rule=rule.rule_id))
            return redirect(f"{request.path}?to_chuc={organizer.pk}")
    return _rules_page(request, organizer, form)


def _rules_page(
    request: HttpRequest,
    organizer: Organizer,
    form: ProvinceRuleForm,
    *,
    ending: ProvinceRule | None = None,
    end_form: EndProvinceRuleForm | None = None,
) -> HttpResponse:
    """The list and the form to add a rule; after a refused end, that rule's row shows the day typed and
    why it was refused (400)."""
    rows = [
        (
            rule,
            award_label(rule.award),
            PARAMETERS[rule.parameter].describe(rule.value) if rule.parameter in PARAMETERS else rule.value,
        )
        for rule in ProvinceRule.objects.filter(organizer=organizer)
    ]
    context = {
        "organizer": organizer,
        "form": form,
        "rows": rows,
        "posted_for": ending,
        "end_form": end_form,
        "any_award": ANY_AWARD_NAME,
    }
    status = 400 if form.errors or end_form is not None else 200
    return render(request, "registry/province_rules.html", context, status=status)


@login_required
@require_POST
def end(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = get_object_or_404(
        ProvinceRule.objects.filter(organizer__in=scope.board_organizers(request.user)).select_related(
            "organizer"
        ),
        pk=rule_id,
    )
    form = EndProvinceRuleForm(request.POST)
    if form.is_valid():
        try:
            end_day, seen = form.cleaned_data["end"], seen_version(request)
            province_rules.end_province_rule(rule, end_day, by=request.user, seen=seen)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            last = form.cleaned_data["end"]
            messages.success(
                request,
                _("Rule {rule} is in force until the end of {last}.").format(
                    rule=rule.rule_id, last=f"{last:%d/%m/%Y}"
                ),
            )
            return redirect(f"{reverse('registry:province_rules')}?to_chuc={rule.organizer_id}")
    return _rules_page(request, rule.organizer, ProvinceRuleForm(), ending=rule, end_form=form)
