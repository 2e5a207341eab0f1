"""Sign-in in two steps and the page where a user turns the second step on or off (twofactor.py says why
each piece is as it is)."""

from __future__ import annotations

from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.accounts import actions, twofactor
from thidua.accounts.twofactor import device_of
from thidua.core.qr import qr_svg

SIX_DIGITS = gettext_lazy("Type the 6 digits your authenticator app shows.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("6-digit code"),
        max_length=20,
        error_messages={"required": SIX_DIGITS, "max_length": SIX_DIGITS},
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())  # "123 456", as some apps show it
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError(SIX_DIGITS, code="digits")
        return code


class LoginView(auth_views.LoginView):
    """Django's sign-in, stopping after the password for an account with a device."""

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if device_of(user) is None:
            twofactor.drop_held_login(self.request)  # another account's password given before, not its code
            return super().form_valid(form)
        twofactor.hold_login(self.request, user, self.get_success_url())
        return redirect("login_code")


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: after the password, or for a signed-in user whom the admin site asks for a code."""
    held = twofactor.held_login(request)
    if held is not None:
        user, backend, next_url = held
    elif request.user.is_authenticated and not twofactor.is_verified(request.user):
        user, backend, next_url = request.user, "", request.GET.get("next", "")
    else:  # nothing to confirm: sign in first, or go on signed in
        return redirect(settings.LOGIN_REDIRECT_URL if request.user.is_authenticated else settings.LOGIN_URL)
    device = device_of(user)
    if device is None:  # turned off in between: the password alone is enough, or was already given
        twofactor.drop_held_login(request)
        return redirect(settings.LOGIN_URL if held is not None else settings.LOGIN_REDIRECT_URL)
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)  # type: ignore[no-any-return]
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            if held is not None:
                twofactor.drop_held_login(request)
                user.otp_device = device  # django-otp keeps it in the session at login
                auth_login(request, user, backend=backend)
            else:
                django_otp.login(request, device)
            return redirect(_safe_next(request, next_url))
        form.add_error("code", actions.WRONG_CODE)
        # Counted like a wrong password: the axes middleware answers the lock page past the limit.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    status = 400 if form.errors else 200
    return render(request, "registration/login_code.html", {"form": form, "pending": held}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    me: Any = request.user
    if not twofactor.may_turn_on(me):
        raise Http404
    device = device_of(me)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if device is None:
                device = actions.turn_on_two_factor(
                    me, twofactor.setup_key(request), form.cleaned_data["code"], by=me
                )
                twofactor.forget_setup_key(request)
                django_otp.login(request, device)  # this session proved the code: the admin opens
                messages.success(request, _("Two-step sign-in is on: from now on, sign in with a code."))
            else:
                actions.turn_off_two_factor(me, form.cleaned_data["code"], by=me)
                messages.success(request, _("Two-step sign-in is off: the password alone signs you in."))
            return redirect("twofactor:settings")
        except ValidationError as error:
            for message in error.message_dict.get("code", []):
                form.add_error("code", message)
    context: dict[str, Any] = {"form": form, "device": device}
    if device is None:
        key = twofactor.setup_key(request)
        context["qr"] = qr_svg(twofactor.config_url(me, key), title=_("QR code for the authenticator app"))
        context["secret"] = twofactor.secret_text(key)
    status = 400 if form.errors else 200
    return render(request, "accounts/two_factor.html", context, status=status)
