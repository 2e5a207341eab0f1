"""The admin site, open only to a session that passed the one-time code step (issue: required for the
admin). Its own sign-in form would skip that step, so it sends everyone to the site's two-step sign-in;
a staff user without a device is sent to set one up, told why."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.twofactor import device_of, is_verified


class VerifiedAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        user: Any = request.user
        if self.has_permission(request):
            return redirect(next_url)
        if user.is_authenticated and user.is_active and user.is_staff and not is_verified(user):
            if device_of(user) is None:
                messages.warning(
                    request,
                    _(
                        "The admin site opens only after two-step sign-in. Turn it on here with your "
                        "authenticator app, then open the admin site again."
                    ),
                )
                return redirect("twofactor:settings")
            return redirect_to_login(next_url, reverse("login_code"))
        return redirect_to_login(next_url, settings.LOGIN_URL)
