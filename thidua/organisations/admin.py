"""Admin for organizers, units (with their dated lineage), the award catalogue and clusters."""

from typing import Any

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.admin import AuditedAdmin
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent


@admin.register(Organizer)
class OrganizerAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "province", "standing_body"]
    search_fields = ["name", "short_name", "province"]


class UnitEventInline(admin.TabularInline):
    model = UnitEvent
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["other"]


class SubUnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "short_name"]

    def clean_code(self) -> str:
        # The organizer is not on the form, so Django skips the (organizer, code) constraint: check it here.
        code: str = self.cleaned_data["code"].strip()
        taken = Unit.objects.filter(organizer_id=self.instance.organizer_id, code=code)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                gettext("Code «{code}» is already used for another unit.").format(code=code)
            )
        return code


class SubUnitFormSet(BaseInlineFormSet):
    """A sub-unit belongs to its parent's organizer; the parent is on the page, so it is not asked."""

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        form.instance.organizer_id = self.instance.organizer_id


class SubUnitInline(admin.TabularInline):
    model = Unit
    fk_name = "parent"
    form = SubUnitForm
    formset = SubUnitFormSet
    extra = 0
    verbose_name = _("sub-unit (department, office)")
    verbose_name_plural = _("sub-units (departments, offices)")

    def get_formset(self, request: Any, obj: Unit | None = None, **kwargs: Any) -> Any:
        # A sub-unit has no sub-units of its own (one level, organisations/models.py).
        if obj is not None and obj.parent_id is not None:
            kwargs["max_num"] = 0
        return super().get_formset(request, obj, **kwargs)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["code", "name", "short_name", "organizer", "parent", "female_share"]
    list_filter = ["organizer", ("parent", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["organizer", "parent"]
    autocomplete_fields = ["parent"]
    inlines = [SubUnitInline, UnitEventInline]


@admin.register(UnitEvent)
class UnitEventAdmin(AuditedAdmin):
    list_display = ["unit", "kind", "other", "date"]
    list_filter = ["kind"]
    search_fields = ["unit__name", "other__name"]
    autocomplete_fields = ["unit", "other"]
    list_select_related = ["unit", "other"]
    date_hierarchy = "date"


@admin.register(AwardTier)
class AwardTierAdmin(AuditedAdmin):
    list_display = ["name", "code", "organizer", "grantor", "subject", "catalog", "position"]
    list_filter = ["organizer", "subject"]
    search_fields = ["code", "name", "grantor"]
    list_select_related = ["organizer"]


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "organizer"]
    list_filter = ["kind", "organizer"]
    search_fields = ["code", "name"]
    list_select_related = ["organizer"]
    filter_horizontal = ["award_tiers"]
    autocomplete_fields = ["units"]
