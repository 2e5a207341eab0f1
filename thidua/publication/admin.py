"""Read-only in the admin: what is public changes only through publication.actions (audited)."""

from django.contrib import admin

from thidua.publication.models import ExemplaryModel, PublishedResults


@admin.register(PublishedResults)
class PublishedResultsAdmin(admin.ModelAdmin):
    list_display = ("cluster_year", "published_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ExemplaryModel)
class ExemplaryModelAdmin(admin.ModelAdmin):
    list_display = ("name", "movement", "year", "state", "featured")
    list_filter = ("state", "featured")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
