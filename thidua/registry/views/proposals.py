"""The proposals' pages: an organizer's year of proposals, a unit's new proposal, one proposal with its
dossier, verdict, history and the acts its state allows. Views are thin: every change is a call to
services.py, and an object outside the user's scope (scope.py) is "không tìm thấy"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.catalogue import AWARDS
from thidua.awards.regimes import regime_named, transition_source
from thidua.core.concurrency import seen_version
from thidua.core.converters import bounded_int
from thidua.core.feedback import show_refusal
from thidua.documents.download import paper_response
from thidua.documents.pdf import PdfUnavailable
from thidua.documents.workbook import filters_line, xlsx_response
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.registry import export, worklist
from thidua.registry import rules as scope
from thidua.registry.actions import proposals as services
from thidua.registry.forms import (
    BulkActForm,
    DossierForm,
    FromReviewForm,
    OverrideForm,
    ProposeForm,
    RefuseForm,
    ReturnForm,
    ScanForm,
)
from thidua.registry.models import AwardProposal, DossierScan, Movement, Person
from thidua.registry.papers.achievement import achievement_filename, render_proposal_report

State = AwardProposal.State


def form_refused(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def organizer_for(request: HttpRequest) -> Organizer:
    """The organizer a page is about: `?to_chuc=` among the user's, else the user's first; 404 if none."""
    units = scope.officer_units(request.user).values("organizer_id")
    candidates = Organizer.objects.filter(pk__in=scope.board_organizers(request.user).values("pk")) | (
        Organizer.objects.filter(pk__in=units)
    )
    wanted = request.GET.get("to_chuc") or request.POST.get("to_chuc")
    if wanted:
        if not wanted.isdigit():
            raise Http404(_("Not found."))
        return get_object_or_404(candidates, pk=int(wanted))
    found = candidates.order_by("name").first()
    if found is None:
        raise Http404(_("Not found."))
    return found


def year_for(request: HttpRequest, organizer: Organizer) -> int:
    value = request.GET.get("nam", "")
    if value.isdigit():
        return int(value)
    latest = (
        AwardProposal.objects.filter(organizer=organizer).order_by("-year").values_list("year", flat=True)
    )
    # Before the first proposal arrives, the board looks at the newest year its clusters have opened, not
    # at last calendar year (which may be one no cluster of this organizer has run).
    opened = (
        ClusterYear.objects.filter(cluster__organizer=organizer)
        .order_by("-year")
        .values_list("year", flat=True)
    )
    return latest.first() or opened.first() or timezone.localdate().year - 1


PROPOSALS_PAGE_SIZE = 100


def _list_url(organizer: Organizer, year: int) -> str:
    return f"{reverse('registry:proposals')}?to_chuc={organizer.pk}&nam={year}"


@login_required
@require_http_methods(["GET"])
def proposals(request: HttpRequest) -> HttpResponse:
    organizer = organizer_for(request)
    return _list_page(request, organizer, year_for(request, organizer))


def _list_page(
    request: HttpRequest, organizer: Organizer, year: int, bulk: BulkActForm | None = None
) -> HttpResponse:
    """The organizer's year of proposals; `bulk` is the board's refused bulk act, shown with what was
    ticked and typed."""
    filters = _list_filters(request)
    rows = worklist.proposals_of(request.user, organizer, year, filters)
    board = scope.board_organizers(request.user).filter(pk=organizer.pk).exists()
    # A page at a time (a province's year holds thousands of proposals), the filters' choices read as
    # distinct values, never by loading every proposal.
    page = Paginator(rows, PROPOSALS_PAGE_SIZE).get_page(request.GET.get("trang"))
    everything = scope.visible_proposals(request.user).filter(organizer=organizer, year=year).order_by()
    kept = request.GET.copy()
    kept.pop("trang", None)
    ticked = set(request.POST.getlist("proposals")) if bulk is not None else set()
    context = {
        "organizer": organizer,
        "year": year,
        "filters": filters,
        "in_quota": (worklist.IN_QUOTA, worklist.IN_QUOTA_LABEL),
        "rows": page,
        "page": page,
        "keep": f"{kept.urlencode()}&" if kept else "",
        "board": board,
        "states": AwardProposal.State.choices,
        "clusters": list(
            everything.filter(cluster_year__isnull=False)
            .values_list("cluster_year__cluster_id", "cluster_year__cluster__name")
            .distinct()
            .order_by("cluster_year__cluster__name")
        ),
        "awards": list(everything.values_list("award", "award_name").distinct().order_by("award_name")),
        "tracks": [(code, label) for code, (label, _q) in worklist.TRACKS.items()],
        "movements": Movement.objects.filter(organizer=organizer).order_by("-start", "name"),
        "counts": worklist.award_counts(organizer, year) if board else [],
        "reviews": worklist.reviews_to_propose(organizer, year) if board else [],
        "from_review": FromReviewForm(),
        "can_propose": board or scope.officer_units(request.user).filter(organizer=organizer).exists(),
        "bulk": bulk or BulkActForm(choices=()),
        "ticked": ticked,
        "query_string": request.GET.urlencode(),
    }
    return render(request, "registry/proposals.html", context, status=400 if bulk is not None else 200)


def _list_filters(request: HttpRequest) -> dict[str, str]:
    return {
        "state": request.GET.get("tinh_trang", ""),
        # An id a database can hold, else no filter (a typed "cum=" never reaches the query unchecked).
        "cluster": str(bounded_int(request.GET.get("cum")) or ""),
        "award": request.GET.get("hinh_thuc", ""),
        "track": request.GET.get("loai", "") if request.GET.get("loai") in worklist.TRACKS else "",
        "movement": str(bounded_int(request.GET.get("phong_trao")) or ""),
    }


def _status_said(state: str) -> str:
    if state == worklist.IN_QUOTA:
        return str(worklist.IN_QUOTA_LABEL)
    return str(State(state).label) if state in State.values else ""


@login_required
@require_http_methods(["GET"])
def proposals_export(request: HttpRequest) -> HttpResponse:
    """The list of proposals as the page shows it, with the page's filters, scope and checks."""
    organizer = organizer_for(request)
    year = year_for(request, organizer)
    filters = _list_filters(request)
    rows = worklist.proposals_of(request.user, organizer, year, filters)
    clusters = Cluster.objects.filter(organizer=organizer)
    cluster = clusters.filter(pk=int(filters["cluster"])).first() if filters["cluster"] else None
    award = AWARDS.get(filters["award"])
    movements = Movement.objects.filter(organizer=organizer)
    movement = movements.filter(pk=int(filters["movement"])).first() if filters["movement"] else None
    said = filters_line(
        [
            (_("Year of achievement"), year),
            (_("Status"), _status_said(filters["state"])),
            (_("Cluster or block"), cluster.name if cluster else ""),
            (_("Award"), award.name if award else filters["award"]),
            (_("Track"), worklist.TRACKS[filters["track"]][0] if filters["track"] else ""),
            (_("Movement"), movement.name if movement else ""),
        ]
    )
    content = export.proposals_workbook(rows, organizer.name, year, said)
    return xlsx_response(content, f"de-nghi-khen-thuong-{year}.xlsx")


