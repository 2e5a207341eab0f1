"""The audit trail in the admin: read-only, since history is never rewritten."""

from django.contrib import admin
from django.http import HttpRequest

from thidua.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records nobody edits by hand: the audit trail, ballots, the meeting's and the council's records."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown with their parent, never edited there (frozen outcomes, a year's roster)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "actor_label", "verb", "object_type", "object_id"]
    list_filter = ["verb", "object_type"]
    search_fields = ["verb", "object_type", "object_id", "actor__username", "actor_label"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    fields = readonly_fields = ("at", "actor", "actor_label", "verb", "object_type", "object_id", "data")
