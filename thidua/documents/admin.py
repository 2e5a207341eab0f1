"""Admin of the organizers' own paper templates: for reading only. A template is uploaded, checked and retired
on the board's pages (documents/actions.py), which write the audit trail."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin
from thidua.documents.models import PaperTemplate


@admin.register(PaperTemplate)
class PaperTemplateAdmin(ReadOnlyAdmin):
    list_display = ("organizer", "paper", "filename", "uploaded_by", "uploaded_at", "retired_at")
    list_filter = ("paper",)
    exclude = ("content",)  # the file itself is downloaded from the board's page, not shown as bytes
