"""The council's pages, for the organizer's board staff (and superusers): sittings, votes, results, minutes;
at a secret sitting the codes sheet and the state of the vote. A member's secret ballot needs no account:
it is served from the meeting's ballot pages (views.ballot), which hand a council's code to council_ballot.

Anyone else gets 404, as for a cluster outside one's scope; every change goes through meeting.council.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.roles import board_organizers
from thidua.core.audit import record
from thidua.core.feedback import show_refusal
from thidua.documents.download import paper_response
from thidua.documents.pdf import PdfUnavailable
from thidua.emulation import attempts, balloting, codes
from thidua.emulation.seal import COUNCIL_SEALED, ballots_sealed
from thidua.emulation.views.code_sheet import code_sheet
from thidua.registry.actions.council import (
    CouncilResult,
    cast_council_ballot,
    close_council_voting,
    council_ballot_problems,
    council_proposals,
    council_results,
    create_council,
    issue_council_codes,
    member_votes,
    missing_thresholds,
    open_council_voting,
    parse_members,
    passed_groups,
    province_rules_url,
    record_council_votes,
    reissue_council_code,
    reopen_council_voting,
    set_council_mode,
)
from thidua.registry.actions.proposals import draft_decision
from thidua.registry.forms import CouncilForm
from thidua.registry.models import AwardProposal, Council, CouncilBallot, CouncilCode, CouncilMember
from thidua.registry.papers.council_minutes import FILENAME, render_council_minutes
from thidua.registry.papers.decision import render_decision

# A member's choice on the vote form: agree, disagree, or not (yet) voted.
CHOICES = {"agree": True, "disagree": False, "": None}


COUNCILS_PAGE_SIZE = 50


def _council(request: HttpRequest, pk: int) -> Council:
    scope = Council.objects.filter(organizer__in=board_organizers(request.user)).select_related("organizer")
    return get_object_or_404(scope, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def councils(request: HttpRequest) -> HttpResponse:
    """The sittings the user may run, and the form for a new one."""
    organizers = board_organizers(request.user)
    if not organizers.exists():
        raise Http404(_("No council within your scope."))
    form = CouncilForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        members = parse_members(data["present"], present=True) + parse_members(data["absent"], present=False)
        try:
            council = create_council(
                data["organizer"], data["year"], members=members, on=data["date"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)  # beside the list of members where the line is
        else:
            messages.success(request, _("Council sitting created."))
            return redirect("council:council", council.pk)
    # Newest first, a page at a time: a board holds a sitting or more a year, each organizer for decades.
    sittings = (
        Council.objects.filter(organizer__in=organizers)
        .select_related("organizer")
        .order_by("organizer", "-year", "-id")
    )
    page = Paginator(sittings, COUNCILS_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request, "registry/councils.html", {"form": form, "councils": page, "page": page, "keep": ""}
    )


@dataclass(frozen=True)
class VoteRow:
    member: CouncilMember
    choice: str  # "agree", "disagree" or "" (not voted)


@dataclass(frozen=True)
class ProposalCard:
    proposal: AwardProposal
    result: CouncilResult | None  # None while the secret ballot is sealed
    rows: list[VoteRow]
    errors: list[str]


def _cards(
    sitting: Council,
    named: list[CouncilMember],
    *,
    sealed: bool,
    refused: tuple[int, list[str], dict[int, str]] | None,
) -> list[ProposalCard]:
    """Each proposal with its result (not while sealed) and the named members' votes: as recorded, or as
    typed on a refused vote form (`refused`: proposal id, messages, choices by member id)."""
    results = {} if sealed else {r.proposal.pk: r for r in council_results(sitting)}
    votes = member_votes(sitting)
    word = {True: "agree", False: "disagree"}
    proposal_id, errors, typed = refused or (None, [], {})

    def choice(member: CouncilMember, proposal: int) -> str:
        if proposal == proposal_id:
            return typed.get(member.pk, "")
        return word.get(votes.get((member.pk, proposal)), "")  # type: ignore[arg-type]

    return [
        ProposalCard(
            proposal,
            results.get(proposal.pk),
            [VoteRow(m, choice(m, proposal.pk)) for m in named],
            errors if proposal.pk == proposal_id else [],
        )
        for proposal in council_proposals(sitting)
    ]


@login_required
@require_GET
def council(request: HttpRequest, pk: int) -> HttpResponse:
    return _council_page(request, _council(request, pk))


def _council_page(
    request: HttpRequest,
    sitting: Council,
    *,
    refused: tuple[int, list[str], dict[int, str]] | None = None,
) -> HttpResponse:
    """The sitting's page; `refused` is a vote form sent back: (proposal id, messages, the choices typed
    by member id), shown on that proposal's form instead of what is recorded."""
    members = list(sitting.members.all())
    secret = sitting.mode == Council.Mode.SECRET
    # At a secret sitting only the absent members' written votes are entered by name.
    named = [m for m in members if not (secret and m.present)]
    issued = balloting.issued_holders(sitting)
    sealed = ballots_sealed(sitting)
    context = {
        "council": sitting,
        "members": members,
        "present": sum(m.present for m in members),
        "cards": _cards(sitting, named, sealed=sealed, refused=refused),
        "named": named,
        "secret": secret,
        "sealed": sealed,
        "sealed_note": COUNCIL_SEALED,
        "cast": None if sealed else sitting.ballots.count(),
        "progress": balloting.codes_used(sitting),
        "wrong_codes": attempts.wrong_codes(sitting),
        "issued": [m for m in members if m.pk in issued],
        "filename": FILENAME,
        "missing_thresholds": missing_thresholds(sitting),
        "province_rules_url": province_rules_url(sitting),
        "drafts": [(n, group[0], len(group)) for n, group in enumerate(passed_groups(sitting), start=1)],
    }
    return render(request, "registry/council.html", context, status=400 if refused else 200)


