"""Who sees what in the registry, written once as querysets (as thidua/accounts/rules.py does for clusters).

- Board staff of an organizer: every person, unit and award of that organizer.
- A unit's officer: the unit itself (with its predecessors' awards on its page) and its sub-units (phòng,
  ban, đơn vị trực thuộc), their people (anyone with a posting there) and their awards.
- Superusers: everything. Anyone else: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from thidua.accounts.models import Role
from thidua.accounts.roles import board_organizers
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.registry.models import Awardee, AwardProposal, Decision, Person
from thidua.registry.setup_queries import accounts_of


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _board_organizers(user: Any) -> QuerySet[Role, Any]:
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.BOARD).values("organizer_id")


def _officer_units(user: Any) -> QuerySet[Role, Any]:
    return Role.objects.filter(user_id=user.pk, kind=Role.Kind.UNIT_OFFICER).values("unit_id")


def _officer_scope(user: Any) -> QuerySet[Unit, Any]:
    """The officer's units and their sub-units: what the officer sees and enters for."""
    own = _officer_units(user)
    return Unit.objects.filter(Q(pk__in=own) | Q(parent_id__in=own)).values("pk")


def is_board(user: Any) -> bool:
    """Board staff (or a superuser): may see the statistics of a whole organizer."""
    return _active(user) and (user.is_superuser or _board_organizers(user).exists())


