"""The meeting's records for the board's staff: read-only where a change would break the count's trust.

Ballot codes are not listed at all: their digests are of no use to a person, and a list of them with the
units still attached (before casting) would be one step from linking a ballot to its voter.
"""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin
from thidua.emulation.models import CodeIssue, Meeting


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("review", "voting", "mode", "quorum_share", "self_vote_allowed")
    list_filter = ("voting", "mode")
    list_select_related = ("review__cluster_year__cluster",)


@admin.register(CodeIssue)
class CodeIssueAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "unit")
    list_select_related = ("meeting__review__cluster_year__cluster", "unit")
