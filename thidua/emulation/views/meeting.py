"""The meeting's pages: the chair's screen and its actions, the tellers' form, the delegate's ballot, and
the published list of counted ballots. Views are thin: every change goes through meeting.services.

The delegate's pages carry the code in the form, never in an address, a session, a cookie or a redirect:
nothing on the server keeps it (the QR code's link holds it in the fragment, which the browser keeps to
itself), and the receipt is shown in the response to the cast, not at an address of its own.
Refusals answer 200 with the message, so Django's request log (which writes the path of 4xx answers)
never writes a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from thidua.core.feedback import show_refusal
from thidua.emulation import attempts, balloting, codes
from thidua.emulation.actions import meeting as services
from thidua.emulation.actions.review import conclude_review, record_next_leadership
from thidua.emulation.explain import decided_by_text
from thidua.emulation.forms.meeting import AttendanceForm, NextLeadershipForm, ReopenForm, RulesForm
from thidua.emulation.models import ClusterYear, Meeting, Rating
from thidua.emulation.queries.meeting import (
    ballots_cast,
    counted_ballots,
    meeting_for,
    quorum_of,
    voting_progress,
)
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.rules import get_cluster_year_for_user
from thidua.emulation.views.code_sheet import code_sheet
from thidua.emulation.views.presenters import year_page
from thidua.organisations.models import AwardTier, Unit

MINUTES = "bien-ban-hop-binh-xet.docx"


def _chair_url(cluster_year: ClusterYear) -> str:
    return reverse("meeting:chair", args=[cluster_year.cluster_id, cluster_year.year])


# ---- the chair's screen ----------------------------------------------------------------------------


@login_required
@require_GET
def chair(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    return _chair_page(request, get_cluster_year_for_user(request.user, cluster_id, year, manage=True))


def _chair_page(
    request: HttpRequest, cluster_year: ClusterYear, refused: dict[str, Any] | None = None
) -> HttpResponse:
    """The chair's screen. `refused`: a form sent back with what was typed and its messages (by its name in
    the context: rules, attendance, reopen, next_form), shown instead of the one filled from the record."""
    meeting = meeting_for(cluster_year)
    members = cluster_year.member_units()
    summary = year_summary(cluster_year)
    review = summary.review
    present = set(review.present.values_list("pk", flat=True)) if review and review.present_known else set()
    shown = meeting or Meeting()  # before the chair's first act: the default rules
    forms: dict[str, Any] = {
        "rules": RulesForm(
            initial={
                "method": cluster_year.method,
                "mode": shown.mode,
                "quorum_share": shown.quorum_share,
                "quorum_strict": shown.quorum_strict,
                "self_vote_allowed": shown.self_vote_allowed,
            }
        ),
        "attendance": AttendanceForm(members=members, initial={"present": list(present)}),
        "reopen": ReopenForm(),
        "next_form": NextLeadershipForm(
            members=members,
            initial={
                "head": summary.next_head,
                "deputies": summary.next_deputies or [],
                "decided_by": (summary.next_decided_by or "vote").split(" ")[0],
            },
        ),
        **(refused or {}),
    }
    attendance = forms["attendance"]
    ticked = attendance.data.getlist("present") if attendance.is_bound else attendance.initial["present"]
    context = {
        **forms,
        "cluster_year": cluster_year,
        "summary": summary,
        "meeting": meeting,
        "voting": meeting.voting if meeting else Meeting.Voting.PREPARING,
        "quorum": quorum_of(meeting) if meeting else None,
        "present_ticked": {str(pk) for pk in ticked},
        "cast": ballots_cast(meeting) if meeting else 0,
        "wrong_codes": attempts.wrong_codes(meeting) if meeting else 0,
        "progress": voting_progress(meeting) if meeting else "",
        "issued": set(meeting.issues.values_list("unit__code", flat=True)) if meeting else set(),
        "members": members,
        "member_rows": year_page(summary).members,
        "minutes": MINUTES,
        "void": [(t.name, summary.void[t.code]) for t in summary.tiers if summary.void.get(t.code)],
        "decided_by": decided_by_text(summary.next_decided_by),
    }
    return render(request, "meeting/chair.html", context, status=400 if refused else 200)


@login_required
@require_GET
def live_count(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """The codes used of those issued ("5/7"), and nothing else, for the chair's screen while voting is
    open (review.seal)."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    meeting = meeting_for(cluster_year)
    return HttpResponse(voting_progress(meeting) if meeting else "0/0", content_type="text/plain")