@login_required
@require_POST
def council_vote(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    """Each member's vote on one proposal, from fields `member-<id>` = agree / disagree / (empty). A refusal
    shows the page again with what was ticked and the message on that proposal's form."""
    sitting = _council(request, pk)
    proposal = get_object_or_404(council_proposals(sitting), pk=proposal_id)
    typed = {
        int(name[7:]): value
        for name, value in request.POST.items()
        if name.startswith("member-") and name[7:].isdigit() and value in CHOICES
    }
    try:
        votes: dict[int, bool | None] = {}
        for name, value in request.POST.items():
            if not name.startswith("member-"):
                continue
            if value not in CHOICES or not name[7:].isdigit():
                raise ValidationError(
                    _("Vote «{name}={value}» is not valid; no vote was recorded.").format(
                        name=name, value=value
                    )
                )
            votes[int(name[7:])] = CHOICES[value]
        record_council_votes(sitting, proposal, votes, by=request.user)
    except ValidationError as error:
        return _council_page(request, sitting, refused=(proposal.pk, error.messages, typed))
    messages.success(request, _("Votes recorded: {proposal}.").format(proposal=proposal))
    return redirect(reverse("council:council", args=[sitting.pk]) + f"#p-{proposal.pk}")


@login_required
@require_GET
def council_minutes_file(request: HttpRequest, pk: int, as_pdf: bool = False) -> HttpResponse:
    """The council's minutes as Word, or as the PDF made from that Word file."""
    sitting = _council(request, pk)
    if ballots_sealed(sitting):
        messages.error(request, COUNCIL_SEALED)
        return redirect("council:council", sitting.pk)
    rendered = render_council_minutes(sitting)
    if rendered.notice:
        messages.warning(request, rendered.notice)
    try:
        response = paper_response(rendered.content, FILENAME, as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("council:council", sitting.pk)
    record(request.user, "council.minutes", sitting)
    return response


@login_required
@require_GET
def council_draft_file(request: HttpRequest, pk: int, n: int, as_pdf: bool = False) -> HttpResponse:
    """The `n`-th draft decision of the closed vote's result (one per award and grantor), with its annex of
    awardees and bonuses, for the grantor's office to number and sign; recorded later as the decision."""
    sitting = _council(request, pk)
    groups = passed_groups(sitting)
    if not 1 <= n <= len(groups):
        raise Http404(_("Not found."))
    decision, awardees = draft_decision(groups[n - 1], day=timezone.localdate())
    rendered = render_decision(decision, awardees=awardees)
    if rendered.notice:
        messages.warning(request, rendered.notice)
    name = f"du-thao-quyet-dinh-{n}.docx"
    try:
        return paper_response(rendered.content, name, as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("council:council", sitting.pk)


def _act(request: HttpRequest, pk: int, act: Any, done: str) -> HttpResponse:
    sitting = _council(request, pk)
    try:
        act(sitting)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, done)
    return redirect("council:council", sitting.pk)


@login_required
@require_POST
def council_mode(request: HttpRequest, pk: int) -> HttpResponse:
    mode = request.POST.get("mode", "")
    return _act(
        request, pk, lambda c: set_council_mode(c, mode, by=request.user), _("Council voting method saved.")
    )


@login_required
@require_POST
def council_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: open_council_voting(c, by=request.user), _("Voting opened."))


@login_required
@require_POST
def council_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda c: close_council_voting(c, by=request.user), _("Voting closed."))


