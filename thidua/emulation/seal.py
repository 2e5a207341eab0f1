"""Sealed while open (DESIGN.md): while a secret vote is under way nothing computed from its ballots shows
anywhere (no count, tally, ranking, preview of proposals, nor who has voted), on any page, in the API, the
admin, the documents or the exchange file. This is the one predicate they all ask.

Which states seal a vote is data declared by the vote itself (`sealed_states` on the cluster meeting and the
council sitting, thidua.emulation.models, which builds on this app and is not imported here): a meeting is
sealed while open, so a year whose ballots were imported (no meeting, or one never opened) stays history in
plain view; a secret council sitting is sealed until it is closed; an open sitting votes by name, in public.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from thidua.emulation.models import Ballot, ClusterYear, Review

SEALED = gettext_lazy(
    "A secret ballot is under way: this year's vote counts, tally, ranking, proposals and documents are "
    "sealed until the chair closes voting on the “Review meeting” page."
)
COUNCIL_SEALED = gettext_lazy(
    "The council votes by secret ballot: the votes for and against, the results and the minutes are sealed "
    "until voting is closed on the council sitting's page."
)


class Vote(Protocol):
    """A cluster meeting or a council sitting."""

    @property
    def voting(self) -> str: ...

    @property
    def sealed_states(self) -> frozenset[str]: ...


def ballots_sealed(vote: Vote | None) -> bool:
    """Whether the vote's ballots, and everything computed from them, are hidden now."""
    return vote is not None and vote.voting in vote.sealed_states


def review_sealed(review: Review | None) -> bool:
    """A year's review is sealed while its meeting is; a review without a meeting never is."""
    return review is not None and ballots_sealed(getattr(review, "meeting", None))


def year_sealed(cluster_year: ClusterYear) -> bool:
    review = Review.objects.select_related("meeting").filter(cluster_year=cluster_year).first()
    return review_sealed(review)


def check_year_unsealed(cluster_year: ClusterYear) -> None:
    """Refuse (ValidationError, code "sealed") to give out what a sealed year's ballots would tell."""
    if year_sealed(cluster_year):
        raise ValidationError(SEALED, code="sealed")


def unsealed_ballots(ballots: QuerySet[Ballot]) -> QuerySet[Ballot]:
    """The ballots whose meeting is not sealed, for lists of ballots (the admin). Only meetings under way
    can be sealed: few rows to ask the predicate about."""
    under_way = Review.objects.filter(meeting__isnull=False, concluded_at__isnull=True)
    sealed = [review.pk for review in under_way.select_related("meeting") if review_sealed(review)]
    return ballots.exclude(review__in=sealed)
