"""The public side's reads. Each page gets dataclasses built field by field from what a decision or the
board published (as registry.verification.PublicAward does), so nothing else — a birth year, a rating, a
hold, a proposal not yet decided, a ballot, a score — can reach a public page by accident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from thidua.emulation.queries.summary import year_summary
from thidua.organisations.models import Organizer, Unit
from thidua.publication.models import ExemplaryModel, PublishedResults
from thidua.registry.models import Awardee, Movement
from thidua.registry.search import search_awards
from thidua.registry.verification import PublicAward, published

# One award of the public honour roll: what the verification page shows of it (registry.verification).
Entry = PublicAward


def decided_awards(organizer: Organizer) -> QuerySet[Awardee]:
    """Every award on record of the organizer: an Awardee exists only under a decision, so a proposal
    not yet decided is never among them."""
    return Awardee.objects.filter(decision__organizer=organizer)


def entry_of(row: Awardee) -> Entry:
    """`row` read with decision, unit (and parent), person_unit and revocation."""
    return published(row)


ENTRY_RELATED = ("decision__organizer", "unit__parent", "person_unit", "revocation")


def entry(code: str) -> Entry | None:
    found = Awardee.objects.select_related(*ENTRY_RELATED).filter(code=code).first()
    return entry_of(found) if found is not None else None


def honour_roll(
    organizer: Organizer, query: str, *, year: int | None, award: str | None, unit: int | None
) -> QuerySet[Awardee]:
    """The public honour roll's search (the page's and the public API's): decided awards by name (without
    diacritics too), year, form and unit, newest first, read with what entry_of needs."""
    # Read with its relations through `within`: a select_related after the search would drop the search's
    # fast plan (registry.search: page_of reads the plan kept on the queryset it returned).
    within = decided_awards(organizer).select_related(*ENTRY_RELATED)
    return search_awards(query, year=year, award=award, unit=unit, within=within, organizers=[organizer.pk])


def public_units(organizer: Organizer) -> QuerySet[Unit]:
    """The organizer's own units (not their phòng, ban): the registry's filter by unit."""
    return Unit.objects.filter(organizer=organizer, parent__isnull=True).order_by("name")


# ---- a cluster-year's published results ------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    place: int
    unit: str


@dataclass(frozen=True)
class DecidedAward:
    unit: str
    award_name: str
    decision_number: str
    decision_date: dt.date
    code: str
    revoked: bool


@dataclass(frozen=True)
class Results:
    token: str
    cluster: str
    year: int
    ranking: list[Place]
    awards: list[DecidedAward]
    next_head: str
    next_deputies: list[str]
    pact_signed: dt.date | None
    published_at: dt.datetime


def published_results(organizer: Organizer) -> QuerySet[PublishedResults]:
    return (
        PublishedResults.objects.filter(cluster_year__cluster__organizer=organizer)
        .select_related("cluster_year__cluster")
        .order_by("-cluster_year__year", "cluster_year__cluster__name")
    )


def results(published: PublishedResults) -> Results:
    """The year as published: each unit's place (no score, no rating, no tally), the cluster's proposals
    only once the grantor decided them, next year's head and deputies, the pact's date."""
    cluster_year = published.cluster_year
    summary = year_summary(cluster_year)
    ranking = [] if summary.sealed else [Place(place, unit.name) for unit, place in summary.ranking]
    decided = (
        Awardee.objects.filter(proposal__cluster_year=cluster_year)
        .select_related("decision", "unit", "revocation")
        .order_by("decision__date", "proposal__rank", "id")
    )
    awards = [
        DecidedAward(
            unit=a.name,
            award_name=a.decision.award_name,
            decision_number=a.decision.number,
            decision_date=a.decision.date,
            code=a.code,
            revoked=a.revoked,
        )
        for a in decided
    ]
    return Results(
        token=published.token,
        cluster=cluster_year.cluster.name,
        year=cluster_year.year,
        ranking=ranking,
        awards=awards,
        next_head=summary.next_head.name if summary.next_known and summary.next_head else "",
        next_deputies=[u.name for u in summary.next_deputies or []] if summary.next_known else [],
        pact_signed=summary.pact_signed,
        published_at=published.published_at,
    )


# ---- exemplary models ------------------------------------------------------------------------------------


def published_models(organizer: Organizer) -> QuerySet[ExemplaryModel]:
    return ExemplaryModel.objects.filter(
        organizer=organizer, state=ExemplaryModel.State.PUBLISHED
    ).select_related("movement", "proposed_by")


def models_listed(
    organizer: Organizer, *, movement: int | None, year: int | None
) -> QuerySet[ExemplaryModel]:
    """The public list of models (the page's and the public API's): by movement and year, featured first."""
    rows = published_models(organizer)
    if movement is not None:
        rows = rows.filter(movement_id=movement)
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("-featured", "movement__name", "-year", "name", "id")


def paragraphs(model: ExemplaryModel) -> list[str]:
    """The model's story as the public page shows it: one paragraph per blank-line-separated block."""
    return [p.strip() for p in model.story.split("\n\n") if p.strip()]


def movements_with_models(organizer: Organizer) -> QuerySet[Movement]:
    return Movement.objects.filter(
        exemplary_models__organizer=organizer,
        exemplary_models__state=ExemplaryModel.State.PUBLISHED,
    ).distinct()


def awards_of_model(model: ExemplaryModel) -> list[Entry]:
    """The model's awards on record: the person's or the collective's, newest first."""
    subject = Q(person_id=model.person_id) if model.person_id else Q(unit_id=model.unit_id)
    rows = (
        Awardee.objects.filter(subject, decision__organizer_id=model.organizer_id)
        .select_related(*ENTRY_RELATED)
        .order_by("-year", "-id")
    )
    return [entry_of(row) for row in rows[:50]]