def visible_units(user: Any) -> QuerySet[Unit]:
    if not _active(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(Q(organizer_id__in=_board_organizers(user)) | Q(pk__in=_officer_scope(user)))


def visible_persons(user: Any) -> QuerySet[Person]:
    if not _active(user):
        return Person.objects.none()
    if user.is_superuser:
        return Person.objects.all()
    return Person.objects.filter(
        Q(organizer_id__in=_board_organizers(user)) | Q(postings__unit_id__in=_officer_scope(user))
    ).distinct()


def _about_units(units: QuerySet[Any, Any]) -> Q:
    """Rows (awards, proposals) about one of `units` or about anyone who worked there."""
    people = Person.objects.filter(postings__unit_id__in=units).values("pk")
    return Q(unit_id__in=units) | Q(person_id__in=people)


def _awardee_roles(user: Any) -> tuple[list[int], bool]:
    """The organizers whose board the user sits on, and whether the user is also some unit's officer."""
    roles = list(
        Role.objects.filter(user_id=user.pk, kind__in=[Role.Kind.BOARD, Role.Kind.UNIT_OFFICER])
        .order_by()
        .values_list("kind", "organizer_id")
    )
    organizers = sorted({organizer for kind, organizer in roles if kind == Role.Kind.BOARD})
    return organizers, any(kind == Role.Kind.UNIT_OFFICER for kind, _ in roles)


def visible_awardees(user: Any) -> QuerySet[Awardee]:
    if not _active(user):
        return Awardee.objects.none()
    if user.is_superuser:
        return Awardee.objects.all()
    return _visible_awardees(user, *_awardee_roles(user))


def _visible_awardees(user: Any, organizers: list[int], officer: bool) -> QuerySet[Awardee]:
    if not officer:
        # A board's officer and no unit's (the common case): the organizers as a list of ids, so that the
        # database joins each award's decision by its key. The general OR below, with its subqueries, made
        # PostgreSQL check every decision against every award read: a province board's first page of a
        # nation's 2.5M awards took 65 s (issue 13).
        return Awardee.objects.filter(decision__organizer_id__in=organizers)
    units = _officer_scope(user)
    return Awardee.objects.filter(
        Q(decision__organizer_id__in=_board_organizers(user))
        | Q(person_unit_id__in=units)
        | _about_units(units)
    )


@dataclass(frozen=True)
class AwardeeScope:
    """What a user may see of the registry, as search_awards takes it (its `within`, `organizers` and
    `officer_units`)."""

    awardees: QuerySet[Awardee]
    # The organizers whose decisions hold every award the user may see, when that is so (a board officer
    # and no unit's officer: a unit's people may be awarded by another organizer): the search reads only
    # these organizers' words.
    organizers: list[int] | None = None
    # The units (the officer's own and their sub-units) whose awards and people's awards are all the user
    # may see, when that is so (a unit's officer on no board): a unit's share of a nation's awards is tiny,
    # so the search reads them off the unit and person indexes first instead of walking a word's awards
    # across the nation.
    units: list[int] | None = None


def awardee_scope(user: Any) -> AwardeeScope:
    """The user's scope in the registry for a search, from one read of the user's roles: each search
    (the page, the API) read the same roles three times, two round trips more on every search."""
    if not _active(user):
        return AwardeeScope(Awardee.objects.none())
    if user.is_superuser:
        return AwardeeScope(Awardee.objects.all())
    organizers, officer = _awardee_roles(user)
    awardees = _visible_awardees(user, organizers, officer)
    if not officer:
        return AwardeeScope(awardees, organizers=organizers or None)
    if organizers:
        return AwardeeScope(awardees)
    return AwardeeScope(awardees, units=sorted(_officer_scope(user).values_list("pk", flat=True)))


# ---- the board's workflow: proposals, decisions, quotas ------------------------------------------------
#
# - Board staff of an organizer (and superusers) act on every proposal and decision of that organizer.
# - A unit's officer drafts and submits its unit's own proposals (for the unit, a sub-unit or its people)
#   and sees the state of every proposal about the unit or its people; decisions are not theirs to open.


def officer_units(user: Any) -> QuerySet[Unit]:
    """The units whose officer the user is: the units that may draft proposals."""
    if not _active(user):
        return Unit.objects.none()
    return Unit.objects.filter(pk__in=_officer_units(user))


def visible_proposals(user: Any) -> QuerySet[AwardProposal]:
    if not _active(user):
        return AwardProposal.objects.none()
    if user.is_superuser:
        return AwardProposal.objects.all()
    units = _officer_scope(user)
    return AwardProposal.objects.filter(
        Q(organizer_id__in=_board_organizers(user)) | Q(proposed_by_id__in=units) | _about_units(units)
    )


def can_run(user: Any, proposal: AwardProposal) -> bool:
    """The board's acts on a proposal: return, accept, send to council, refuse, decide."""
    return board_organizers(user).filter(pk=proposal.organizer_id).exists()


def can_draft(user: Any, proposal: AwardProposal) -> bool:
    """Completing the dossier, checking and submitting: the board, or the officer of the proposing unit
    for the unit's own proposals (a cluster's proposals are the cluster's and the board's)."""
    if can_run(user, proposal):
        return True
    return (
        proposal.source == AwardProposal.Source.UNIT
        and proposal.proposed_by_id is not None
        and officer_units(user).filter(pk=proposal.proposed_by_id).exists()
    )


def visible_decisions(user: Any) -> QuerySet[Decision]:
    return Decision.objects.filter(organizer__in=board_organizers(user))


# ---- the board's set-up: its units, clusters and officers' accounts ---------------------------------
#
# Only the board of the organizer (and superusers) reaches these pages; anyone else gets 404, a cluster
# head and a unit officer included.


def get_setup_organizer_for_user(user: Any, organizer_id: int) -> Organizer:
    return get_object_or_404(board_organizers(user), pk=organizer_id)


def get_setup_unit_for_user(user: Any, unit_id: int) -> Unit:
    units = Unit.objects.filter(organizer__in=board_organizers(user)).select_related("organizer", "parent")
    return get_object_or_404(units, pk=unit_id)


def get_setup_cluster_for_user(user: Any, cluster_id: int) -> Cluster:
    clusters = Cluster.objects.filter(organizer__in=board_organizers(user)).select_related("organizer")
    return get_object_or_404(clusters, pk=cluster_id)


def get_setup_account_for_user(user: Any, organizer: Organizer, account_id: int) -> Any:
    """An account with a role inside `organizer` (whose board the user serves on), else 404."""
    return get_object_or_404(accounts_of(organizer), pk=account_id)


def get_setup_role_for_user(user: Any, organizer: Organizer, role_id: int) -> Role:
    role = get_object_or_404(Role.objects.select_related("user"), pk=role_id)
    account = get_object_or_404(accounts_of(organizer), pk=role.user_id)
    if not any(inside.pk == role.pk for inside in account.inside_roles):
        raise Http404
    return role
