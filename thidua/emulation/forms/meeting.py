"""The chair's, tellers' and council's forms; the delegate's ballot is read in views.ballot_choices."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.emulation.leadership import MAX_DEPUTIES
from thidua.emulation.models import Meeting, Method
from thidua.organisations.models import Unit

DECIDED_BY = [
    ("vote", gettext_lazy("By vote")),
    ("acclamation", gettext_lazy("Acclamation, agreed at the meeting")),
    ("decision", gettext_lazy("Decision of the organizer")),
]


class RulesForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("Review method"), choices=Method.choices)
    mode = forms.ChoiceField(label=gettext_lazy("Voting mode"), choices=Meeting.Mode.choices)
    quorum_share = forms.DecimalField(
        label=gettext_lazy("Minimum share of units attending (0–1)"),
        min_value=Decimal(0),
        max_value=Decimal(1),
        decimal_places=3,
    )
    quorum_strict = forms.BooleanField(
        label=gettext_lazy("Must exceed this share (more than half)"), required=False
    )
    self_vote_allowed = forms.BooleanField(label=gettext_lazy("May vote for their own unit"), required=False)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Units with delegates present"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in members])  # type: ignore[attr-defined]
        field.label_from_instance = lambda unit: unit.display_name  # type: ignore[attr-defined]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for reopening"),
        max_length=500,
        error_messages={"required": gettext_lazy("A reason for reopening is required.")},
    )


class NextLeadershipForm(forms.Form):
    head = forms.ModelChoiceField(
        label=gettext_lazy("Cluster head next year"), queryset=Unit.objects.none(), required=False
    )
    deputies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Cluster deputies next year"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decided_by = forms.ChoiceField(label=gettext_lazy("How it was decided"), choices=DECIDED_BY)
    decision = forms.CharField(label=gettext_lazy("Decision number (if any)"), max_length=200, required=False)

    def __init__(self, *args, members: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("head", "deputies"):
            field = self.fields[name]
            field.queryset = Unit.objects.filter(pk__in=[u.pk for u in members])  # type: ignore[attr-defined]
            field.label_from_instance = lambda unit: unit.display_name  # type: ignore[attr-defined]

    def clean(self) -> dict:
        # The same rules set_leadership applies to this year: next year's page is filled from these.
        data = super().clean() or {}
        head, deputies = data.get("head"), list(data.get("deputies") or [])
        if head is not None and head in deputies:
            raise forms.ValidationError(
                _("{name} cannot be both cluster head and deputy.").format(name=head.display_name)
            )
        if len(deputies) > MAX_DEPUTIES:
            raise forms.ValidationError(
                _("At most two deputies; {count} chosen.").format(count=len(deputies))
            )
        return data

    def decided_by_text(self) -> str:
        """As FORMAT.md writes it: the keyword, then the decision's number if given."""
        words = self.cleaned_data["decided_by"]
        decision = self.cleaned_data.get("decision", "").strip()
        return f"{words} {decision}" if decision else words
