"""Admin for a cluster's years, with the year's roster and deputies inline."""

from django.contrib import admin

from thidua.emulation.models import ClusterYear, Deputy, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["position", "unit", "score", "rating", "reported_place"]


class DeputyInline(admin.TabularInline):
    model = Deputy
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["position", "unit"]


@admin.register(ClusterYear)
class ClusterYearAdmin(admin.ModelAdmin):
    list_display = ["cluster", "year", "head", "host", "method"]
    list_filter = ["year", "method", "cluster__organizer"]
    search_fields = ["cluster__name", "cluster__code"]
    list_select_related = ["cluster", "head", "host"]
    autocomplete_fields = ["cluster", "head", "host"]
    inlines = [MembershipInline, DeputyInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["unit", "cluster_year", "score", "rating", "reported_place"]
    list_filter = ["rating", "cluster_year__year"]
    search_fields = ["unit__name", "unit__code", "cluster_year__cluster__name"]
    list_select_related = ["unit", "cluster_year__cluster"]
    autocomplete_fields = ["unit", "cluster_year"]
