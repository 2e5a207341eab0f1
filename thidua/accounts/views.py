"""A user's own notifications: the list (newest first, read once seen) and which kinds also come by e-mail.
Each user sees only their own: there is no id in these addresses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from thidua.accounts import jobs, notifications
from thidua.accounts.models import Job, MailOptOut, Notification

PAGE_SIZE = 50


class MailKindsForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Send me an e-mail when"),
        choices=Notification.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("«%(value)s» is not a kind of notification.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notifications.mark_read(request.user)
        messages.success(request, _("All notifications marked as read."))
        return redirect("accounts:notifications")
    me: Any = request.user
    page = Paginator(Notification.objects.filter(user=me), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "accounts/notifications.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def mail_settings(request: HttpRequest) -> HttpResponse:
    me: Any = request.user
    off = set(MailOptOut.objects.filter(user=me).values_list("kind", flat=True))
    form = MailKindsForm(
        request.POST if request.method == "POST" else None,  # nothing ticked is a choice too: all off
        initial={"kinds": [k for k in Notification.Kind.values if k not in off]},
    )
    if request.method == "POST" and form.is_valid():
        notifications.set_mail_kinds(request.user, form.cleaned_data["kinds"])
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("accounts:mail_settings")
    status = 400 if form.errors else 200
    return render(request, "accounts/mail_settings.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET"])
def job_list(request: HttpRequest) -> HttpResponse:
    me: Any = request.user
    page = Paginator(Job.objects.filter(owner=me), PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "accounts/jobs.html", {"page": page})


@login_required
@require_http_methods(["GET"])
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.get_job_for_user(request.user, job_id)
    if job is None:
        raise Http404(_("Not found."))
    left = jobs.time_left(job)
    context = {"job": job, "percent": round(job.progress * 100), "minutes_left": None, "seconds_left": None}
    if left is not None:
        context["minutes_left" if left >= 90 else "seconds_left"] = round(left / 60) if left >= 90 else left
    return render(request, "accounts/job.html", context)


@login_required
@require_http_methods(["GET"])
def job_file(request: HttpRequest, job_id: int) -> FileResponse:
    """The file a finished job made, to its owner only, as an attachment."""
    job = jobs.get_job_for_user(request.user, job_id)
    if job is None or job.state != Job.State.DONE:
        raise Http404(_("Not found."))
    stored = job.result.get("file")
    if not stored or not default_storage.exists(stored):
        raise Http404(_("Not found."))
    name = str(job.result.get("file_name") or "tep")
    return FileResponse(default_storage.open(stored, "rb"), as_attachment=True, filename=name)
