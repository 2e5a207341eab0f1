"""The council's pages, for the organizer's board staff (and superusers): sittings, votes, results, minutes.

Anyone else gets 404, as for a cluster outside one's scope; every change goes through meeting.council.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.models import Role
from thidua.core.audit import record
from thidua.meeting.council import (
    CouncilResult,
    council_proposals,
    council_results,
    create_council,
    member_votes,
    parse_members,
    record_council_votes,
)
from thidua.meeting.council_minutes import FILENAME, council_minutes
from thidua.meeting.forms import CouncilForm
from thidua.meeting.models import Council, CouncilMember
from thidua.organisations.models import Organizer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A member's choice on the vote form: agree, disagree, or not (yet) voted.
CHOICES = {"agree": True, "disagree": False, "": None}


def managed_organizers(user: Any) -> QuerySet[Organizer]:
    """The organizers whose council the user runs: their board staff; superusers every one."""
    if not (user.is_authenticated and user.is_active):
        return Organizer.objects.none()
    if user.is_superuser:
        return Organizer.objects.all()
    boards = Role.objects.filter(user_id=user.pk, kind=Role.Kind.BOARD).values("organizer_id")
    return Organizer.objects.filter(pk__in=boards)


def _council(request: HttpRequest, pk: int) -> Council:
    scope = Council.objects.filter(organizer__in=managed_organizers(request.user)).select_related("organizer")
    return get_object_or_404(scope, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def councils(request: HttpRequest) -> HttpResponse:
    """The sittings the user may run, and the form for a new one."""
    organizers = managed_organizers(request.user)
    if not organizers.exists():
        raise Http404("Không có Hội đồng nào trong phạm vi của bạn.")
    form = CouncilForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        members = parse_members(data["present"], present=True) + parse_members(data["absent"], present=False)
        try:
            council = create_council(
                data["organizer"], data["year"], members=members, on=data["date"], by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Đã lập phiên họp Hội đồng.")
            return redirect("meeting:council", council.pk)
    sittings = Council.objects.filter(organizer__in=organizers).select_related("organizer")
    return render(request, "meeting/councils.html", {"form": form, "councils": sittings})


@dataclass(frozen=True)
class VoteRow:
    member: CouncilMember
    choice: str  # "agree", "disagree" or "" (not voted)


@dataclass(frozen=True)
class ProposalCard:
    result: CouncilResult
    rows: list[VoteRow]


@login_required
@require_GET
def council(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _council(request, pk)
    members = list(sitting.members.all())
    votes = member_votes(sitting)
    word = {True: "agree", False: "disagree"}
    cards = [
        ProposalCard(
            result,
            [VoteRow(m, word.get(votes.get((m.pk, result.proposal.pk)), "")) for m in members],  # type: ignore[arg-type]
        )
        for result in council_results(sitting)
    ]
    context = {
        "council": sitting,
        "members": members,
        "present": sum(m.present for m in members),
        "cards": cards,
        "filename": FILENAME,
    }
    return render(request, "meeting/council.html", context)


@login_required
@require_POST
def council_vote(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    """Each member's vote on one proposal, from fields `member-<id>` = agree / disagree / (empty)."""
    sitting = _council(request, pk)
    proposal = get_object_or_404(council_proposals(sitting), pk=proposal_id)
    try:
        votes: dict[int, bool | None] = {}
        for name, value in request.POST.items():
            if not name.startswith("member-"):
                continue
            if value not in CHOICES or not name[7:].isdigit():
                raise ValidationError(f"Phiếu «{name}={value}» không hợp lệ; chưa ghi phiếu nào.")
            votes[int(name[7:])] = CHOICES[value]
        record_council_votes(sitting, proposal, votes, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Đã ghi phiếu biểu quyết: {proposal}.")
    return redirect(reverse("meeting:council", args=[sitting.pk]) + f"#p-{proposal.pk}")


@login_required
@require_GET
def council_minutes_file(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _council(request, pk)
    content = council_minutes(sitting)
    record(request.user, "council.minutes", sitting)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    return response
