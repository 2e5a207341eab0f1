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

    # What a model says, as proposing it and revising it after a return both take it.
    STORY_FIELDS = ("movement", "year", "person", "unit", "position", "title", "story", "evidence")

    def story_fields(self) -> dict[str, Any]:
        """The cleaned model, as actions.propose_model and actions.revise_model take it."""
        return {name: self.cleaned_data[name] for name in self.STORY_FIELDS}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


# ---- news items (publication.news) -------------------------------------------------------------------------

NEW_PHOTO_SLOTS = 3


class NewsForm(forms.Form):
    """The plain editor: text fields (no HTML), each photo's caption and "remove", and a few new photos
    with their captions. A bad photo refuses the whole save and keeps every typed word."""

    title = forms.CharField(label=_("Title of the item"), max_length=255)
    lead = forms.CharField(
        label=_("Lead"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 18}),
        max_length=50000,
        required=False,
        help_text=_(
            "Plain text: leave a blank line between paragraphs; a line starting with “## ” is a heading."
        ),
    )
    author = forms.CharField(label=_("Author"), max_length=255, required=False)

    def __init__(self, *args: Any, photos: list[Any], published: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.photos = photos
        if published:
            self.fields["correction"] = forms.CharField(
                label=_("Correction note (the item is public)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
                help_text=_("Shown on the item as “Correction” with the time; required for any change."),
            )
        for photo in photos:
            self.fields[f"caption_{photo.pk}"] = forms.CharField(
                label=_("Caption"), max_length=500, required=False, initial=photo.caption
            )
            self.fields[f"order_{photo.pk}"] = forms.IntegerField(
                label=_("Order"), min_value=1, max_value=99, initial=photo.position, required=False
            )
            self.fields[f"remove_{photo.pk}"] = forms.BooleanField(
                label=_("Remove this photo"), required=False
            )
        for n in range(1, NEW_PHOTO_SLOTS + 1):
            self.fields[f"photo_{n}"] = forms.FileField(
                label=_("New photo {n} (JPEG, PNG, WebP)").format(n=n),
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}),
            )
            self.fields[f"new_caption_{n}"] = forms.CharField(
                label=_("Caption of new photo {n}").format(n=n), max_length=500, required=False
            )

    def existing(self) -> list[tuple[Any, Any, Any, Any]]:
        """(photo, its caption field, its order field, its remove field) for the template."""
        return [
            (p, self[f"caption_{p.pk}"], self[f"order_{p.pk}"], self[f"remove_{p.pk}"]) for p in self.photos
        ]

    def new_slots(self) -> list[tuple[Any, Any]]:
        return [(self[f"photo_{n}"], self[f"new_caption_{n}"]) for n in range(1, NEW_PHOTO_SLOTS + 1)]


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
