"""The forms of the step-by-step year entry. They read what was typed (dates as dd/mm/yyyy, decimals
with a comma); whether it makes sense (a head on the roster, a share between 0 and 1…) is the services'
question (thidua.emulation.actions.setup), so the rule lives in one place for every door."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.emulation.models import ClusterYear, Method, Rating, TieBreak
from thidua.emulation.views.presenters import LeaderWords
from thidua.organisations.models import AwardTier, Unit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_RECORDED = gettext_lazy("not recorded")
DATE_HELP = gettext_lazy("As day/month/year, for example 20/01/2022.")


def _label(unit: Unit) -> str:
    return unit.display_name


def _units_field(field: forms.ModelChoiceField, units: Any, shown: list[Unit], blank: str | None) -> None:
    """Accept any unit in `units` (the service says why a wrong one is refused) but offer only `shown`."""
    field.queryset = units
    field.label_from_instance = _label  # type: ignore[assignment]
    choices = [(unit.pk, _label(unit)) for unit in shown]
    field.widget.choices = [("", blank), *choices] if blank is not None else choices


def _unit_checkboxes(label: StrOrPromise) -> forms.ModelMultipleChoiceField:
    """Units to tick; the form's __init__ sets which (see _units_field)."""
    return forms.ModelMultipleChoiceField(
        label=label, queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )


class NewYearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Emulation year"))


class RosterForm(forms.Form):
    members = _unit_checkboxes(gettext_lazy("Member units"))

    def __init__(self, *args: Any, cluster_year: ClusterYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organizer=cluster_year.cluster.organizer, parent__isnull=True)
        _units_field(self.fields["members"], units, list(units), None)  # type: ignore[arg-type]
        self.current = cluster_year.member_units()

    def members_in_order(self) -> list[Unit]:
        """Members who stay keep their place on the roster; units added come after them."""
        picked = {unit.pk: unit for unit in self.cleaned_data["members"]}
        kept = [unit for unit in self.current if unit.pk in picked]
        return kept + [unit for pk, unit in picked.items() if pk not in {u.pk for u in kept}]


