"""The audit trail in the admin: read-only, since history is never rewritten."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thidua.core.audit import record
from thidua.core.models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):
    """A change made in the admin writes the same audit row as an action (verb "admin.add", "admin.change",
    "admin.delete"), inside the admin's own transaction, so the record's history and the version its forms
    carry (core.concurrency) see it. Every admin of ours derives from this; test_admin_audit checks."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        record(request.user, "admin.add", obj, message=message)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        record(request.user, "admin.change", obj, message=message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            record(request.user, "admin.delete", obj, name=str(obj)[:200])
        return super().log_deletions(request, queryset)


class ReadOnlyAdmin(AuditedAdmin):
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
