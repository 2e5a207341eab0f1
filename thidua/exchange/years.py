"""One year of a file written through the same actions as the web pages (STYLE.md 2), so the same checks
refuse the same mistakes and every step leaves its audit row.

Two facts only a file reports have their own small writer here: the scores of a historic year
(`_write_reported_scores`) and the review as reported (`_write_reported_review`: places, status, pact date).
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import Actor, record
from thidua.emulation.actions import setup as services
from thidua.emulation.actions.review import cast_ballot, record_next_leadership
from thidua.emulation.actions.scoring import record_reported_scores
from thidua.emulation.models import ClusterYear, Review
from thidua.exchange.data import RulesData, YearData
from thidua.organisations.models import Cluster, Unit


def write_year(
    cluster: Cluster,
    cluster_year: ClusterYear | None,
    year: YearData,
    rules: RulesData,
    units: dict[str, Unit],
    *,
    by: Actor,
) -> ClusterYear:
    """Create the year (None) or bring it in line with the file; raises the actions' ValidationError."""
    if cluster_year is None:
        cluster_year = services.create_cluster_year(cluster, year.year, by=by)
    cluster_year = services.set_rules(
        cluster_year,
        method=rules.method,
        quotas=rules.quotas,
        min_approval=rules.min_approval,
        tie_break=rules.tie_break,
        exclusive=rules.exclusive,
        by=by,
    )
    cluster_year = _set_roster_and_leadership(cluster_year, year, units, by=by)
    _write_reported_scores(cluster_year, year, units, by=by)
    facts = year.review
    review = services.set_review_facts(
        cluster_year,
        date=facts.date,
        place=facts.place or "",
        chair=facts.chair or "",
        # The exchange file has no secretary (FORMAT.md): the one on record, if any, stays.
        secretary=Review.objects.filter(cluster_year=cluster_year).values_list("secretary", flat=True).first()
        or "",
        board_representative=facts.board_representative or "",
        present=_pick(units, facts.present),
        by=by,
    )
    _cast_file_ballots(review, year)
    outcome = None
    if year.outcome is not None:
        outcome = {tier: [units[code] for code in codes] for tier, codes in year.outcome.items()}
    services.set_outcome(cluster_year, outcome=outcome, unnamed=year.unnamed, by=by)
    if year.next is not None:
        record_next_leadership(
            review,
            head=units[year.next.head] if year.next.head else None,
            deputies=_pick(units, year.next.deputies),
            decided_by=year.next.decided_by or "",
            by=by,
        )
    _write_reported_review(cluster_year, year, by=by)
    return cluster_year


def _pick(units: dict[str, Unit], codes: Iterable[str] | None) -> list[Unit] | None:
    return [units[code] for code in codes] if codes is not None else None


def _set_roster_and_leadership(
    cluster_year: ClusterYear, year: YearData, units: dict[str, Unit], *, by: Actor
) -> ClusterYear:
    # A roster may not drop a sitting head or deputy (set_roster's rule): one the file leaves out is stood
    # down first, as a person would do on the year's pages.
    leaders = [u for u in [cluster_year.head, *cluster_year.deputy_units()] if u is not None]
    if any(unit.code not in year.members for unit in leaders):
        services.set_leadership(cluster_year, head=None, deputies=None, host=cluster_year.host, by=by)
    services.set_roster(cluster_year, [units[code] for code in year.members], by=by)
    return services.set_leadership(
        cluster_year,
        head=units[year.head] if year.head else None,
        deputies=_pick(units, year.deputies),
        host=units[year.host] if year.host else None,
        by=by,
    )


def _write_reported_scores(
    cluster_year: ClusterYear, year: YearData, units: dict[str, Unit], *, by: Actor
) -> None:
    """The ratings the file reports for every member (one it gives none has none), and its appraised totals
    through the one writer of a historic year's scores (a year scored on its own table keeps its lock's)."""
    members = [units[code] for code in year.members]
    services.set_ratings(cluster_year, {unit: year.ratings.get(unit.code, "") for unit in members}, by=by)
    if year.scores:
        scores = {unit: year.scores.get(unit.code) for unit in members}
        record_reported_scores(cluster_year, scores, by=by, source="exchange file")


def _cast_file_ballots(review: Review, year: YearData) -> None:
    """The file's ballots, cast as delegates cast theirs. Ballots already on record stay: the year was
    judged before writing (history.judge_years) and a file whose ballots differ from them is refused."""
    if year.ballots is None or review.ballots_known:
        return
    # Secrecy (STYLE.md 7): the file's order of ballots is not kept.
    ballots = [{tier: list(codes) for tier, codes in choices.items()} for choices in year.ballots]
    random.SystemRandom().shuffle(ballots)
    for choices in ballots:
        cast_ballot(review, choices)


@transaction.atomic
def _write_reported_review(cluster_year: ClusterYear, year: YearData, *, by: Actor) -> Review:
    """What the file reports about the review beyond the meeting's own acts: the places as published, what
    the lists are (proposed, approved, awarded), next year's pact date, and ballots known to be none."""
    review = Review.objects.select_for_update().get(cluster_year=cluster_year)
    if review.concluded_at is not None:
        raise ValidationError(services.LOCKED.format(year=cluster_year.year), code="concluded")
    if year.status not in Review.Status.values:
        raise ValidationError(
            _("Invalid status of the result: {status}.").format(status=year.status), code="status"
        )
    places = {code: place for place, code in enumerate(year.ranking, start=1)}
    for membership in cluster_year.memberships.select_related("unit"):
        place = places.get(membership.unit.code)
        if membership.reported_place != place:
            membership.reported_place = place
            membership.save(update_fields=["reported_place"])
    review.status, review.pact_signed = year.status, year.pact_signed
    review.ballots_known = review.ballots_known or year.ballots is not None
    review.save(update_fields=["status", "pact_signed", "ballots_known"])
    record(
        by,
        "review.reported",
        review,
        ranking=list(year.ranking),
        status=year.status,
        pact_signed=year.pact_signed.isoformat() if year.pact_signed else None,
    )
    return review
