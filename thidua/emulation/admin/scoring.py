"""The scoring records in the admin, read-only: scores change through the scoring pages, which check who
may score, keep the appraisal reasons and lock the year (the admin would bypass all three)."""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin
from thidua.emulation.models import Criterion, Evidence, ItemScore, ScoreSheet, UnitScore


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = readonly_fields = ("group", "name", "kind", "max_points")
    can_delete = False


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "scale", "locked_at", "locked_by")
    list_select_related = ("cluster_year__cluster", "locked_by")
    inlines = (CriterionInline,)


class ItemScoreInline(admin.TabularInline):
    model = ItemScore
    extra = 0
    fields = readonly_fields = ("criterion", "self_points", "appraised_points")
    can_delete = False


@admin.register(UnitScore)
class UnitScoreAdmin(ReadOnlyAdmin):
    list_display = ("sheet", "unit", "submitted_at", "appraised_at", "absence")
    list_select_related = ("sheet__cluster_year__cluster", "unit")
    inlines = (ItemScoreInline,)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    # The file is listed by its label only: it is served by the scoring page, which checks permission.
    list_display = ("original_name", "item", "uploaded_by", "uploaded_at")
    fields = readonly_fields = ("original_name", "item", "uploaded_by", "uploaded_at")
    list_select_related = ("item__criterion", "uploaded_by")
