"""What the year's other pages and gates read about its scores: whether they are final, and how far the
score table has come (for the year's stages)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from thidua.emulation.models import ClusterYear, Membership, ScoreSheet, UnitScore


@dataclass(frozen=True)
class ScoringProgress:
    """Where the year's score table stands; every count is of member units."""

    has_sheet: bool
    members: int
    submitted: int  # submitted, scored on their behalf, or marked as not submitted
    appraised: int  # appraised, scored on their behalf, or marked as not submitted
    locked: bool
    reported: bool  # no table, scores reported by a historic file (scoring.services.record_reported_scores)

    @property
    def final(self) -> bool:
        """The scores the meeting, the tie-break and the minutes may use: locked, or reported."""
        return self.locked or self.reported


def scoring_progress(cluster_year: ClusterYear) -> ScoringProgress:
    return scoring_progress_many([cluster_year.pk])[cluster_year.pk]


def scoring_progress_many(cluster_year_ids: Iterable[int]) -> dict[int, ScoringProgress]:
    """The progress of many years at once, in three queries whatever their number (the board's dashboard)."""
    ids = list(cluster_year_ids)
    roster = (
        Membership.objects.filter(cluster_year_id__in=ids)
        .values("cluster_year_id")
        .annotate(members=Count("id"), scored=Count("id", filter=Q(score__isnull=False)))
    )
    members = {r["cluster_year_id"]: (r["members"], r["scored"]) for r in roster}
    sheets = {s.cluster_year_id: s for s in ScoreSheet.objects.filter(cluster_year_id__in=ids)}
    # Only the rows of units on the year's roster count (a unit removed from the roster keeps its row).
    on_roster = Membership.objects.filter(
        cluster_year_id=OuterRef("sheet__cluster_year_id"), unit_id=OuterRef("unit_id")
    )
    absent = ~Q(absence="")
    rows = (
        UnitScore.objects.filter(sheet__in=sheets.values())
        .filter(Exists(on_roster))
        .values("sheet__cluster_year_id")
        .annotate(
            submitted=Count("id", filter=Q(submitted_at__isnull=False) | absent),
            appraised=Count("id", filter=Q(appraised_at__isnull=False, absence="") | absent),
        )
    )
    counts = {r["sheet__cluster_year_id"]: (r["submitted"], r["appraised"]) for r in rows}
    found = {}
    for pk in ids:
        count, scored = members.get(pk, (0, 0))
        sheet = sheets.get(pk)
        if sheet is None:
            # Without a table a score can only come from the reported-scores action.
            found[pk] = ScoringProgress(False, count, 0, 0, False, scored > 0)
        else:
            submitted, appraised = counts.get(pk, (0, 0))
            found[pk] = ScoringProgress(True, count, submitted, appraised, sheet.locked, False)
    return found
