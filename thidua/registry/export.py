"""The registry's tables as Excel workbooks (documents/workbook.py): a search result with the columns of the
registry page, the board's decisions, and the statistics page's tables. The search result's columns are
also those the decisions import reads (sheets/decisions.py), so an export imports back as it is."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext, gettext_lazy

from thidua.documents.workbook import AMOUNT, DATE, NUMBER, Column, Table, table_workbook
from thidua.registry.models import Awardee, AwardProposal, Decision
from thidua.registry.queries import FormCount, Share, Statistics

COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(gettext_lazy("Name of person or collective"), 36),
    Column(gettext_lazy("Subject"), 10),
    Column(gettext_lazy("Unit"), 36),
    Column(gettext_lazy("Commendation form"), 36),
    Column(gettext_lazy("Year of achievement"), 10, NUMBER),
    Column(gettext_lazy("Decision number"), 16),
    Column(gettext_lazy("Decision date"), 13, DATE),
    Column(gettext_lazy("Grantor"), 32),
    Column(gettext_lazy("Bonus (dong)"), 14, AMOUNT),
    Column(gettext_lazy("Status"), 28),
)
HEADERS = tuple(column.header for column in COLUMNS)


def row_of(number: int, awardee: Awardee) -> tuple[object, ...]:
    decision = awardee.decision
    unit = awardee.unit or awardee.person_unit
    status = gettext("In force")
    if awardee.revoked:
        r = awardee.revocation
        status = gettext("Revoked (Decision {number} of {date})").format(
            number=r.number, date=f"{r.date:%d/%m/%Y}"
        )
    return (
        number,
        awardee.name,
        gettext("Person") if awardee.person_id else gettext("Collective"),
        unit.name if unit else "",
        decision.award_name,
        awardee.year,
        decision.number,
        decision.date,
        decision.grantor,
        awardee.bonus,
        status,
    )


def workbook(awardees: Iterable[Awardee], filters: str = "") -> bytes:
    rows = (row_of(number, awardee) for number, awardee in enumerate(awardees, start=1))
    title = gettext("Award registry")
    return table_workbook(Table(title, [title.upper()], COLUMNS, rows, filters))


DECISION_COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(gettext_lazy("Decision number"), 18),
    Column(gettext_lazy("Decision date"), 13, DATE),
    Column(gettext_lazy("Award"), 40),
    Column(gettext_lazy("Grantor"), 32),
    Column(gettext_lazy("Signer"), 28),
    Column(gettext_lazy("Number awarded"), 12, NUMBER),
)


def decisions_workbook(decisions: Iterable[Decision], organizer: str) -> bytes:
    """The decisions list as the page shows it (each with its number of awardees, `n`)."""
    rows = (
        (i, d.number, d.date, d.award_name, d.grantor, d.signer, getattr(d, "n", None))
        for i, d in enumerate(decisions, start=1)
    )
    title = gettext("Award decisions")
    return table_workbook(Table(title, [title.upper(), organizer], DECISION_COLUMNS, rows))


def _share_columns(named: bool) -> list[Column]:
    return [
        Column(gettext_lazy("Year"), 8, NUMBER),
        *([Column(gettext_lazy("Name"), 40)] if named else []),
        Column(gettext_lazy("Awards"), 10, NUMBER),
        Column(gettext_lazy("Women"), 10, NUMBER),
        Column(gettext_lazy("Share of women"), 12),
        Column(gettext_lazy("Direct labourers"), 12, NUMBER),
        Column(gettext_lazy("Share of direct labourers"), 14),
    ]


def _share(share: Share) -> list[object]:
    return [share.total, share.women, share.women_percent, share.direct, share.direct_percent]


def statistics_workbook(by_form: list[FormCount], stats: Statistics, filters: str) -> bytes:
    """The statistics page's tables, a sheet each: awards by form, then the shares by year and by level."""
    title = gettext("Award statistics").upper()
    form_columns = (
        Column(gettext_lazy("Year"), 8, NUMBER),
        Column(gettext_lazy("Form of commendation"), 44),
        Column(gettext_lazy("Collectives"), 12, NUMBER),
        Column(gettext_lazy("Persons"), 12, NUMBER),
        Column(gettext_lazy("Total"), 12, NUMBER),
    )
    by_form_name = gettext("Awards by form, to collectives and to persons")
    tables = [
        Table(
            gettext("By form"),
            [title, by_form_name],
            form_columns,
            [(r.year, r.award_name, r.collectives, r.persons, r.total) for r in by_form],
            filters,
        ),
        Table(
            gettext("By year"),
            [title, gettext("Awards to persons: women and direct labourers")],
            _share_columns(False),
            [[year, *_share(share)] for year, share in sorted(stats.by_year.items(), reverse=True)],
            filters,
        ),
    ]
    for level, rows in stats.levels():
        tables.append(
            Table(
                level,
                [title, level],
                _share_columns(True),
                [[year, name, *_share(share)] for year, name, share in rows],
                filters,
            )
        )
    return table_workbook(*tables)


PROPOSAL_COLUMNS = (
    Column(gettext_lazy("No."), 6, NUMBER),
    Column(gettext_lazy("Subject"), 34),
    Column(gettext_lazy("Award"), 34),
    Column(gettext_lazy("Source"), 30),
    Column(gettext_lazy("Status"), 18),
    Column(gettext_lazy("Eligibility"), 26),
    Column(gettext_lazy("Documents provided"), 12, NUMBER),
    Column(gettext_lazy("Documents required"), 12, NUMBER),
)


def _source(p: AwardProposal) -> str:
    if p.cluster_year is None:
        return p.proposed_by.name if p.proposed_by else ""
    name = p.cluster_year.cluster.name
    return gettext("{cluster} (rank {rank})").format(cluster=name, rank=p.rank) if p.rank else name


def proposals_workbook(proposals: Iterable[AwardProposal], organizer: str, year: int, filters: str) -> bytes:
    """The proposals' list as the page shows it (annotated by worklist.proposals_of with the dossier's
    counts)."""
    rows = (
        (
            i,
            p.subject_name,
            p.award_name,
            _source(p),
            p.get_state_display(),
            str(p.standing_label),
            getattr(p, "documents_provided", None),
            getattr(p, "documents_required", None),
        )
        for i, p in enumerate(proposals, start=1)
    )
    title = gettext("Award proposals for {year}").format(year=year)
    return table_workbook(Table(title, [title.upper(), organizer], PROPOSAL_COLUMNS, rows, filters))