@login_required
@require_POST
def bulk_act(request: HttpRequest) -> HttpResponse:
    """The board's act on the ticked proposals of its year: all done, or none and the list again with the
    proposal it stopped at, the ticks and the reasons kept."""
    organizer = get_object_or_404(scope.board_organizers(request.user), pk=_posted_int(request, "to_chuc"))
    year = _posted_int(request, "nam")
    mine = worklist.proposals_of(request.user, organizer, year, {})
    form = BulkActForm(request.POST, choices=mine.values_list("pk", flat=True))
    if form.is_valid():
        chosen = list(mine.filter(pk__in=form.cleaned_data["proposals"]).order_by("pk"))
        act = form.cleaned_data["act"]
        try:
            done = services.act_on_many(chosen, act, by=request.user, reasons=form.reason_list())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, BULK_DONE[act](len(done)))
            # Back to the list as it was filtered; only a query string is taken from the form.
            back = QueryDict(request.POST.get("back", "")).urlencode()
            return redirect(f"{reverse('registry:proposals')}?{back}" if back else _list_url(organizer, year))
    return _list_page(request, organizer, year, form)


def _posted_int(request: HttpRequest, name: str) -> int:
    value = bounded_int(request.POST.get(name), 0)
    if value is None:
        raise Http404(_("Not found."))
    return value


