"""Tokens in the admin: read-only (they are issued by `thidua api-token`), with one act: revoke."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thidua.api.models import ApiToken
from thidua.api.services import revoke_token
from thidua.core.admin import AuditedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["label", "user", "created", "last_used", "revoked"]
    list_filter = [("revoked", admin.EmptyFieldListFilter)]
    search_fields = ["label", "user__username"]
    list_select_related = ["user"]
    fields = ["user", "label", "created", "last_used", "revoked"]
    readonly_fields = ["user", "label", "created", "last_used", "revoked"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A revoked token stays on record with its dates; deleting would erase who could call the API when.
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke_token(token, by=request.user)
        count = queryset.count()
        messages.success(
            request,
            ngettext("{count} access token revoked.", "{count} access tokens revoked.", count).format(
                count=count
            ),
        )
