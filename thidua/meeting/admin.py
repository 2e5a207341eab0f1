"""The meeting's records for the board's staff: read-only where a change would break the count's trust.

Ballot codes are not listed at all: their digests are of no use to a person, and a list of them with the
units still attached (before casting) would be one step from linking a ballot to its voter.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from thidua.core.admin import ReadOnlyAdmin
from thidua.meeting.models import (
    CodeIssue,
    Council,
    CouncilBallot,
    CouncilMember,
    CouncilOutcome,
    CouncilVote,
    Meeting,
    Voting,
)
from thidua.review.seal import ballots_sealed


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("review", "voting", "mode", "quorum_share", "self_vote_allowed")
    list_filter = ("voting", "mode")
    list_select_related = ("review__cluster_year__cluster",)


@admin.register(CodeIssue)
class CodeIssueAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "unit", "council", "member")
    list_select_related = ("meeting__review__cluster_year__cluster", "unit", "council", "member")


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    fields = readonly_fields = ("name", "position", "present")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ("organizer", "year", "date", "regime")
    list_filter = ("year", "regime")
    inlines = (CouncilMemberInline,)


def _sealed_councils() -> list[int]:
    """Sittings whose votes are sealed now (review.seal): only those not yet closed can be."""
    return [c.pk for c in Council.objects.exclude(voting=Voting.CLOSED) if ballots_sealed(c)]


@admin.register(CouncilVote)
class CouncilVoteAdmin(ReadOnlyAdmin):
    list_display = ("member", "proposal", "agree")
    list_select_related = ("member", "proposal")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CouncilVote]:
        # A secret sitting's written votes show in the board's entry form, never counted here until closed.
        return super().get_queryset(request).exclude(member__council__in=_sealed_councils())


@admin.register(CouncilBallot)
class CouncilBallotAdmin(ReadOnlyAdmin):
    """The secret ballots as published after closing: receipt and choices, no voter."""

    list_display = ("receipt", "council")
    list_select_related = ("council__organizer",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[CouncilBallot]:
        # Sealed while open (review.seal): a sitting's ballots appear once its vote is closed.
        return super().get_queryset(request).exclude(council__in=_sealed_councils())


@admin.register(CouncilOutcome)
class CouncilOutcomeAdmin(ReadOnlyAdmin):
    """Each proposal's result as frozen when the council's vote closed (none exists while it is open)."""

    list_display = ("proposal", "council", "passed", "regime")
    list_filter = ("passed", "regime")
    list_select_related = ("proposal__unit", "proposal__person", "council__organizer")