BULK_DONE = {
    "accept": lambda n: ngettext("{n} proposal accepted.", "{n} proposals accepted.", n).format(n=n),
    "council": lambda n: ngettext(
        "{n} proposal sent to the council.", "{n} proposals sent to the council.", n
    ).format(n=n),
    "return": lambda n: ngettext("{n} proposal returned.", "{n} proposals returned.", n).format(n=n),
}


@login_required
@require_POST
def from_review(request: HttpRequest, cluster_year_id: int) -> HttpResponse:
    years = ClusterYear.objects.filter(cluster__organizer__in=scope.board_organizers(request.user))
    cluster_year = get_object_or_404(years.select_related("cluster__organizer"), pk=cluster_year_id)
    back = _list_url(cluster_year.cluster.organizer, cluster_year.year)
    form = FromReviewForm(request.POST)
    review = getattr(cluster_year, "review", None)
    if not form.is_valid():
        form_refused(request, form)
    elif review is None:
        messages.error(request, _("The cluster or block has no review meeting this year."))
    else:
        try:
            found = services.proposals_from_review(review, by=request.user, due=form.cleaned_data["due"])
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "{cluster}: {count} proposal from the results of the review meeting.",
                    "{cluster}: {count} proposals from the results of the review meeting.",
                    len(found),
                ).format(cluster=cluster_year.cluster.name, count=len(found)),
            )
    return redirect(back)


def _form_error(form: forms.Form, error: ValidationError) -> None:
    """A refusal keyed by argument name goes beside the field of that name, else above the form."""
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _propose_scope(request: HttpRequest) -> tuple[QuerySet[Unit], QuerySet[Unit], QuerySet[Person]]:
    """Who may propose, for which units and people: the board for its organizer's, an officer for its own."""
    boards = scope.board_organizers(request.user)
    officer = scope.officer_units(request.user)
    proposers = Unit.objects.filter(organizer__in=boards) | officer
    if not proposers.exists():
        raise Http404(_("Not found."))
    return proposers.distinct(), scope.visible_units(request.user), scope.visible_persons(request.user)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    proposers, units, persons = _propose_scope(request)
    form = ProposeForm(request.POST or None, proposers=proposers, units=units, persons=persons)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.propose(
                organizer=data["proposed_by"].organizer,
                award=data["award"],
                year=data["year"],
                proposed_by=data["proposed_by"],
                unit=data["unit"],
                person=data["person"],
                due=data["due"],
                movement=data["movement"],
                by=request.user,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Proposal created; mark its dossier, then send it to the Emulation and Commendation "
                    "Board."
                ),
            )
            return redirect("registry:proposal", proposal.pk)
    return render(request, "registry/propose.html", {"form": form})


def _get_proposal_for_user(request: HttpRequest, proposal_id: int) -> AwardProposal:
    rows = scope.visible_proposals(request.user).select_related(
        "organizer", "unit", "person", "cluster_year__cluster", "proposed_by", "decision", "tier"
    )
    return get_object_or_404(rows, pk=proposal_id)


@login_required
@require_http_methods(["GET"])
def proposal(request: HttpRequest, proposal_id: int) -> HttpResponse:
    found = _get_proposal_for_user(request, proposal_id)
    return _proposal_page(request, found)


