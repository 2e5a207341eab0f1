"""The forms of the board's and the units' publication pages: a unit's proposal of an exemplary model, and
the board's reason for returning one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.organisations.models import Unit
from thidua.registry.models import Movement, Person


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way); each is checked by the action."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ModelForm(forms.Form):
    proposed_by = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Proposing unit"))
    movement = forms.ModelChoiceField(
        queryset=Movement.objects.none(), label=_("Thematic emulation movement")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Person (for an individual)")
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Collective (for a collective)")
    )
    position = forms.CharField(label=_("Job title"), max_length=255, required=False)
    title = forms.CharField(label=_("Headline"), max_length=255)
    story = forms.CharField(label=_("Story"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)
    evidence = MultipleFileField(
        label=_("Evidence (PDF, JPEG, PNG)"),
        required=False,
        help_text=_("Reports, letters of thanks, photos: for the board's review, never published."),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        movements: QuerySet[Movement],
        persons: QuerySet[Person],
        collectives: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = units  # type: ignore[attr-defined]
        self.fields["movement"].queryset = movements  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["unit"].queryset = collectives  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
