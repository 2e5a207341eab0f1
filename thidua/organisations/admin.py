"""Admin for organizers, units (with their dated lineage), the award catalogue and clusters."""

from django.contrib import admin

from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent


@admin.register(Organizer)
class OrganizerAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "province", "standing_body"]
    search_fields = ["name", "short_name", "province"]


class UnitEventInline(admin.TabularInline):
    model = UnitEvent
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["other"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "organizer", "female_share"]
    list_filter = ["organizer"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["organizer"]
    inlines = [UnitEventInline]


@admin.register(UnitEvent)
class UnitEventAdmin(admin.ModelAdmin):
    list_display = ["unit", "kind", "other", "date"]
    list_filter = ["kind"]
    search_fields = ["unit__name", "other__name"]
    autocomplete_fields = ["unit", "other"]
    list_select_related = ["unit", "other"]
    date_hierarchy = "date"


@admin.register(AwardTier)
class AwardTierAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "organizer", "grantor", "subject", "catalog", "position"]
    list_filter = ["organizer", "subject"]
    search_fields = ["code", "name", "grantor"]
    list_select_related = ["organizer"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "organizer"]
    list_filter = ["kind", "organizer"]
    search_fields = ["code", "name"]
    list_select_related = ["organizer"]
    filter_horizontal = ["award_tiers"]
    autocomplete_fields = ["units"]
