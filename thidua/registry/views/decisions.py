"""The board's decisions and quotas: the decision form over accepted proposals of one award, the decision page
with its awardees, bonus money and revocations, and the organizer's quotas per award and year. Only the
board of the organizer (or a superuser) opens these; anyone else finds nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.accounts import jobs
from thidua.core.audit import history_of
from thidua.core.concurrency import seen_version
from thidua.core.feedback import add_refusal
from thidua.documents.download import paper_response
from thidua.documents.pdf import PdfUnavailable
from thidua.documents.workbook import xlsx_response
from thidua.organisations.models import Organizer
from thidua.registry import background, export, verification, worklist
from thidua.registry import rules as scope
from thidua.registry.actions import proposals as services
from thidua.registry.forms import DecisionForm, QuotaForm, RevokeForm, TrackQuotaForm
from thidua.registry.models import Awardee, AwardProposal, Decision, Movement, Quota, TrackQuota
from thidua.registry.papers.decision import decision_filename, render_decision
from thidua.registry.views.proposals import _form_error

DECISIONS_PAGE_SIZE = 50


def board_organizer(request: HttpRequest) -> Organizer:
    """The organizer (`?to_chuc=`, else the first) whose board the user works for; 404 for anyone else."""
    boards = scope.board_organizers(request.user)
    wanted = request.GET.get("to_chuc") or request.POST.get("to_chuc")
    if wanted:
        if not wanted.isdigit():
            raise Http404(_("Not found."))
        return get_object_or_404(boards, pk=int(wanted))
    found = boards.order_by("name").first()
    if found is None:
        raise Http404(_("Not found."))
    return found


@login_required
@require_http_methods(["GET"])
def decisions(request: HttpRequest) -> HttpResponse:
    organizer = board_organizer(request)
    waiting = (
        AwardProposal.objects.filter(organizer=organizer, state__in=worklist.WAITING_FOR_DECISION)
        .values("award", "award_name", "year")
        .annotate(n=Count("id"))
        .order_by("-year", "award_name")
    )
    # Newest first, a page at a time: an organizer issues hundreds of decisions a year, for decades.
    found = _decisions_of(request, organizer).order_by("-date", "-id")
    page = Paginator(found, DECISIONS_PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "organizer": organizer,
        "decisions": page,
        "page": page,
        "keep": f"to_chuc={organizer.pk}&",
        "waiting": waiting,
    }
    return render(request, "registry/decisions.html", context)


def _decisions_of(request: HttpRequest, organizer: Organizer) -> QuerySet[Decision]:
    found = scope.visible_decisions(request.user).filter(organizer=organizer)
    return found.annotate(n=Count("awardees"))


@login_required
@require_http_methods(["GET"])
def decisions_export(request: HttpRequest) -> HttpResponse:
    organizer = board_organizer(request)
    content = export.decisions_workbook(_decisions_of(request, organizer), organizer.name)
    return xlsx_response(content, "quyet-dinh-khen-thuong.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def new_decision(request: HttpRequest) -> HttpResponse:
    organizer = board_organizer(request)
    award = request.GET.get("hinh_thuc", "")
    year = request.GET.get("nam", "")
    waiting = AwardProposal.objects.filter(
        organizer=organizer, state__in=worklist.WAITING_FOR_DECISION, award=award
    ).select_related("unit", "person")
    if year.isdigit():
        waiting = waiting.filter(year=int(year))
    if not waiting.exists() and request.method == "GET":
        messages.error(request, _("No proposal of this award is waiting for a decision."))
        return redirect("registry:decisions")
    form = DecisionForm(request.POST or None, waiting=waiting.order_by("rank", "id"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decide(
                list(data["proposals"]),
                number=data["number"],
                date=data["date"],
                signer=data["signer"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Decision {number} recorded in the registry.").format(number=decision.number)
            )
            return redirect("registry:decision", decision.pk)
    first = waiting.first()
    context = {"organizer": organizer, "form": form, "award_name": first.award_name if first else award}
    return render(request, "registry/decision_form.html", context, status=400 if form.errors else 200)


def _get_decision_for_user(request: HttpRequest, decision_id: int) -> Decision:
    return get_object_or_404(
        scope.visible_decisions(request.user).select_related("organizer"), pk=decision_id
    )


@login_required
@require_http_methods(["GET"])
def decision(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _decision_page(request, _get_decision_for_user(request, decision_id))


def _decision_page(
    request: HttpRequest, found: Decision, *, refused: Awardee | None = None, form: RevokeForm | None = None
) -> HttpResponse:
    """The decision's page; after a refused revocation, that awardee's form open again with what was typed
    and why it was refused (400)."""
    awardees = found.awardees.select_related("unit", "person", "person_unit", "revocation")
    context = {
        "decision": found,
        "awardees": awardees,
        "total": sum(a.bonus or 0 for a in awardees if not a.revoked),
        "revoke_form": RevokeForm(),
        "posted_for": refused,
        "refused_form": form,
        # Who recorded the decision and revoked its awards, for the board that answers for it.
        "changes": history_of(found, *awardees)
        if scope.board_organizers(request.user).filter(pk=found.organizer_id).exists()
        else None,
    }
    return render(request, "registry/decision.html", context, status=400 if refused else 200)


@login_required
@require_http_methods(["GET"])
def decision_file(request: HttpRequest, decision_id: int, as_pdf: bool = False) -> HttpResponse:
    """The grantor's draft decision with its annex, as Word or as the PDF made from that Word file."""
    found = _get_decision_for_user(request, decision_id)
    rendered = render_decision(found, site=verification.site_url(request))
    if rendered.notice:
        # The organizer's own template failed: the built-in one made the file, and the board is told why.
        messages.warning(request, rendered.notice)
    try:
        return paper_response(rendered.content, decision_filename(found), as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("registry:decision", found.pk)


@login_required
@require_POST
def certificate_file(request: HttpRequest, decision_id: int, as_pdf: bool = False) -> HttpResponse:
    """The decision's certificates in force, one per page for the pre-printed forms, as Word or PDF: made in
    the background (registry/background.py), the job's page offering the file when it is ready."""
    found = _get_decision_for_user(request, decision_id)
    if not found.awardees.filter(revocation__isnull=True).exists():
        messages.error(
            request, _("Every award of this decision has been revoked: there is no certificate to print.")
        )
        return redirect("registry:decision", found.pk)
    title = (
        _("Certificates of decision {number} (PDF)")
        if as_pdf
        else _("Certificates of decision {number} (Word)")
    )
    job = jobs.start(
        background.certificates,
        kind="registry.certificates",
        title=title.format(number=found.number),
        owner=request.user,
        arguments={"decision": found.pk, "as_pdf": as_pdf, "site": verification.site_url(request)},
    )
    return redirect("jobs:job", job.pk)


@login_required
@require_POST
def revoke(request: HttpRequest, decision_id: int, awardee_id: int) -> HttpResponse:
    found = _get_decision_for_user(request, decision_id)
    awardee = get_object_or_404(Awardee, pk=awardee_id, decision=found)
    form = RevokeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.revoke(
                awardee,
                number=data["number"],
                date=data["date"],
                reason=data["reason"],
                by=request.user,
                seen=seen_version(request),
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The award of {name} revoked.").format(name=awardee.name))
            return redirect("registry:decision", found.pk)
    return _decision_page(request, found, refused=awardee, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def quotas(request: HttpRequest) -> HttpResponse:
    """The award quotas across all tracks, and within one track (a second form, prefix "loai")."""
    organizer = board_organizer(request)
    movements = Movement.objects.filter(organizer=organizer).order_by("-start", "name")
    by_track = request.method == "POST" and request.POST.get("form") == "track"
    form = QuotaForm(None if by_track else (request.POST or None))
    track_form = TrackQuotaForm(request.POST if by_track else None, prefix="loai", movements=movements)
    if by_track and track_form.is_valid():
        data = track_form.cleaned_data
        track, _sep, movement_id = data["track"].partition(":")
        try:
            services.set_track_quota(
                organizer,
                data["award"],
                data["year"],
                track,
                data["limit"],
                movement=movements.get(pk=int(movement_id)) if movement_id else None,
                by=request.user,
            )
        except ValidationError as error:
            _form_error(track_form, error)
        else:
            messages.success(request, _("Quota recorded."))
            return redirect(f"{request.path}?to_chuc={organizer.pk}")
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_quota(organizer, data["award"], data["year"], data["limit"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Quota recorded."))
            return redirect(f"{request.path}?to_chuc={organizer.pk}")
    names = dict(form.fields["award"].choices)  # type: ignore[attr-defined]
    rows = [(q, names.get(q.award, q.award)) for q in Quota.objects.filter(organizer=organizer)]
    track_rows = [
        (q, names.get(q.award, q.award))
        for q in TrackQuota.objects.filter(organizer=organizer).select_related("movement")
    ]
    context = {
        "organizer": organizer,
        "form": form,
        "rows": rows,
        "track_form": track_form,
        "track_rows": track_rows,
    }
    errors = form.errors or track_form.errors
    return render(request, "registry/quotas.html", context, status=400 if errors else 200)
