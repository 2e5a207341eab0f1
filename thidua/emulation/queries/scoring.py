"""What the year's other pages and gates read about its scores: whether they are final, and how far the
score table has come (for the year's stages)."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.emulation.models import ClusterYear, ScoreSheet, UnitScore


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
    members = cluster_year.memberships.count()
    sheet = ScoreSheet.objects.filter(cluster_year=cluster_year).first()
    if sheet is None:
        # Without a table a score can only come from the reported-scores action.
        reported = cluster_year.memberships.filter(score__isnull=False).exists()
        return ScoringProgress(False, members, 0, 0, False, reported)
    roster = cluster_year.memberships.values("unit_id")
    rows = UnitScore.objects.filter(sheet=sheet, unit_id__in=roster)
    absent = rows.exclude(absence="")
    submitted = rows.filter(submitted_at__isnull=False).count() + absent.count()
    appraised = rows.filter(appraised_at__isnull=False, absence="").count() + absent.count()
    return ScoringProgress(True, members, submitted, appraised, sheet.locked, False)
