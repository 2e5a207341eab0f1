"""Admin for a cluster's years, with the year's roster and deputies inline, read-only: each fact of a year
has one writer (the year's entry pages and their services: roster, leadership, method, ratings; the score
table's lock for scores), which the admin would bypass."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin, ReadOnlyInline
from thidua.emulation.models import ClusterYear, Deputy, Membership


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = readonly_fields = ("position", "unit", "score", "rating", "reported_place")


class DeputyInline(ReadOnlyInline):
    model = Deputy
    fields = readonly_fields = ("position", "unit")


@admin.register(ClusterYear)
class ClusterYearAdmin(ReadOnlyAdmin):
    list_display = ["cluster", "year", "head", "host", "method"]
    list_filter = ["year", "method", "cluster__organizer"]
    search_fields = ["cluster__name", "cluster__code"]
    list_select_related = ["cluster", "head", "host"]
    inlines = [MembershipInline, DeputyInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["unit", "cluster_year", "score", "rating", "reported_place"]
    list_filter = ["rating", "cluster_year__year"]
    search_fields = ["unit__name", "unit__code", "cluster_year__cluster__name"]
    list_select_related = ["unit", "cluster_year__cluster"]
