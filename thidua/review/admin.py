"""Admin for reviews. Outcomes and ballots are shown, never edited here: proposals and reasons are
frozen by `conclude_review`, and a ballot is exactly what was cast (no voter, no time: STYLE.md 7)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from thidua.core.admin import ReadOnlyAdmin
from thidua.review.models import Ballot, NextDeputy, NotProposed, Proposal, Review
from thidua.review.seal import unsealed_ballots


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ProposalInline(ReadOnlyInline):
    model = Proposal
    fields = readonly_fields = ("tier", "rank", "unit", "grantor", "basis")


class NotProposedInline(ReadOnlyInline):
    model = NotProposed
    fields = readonly_fields = ("position", "tier", "unit", "reason")


class NextDeputyInline(admin.TabularInline):
    model = NextDeputy
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["cluster_year", "date", "place", "status", "concluded_at"]
    list_filter = ["status", "cluster_year__year", "cluster_year__cluster__organizer"]
    search_fields = ["cluster_year__cluster__name", "place", "chair"]
    list_select_related = ["cluster_year__cluster"]
    autocomplete_fields = ["cluster_year", "next_head"]
    filter_horizontal = ["present"]
    readonly_fields = ["concluded_at", "ballots_known"]
    inlines = [NextDeputyInline, ProposalInline, NotProposedInline]


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
