"""The launch, registrations and signings in the admin, read-only: they change through the pact page, which
checks the deadline, the launch date and who may register (the admin would bypass all three)."""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin
from thidua.emulation.models import Launch, MidYearReview, Registration, Signing


@admin.register(Launch)
class LaunchAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "date", "document_number", "deadline", "recorded_by")
    list_select_related = ("cluster_year__cluster", "recorded_by")


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "unit", "registered_at", "registered_by")
    list_select_related = ("cluster_year__cluster", "unit", "registered_by")


@admin.register(Signing)
class SigningAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "unit", "signed_on", "recorded_by")
    list_select_related = ("cluster_year__cluster", "unit", "recorded_by")


@admin.register(MidYearReview)
class MidYearReviewAdmin(ReadOnlyAdmin):
    list_display = ("cluster_year", "date", "place", "chair")
    list_select_related = ("cluster_year__cluster",)
