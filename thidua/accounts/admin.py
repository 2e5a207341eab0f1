"""Admin for roles, also shown inline on each user, so scopes are granted where accounts are kept."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from thidua.accounts.models import Role

User = get_user_model()


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "organizer", "cluster_year", "unit"]
    list_filter = ["kind", "organizer"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    list_select_related = ["user", "organizer", "cluster_year__cluster", "unit"]
    autocomplete_fields = ["user", "organizer", "cluster_year", "unit"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organizer", "cluster_year", "unit"]


admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, RoleInline]
