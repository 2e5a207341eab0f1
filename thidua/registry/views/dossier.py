"""The signed scans of a proposal's dossier: the proposer attaches, replaces and removes them while the
proposal is its to edit (the "documents" act of worklist.allowed); the board and the proposing unit's
officers download them (scope.can_draft). Anyone else, even one who may see the proposal, gets 404: a scan
is a signed paper of the proposer's, not a public fact of the proposal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.core.concurrency import seen_version
from thidua.core.uploads import content_type
from thidua.registry import rules as scope
from thidua.registry import worklist
from thidua.registry.actions import dossier as services
from thidua.registry.forms import ScanForm
from thidua.registry.models import AwardProposal, DossierScan
from thidua.registry.views.proposals import _get_proposal_for_user, _proposal_page


def _editable_for_user(request: HttpRequest, proposal_id: int) -> AwardProposal:
    """The proposal, if the user may change its dossier now; else 404, as if the address did not exist."""
    found = _get_proposal_for_user(request, proposal_id)
    if "documents" not in worklist.allowed(found, request.user):
        raise Http404(_("Not found."))
    return found


def _scan_of(found: AwardProposal, scan_id: int) -> DossierScan:
    return get_object_or_404(
        DossierScan.objects.select_related("item__proposal"), pk=scan_id, item__proposal=found
    )


def _refused(
    request: HttpRequest, found: AwardProposal, form: ScanForm, error: ValidationError
) -> HttpResponse:
    form.add_error("file", error)
    page = _proposal_page(request, found, scan_form=form)
    page.status_code = 400
    return page


@login_required
@require_POST
def add_scan(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _editable_for_user(request, proposal_id)
    form = ScanForm(request.POST, request.FILES, proposal=found)
    if not form.is_valid():
        page = _proposal_page(request, found, scan_form=form)
        page.status_code = 400
        return page
    item = found.dossier.get(code=form.cleaned_data["item"])
    try:
        services.add_scan(item, form.cleaned_data["file"], by=request.user, seen=seen_version(request))
    except ValidationError as error:
        return _refused(request, found, form, error)
    messages.success(
        request,
        _("Signed scan attached to «{document}»; the document is marked as received.").format(
            document=item.name
        ),
    )
    return redirect("registry:proposal", found.pk)


@login_required
@require_POST
def replace_scan(request: HttpRequest, proposal_id: int, scan_id: int) -> HttpResponse:
    found = _editable_for_user(request, proposal_id)
    scan = _scan_of(found, scan_id)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("registry:proposal", found.pk)
    try:
        services.replace_scan(scan, form.cleaned_data["file"], by=request.user, seen=seen_version(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("registry:proposal", found.pk)
    messages.success(request, _("Signed scan replaced."))
    return redirect("registry:proposal", found.pk)


@login_required
@require_POST
def delete_scan(request: HttpRequest, proposal_id: int, scan_id: int) -> HttpResponse:
    found = _editable_for_user(request, proposal_id)
    scan = _scan_of(found, scan_id)
    try:
        services.delete_scan(scan, by=request.user, seen=seen_version(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Signed scan removed."))
    return redirect("registry:proposal", found.pk)


@login_required
@require_GET
def scan_file(request: HttpRequest, proposal_id: int, scan_id: int) -> FileResponse:
    found = _get_proposal_for_user(request, proposal_id)
    if not scope.can_draft(request.user, found):
        raise Http404(_("Not found."))
    scan = _scan_of(found, scan_id)
    response = FileResponse(
        scan.file.open("rb"),
        as_attachment=True,
        filename=scan.original_name,
        content_type=content_type(scan.original_name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