@login_required
@require_POST
def council_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request, pk, lambda c: reopen_council_voting(c, reason=reason, by=request.user), _("Voting reopened.")
    )


@never_cache
@login_required
@require_POST
def council_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Codes for the present members without one (or one member's replacement), shown this once."""
    sitting = _council(request, pk)
    try:
        member_id = request.POST.get("member")
        if member_id:
            member = get_object_or_404(sitting.members, pk=member_id, present=True)
            issued = [reissue_council_code(sitting, member, by=request.user)]
        else:
            issued = issue_council_codes(sitting, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("council:council", sitting.pk)
    title = _("Emulation and Commendation Council, %(year)s") % {"year": sitting.year}
    return code_sheet(request, issued, title, reverse("council:council", args=[sitting.pk]))


@login_required
@require_GET
def council_count(request: HttpRequest, pk: int) -> HttpResponse:
    """The codes used of those issued ("5/7"), and nothing else, for the board's screen while the secret
    ballot is open (review.seal)."""
    return HttpResponse(str(balloting.codes_used(_council(request, pk))), content_type="text/plain")


@require_GET
def council_counted(request: HttpRequest, token: str) -> HttpResponse:
    """The published secret ballots, sorted by receipt, once voting is closed: a member finds their
    receipt and sees their choices counted; the list says nothing about who or when. At the sitting's
    token, never its id: a visitor not told the address finds nothing."""
    sitting = get_object_or_404(Council.objects.select_related("organizer"), public_token=token)
    published = sitting.voting == Council.Voting.CLOSED
    proposals = list(council_proposals(sitting))
    words = dict(CouncilBallot.Choice.choices)
    rows = []
    if published:
        for ballot in sorted(sitting.ballots.all(), key=lambda b: b.receipt):
            rows.append(
                (ballot.receipt, [words.get(ballot.choices.get(str(p.pk), ""), "—") for p in proposals])
            )
    context = {"council": sitting, "published": published, "proposals": proposals, "rows": rows}
    return render(request, "registry/council_counted.html", context)


# ---- a present member's secret ballot (no account; reached from views.ballot) ------------------------


def council_ballot(request: HttpRequest, row: CouncilCode, code: str, step: str) -> HttpResponse:
    """Every step of a secret council ballot: choose, confirm (or back), cast; then the receipt.
    Fields `p-<proposal id>` = agree / disagree / blank; a proposal left out is blank."""
    sitting: Council = row.council  # type: ignore[assignment]
    proposals = list(council_proposals(sitting))
    choices = {p.pk: request.POST.get(f"p-{p.pk}", "blank") for p in proposals}
    context = {"council": sitting, "code": codes.normalize(code), "errors": [], "confirming": False}

    def page(errors: list[str] | None = None, confirming: bool = False) -> HttpResponse:
        words = dict(CouncilBallot.Choice.choices)
        lines = [(p, choices[p.pk], words.get(choices[p.pk], choices[p.pk])) for p in proposals]
        context.update(lines=lines, errors=errors or [], confirming=confirming)
        return render(request, "registry/council_ballot.html", context)

    if step in ("open", "back"):
        return page()
    problems = council_ballot_problems(sitting, choices)
    if problems:
        return page([*problems, _("The ballot has not been recorded; please choose again.")])
    if step == "confirm":
        return page(confirming=True)
    try:
        ballot = cast_council_ballot(code, choices)
    except ValidationError as error:
        if error.code == "invalid":
            return page(error.messages)
        return render(request, "meeting/enter_code.html", {"errors": error.messages, "typed": ""})
    counted_url = reverse("council:council_counted", args=[sitting.public_token])
    return render(request, "meeting/receipt.html", {"receipt": ballot.receipt, "counted_url": counted_url})
