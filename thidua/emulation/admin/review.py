"""Admin for reviews, read-only. Outcomes and ballots are shown, never edited here: proposals, reasons and
standings are frozen by the conclusion, a ballot is exactly what was cast (no voter, no time: STYLE.md 7),
and the meeting's facts and next year's leadership each have their one writer (review and emulation
services), which the admin would bypass."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from thidua.core.admin import ReadOnlyAdmin, ReadOnlyInline
from thidua.emulation.models import Ballot, NextDeputy, NotProposed, Proposal, Review, Standing
from thidua.emulation.seal import unsealed_ballots


class ProposalInline(ReadOnlyInline):
    model = Proposal
    fields = readonly_fields = ("tier", "rank", "unit", "grantor", "basis")


class NotProposedInline(ReadOnlyInline):
    model = NotProposed
    fields = readonly_fields = ("position", "tier", "unit", "reason")


class StandingInline(ReadOnlyInline):
    model = Standing
    fields = readonly_fields = ("position", "unit", "place", "score", "rating")


class NextDeputyInline(ReadOnlyInline):
    model = NextDeputy
    fields = readonly_fields = ("position", "unit")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["cluster_year", "date", "place", "status", "concluded_at", "reported"]
    list_filter = ["status", "reported", "cluster_year__year", "cluster_year__cluster__organizer"]
    search_fields = ["cluster_year__cluster__name", "place", "chair"]
    list_select_related = ["cluster_year__cluster"]
    inlines = [NextDeputyInline, StandingInline, ProposalInline, NotProposedInline]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    # Only the review and the choices: the schema holds nothing else, and the list stays in random id order.
    list_display = ["__str__", "review", "choices"]
    list_filter = ["review"]
    fields = readonly_fields = ("review", "choices")
    list_select_related = ["review__cluster_year__cluster"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ballot]:
        # Sealed while open (review.seal): a meeting's ballots appear once its vote is closed.
        return unsealed_ballots(super().get_queryset(request))
