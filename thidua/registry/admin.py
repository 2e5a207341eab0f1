"""Admin for every registry model. Changes of state belong to the pages and services (they write the audit
trail); the admin is for reading and for correcting data entry."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from thidua.core.admin import AuditedAdmin, ReadOnlyAdmin
from thidua.emulation.models import Voting
from thidua.emulation.seal import ballots_sealed
from thidua.registry.models import (
    Awardee,
    AwardProposal,
    Council,
    CouncilBallot,
    CouncilCodeIssue,
    CouncilMember,
    CouncilOutcome,
    CouncilVote,
    Decision,
    DossierItem,
    DossierScan,
    Hold,
    Initiative,
    Movement,
    Person,
    PersonPosting,
    PersonYear,
    ProvinceRule,
    Quota,
    Revocation,
    TrackQuota,
    UnitYear,
)


class PostingInline(admin.TabularInline):
    model = PersonPosting
    extra = 0
    autocomplete_fields = ["unit"]


class PersonYearInline(admin.TabularInline):
    model = PersonYear
    extra = 0


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "code", "sex", "birth_year", "direct_labourer", "organizer"]
    list_filter = ["sex", "direct_labourer", "organizer"]
    search_fields = ["name", "name_folded", "code"]
    inlines = [PostingInline, PersonYearInline]


@admin.register(PersonPosting)
class PersonPostingAdmin(AuditedAdmin):
    list_display = ["person", "unit", "position", "start", "end"]
    search_fields = ["person__name", "person__name_folded", "unit__name"]
    list_select_related = ["person", "unit"]
    autocomplete_fields = ["person", "unit"]


@admin.register(PersonYear)
class PersonYearAdmin(AuditedAdmin):
    list_display = ["person", "year", "rating", "titles"]
    list_filter = ["year", "rating"]
    search_fields = ["person__name", "person__name_folded"]
    autocomplete_fields = ["person"]


@admin.register(UnitYear)
class UnitYearAdmin(AuditedAdmin):
    list_display = ["unit", "year", "rating", "staff", "staff_completed", "staff_disciplined"]
    list_filter = ["year", "rating"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ["code", "title", "person", "level", "year", "used_for"]
    list_filter = ["level", "year"]
    search_fields = ["code", "title", "person__name", "person__name_folded"]
    autocomplete_fields = ["person"]


@admin.register(Hold)
class HoldAdmin(AuditedAdmin):
    list_display = ["kind", "person", "unit", "level", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["person__name", "person__name_folded", "unit__name"]
    autocomplete_fields = ["person", "unit"]


class DossierInline(admin.TabularInline):
    model = DossierItem
    extra = 0


@admin.register(AwardProposal)
class AwardProposalAdmin(AuditedAdmin):
    list_display = ["award_name", "unit", "person", "year", "source", "state", "verdict", "decision"]
    list_filter = ["state", "year", "source", "award", "organizer"]
    search_fields = ["award_name", "unit__name", "person__name", "person__name_folded"]
    list_select_related = ["unit", "person", "decision"]
    autocomplete_fields = ["unit", "person", "proposed_by"]
    raw_id_fields = ["cluster_year", "review_proposal", "decision", "tier"]
    inlines = [DossierInline]


@admin.register(DossierItem)
class DossierItemAdmin(AuditedAdmin):
    list_display = ["name", "proposal", "required", "provided"]
    list_filter = ["required", "provided"]
    search_fields = ["name", "code", "proposal__award_name"]
    raw_id_fields = ["proposal"]


@admin.register(DossierScan)
class DossierScanAdmin(ReadOnlyAdmin):
    # Scans are added, replaced and removed on the proposal's page (registry/actions/dossier.py: checked
    # by content, audited, files removed after commit); here they are only read.
    list_display = ("item", "original_name", "size", "uploaded_by", "uploaded_at")


@admin.register(Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ("name", "organizer", "start", "end")
    list_filter = ("organizer",)
    search_fields = ("name",)


@admin.register(Quota)
class QuotaAdmin(AuditedAdmin):
    list_display = ["organizer", "award", "year", "limit"]
    list_filter = ["year", "organizer"]
    search_fields = ["award"]


@admin.register(TrackQuota)
class TrackQuotaAdmin(AuditedAdmin):
    list_display = ["organizer", "award", "year", "track", "movement", "limit"]
    list_filter = ["year", "track", "organizer"]
    search_fields = ["award"]


@admin.register(ProvinceRule)
class ProvinceRuleAdmin(AuditedAdmin):
    list_display = ["organizer", "award", "parameter", "value", "document", "start", "end"]
    list_filter = ["organizer", "award"]
    search_fields = ["document", "award"]


class AwardeeInline(admin.TabularInline):
    model = Awardee
    extra = 0
    fields = ["name", "year", "unit", "person", "bonus", "bonus_note", "code"]
    readonly_fields = ["code"]
    raw_id_fields = ["unit", "person"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # awards go on record through a decision (put_on_record), which draws their code


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ["number", "date", "award_name", "grantor", "signer", "organizer"]
    list_filter = ["award", "organizer"]
    search_fields = ["number", "award_name", "signer"]
    date_hierarchy = "date"
    raw_id_fields = ["tier"]
    inlines = [AwardeeInline]


@admin.register(Awardee)
class AwardeeAdmin(AuditedAdmin):
    list_display = ["name", "year", "award", "decision", "bonus", "code"]
    list_filter = ["year", "award"]
    search_fields = ["name", "name_folded", "decision__number", "code"]
    list_select_related = ["decision"]
    raw_id_fields = ["decision", "unit", "person", "person_unit", "proposal"]
    readonly_fields = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # awards go on record through a decision (put_on_record), which draws their code


@admin.register(Revocation)
class RevocationAdmin(AuditedAdmin):
    list_display = ["awardee", "number", "date"]
    search_fields = ["number", "awardee__name", "awardee__name_folded"]
    raw_id_fields = ["awardee"]


# ---- the council: its sittings, votes and frozen results (read-only) ---------------------------------


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


@admin.register(CouncilCodeIssue)
class CouncilCodeIssueAdmin(ReadOnlyAdmin):
    """Who received a code at a secret sitting (participation, kept apart from codes and ballots)."""

    list_display = ("council", "member")
    list_select_related = ("council__organizer", "member")


@admin.register(CouncilOutcome)
class CouncilOutcomeAdmin(ReadOnlyAdmin):
    """Each proposal's result as frozen when the council's vote closed (none exists while it is open)."""

    list_display = ("proposal", "council", "passed", "regime")
    list_filter = ("passed", "regime")
    list_select_related = ("proposal__unit", "proposal__person", "council__organizer")