def _chair_action(
    request: HttpRequest,
    cluster_id: int,
    year: int,
    act: Any,
    done: str,
    form: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    """Do `act` on the year's meeting and go back to the chair's screen. `form` (its name on the screen,
    the bound form): a refused act shows the screen again with what was typed and the message on it."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    if form is not None and not form[1].is_valid():
        return _chair_page(request, cluster_year, {form[0]: form[1]})
    meeting = services.prepare_meeting(cluster_year, by=request.user)
    try:
        act(meeting)
    except ValidationError as error:
        if form is None:
            show_refusal(request, error)
            return redirect(_chair_url(cluster_year))
        form[1].add_error(None, error)
        return _chair_page(request, cluster_year, {form[0]: form[1]})
    messages.success(request, done)
    return redirect(_chair_url(cluster_year))


@login_required
@require_POST
def save_rules(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    form = RulesForm(request.POST)
    return _chair_action(
        request,
        cluster_id,
        year,
        lambda meeting: services.set_meeting_rules(meeting, **form.cleaned_data, by=request.user),
        _("Review rules saved."),
        ("rules", form),
    )


@login_required
@require_POST
def save_attendance(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    form = AttendanceForm(request.POST, members=cluster_year.member_units())
    return _chair_action(
        request,
        cluster_id,
        year,
        lambda meeting: services.record_attendance(meeting, form.cleaned_data["present"], by=request.user),
        _("Units present recorded."),
        ("attendance", form),
    )


@login_required
@require_POST
def open_vote(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    return _chair_action(
        request, cluster_id, year, lambda m: services.open_voting(m, by=request.user), _("Voting opened.")
    )


@login_required
@require_POST
def close_vote(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    return _chair_action(
        request, cluster_id, year, lambda m: services.close_voting(m, by=request.user), _("Voting closed.")
    )


@login_required
@require_POST
def reopen_vote(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    form = ReopenForm(request.POST)
    return _chair_action(
        request,
        cluster_id,
        year,
        lambda m: services.reopen_voting(m, reason=form.cleaned_data["reason"], by=request.user),
        _("Voting reopened."),
        ("reopen", form),
    )


@never_cache
@login_required
@require_POST
def issue(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """Issue codes (all missing ones, or one unit's replacement) and show them this once, to print."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    meeting = services.prepare_meeting(cluster_year, by=request.user)
    try:
        unit_code = request.POST.get("unit")
        if unit_code:
            unit = get_object_or_404(Unit, organizer=cluster_year.cluster.organizer, code=unit_code)
            issued = [services.reissue_code(meeting, unit, by=request.user)]
        else:
            issued = services.issue_codes(meeting, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(_chair_url(cluster_year))
    title = _("{cluster} in {year}").format(cluster=cluster_year.cluster.name, year=cluster_year.year)
    return code_sheet(request, issued, title, _chair_url(cluster_year))


@login_required
@require_POST
def conclude(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """The chair's "Chốt kết quả": the same gated action as the year's entry page; a refusal names what
    is missing and where to supply it."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    try:
        conclude_review(cluster_year, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Review results concluded."))
    return redirect(_chair_url(cluster_year))


@login_required
@require_POST
def next_leadership(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    form = NextLeadershipForm(request.POST, members=cluster_year.member_units())
    return _chair_action(
        request,
        cluster_id,
        year,
        lambda meeting: record_next_leadership(
            meeting.review,
            head=form.cleaned_data["head"],
            deputies=list(form.cleaned_data["deputies"]),
            decided_by=form.decided_by_text(),
            by=request.user,
        ),
        _("Next year's cluster head and deputies recorded."),
        ("next_form", form),
    )


# ---- the ballot itself (delegates on their phones, tellers with paper) -------------------------------


@dataclass(frozen=True)
class Candidate:
    unit: Unit
    score: Any
    rating: str
    checked: bool


@dataclass(frozen=True)
class TierChoice:
    tier: AwardTier
    quota: int | None
    candidates: list[Candidate]

    @property
    def chosen(self) -> list[Candidate]:
        return [c for c in self.candidates if c.checked]


def ballot_choices(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, list[str]]:
    """{tier code: [unit codes]} from the form; every tier present, blank tiers as empty lists."""
    return {t.code: request.POST.getlist(f"tier-{t.code}") for t in cluster_year.cluster.ordered_tiers()}


def ballot_form(cluster_year: ClusterYear, choices: dict[str, list[str]]) -> list[TierChoice]:
    ratings: dict[str, str] = dict(Rating.choices)
    memberships = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
    quotas = cluster_year.quotas or {}
    return [
        TierChoice(
            tier,
            quotas.get(tier.code),
            [
                Candidate(
                    m.unit, m.score, ratings.get(m.rating, ""), m.unit.code in choices.get(tier.code, ())
                )
                for m in memberships
            ],
        )
        for tier in cluster_year.cluster.ordered_tiers()
    ]


def _ballot_page(
    request: HttpRequest, code: str, step: str, choices: dict[str, list[str]], errors: list[str]
) -> HttpResponse:
    """The delegate's ballot at `step` (choose, confirm), or the code form when the code is refused."""
    try:
        row = services.usable_code(code)
    except ValidationError as error:
        return render(request, "meeting/enter_code.html", {"errors": error.messages, "typed": code})
    cluster_year = row.meeting.review.cluster_year
    context = {
        "code": codes.normalize(code),
        "cluster_year": cluster_year,
        "tiers": ballot_form(cluster_year, choices),
        "errors": errors,
        "self_vote_allowed": row.meeting.self_vote_allowed,
        "voter": row.unit if not row.meeting.self_vote_allowed else None,
    }
    template = "meeting/confirm.html" if step == "confirm" else "meeting/ballot.html"
    return render(request, template, context)


@never_cache
@require_GET
def enter_code(request: HttpRequest) -> HttpResponse:
    """The code form, and where the QR code leads (the code in the fragment, posted by the page's script)."""
    return render(request, "meeting/enter_code.html", {"errors": [], "typed": ""})


def _wrong_code_wait(request: HttpRequest) -> HttpResponse | None:
    """The page that says when to try again, for a client that tried too many wrong codes (answered before
    the code is looked at: it says nothing of whether the code exists); else None."""
    until = attempts.waiting_until(request)
    if until is None:
        return None
    said = _(
        "Too many wrong ballot codes have been tried from this device. Please try again after {time}, or "
        "ask the chair for help."
    ).format(time=date_format(timezone.localtime(until), "H:i"))
    return render(request, "meeting/enter_code.html", {"errors": [said], "typed": ""}, status=429)


def _looked_up(request: HttpRequest, code: str) -> Any:
    """The code's row if it can cast now (at a meeting or another owner's vote), looked up once per request;
    else the refusal (ValidationError), a wrong code counted for this client."""
    try:
        return balloting.usable(code)
    except ValidationError as error:
        if error.code == "unknown" and codes.is_well_formed(codes.normalize(code)):
            attempts.record_wrong(request)
        return error


@never_cache
@require_POST
def ballot(request: HttpRequest) -> HttpResponse:
    """Every step after the code: open (code typed), confirm, back (change), cast."""
    code = request.POST.get("code", "")
    step = request.POST.get("step", "open")
    wait = _wrong_code_wait(request)
    if wait is not None:
        return wait
    row = _looked_up(request, code)
    page = balloting.page_for(row) if not isinstance(row, ValidationError) else None
    if page is not None:
        return page(request, row, code, step)  # type: ignore[no-any-return]  # the board's council
    if step == "open":
        return _ballot_page(request, code, "choose", {}, [])
    if isinstance(row, ValidationError):
        return render(request, "meeting/enter_code.html", {"errors": row.messages, "typed": code})
    cluster_year = row.meeting.review.cluster_year
    choices = ballot_choices(request, cluster_year)
    if step == "back":
        return _ballot_page(request, code, "choose", choices, [])
    if step == "confirm":
        refusals, voids = services.ballot_problems(row.meeting, choices, voter=row.unit)
        if refusals or voids:
            tail = _("The ballot has not been recorded; please choose again.")
            return _ballot_page(request, code, "choose", choices, [*refusals, *voids, tail])
        return _ballot_page(request, code, "confirm", choices, [])
    # The cast checks the ballot once, in its own transaction (a refusal says the same as at confirm).
    try:
        cast = services.cast_with_code(code, choices, row=row)
    except ValidationError as error:
        if any(each.code == "invalid" for each in error.error_list):
            return _ballot_page(request, code, "choose", choices, error.messages)
        return render(request, "meeting/enter_code.html", {"errors": error.messages, "typed": ""})
    counted_url = reverse("meeting:counted", args=[row.meeting.public_token])
    context = {"receipt": cast.receipt, "counted_url": counted_url}
    return render(request, "meeting/receipt.html", context)


@login_required
def paper(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    """Tellers enter paper ballots one by one; the same checks and the same count as electronic ones."""
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    meeting = meeting_for(cluster_year)
    choices: dict[str, list[str]] = {}
    errors: list[str] = []
    if request.method == "POST":
        choices = ballot_choices(request, cluster_year)
        try:
            if meeting is None:
                raise ValidationError(services.NOT_OPEN)
            services.enter_paper_ballot(
                meeting, choices, accept_void=request.POST.get("accept_void") == "on", by=request.user
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Ballot entered. Enter the next ballot."))
            return HttpResponseRedirect(request.path)
    context = {
        "cluster_year": cluster_year,
        "meeting": meeting,
        "tiers": ballot_form(cluster_year, choices),
        "errors": errors,
        "progress": voting_progress(meeting) if meeting else "0/0",
        "chair_url": _chair_url(cluster_year),
    }
    return render(request, "meeting/paper.html", context)


@require_GET
def counted(request: HttpRequest, token: str) -> HttpResponse:
    """The published list of counted ballots, sorted by receipt, once voting is closed: a delegate finds
    their receipt and sees their choices counted; the list says nothing about who or when. Its address
    holds the meeting's token: a visitor who was not told it finds nothing (404, as for a wrong token)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("review__cluster_year__cluster"), public_token=token
    )
    cluster_year = meeting.review.cluster_year
    published = meeting.voting == Meeting.Voting.CLOSED
    tiers = cluster_year.cluster.ordered_tiers()
    names = {u.code: u.display_name for u in cluster_year.member_units()}
    rows = []
    if published:
        for ballot in counted_ballots(meeting):
            rows.append(
                (
                    ballot.receipt or _("(imported from the records)"),
                    [[names.get(c, c) for c in ballot.choices.get(t.code, [])] for t in tiers],
                )
            )
    context = {"cluster_year": cluster_year, "published": published, "tiers": tiers, "rows": rows}
    return render(request, "meeting/counted.html", context)
