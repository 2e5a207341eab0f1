"""The board's set-up forms: they read what was typed and say what is missing; the checks that decide are
the actions' (organisations.actions, accounts.actions), which the exchange file shares."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent
from thidua.registry.forms import _choice_error, day_field, text_field


def _unit_label(unit: Unit) -> str:
    return f"{unit.code} – {unit.name}"


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _unit_label(obj)


class UnitForm(forms.Form):
    code = text_field(_("Code"), max_length=64, help_text=_("Kept for life, for example STC."))
    name = text_field(_("Full unit name"))
    short_name = text_field(_("Short name"), required=False)
    female_share = forms.CharField(
        label=_("Female share"),
        required=False,
        help_text=_("From 0 to 1, for example 0,45; leave empty when not known."),
    )
    parent = UnitChoice(
        label=_("Parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Only for a department or office under a member unit."),
        error_messages=_choice_error(_("Parent unit")),
    )

    def __init__(self, *args: Any, organizer: Organizer, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Unit.objects.filter(organizer=organizer, parent__isnull=True)
        if unit is not None:
            parents = parents.exclude(pk=unit.pk)
            del self.fields["code"]  # a unit's code is its own for life
        self.fields["parent"].queryset = parents.order_by("code")  # type: ignore[attr-defined]

    def clean_female_share(self) -> Decimal | None:
        typed = self.cleaned_data["female_share"].strip().replace(",", ".")
        if not typed:
            return None
        try:
            return Decimal(typed)
        except InvalidOperation:
            raise ValidationError(_("The female share must be a number, for example 0,45.")) from None


class UnitEventForm(forms.Form):
    KINDS = [*UnitEvent.Kind.choices, ("dissolved", _("Dissolved"))]

    kind = forms.ChoiceField(
        label=_("What happened"), choices=KINDS, error_messages=_choice_error(_("What happened"))
    )
    other = UnitChoice(
        label=_("Related unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("The unit it was renamed to, merged into or split from; empty for a dissolution."),
        error_messages=_choice_error(_("Related unit")),
    )
    date = day_field(_("Date"))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Unit.objects.filter(organizer_id=unit.organizer_id).exclude(pk=unit.pk).order_by("code")
        self.fields["other"].queryset = others  # type: ignore[attr-defined]


class TierChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ClusterForm(forms.Form):
    code = text_field(_("Code"), max_length=64, help_text=_("Kept for life, for example TMTH."))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Cluster.Kind.choices, error_messages=_choice_error(_("Kind"))
    )
    name = text_field(_("Name"))
    award_tiers = TierChoices(
        label=_("Awards it may propose"),
        queryset=AwardTier.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_error(_("Awards it may propose")),
    )

    def __init__(
        self, *args: Any, organizer: Organizer, cluster: Cluster | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if cluster is not None:
            del self.fields["code"]
        tiers = AwardTier.objects.filter(organizer=organizer).order_by("position", "id")
        self.fields["award_tiers"].queryset = tiers  # type: ignore[attr-defined]


class YearChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.cluster.name} – {obj.year}"


class RoleForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Role"), choices=Role.Kind.choices, error_messages=_choice_error(_("Role"))
    )
    unit = UnitChoice(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("For an emulation officer of a unit."),
        error_messages=_choice_error(_("Unit")),
    )
    cluster_year = YearChoice(
        label=_("Emulation year"),
        queryset=ClusterYear.objects.none(),
        required=False,
        help_text=_("For the officer of the cluster head or deputy unit."),
        error_messages=_choice_error(_("Emulation year")),
    )

    def __init__(self, *args: Any, organizer: Organizer, years: QuerySet[ClusterYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organizer=organizer).order_by("code")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["cluster_year"].queryset = years  # type: ignore[attr-defined]


class AccountForm(RoleForm):
    username = text_field(
        _("Login name"), max_length=150, help_text=_("Letters, digits and . - _ without spaces.")
    )
    full_name = text_field(_("Full name"))
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    field_order = ["username", "full_name", "email", "kind", "unit", "cluster_year"]
