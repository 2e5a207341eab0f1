"""Admin for roles, also shown inline on each user, so scopes are granted where accounts are kept; and the
admins of the packages around accounts (groups, sign-in lockouts, two-step devices, background tasks),
re-registered so that what is done there writes audit rows like every admin of ours."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from thidua.accounts.models import Job, MailOptOut, Notification, Role
from thidua.core.admin import AuditedAdmin

User = get_user_model()


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ["user", "kind", "organizer", "cluster_year", "unit"]
    list_filter = ["kind", "organizer"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    list_select_related = ["user", "organizer", "cluster_year__cluster", "unit"]
    autocomplete_fields = ["user", "organizer", "cluster_year", "unit"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organizer", "cluster_year", "unit"]


class MailOptOutInline(admin.TabularInline):
    model = MailOptOut
    extra = 0


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    """Notices are written by the actions; the admin reads them (to answer "did the mail go out?")."""

    list_display = ["created", "user", "kind", "text", "read_at", "mailed_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "text"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(AuditedAdmin):
    """Background work is started from the pages; the admin reads it (what ran, how it ended, the error)."""

    list_display = ["created", "owner", "title", "state", "finished"]
    list_filter = ["state", "kind"]
    search_fields = ["owner__username", "title"]
    list_select_related = ["owner"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(AuditedAdmin, UserAdmin):
    inlines = [*UserAdmin.inlines, RoleInline, MailOptOutInline]


# django-otp's own page for devices offers the secret and its QR code to the admin: ours lists who has
# two-step sign-in and lets an administrator remove a lost phone's device (the user then sets a new one).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(AuditedAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False


def _audited(model: type[models.Model]) -> None:
    """The package's own admin for `model`, as it is, with the audit rows of AuditedAdmin: deleting a
    lockout (unlocking an account), a group's permissions, a task result if a later version allows it."""
    package_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, type(f"Audited{package_admin.__name__}", (AuditedAdmin, package_admin), {}))


for _model in (Group, AccessAttempt, AccessLog, AccessFailureLog, DBTaskResult):
    _audited(_model)
