"""What a file may do to a cluster's years already on record, judged before anything is written.

History is never rewritten (DESIGN.md): a concluded year stays as it is, and a file that says something
else about it is refused for that year; ballots on record are never deleted or replaced; a year the file
no longer has is dropped only if it holds nothing but what an earlier file put there.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from thidua.awards.wording import Term, joined
from thidua.emulation.models import ClusterYear
from thidua.exchange.data import ExchangeData, RulesData, YearData
from thidua.exchange.errors import ExchangeError
from thidua.exchange.exporter import rules_on_record, year_on_record
from thidua.organisations.models import Cluster

CREATE, UPDATE, UNCHANGED, KEEP, DROP = "create", "update", "unchanged", "keep", "drop"
FATES = {
    CREATE: pgettext_lazy("what an import does to a year", "added"),
    UPDATE: pgettext_lazy("what an import does to a year", "updated from the file"),
    UNCHANGED: pgettext_lazy("what an import does to a year", "unchanged"),
    KEEP: pgettext_lazy("what an import does to a year", "kept, although the file does not have this year"),
    DROP: pgettext_lazy("what an import does to a year", "deleted, since the file does not have this year"),
}
# The parts of a year a person recognises, for saying where a file differs from the record.
PARTS = {
    "members": pgettext_lazy("a part of a year", "member units"),
    "head": pgettext_lazy("a part of a year", "head"),
    "deputies": pgettext_lazy("a part of a year", "deputies"),
    "host": pgettext_lazy("a part of a year", "host"),
    "review": pgettext_lazy("a part of a year", "review meeting (date, place, chair, attendance)"),
    "scores": pgettext_lazy("a part of a year", "scores"),
    "ratings": pgettext_lazy("a part of a year", "ratings"),
    "ranking": pgettext_lazy("a part of a year", "ranking"),
    "ballots": pgettext_lazy("a part of a year", "ballots"),
    "outcome": pgettext_lazy("a part of a year", "agreed result"),
    "unnamed": pgettext_lazy("a part of a year", "proposals without names"),
    "status": pgettext_lazy("a part of a year", "status of the result"),
    "next": pgettext_lazy("a part of a year", "next year's cluster leaders"),
    "pact_signed": pgettext_lazy("a part of a year", "next year's pact signing date"),
    "rules": pgettext_lazy("a part of a year", "review rules"),
}
CONCLUDED = _("review result concluded")
# What makes a year history that a file may not take away, each with how it is said.
HISTORY = (
    (Q(review__concluded_at__isnull=False), CONCLUDED),
    (Q(review__ballots__isnull=False), _("has ballots")),
    (Q(award_proposals__isnull=False), _("has award proposals sent to the board")),
    (Q(score_sheet__unit_scores__isnull=False), _("has scores on the score sheet")),
    (
        Q(launch__isnull=False) | Q(registrations__isnull=False) | Q(pact_signings__isnull=False),
        _("has a launch, emulation registrations or a signed pact"),
    ),
)


@dataclass(frozen=True)
class YearFate:
    """What an import does to one year; `why` says why it is kept, or that an unchanged one is concluded."""

    year: int
    fate: str
    why: str = ""

    @property
    def label(self) -> str:
        return f"{FATES[self.fate]} ({self.why})" if self.why else str(FATES[self.fate])


def judge_years(cluster: Cluster | None, data: ExchangeData) -> tuple[list[YearFate], list[ExchangeError]]:
    """The fate of every year of the file and of the cluster's years on record, and the refusals."""
    on_record = {cy.year: cy for cy in cluster.years.all()} if cluster is not None else {}
    fates: list[YearFate] = []
    refusals: list[ExchangeError] = []
    for year in data.years:
        cluster_year = on_record.get(year.year)
        if cluster_year is None:
            fates.append(YearFate(year.year, CREATE))
            continue
        fate, refusal = _judge(cluster_year, year, data)
        fates.append(fate)
        if refusal is not None:
            refusals.append(refusal)
    in_file = {year.year for year in data.years}
    for number, cluster_year in sorted(on_record.items()):
        if number not in in_file:
            kept = holds_history(cluster_year)
            fates.append(YearFate(number, KEEP, "; ".join(kept)) if kept else YearFate(number, DROP))
    return fates, refusals


