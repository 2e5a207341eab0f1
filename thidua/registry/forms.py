"""The board's and the units' forms. Every message a user can trigger is Vietnamese and names the field;
the services (services.py, entry.py) make the change, so a form only reads and checks what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalogue import ANY_AWARD, ANY_AWARD_NAME, AWARDS, PARAMETERS, PERSON, UNIT
from thidua.emulation.models import Rating
from thidua.organisations.models import Organizer, Unit
from thidua.registry.actions.entry import SUB_UNIT_TITLES, person_title_errors
from thidua.registry.models import (
    AwardProposal,
    Hold,
    Initiative,
    InitiativeLevel,
    Movement,
    Person,
    Sex,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMAT = "%d/%m/%Y"
FIRST_YEAR, LAST_YEAR = 1945, 2100
# The titles a unit grants its own people, and a superior grants a unit, that the engine reads each year.
PERSON_TITLES = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen")
UNIT_TITLES = ("tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac", "giay-khen")


def _lowered(label: StrOrPromise) -> str:
    return str(label).lower()


# The label in lower case inside a sentence, translated when the message is shown.
_lower = lazy(_lowered, str)


def day_field(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
    """A date typed as dd/mm/yyyy, with messages that name the field."""
    return forms.DateField(
        label=format_lazy(_("{label} (day/month/year)"), label=label),
        required=required,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": format_lazy(_("Enter {label}."), label=_lower(label)),
            "invalid": format_lazy(
                _("{label} must be written as day/month/year, for example 15/02/2022."), label=label
            ),
        },
    )


def text_field(
    label: StrOrPromise, *, max_length: int = 255, required: bool = True, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": format_lazy(_("Enter {label}."), label=_lower(label)),
            "max_length": format_lazy(
                _("{label} is longer than {max_length} characters."), label=label, max_length=max_length
            ),
            "null_characters_not_allowed": format_lazy(
                _("{label} contains a control character (such as NUL, U+0000)."), label=label
            ),
        },
        **kwargs,
    )


def year_field(label: StrOrPromise | None = None) -> forms.IntegerField:
    label = _("Year") if label is None else label
    between = format_lazy(
        _("{label} must be from {first} to {last}."), label=label, first=FIRST_YEAR, last=LAST_YEAR
    )
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": format_lazy(_("Enter {label}."), label=_lower(label)),
            "invalid": format_lazy(_("{label} must be a number, for example 2021."), label=label),
            "min_value": between,
            "max_value": between,
        },
    )


def count_field(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        error_messages={
            "invalid": format_lazy(_("{label} must be a whole number."), label=label),
            "min_value": format_lazy(_("{label} cannot be negative."), label=label),
        },
    )


def award_choices(kind: str | None = None, codes: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    found = [a for a in AWARDS.values() if (kind is None or kind in a.subjects)]
    if codes is not None:
        found = [a for a in found if a.code in codes]
    return [(a.code, a.name) for a in found]


def award_label(code: str) -> str:
    """An award's name for a page: the catalogue's, every award at once, or the code as entered."""
    if code == ANY_AWARD:
        return ANY_AWARD_NAME
    return AWARDS[code].name if code in AWARDS else code


def _choice_error(label: StrOrPromise) -> dict[str, StrOrPromise]:
    not_listed = format_lazy(_("{label}: the choice is not in the list."), label=label)
    return {
        "required": format_lazy(_("Choose {label}."), label=_lower(label)),
        "invalid_choice": not_listed,
        "invalid_pk_value": not_listed,
    }


def rating_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Rating"),
        choices=[("", _("Not rated")), *Rating.choices],
        required=False,
        error_messages=_choice_error(_("Rating")),
    )


def titles_field(label: StrOrPromise, choices: list[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=_choice_error(_("Title")),
    )


# ---- a proposal's way ------------------------------------------------------------------------------


class FromReviewForm(forms.Form):
    due = day_field(_("Dossier due date"), required=False)


class DossierForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Documents received"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("No document is marked as received."),
            "invalid_choice": _("Document «%(value)s» is not part of this dossier."),
        },
    )

    def __init__(self, *args: Any, proposal: AwardProposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only what is still missing can be ticked: a received document stays received.
        self.fields["codes"].choices = [  # type: ignore[attr-defined]
            (item.code, item.name) for item in proposal.dossier.all() if not item.provided
        ]


class ScanForm(forms.Form):
    """A signed scan for one document of the dossier; `item` is left out when replacing a scan."""

    item = forms.ChoiceField(
        label=_("Document of the dossier"),
        error_messages={
            "required": _("Choose the document of the dossier the scan belongs to."),
            "invalid_choice": _("Document «%(value)s» is not part of this dossier."),
        },
    )
    file = forms.FileField(
        label=_("Signed scan (PDF, JPEG or PNG)"),
        error_messages={"required": _("No file chosen."), "empty": _("The chosen file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, proposal: AwardProposal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if proposal is None:
            del self.fields["item"]
        else:
            self.fields["item"].choices = [  # type: ignore[attr-defined]
                ("", _("– choose –")),
                *((item.code, item.name) for item in proposal.dossier.all()),
            ]


class ReturnForm(forms.Form):
    reasons = text_field(
        _("Reasons for returning"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One reason per line."),
    )

    def reason_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]


class BulkActForm(forms.Form):
    """The board's act on the proposals ticked in the year's list (services.act_on_many)."""

    act = forms.ChoiceField(
        label=_("With the ticked proposals"),
        choices=[
            ("", _("— choose —")),
            ("accept", _("Accept")),
            ("council", _("Send to the council")),
            ("return", _("Return with reasons")),
        ],
        error_messages={"required": _("Choose what to do with the chosen proposals.")},
    )
    proposals = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": _("Tick at least one proposal in the list."),
            "invalid_choice": _("A ticked proposal is not in this list any more: reload the page."),
        },
    )
    reasons = text_field(
        _("Reasons for returning"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when returning; one reason per line."),
    )

    def __init__(self, *args: Any, choices: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [(pk, pk) for pk in choices]  # type: ignore[attr-defined]

    def reason_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]


class RefuseForm(forms.Form):
    reason = text_field(
        _("Reason for not awarding"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(forms.Form):
    reason = text_field(
        _("Reason for overriding the eligibility check"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The grounds on which the board lets the proposal go on anyway; shown on the dossier, the "
            "ballots and the council's minutes."
        ),
    )


class ProposeForm(forms.Form):
    """A unit's own proposal: for the unit itself, another unit the user may propose for, or a person."""

    award = forms.ChoiceField(
        label=_("Commendation form"), error_messages=_choice_error(_("Commendation form"))
    )
    year = year_field(_("Year of achievement"))
    proposed_by = forms.ModelChoiceField(
        label=_("Proposing unit"),
        queryset=Unit.objects.none(),
        error_messages=_choice_error(_("Proposing unit")),
    )
    unit = forms.ModelChoiceField(
        label=_("Collective proposed"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages=_choice_error(_("Collective proposed")),
    )
    person = forms.ModelChoiceField(
        label=_("Person proposed"),
        queryset=Person.objects.none(),
        required=False,
        error_messages=_choice_error(_("Person proposed")),
    )
    due = day_field(_("Dossier due date"), required=False)
    movement = forms.ModelChoiceField(
        label=_("Under the thematic or ad hoc movement"),
        queryset=Movement.objects.none(),
        required=False,
        empty_label=_("None: the unit's yearly proposal"),
        error_messages=_choice_error(_("Movement")),
    )

    def __init__(
        self,
        *args: Any,
        proposers: QuerySet[Unit],
        units: QuerySet[Unit],
        persons: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = Movement.objects.filter(  # type: ignore[attr-defined]
            organizer__in=proposers.values("organizer_id")
        ).order_by("-start", "name")
        self.fields["award"].choices = award_choices()  # type: ignore[attr-defined]
        self.fields["proposed_by"].queryset = proposers.order_by("name")  # type: ignore[attr-defined]
        if proposers.count() == 1:
            # A unit officer proposes for one unit: chosen already, not an empty line to stumble on.
            self.fields["proposed_by"].empty_label = None  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, person = data.get("unit"), data.get("person")
        if (unit is None) == (person is None) and not self.errors:
            raise forms.ValidationError(gettext("Choose exactly one subject: one collective or one person."))
        award = AWARDS.get(data.get("award", ""))
        if award is not None and (unit or person):
            kind = PERSON if person is not None else UNIT
            if kind not in award.subjects:
                refusal = (
                    gettext("«{award}» is not granted to a person.")
                    if kind == PERSON
                    else gettext("«{award}» is not granted to a collective.")
                )
                raise forms.ValidationError(refusal.format(award=award.name))
        return data


# ---- decisions -------------------------------------------------------------------------------------


def _waiting_label(proposal: AwardProposal) -> str:
    """A proposal on the decision form: its state and where it stands against the law."""
    standing = str(proposal.standing_label).lower()
    if proposal.override_applies:
        standing = gettext("{standing}, with the board's override reason").format(standing=standing)
    return f"{proposal.subject_name} ({str(proposal.get_state_display()).lower()}; {standing})"


class DecisionForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to award"),
        queryset=AwardProposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one proposal to decide."),
            "invalid_choice": _("A chosen proposal is no longer waiting for a decision."),
            "invalid_pk_value": _("A chosen proposal is no longer waiting for a decision."),
        },
    )
    number = text_field(_("Decision number"), max_length=100)
    date = day_field(_("Decision date"))
    signer = text_field(_("Signer"))

    def __init__(self, *args: Any, waiting: QuerySet[AwardProposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        field.queryset = waiting  # type: ignore[attr-defined]
        field.label_from_instance = _waiting_label  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    number = text_field(_("Revocation decision number"), max_length=100)
    date = day_field(_("Revocation decision date"))
    reason = text_field(_("Reason for revocation"), max_length=2000)


class MovementForm(forms.Form):
    name = text_field(_("Name of the movement"), max_length=500)
    start = day_field(_("Launched on"))
    end = day_field(_("Ends on"), required=False)
    awards = forms.MultipleChoiceField(
        label=_("Awards it may lead to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any award of the catalogue."),
        error_messages=_choice_error(_("Awards it may lead to")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["awards"].choices = award_choices()  # type: ignore[attr-defined]


class QuotaForm(forms.Form):
    award = forms.ChoiceField(
        label=_("Commendation form"), error_messages=_choice_error(_("Commendation form"))
    )
    year = year_field()
    limit = forms.IntegerField(
        label=_("Maximum number"),
        min_value=0,
        error_messages={
            "required": _("Enter the maximum number."),
            "invalid": _("The maximum number must be a whole number."),
            "min_value": _("The maximum number cannot be negative."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_choices()  # type: ignore[attr-defined]


class TrackQuotaForm(QuotaForm):
    """A quota within one track: the clusters' reviews, the units' yearly proposals, or one movement
    ("phong-trao:<id>", the organizer's movements listed by name)."""

    track = forms.ChoiceField(label=_("Track"), error_messages=_choice_error(_("Track")))
    field_order = ["award", "year", "track", "limit"]

    def __init__(self, *args: Any, movements: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [
            ("cum", str(_("The cluster or block's yearly review"))),
            ("don-vi", str(_("A unit's yearly proposals for its collectives and people"))),
        ]
        choices += [(f"phong-trao:{m.pk}", str(_("Movement: {name}").format(name=m.name))) for m in movements]
        self.fields["track"].choices = choices  # type: ignore[attr-defined]
        self.order_fields(self.field_order)


class ProvinceRuleForm(forms.Form):
    """A province's own rule: which figure of which award, its value, its document and when in force.
    Whether the figure fits the award, the value's range and overlaps are the service's checks."""

    award = forms.ChoiceField(
        label=_("Commendation form"), error_messages=_choice_error(_("Commendation form"))
    )
    parameter = forms.ChoiceField(label=_("Criterion"), error_messages=_choice_error(_("Criterion")))
    value = forms.IntegerField(
        label=_("Value"),
        error_messages={"required": _("Enter the value."), "invalid": _("The value must be a whole number.")},
    )
    document = text_field(
        _("Document number and symbol"), help_text=_("For example: Decision 86/2025/QD-UBND")
    )
    document_date = day_field(_("Date of issue"))
    article = text_field(_("Article, clause"), help_text=_("For example: Article 4, clause 2"))
    start = day_field(_("Effective date"))
    end = day_field(_("Last day in force"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = tuple(dict.fromkeys(code for p in PARAMETERS.values() for code in p.rules))
        every = [(ANY_AWARD, ANY_AWARD_NAME)]
        self.fields["award"].choices = award_choices(codes=codes) + every  # type: ignore[attr-defined]
        self.fields["parameter"].choices = [(p.code, p.name) for p in PARAMETERS.values()]  # type: ignore[attr-defined]


class EndProvinceRuleForm(forms.Form):
    end = day_field(_("Last day in force"))


# ---- people and yearly facts -------------------------------------------------------------------------

DIRECT_CHOICES = [("", _("Unknown")), ("1", _("Yes")), ("0", _("No"))]


class PersonForm(forms.Form):
    """A person and, on creation, where they work; on editing, a new posting only if a unit is chosen."""

    name = text_field(_("Full name"))
    code = text_field(
        _("Person code"), max_length=64, required=False, help_text=_("Leave blank: made from the full name.")
    )
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=[("", _("Unknown")), *Sex.choices],
        required=False,
        error_messages=_choice_error(_("Sex")),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=1900,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": _("The year of birth must be a number, for example 1980."),
            "min_value": _("The year of birth must be 1900 or later."),
            "max_value": format_lazy(_("The year of birth must be before {last}."), last=LAST_YEAR),
        },
    )
    direct_labourer = forms.TypedChoiceField(
        label=_("Direct labourer"),
        choices=DIRECT_CHOICES,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
        error_messages=_choice_error(_("Direct labourer")),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit of work"), queryset=Unit.objects.none(), error_messages=_choice_error(_("Unit of work"))
    )
    position = text_field(_("Position"), required=False)
    start = day_field(_("Date of starting work at the unit"))

    def __init__(
        self, *args: Any, units: QuerySet[Unit], person: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        if person is not None:
            self.fields["unit"].required = False
            self.fields["unit"].label = gettext("Move to unit (leave blank if unchanged)")
            self.fields["start"].required = False
            self.fields["start"].label = gettext("Date of the move (day/month/year)")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.person is not None and data.get("unit") is not None and data.get("start") is None:
            self.add_error("start", gettext("Enter the date of the move to the new unit."))
        organizer_id = (
            data["unit"].organizer_id if data.get("unit") else getattr(self.person, "organizer_id", None)
        )
        code = data.get("code", "").strip()
        if code and organizer_id is not None:
            taken = Person.objects.filter(organizer_id=organizer_id, code=code)
            if self.person is not None:
                taken = taken.exclude(pk=self.person.pk)
            if taken.exists():
                self.add_error(
                    "code", gettext("Code «{code}» is already used for another person.").format(code=code)
                )
        if (
            self.person is not None
            and data.get("unit")
            and data["unit"].organizer_id != self.person.organizer_id
        ):
            self.add_error("unit", gettext("The new unit must belong to the same organizer as the person."))
        return data


class PersonYearForm(forms.Form):
    year = year_field()
    rating = rating_field()
    titles = titles_field(_("Titles and awards granted by the unit"), award_choices(PERSON, PERSON_TITLES))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for error in person_title_errors(data.get("rating", ""), data.get("titles", [])):
            self.add_error("titles", error)
        return data


class PeopleTitlesForm(forms.Form):
    """One year's ratings and titles for every person of a unit: a row per person, checked row by row."""

    def __init__(self, *args: Any, people: list[Person], current: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            row = current.get(person.pk)
            rating, titles = rating_field(), titles_field(_("Title"), award_choices(PERSON, PERSON_TITLES))
            rating.label = titles.label = person.name
            rating.initial = row.rating if row else ""
            titles.initial = list(row.titles) if row else []
            self.fields[f"rating_{person.pk}"] = rating
            self.fields[f"titles_{person.pk}"] = titles

    def rows(self) -> list[tuple[Person, Any, Any]]:
        return [(p, self[f"rating_{p.pk}"], self[f"titles_{p.pk}"]) for p in self.people]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for person in self.people:
            rating, titles = data.get(f"rating_{person.pk}", ""), data.get(f"titles_{person.pk}", [])
            for error in person_title_errors(rating, titles):
                self.add_error(f"titles_{person.pk}", error)
        return data

    def entries(self) -> list[tuple[Person, str, list[str]]]:
        data = self.cleaned_data
        return [(p, data[f"rating_{p.pk}"], data[f"titles_{p.pk}"]) for p in self.people]


class InitiativeForm(forms.ModelForm):
    year = year_field(_("Year of recognition"))

    class Meta:
        model = Initiative
        fields = ["code", "title", "level", "year"]
        error_messages = {"code": {"required": _("Enter the initiative code.")}}

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["level"].choices = [("", _("Unknown")), *InitiativeLevel.choices]  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Initiative.objects.filter(person=self.person, code=code).exists():
            raise forms.ValidationError(
                gettext("The person already has an initiative with code «{code}».").format(code=code)
            )
        return code


class HoldForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of case"), choices=Hold.Kind.choices, error_messages=_choice_error(_("Kind of case"))
    )
    level = text_field(_("Disciplinary level"), max_length=30, required=False)
    start = day_field(_("Start date"))
    end = day_field(_("End date"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("end", gettext("The end date cannot be before the start date."))
        return data


class UnitYearForm(forms.Form):
    year = year_field()
    rating = rating_field()
    titles = titles_field(_("Titles and awards outside the registry"), award_choices(UNIT, UNIT_TITLES))
    staff = count_field(_("Number of members"))
    staff_completed = count_field(_("Number who completed their tasks"))
    staff_ldtt = count_field(_("Number of people with Advanced Worker"))
    staff_cstdcs = count_field(_("Number of people with Grassroots Emulation Fighter"))
    staff_disciplined = count_field(_("Number disciplined with a warning or worse"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        staff = data.get("staff")
        if staff is not None:
            for name in ("staff_completed", "staff_ldtt", "staff_cstdcs", "staff_disciplined"):
                value = data.get(name)
                if value is not None and value > staff:
                    self.add_error(
                        name,
                        gettext("{label} cannot be more than the number of members ({staff}).").format(
                            label=self.fields[name].label, staff=staff
                        ),
                    )
        return data

    def staff_titles(self) -> dict[str, int] | None:
        counts = {
            "lao-dong-tien-tien": self.cleaned_data.get("staff_ldtt"),
            "chien-si-thi-dua-co-so": self.cleaned_data.get("staff_cstdcs"),
        }
        found = {code: n for code, n in counts.items() if n is not None}
        return found or None


# ---- a unit's sub-units ----------------------------------------------------------------------------------


class SubUnitForm(forms.Form):
    name = text_field(_("Name of the sub-unit"), help_text=_("For example: Personnel Office"))
    code = text_field(_("Code of the sub-unit"), max_length=64, help_text=_("For example: STC-TCCB"))


class SubUnitTitleForm(forms.Form):
    """A title the unit head grants a sub-unit for a year, by the unit's own decision."""

    sub_unit = forms.ModelChoiceField(
        label=_("Sub-unit"),
        queryset=Unit.objects.none(),
        error_messages=_choice_error(_("Sub-unit")),
    )
    award = forms.ChoiceField(
        label=_("Title or award"),
        choices=award_choices(UNIT, SUB_UNIT_TITLES),
        error_messages=_choice_error(_("Title or award")),
    )
    year = year_field(_("Year of achievement"))
    number = text_field(_("Decision number"), max_length=100)
    date = day_field(_("Decision date"))
    signer = text_field(_("Signer"))

    def __init__(self, *args: Any, sub_units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_unit"].queryset = sub_units.order_by("name")  # type: ignore[attr-defined]


class CouncilForm(forms.Form):
    """A council sitting: the members typed one per line, "Họ và tên, chức vụ"."""

    organizer = forms.ModelChoiceField(label=_("Organizer"), queryset=Organizer.objects.none())
    year = forms.IntegerField(label=_("Emulation year"), min_value=2000, max_value=2100)
    date = forms.DateField(
        label=_("Meeting date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    present = forms.CharField(
        label=_("Members present (one per line: full name, position)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    absent = forms.CharField(
        label=_("Members absent, voting in writing (one per line: full name, position)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, organizers: QuerySet[Organizer], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers  # type: ignore[attr-defined]
        if len(organizers) == 1:
            # A province's board has one organizer: no empty choice to stumble on.
            self.fields["organizer"].empty_label = None  # type: ignore[attr-defined]