class LeadershipForm(forms.Form):
    head = forms.ModelChoiceField(
        label=gettext_lazy("Cluster head"), queryset=Unit.objects.none(), required=False
    )
    deputies = _unit_checkboxes(gettext_lazy("Cluster deputies (none, one or two units)"))
    deputies_unknown = forms.BooleanField(
        label=gettext_lazy("Cluster deputies not recorded (not the same as “no cluster deputy”)"),
        required=False,
    )
    host = forms.ModelChoiceField(
        label=gettext_lazy("Host unit"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, cluster_year: ClusterYear, words: LeaderWords, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head"].label = words.head
        self.fields["deputies"].label = _("{deputy} (none, one or two units)").format(deputy=words.deputy)
        units = Unit.objects.filter(organizer=cluster_year.cluster.organizer, parent__isnull=True)
        members = cluster_year.member_units()
        _units_field(self.fields["head"], units, members, str(NOT_RECORDED))  # type: ignore[arg-type]
        _units_field(self.fields["deputies"], units, members, None)  # type: ignore[arg-type]
        _units_field(self.fields["host"], units, list(units), str(NOT_RECORDED))  # type: ignore[arg-type]

    def deputies_given(self) -> list[Unit] | None:
        if self.cleaned_data["deputies_unknown"]:
            return None
        return list(self.cleaned_data["deputies"])


TIE_BREAK_CHOICES = [("", "—"), *TieBreak.choices]


class RulesForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("Review method"), choices=Method.choices)
    min_approval = forms.DecimalField(
        label=gettext_lazy("Minimum share of votes (from 0 to 1, for example 0.5)"),
        localize=True,
        max_digits=6,
        decimal_places=3,
    )
    tie_break_1 = forms.ChoiceField(
        label=gettext_lazy("On equal votes, consider first"), choices=TIE_BREAK_CHOICES, required=False
    )
    tie_break_2 = forms.ChoiceField(
        label=gettext_lazy("then consider"), choices=TIE_BREAK_CHOICES, required=False
    )
    exclusive = forms.BooleanField(
        label=gettext_lazy(
            "One form per unit (a unit proposed for a higher form is not proposed for a lower one)"
        ),
        required=False,
    )

    def __init__(self, *args: Any, tiers: list[AwardTier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tiers = tiers
        for tier in tiers:
            self.fields[f"quota_{tier.code}"] = forms.IntegerField(
                label=_("Maximum number of units – {tier}").format(tier=tier.name),
                required=False,
                help_text=_("Leave blank: no limit."),
            )

    def quotas(self) -> dict[str, int]:
        values = {tier.code: self.cleaned_data[f"quota_{tier.code}"] for tier in self.tiers}
        return {code: value for code, value in values.items() if value is not None}

    def tie_break(self) -> list[str]:
        return [v for v in (self.cleaned_data["tie_break_1"], self.cleaned_data["tie_break_2"]) if v]


RATING_CHOICES = [("", "—"), *Rating.choices]


class RatingsForm(forms.Form):
    """One rating per member. The member's score is shown beside it, read-only: it comes from the score
    table's lock, never from this form."""

    def __init__(self, *args: Any, cluster_year: ClusterYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = cluster_year.memberships.select_related("unit").order_by("position", "id")
        self.members = [(m.unit, m.score) for m in rows]
        for unit, _score in self.members:
            self.fields[f"rating_{unit.pk}"] = forms.ChoiceField(
                label=_("Rating – {unit}").format(unit=unit.display_name),
                choices=RATING_CHOICES,
                required=False,
            )

    def rows(self) -> list[tuple[Unit, Decimal | None, forms.BoundField]]:
        return [(unit, score, self[f"rating_{unit.pk}"]) for unit, score in self.members]

    def given(self) -> dict[Unit, str]:
        return {unit: self.cleaned_data[f"rating_{unit.pk}"] for unit, _ in self.members}


class DayField(forms.CharField):
    """A date typed as dd/mm/yyyy; the refusal repeats what was typed, so the user sees which date."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        try:
            return datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            raise forms.ValidationError(
                _(
                    "The date “{text}” is not valid: a real date is needed, as day/month/year (for example "
                    "20/01/2022)."
                ).format(text=text),
                code="invalid",
            ) from None


class LineField(forms.CharField):
    """One line of text that may be long ("Vũ Thanh Thụy, Phó Trưởng Ban Thi đua – Khen thưởng tỉnh"): a
    two-row box wraps it so a phone shows all of it, and line breaks typed into it become spaces."""

    widget = forms.Textarea(attrs={"rows": 2})

    def to_python(self, value: Any) -> str:  # type: ignore[override]
        return " ".join((super().to_python(value) or "").split())


class ReviewFactsForm(forms.Form):
    date = DayField(label=gettext_lazy("Review meeting date"), required=False, help_text=DATE_HELP)
    place = LineField(label=gettext_lazy("Venue"), max_length=255, required=False)
    chair = LineField(label=gettext_lazy("Chair (full name, position)"), max_length=255, required=False)
    secretary = LineField(
        label=gettext_lazy("Secretary (full name, position)"), max_length=255, required=False
    )
    board_representative = LineField(
        label=gettext_lazy("Representative of the Emulation and Commendation Board"),
        max_length=255,
        required=False,
    )
    present = _unit_checkboxes(gettext_lazy("Units present (leave blank: not recorded)"))

    def __init__(self, *args: Any, cluster_year: ClusterYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(organizer=cluster_year.cluster.organizer, parent__isnull=True)
        _units_field(self.fields["present"], units, cluster_year.member_units(), None)  # type: ignore[arg-type]

    def present_given(self) -> list[Unit] | None:
        return list(self.cleaned_data["present"]) or None


class MidYearForm(forms.Form):
    date = DayField(label=gettext_lazy("Mid-year review date"), help_text=DATE_HELP)
    place = LineField(label=gettext_lazy("Venue"), max_length=255, required=False)
    chair = LineField(label=gettext_lazy("Chair (full name, position)"), max_length=255, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Results of the first six months"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    tasks = forms.CharField(
        label=gettext_lazy("Key tasks for the rest of the year"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _cell(label: str, min_value: int | None) -> forms.IntegerField:
    """A number in a grid: its label is read out by screen readers, not printed in every cell."""
    widget = forms.NumberInput(attrs={"aria-label": label})
    return forms.IntegerField(label=label, required=False, min_value=min_value, widget=widget)


class OutcomeForm(forms.Form):
    """The agreed lists: for each tier, the place of each listed member (1 = first on the list)."""

    agreed = forms.BooleanField(
        label=gettext_lazy(
            "Lists agreed by the meeting (acclamation, or a ballot whose counts were not published)"
        ),
        required=False,
    )

    def __init__(self, *args: Any, cluster_year: ClusterYear, tiers: list[AwardTier], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tiers, self.units = tiers, cluster_year.member_units()
        for tier in tiers:
            self.fields[f"unnamed_{tier.code}"] = _cell(
                _("Number of proposed units not named – {tier}").format(tier=tier.name), None
            )
            for unit in self.units:
                self.fields[f"place_{tier.code}_{unit.pk}"] = _cell(
                    _("Position – {tier} – {unit}").format(tier=tier.name, unit=unit.display_name), 1
                )

    def grid(self) -> list[tuple[Unit, list[forms.BoundField]]]:
        return [(u, [self[f"place_{t.code}_{u.pk}"] for t in self.tiers]) for u in self.units]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for tier in self.tiers:
            places = [data.get(f"place_{tier.code}_{u.pk}") for u in self.units]
            taken = [p for p in places if p is not None]
            if len(taken) != len(set(taken)):
                raise forms.ValidationError(
                    _("“{tier}”: two units have the same position on the list.").format(tier=tier.name)
                )
        return data

    def outcome(self) -> dict[str, list[Unit]] | None:
        if not self.cleaned_data["agreed"]:
            return None
        lists = {}
        for tier in self.tiers:
            placed = [(self.cleaned_data[f"place_{tier.code}_{u.pk}"], u) for u in self.units]
            lists[tier.code] = [
                u for place, u in sorted((p for p in placed if p[0] is not None), key=lambda p: p[0])
            ]
        return lists

    def unnamed(self) -> dict[str, int]:
        values = {t.code: self.cleaned_data[f"unnamed_{t.code}"] for t in self.tiers}
        return {code: value for code, value in values.items() if value is not None}
