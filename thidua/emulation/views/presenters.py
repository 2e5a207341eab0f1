"""The cluster-year page's arrangement of a YearSummary: one section per award tier, in tier order.

Nothing here counts or decides; the numbers and reasons come from
`thidua.emulation.queries.summary.year_summary`. This only groups them by tier and puts each member's
roles, score, rating and place on one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from thidua.core.charts import Bar, bar_chart
from thidua.core.numbers import plain_or_none
from thidua.documents.pdf import pdf_name
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Rating
from thidua.emulation.papers.render import label_of, workbook_of
from thidua.emulation.queries.summary import NotProposedLine, ProposalLine, YearSummary
from thidua.emulation.seal import SEALED
from thidua.organisations.models import AwardTier, Unit


def document_links(names: list[str] | tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(Word file name, PDF file name, title, Excel file name or "") for each document a year can be
    downloaded as."""
    return [(name, pdf_name(name), label_of(name), workbook_of(name)) for name in names]


@dataclass(frozen=True)
class LeaderWords:
    head: str
    deputy: str


def leader_words(cluster_kind: str) -> LeaderWords:
    """A cụm has a cụm trưởng, a khối a khối trưởng (GLOSSARY)."""
    if cluster_kind == "khoi":
        return LeaderWords(_("Block head"), _("Block deputy"))
    return LeaderWords(_("Cluster head"), _("Cluster deputy"))


@dataclass(frozen=True)
class MemberRow:
    unit: Unit
    roles: list[str]  # "Cụm trưởng" / "Khối trưởng", "Cụm phó" / "Khối phó", "Đăng cai"
    score: Decimal | None
    rating: str
    place: int | None


@dataclass(frozen=True)
class TallyRow:
    unit: Unit
    votes: int
    percent: str
    proposed: bool


@dataclass(frozen=True)
class TierSection:
    tier: AwardTier
    quota: int | None
    ballots_cast: int | None
    void: int
    rows: list[TallyRow]
    proposals: list[ProposalLine]
    unnamed: int
    not_proposed: list[NotProposedLine]

    @property
    def valid(self) -> int | None:
        return None if self.ballots_cast is None else self.ballots_cast - self.void

    @property
    def chart(self) -> SafeString:
        """The votes of the table as bars (the rows exist only once the count is published)."""
        return bar_chart(
            _("Votes for {tier}").format(tier=self.tier.name),
            [Bar.of(row.unit.name, row.votes, f"{row.votes} ({row.percent})") for row in self.rows],
        )


@dataclass(frozen=True)
class YearPage:
    words: LeaderWords
    members: list[MemberRow]
    sections: list[TierSection]
    counts_published: bool
    next_decided_by: str
    status_label: str
    no_count_note: str

    @property
    def score_chart(self) -> SafeString:
        """The members' scores as bars, highest first (the table beside it lists them in roster order)."""
        scored = sorted(
            ((row.unit.name, row.score) for row in self.members if row.score is not None),
            key=lambda pair: -pair[1],
        )
        return bar_chart(
            _("Scores of the member units"), [Bar.of(name, score, str(score)) for name, score in scored]
        )


def _section(summary: YearSummary, tier: AwardTier) -> TierSection:
    proposals = [line for line in summary.proposals if line.tier.pk == tier.pk]
    proposed = {line.unit.pk for line in proposals}
    rows = [
        TallyRow(line.unit, line.votes, f"{line.percent}%", line.unit.pk in proposed)
        for line in summary.tally
        if line.tier.pk == tier.pk
    ]
    return TierSection(
        tier=tier,
        quota=summary.quotas.get(tier.code),
        ballots_cast=summary.ballots_cast,
        void=summary.void.get(tier.code, 0),
        rows=rows,
        proposals=proposals,
        unnamed=sum(count for unnamed_tier, count in summary.unnamed if unnamed_tier.pk == tier.pk),
        not_proposed=[line for line in summary.not_proposed if line.tier.pk == tier.pk],
    )


def _rating_label(code: str) -> str:
    return Rating(code).label if code in Rating.values else code


def _members(summary: YearSummary) -> list[MemberRow]:
    places = {unit.pk: place for unit, place in summary.ranking}
    deputies = {unit.pk for unit in summary.deputies or []}
    words = leader_words(summary.cluster.kind)
    rows = []
    for unit in summary.members:
        roles = [
            label
            for label, holds in (
                (words.head, summary.head is not None and unit.pk == summary.head.pk),
                (words.deputy, unit.pk in deputies),
                (_("Host"), summary.host is not None and unit.pk == summary.host.pk),
            )
            if holds
        ]
        rating = summary.ratings.get(unit.code, "")
        rows.append(
            MemberRow(
                unit,
                roles,
                plain_or_none(summary.scores.get(unit.code)),
                _rating_label(rating),
                places.get(unit.pk),
            )
        )
    return rows


def year_page(summary: YearSummary) -> YearPage:
    return YearPage(
        words=leader_words(summary.cluster.kind),
        members=_members(summary),
        sections=[_section(summary, tier) for tier in summary.tiers],
        counts_published=summary.ballots_cast is not None,
        next_decided_by=decided_by_text(summary.next_decided_by) if summary.next_decided_by else "",
        status_label=_status_label(summary),
        no_count_note=_no_count_note(summary),
    )


def _status_label(summary: YearSummary) -> str:
    # The review's own status starts at "Cụm đề nghị", which reads as done on a year nobody has met for yet.
    if summary.review is None:
        return _("No review meeting yet")
    if not summary.concluded:
        return _("Review under way, results not concluded")
    return summary.status_label


def _no_count_note(summary: YearSummary) -> str:
    """Why the count table is empty: voting under way, no ballots yet, or a result agreed without
    publishing the count."""
    if summary.sealed:
        return str(SEALED)
    if summary.review is None or (summary.review.outcome is None and not summary.concluded):
        return _(
            "No ballots yet: the vote counts show here once the meeting has voted and counted the ballots."
        )
    return _("Vote counts not published.")