@login_required
@require_http_methods(["GET"])
def achievement_file(request: HttpRequest, proposal_id: int, as_pdf: bool = False) -> HttpResponse:
    """The subject's achievement report (báo cáo thành tích) filled from the record, as Word or PDF, for
    whoever may see the proposal."""
    found = _get_proposal_for_user(request, proposal_id)
    rendered = render_proposal_report(found)
    if rendered.notice:
        messages.warning(request, rendered.notice)
    try:
        return paper_response(rendered.content, achievement_filename(found), as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("registry:proposal", found.pk)


def _transition(proposal: AwardProposal) -> str:
    """The rules of transition that fixed the proposal's regime, once its dossier is received."""
    regime = regime_named(proposal.regime)
    return transition_source(regime) if proposal.received_on and regime else ""


def _proposal_page(request: HttpRequest, found: AwardProposal, **bound: Any) -> HttpResponse:
    acts = worklist.allowed(found, request.user)
    context = {
        "proposal": found,
        "dossier": found.dossier.all(),
        "acts": acts,
        # Signed scans: listed and downloaded by the board and the proposing unit's officers only.
        "see_scans": scope.can_draft(request.user, found),
        "scans": DossierScan.objects.filter(item__proposal=found)
        .select_related("item", "uploaded_by")
        .order_by("item__position", "uploaded_at", "id"),
        "scan_form": bound.get("scan_form") or ScanForm(proposal=found),
        "scan_max_mb": settings.DOSSIER_SCAN_MAX_MB,
        "verdict": worklist.VERDICTS.get(found.verdict, "") if found.checked_at else "",
        "transition": _transition(found),
        "history": worklist.history(found),
        "documents": bound.get("documents") or DossierForm(proposal=found),
        "return_form": bound.get("return_form") or ReturnForm(),
        "refuse_form": bound.get("refuse_form") or RefuseForm(),
        "override_form": bound.get("override_form") or OverrideForm(),
        "council": found.council_outcomes.select_related("council").order_by("-council_id").first(),
    }
    return render(request, "registry/proposal.html", context)


# The acts that take typed input: the form, its name on the page, the service given the cleaned data and
# the version the form was opened at (core.concurrency).
FORM_ACTS: dict[str, tuple[type[forms.Form], str, Any]] = {
    "return": (
        ReturnForm,
        "return_form",
        lambda p, form, by, seen: services.return_proposal(p, form.reason_list(), by=by, seen=seen),
    ),
    "refuse": (
        RefuseForm,
        "refuse_form",
        lambda p, form, by, seen: services.refuse(p, form.cleaned_data["reason"], by=by, seen=seen),
    ),
    "override": (
        OverrideForm,
        "override_form",
        lambda p, form, by, seen: services.override_eligibility(
            p, form.cleaned_data["reason"], by=by, seen=seen
        ),
    ),
}
DONE = {
    "return": gettext_lazy("Proposal returned for completion."),
    "refuse": gettext_lazy("Recorded as not awarded."),
    "override": gettext_lazy("Reason for overriding the eligibility check recorded."),
}


def _form_act(request: HttpRequest, found: AwardProposal, act: str) -> HttpResponse | None:
    """A typed act: None when done; else the page again with what was typed and the message beside the
    field at fault (above the form when it is about the whole proposal)."""
    form_class, name, run = FORM_ACTS[act]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(found, form, request.user, seen_version(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DONE[act])
            return None
    return _proposal_page(request, found, **{name: form})


def _act(request: HttpRequest, found: AwardProposal, act: str) -> HttpResponse | None:
    """Run one act; None when done, or the page again with the form's errors."""
    by, seen = request.user, seen_version(request)
    if act in FORM_ACTS:
        return _form_act(request, found, act)
    if act == "documents":
        form = DossierForm(request.POST, proposal=found)
        if not form.is_valid():
            return _proposal_page(request, found, documents=form)
        try:
            services.provide_documents(found, form.cleaned_data["codes"], by=by, seen=seen)
        except ValidationError as error:
            form.add_error(None, error)  # the ticked documents stay ticked
            return _proposal_page(request, found, documents=form)
        messages.success(request, _("Documents received recorded."))
    elif act == "check":
        services.check_eligibility(found, by=by)
        messages.success(request, _("Eligibility for the award checked."))
    elif act == "submit":
        services.submit(found, by=by, seen=seen)
        messages.success(request, _("Proposal sent."))
    elif act == "accept":
        services.accept(found, by=by, seen=seen)
        messages.success(request, _("Proposal accepted."))
    elif act == "council":
        services.send_to_council(found, by=by, seen=seen)
        messages.success(request, _("Sent to the Emulation and Commendation Council."))
    return None


ACTS = {
    "ho-so": "documents",
    "xet-dieu-kien": "check",
    "gui": "submit",
    "tra-lai": "return",
    "tiep-nhan": "accept",
    "trinh-hoi-dong": "council",
    "khong-khen-thuong": "refuse",
    "vuot-qua": "override",
}


@login_required
@require_POST
def act(request: HttpRequest, proposal_id: int, slug: str) -> HttpResponse:
    found = _get_proposal_for_user(request, proposal_id)
    name = ACTS.get(slug)
    if name is None or name not in worklist.allowed(found, request.user):
        # Not an act this user may take on this proposal now: as if the address did not exist.
        raise Http404(_("Not found."))
    try:
        page = _act(request, found, name)
    except ValidationError as error:
        show_refusal(request, error)
        page = None
    if page is not None:
        page.status_code = 400
        return page
    return redirect("registry:proposal", found.pk)