def holds_history(cluster_year: ClusterYear) -> list[str]:
    """Why the year may not be dropped (empty: it holds nothing a file did not put there)."""
    here = ClusterYear.objects.filter(pk=cluster_year.pk)
    return [str(why) for condition, why in HISTORY if here.filter(condition).exists()]


def _judge(
    cluster_year: ClusterYear, year: YearData, data: ExchangeData
) -> tuple[YearFate, ExchangeError | None]:
    recorded = year_on_record(cluster_year)
    differs = differing_parts(recorded, rules_on_record(cluster_year), year, data.cluster.rules)
    concluded = ClusterYear.objects.filter(pk=cluster_year.pk, review__concluded_at__isnull=False).exists()
    if not differs:
        return YearFate(year.year, UNCHANGED, str(CONCLUDED) if concluded else ""), None
    if concluded:
        return YearFate(year.year, UPDATE), _concluded(data.file, year, differs)
    if year.ballots is not None and recorded.ballots is not None and "ballots" in differs:
        return YearFate(year.year, UPDATE), _ballots_differ(data.file, year, len(recorded.ballots))
    return YearFate(year.year, UPDATE), None


def differing_parts(
    recorded: YearData, rules: RulesData, given: YearData, given_rules: RulesData
) -> list[str]:
    """The parts (keys of PARTS) in which the file's year differs from the year on record."""
    ours, theirs = _canonical(_as_far_as_known(recorded, given)), _canonical(given)
    parts = [
        f.name
        for f in dataclasses.fields(YearData)
        if f.compare and f.name != "year" and getattr(ours, f.name) != getattr(theirs, f.name)
    ]
    return [*parts, "rules"] if rules != given_rules else parts


def _as_far_as_known(recorded: YearData, given: YearData) -> YearData:
    """The record seen as far as the file knows: where the file leaves unknown what no action takes back
    once known (the ballots, who was present, next year's leadership), the record's answer stands."""
    if given.ballots is None:
        recorded = dataclasses.replace(recorded, ballots=None)
    if given.review.present is None:
        recorded = dataclasses.replace(recorded, review=dataclasses.replace(recorded.review, present=None))
    if given.next is None:
        recorded = dataclasses.replace(recorded, next=None)
    return recorded


def _canonical(year: YearData) -> YearData:
    """Order that is not kept on record does not count: ballots (secrecy) and who was present."""
    ballots = year.ballots
    if ballots is not None:
        ballots = tuple(sorted(ballots, key=lambda ballot: json.dumps(ballot, sort_keys=True)))
    review = year.review
    if review.present is not None:
        review = dataclasses.replace(review, present=tuple(sorted(review.present)))
    return dataclasses.replace(year, ballots=ballots, review=review)


def _concluded(file: str, year: YearData, differs: list[str]) -> ExchangeError:
    # In English the parts are the file's own keys; in Vietnamese, their names.
    told = joined(", ", [Term(part, PARTS[part]) for part in differs])
    return ExchangeError.said(
        file,
        year.line,
        _(
            "year {year}: its review is concluded; reopen the result (with a reason) on the year's page "
            "before replacing it from a file (the file differs in: {parts})"
        ),
        year=year.year,
        parts=told,
    )


def _ballots_differ(file: str, year: YearData, count: int) -> ExchangeError:
    return ExchangeError.said(
        file,
        year.line,
        ngettext_lazy(
            "year {year} already has {count} ballot on record that differs from the file's; ballots on "
            "record are never deleted or replaced: make the year's ballots match, or leave the key out",
            "year {year} already has {count} ballots on record that differ from the file's; ballots on "
            "record are never deleted or replaced: make the year's ballots match, or leave the key out",
            count,
        ),
        year=year.year,
        count=count,
    )
