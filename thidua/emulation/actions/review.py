"""The only way to change a review: cast a ballot, conclude, record next year's leadership.

Each change runs in one transaction and writes its audit row (STYLE.md 2). Casting writes no audit row
and no timestamp: a ballot must not be traceable to when, or by whom, it was cast.

Two ways to conclude, never mixed up: `conclude_review` is the live one, behind the gate (the meeting's
facts, locked scores where the method or a tie-break uses them, a closed vote); `conclude_as_reported`
is for a historic year whose exchange file reports what happened, facts possibly incomplete (FORMAT.md),
used only by the importer's and the scenario runner's scripted path, and says so on the review and in its
audit row. Either freezes the proposals, the reasons and each unit's place, score and rating.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.notifications import Kind, board_of, notify, officers_of
from thidua.core import pagecache
from thidua.core.audit import Actor, record
from thidua.emulation import balloting, tally, where
from thidua.emulation.leadership import check_leadership
from thidua.emulation.models import (
    Ballot,
    ClusterYear,
    Membership,
    Method,
    NextDeputy,
    NotProposed,
    OneTimeCode,
    Proposal,
    Review,
    Standing,
)
from thidua.emulation.queries.scoring import scoring_progress
from thidua.organisations.models import Unit


def rules_of(cluster_year: ClusterYear) -> tally.Rules:
    """The year's rules; the cluster's tiers from its prefetched `award_tiers` when there are."""
    tiers = [t.code for t in cluster_year.cluster.ordered_tiers()]
    return _rules(
        tiers, cluster_year.quotas, cluster_year.min_approval, cluster_year.tie_break, cluster_year.exclusive
    )


def _rules(
    tiers: Sequence[str],
    quotas: Mapping[str, int] | None,
    min_approval: Decimal,
    tie_break: Sequence[str] | None,
    exclusive: bool,
) -> tally.Rules:
    """The rules from a year's stored settings and its cluster's tiers (highest first)."""
    quotas = quotas or {}
    return _rules_of_set(
        tuple((code, quotas.get(code)) for code in tiers),
        min_approval,
        tuple(tie_break or ("score",)),
        exclusive,
    )


@functools.lru_cache(maxsize=4096)
def _rules_of_set(
    tiers: tuple[tuple[str, int | None], ...],
    min_approval: Decimal,
    tie_break: tuple[str, ...],
    exclusive: bool,
) -> tally.Rules:
    # Built once per distinct rule set (a nation's thousands of years share a handful); Rules is frozen.
    return tally.Rules(
        tiers=tuple(tally.Tier(code, quota) for code, quota in tiers),
        min_approval=Fraction(min_approval),
        tie_break=tie_break,
        exclusive=exclusive,
    )


def members_of(cluster_year: ClusterYear) -> list[tally.Member]:
    return _members(cluster_year.memberships.select_related("unit").order_by("position", "id"))


def _members(memberships: Iterable[Membership]) -> list[tally.Member]:
    return [tally.Member(m.unit.code, m.score, m.unit.female_share) for m in memberships]


def reported_places(cluster_year: ClusterYear) -> dict[str, int]:
    return _places(cluster_year.memberships.filter(reported_place__isnull=False).select_related("unit"))


def _places(memberships: Iterable[Membership]) -> dict[str, int]:
    return {m.unit.code: m.reported_place for m in memberships if m.reported_place is not None}


def count_of(cluster_year: ClusterYear, review: Review | None) -> tally.Count | None:
    """The count from the stored ballots; None when no ballots are on record."""
    if review is None or not review.ballots_known:
        return None
    members = [m.code for m in members_of(cluster_year)]
    return counts_of({review.pk: (members, rules_of(cluster_year))})[review.pk]


def counts_of(reviews: Mapping[int, tuple[Sequence[str], tally.Rules]]) -> dict[int, tally.Count]:
    """Each review's count of its stored ballots, given its roster's codes and its rules, by review id.

    On PostgreSQL the database counts (a nation's ballots never travel to Python): the same rules as
    `tally.count_ballots`, which stays the reference, counting on SQLite and in the tests that hold the
    two to the same results. Everywhere else the ballots are read and counted by it."""
    if not reviews:
        return {}
    if connection.vendor != "postgresql":
        choices: dict[int, list[dict]] = defaultdict(list)
        ballots = Ballot.objects.filter(review_id__in=list(reviews)).order_by()
        for review_id, ballot in ballots.values_list("review_id", "choices"):
            choices[review_id].append(ballot)
        return {pk: tally.count_ballots(choices[pk], *reviews[pk]) for pk in reviews}
    tiers = [
        {"review": pk, "tier": tier.code, "quota": tier.quota, "roster": list(roster)}
        for pk, (roster, rules) in reviews.items()
        for tier in rules.tiers
    ]
    counts = {
        pk: tally.Count(0, {t.code: Counter() for t in rules.tiers}, {t.code: 0 for t in rules.tiers})
        for pk, (_, rules) in reviews.items()
    }
    cast: dict[int, int] = {}
    # (No JIT for this query, which the planner would compile for half a second: settings turn it off.)
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, {"tiers": json.dumps(tiers), "reviews": list(reviews)})
        for review_id, _year, tier, unit, number in cursor.fetchall():
            if tier is None:
                cast[review_id] = number
            elif unit is None:
                counts[review_id].void[tier] = number
            else:
                counts[review_id].votes[tier][unit] = number
    return {pk: tally.Count(cast.get(pk, 0), count.votes, count.void) for pk, count in counts.items()}


# tally.count_ballots in SQL, for each (ballot, tier) of the relation `tier` (review, year, tier, quota,
# roster): the tier's list is void when it names more units than the quota, a unit twice, or a unit not on
# the roster; a missing list is a blank, valid one. A NULL roster is not checked: `queries.results` checks
# the units that drew votes against the rosters it reads anyway (a list naming a non-member, counted, makes
# that non-member draw votes) and counts again, with their rosters, the rare reviews where one did. Rows:
# (review, year, tier, unit, votes from the valid lists), (review, year, tier, NULL, void lists). A void
# list stands as one NULL name, so one pass counts both. Every stored list is a JSON array of unit codes
# (cast_ballot is the one writer). Most lists name one or two units: their repeats are seen without
# unnesting them. Each list is read once (OFFSET 0 keeps it one column) and no scalar is a LATERAL
# function: each such call builds a row store per (ballot, tier), which cost more than the count itself
# (EXPLAIN ANALYZE).
VOTES_SQL = f"""
SELECT list.review, list.year, list.tier, unit, count(*)
FROM (
    SELECT tier.review, tier.year, tier.tier, tier.quota, tier.roster,
        coalesce(ballot.choices -> tier.tier, '[]'::jsonb) AS names
    FROM {Ballot._meta.db_table} ballot
    JOIN {{tiers}} ON tier.review = ballot.review_id
    OFFSET 0
) list
CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE
        WHEN (list.quota IS NULL OR jsonb_array_length(names) <= list.quota)
            AND (list.roster IS NULL OR names <@ list.roster)
            AND CASE jsonb_array_length(names)
                WHEN 0 THEN true
                WHEN 1 THEN true
                WHEN 2 THEN names -> 0 <> names -> 1
                ELSE (SELECT count(DISTINCT name) FROM jsonb_array_elements(names) name)
                    = jsonb_array_length(names)
            END
        THEN names
        ELSE '[null]'::jsonb
    END
) AS unit
GROUP BY 1, 2, 3, 4
"""

# Then the ballots cast in each review (blank and void ones included): (review, NULL, NULL, NULL, ballots).
_COUNT_SQL = (
    VOTES_SQL.format(
        tiers="jsonb_to_recordset(%(tiers)s::jsonb) "
        "AS tier(review bigint, year bigint, tier text, quota int, roster jsonb)"
    )
    + f"""UNION ALL
SELECT review_id, NULL, NULL, NULL, count(*) FROM {Ballot._meta.db_table} WHERE review_id = ANY(%(reviews)s)
GROUP BY 1
"""
)


def decide(cluster_year: ClusterYear, review: Review | None) -> tally.Decision:
    """What the review decides from what is on record, without storing anything."""
    outcome = review.outcome if review is not None else None
    return tally.decide(
        cluster_year.method,
        rules_of(cluster_year),
        members_of(cluster_year),
        reported_places(cluster_year),
        count_of(cluster_year, review),
        outcome,
    )


VOTING_OPEN = gettext_lazy("Voting is open: close voting on {page} before concluding the results.")
MEETING_FACTS = (
    ("date", gettext_lazy("meeting date")),
    ("place", gettext_lazy("venue")),
    ("chair", gettext_lazy("chair")),
    ("secretary", gettext_lazy("secretary")),
)


def missing_meeting_facts(review: Review | None) -> list[str]:
    """The meeting's facts a live conclusion needs and the review lacks, in Vietnamese."""
    return [str(label) for field, label in MEETING_FACTS if review is None or not getattr(review, field)]


def _voting(review: Review) -> str | None:
    """The live vote's state ("preparing", "open", "closed"), None without a meeting. Read through the
    review's own relation: the meeting app builds on this one."""
    meeting = getattr(review, "meeting", None)
    return meeting.voting if meeting is not None else None


def _score_tie_breaks(decision: tally.Decision) -> list[str]:
    """The units whose place on a tier an equal count left to the score."""
    placed = [p.unit for p in decision.proposals if p.basis.get("tie_break") == "score"]
    passed = [
        n.unit
        for n in decision.not_proposed
        if n.reason.get("kind") == "lost_tie_break" and n.reason.get("by") == "score"
    ]
    return list(dict.fromkeys(placed + passed))


def conclusion_gaps(cluster_year: ClusterYear, review: Review | None) -> list[str]:
    """What a live conclusion still needs, each naming where to supply it; empty when it may go ahead."""
    year, gaps = cluster_year.year, []
    if not cluster_year.memberships.exists():
        gaps.append(
            _("No member units yet: record them on {page}.").format(
                page=where.edit_step(year, where.STEP_ROSTER)
            )
        )
    missing = missing_meeting_facts(review)
    if missing:
        gaps.append(
            _("Not yet recorded for the review meeting: {facts}; record them on {page}.").format(
                facts=", ".join(missing), page=where.edit_step(year, where.STEP_MEETING)
            )
        )
    return gaps + _score_gaps(cluster_year, review) + _choice_gaps(cluster_year, review)


def _score_gaps(cluster_year: ClusterYear, review: Review | None) -> list[str]:
    """Locked scores, where the method ranks by them or an equal count was settled by them."""
    if scoring_progress(cluster_year).final:
        return []
    lock = _("appraise and lock the scores on {page}").format(page=where.score_page(cluster_year.year))
    if cluster_year.method == Method.SCORE:
        return [
            _("This year is reviewed by score but the scores are not locked: {action}.").format(action=lock)
        ]
    if review is not None and _voting(review) == "open":
        return []  # sealed while open: nothing is worked out from the ballots (the vote's own gap says why)
    tied = _score_tie_breaks(decide(cluster_year, review))
    if not tied:
        return []
    names = {m.unit.code: m.unit.display_name for m in cluster_year.memberships.select_related("unit")}
    return [
        _(
            "The results need the scores to place the units with equal votes ({units}) but the scores are "
            "not locked: {action}."
        ).format(units=", ".join(names.get(code, code) for code in tied), action=lock)
    ]


def _choice_gaps(cluster_year: ClusterYear, review: Review | None) -> list[str]:
    """How the meeting chose: a closed vote under the ballot method, agreed lists under acclamation."""
    year, agreed = cluster_year.year, review is not None and review.outcome is not None
    voting = _voting(review) if review is not None else None
    # Ballots on record without a live vote are a historic year's, imported from its file.
    imported = review is not None and review.ballots_known
    if cluster_year.method == Method.ACCLAMATION and not agreed:
        return [
            _("This year is reviewed by acclamation: enter the lists the meeting agreed on {page}.").format(
                page=where.edit_step(year, where.STEP_OUTCOME)
            )
        ]
    if voting == "open":
        return [VOTING_OPEN.format(page=where.chair_page(year))]
    if cluster_year.method == Method.BALLOT and not agreed and voting != "closed" and not imported:
        return [
            _(
                "This year is reviewed by secret ballot but no vote has been held: open and close voting on "
                "{page}, or record the lists the meeting agreed on {other_page}."
            ).format(page=where.chair_page(year), other_page=where.edit_step(year, where.STEP_OUTCOME))
        ]
    return []


def _freeze(cluster_year: ClusterYear, review: Review, decision: tally.Decision) -> None:
    """Replace the review's frozen rows with this decision: proposals, reasons, and every unit's standing."""
    memberships = list(cluster_year.memberships.select_related("unit").order_by("position", "id"))
    units = {u.code: u for u in cluster_year.cluster.units.all()}
    units.update({m.unit.code: m.unit for m in memberships})
    tiers = {t.code: t for t in cluster_year.cluster.award_tiers.all()}
    review.proposals.all().delete()
    review.not_proposed.all().delete()
    review.standings.all().delete()
    Proposal.objects.bulk_create(
        Proposal(
            review=review,
            tier=tiers[p.tier],
            unit=units[p.unit],
            rank=p.rank,
            grantor=tiers[p.tier].grantor,
            basis=p.basis,
        )
        for p in decision.proposals
    )
    NotProposed.objects.bulk_create(
        NotProposed(review=review, tier=tiers[n.tier], unit=units[n.unit], position=i, reason=n.reason)
        for i, n in enumerate(decision.not_proposed)
    )
    _freeze_standings(review, decision, memberships, units)


def _freeze_standings(
    review: Review, decision: tally.Decision, memberships: list[Membership], units: Mapping[str, Unit]
) -> None:
    """Every unit's place, score and rating as they stand: placed units in ranking order, then the
    members without a place in roster order."""
    rows = {m.unit.code: m for m in memberships}
    places = dict(decision.places)
    order = [code for code, _ in decision.places] + [
        m.unit.code for m in memberships if m.unit.code not in places
    ]
    Standing.objects.bulk_create(
        Standing(
            review=review,
            unit=units[code],
            position=i,
            place=places.get(code),
            score=rows[code].score if code in rows else None,
            rating=rows[code].rating if code in rows else "",
        )
        for i, code in enumerate(order)
    )


def _conclude(cluster_year: ClusterYear, review: Review, decision: tally.Decision, *, reported: bool) -> None:
    _freeze(cluster_year, review, decision)
    review.concluded_at, review.reported = timezone.now(), reported
    review.save(update_fields=["concluded_at", "reported"])


def _review_for_conclusion(cluster_year: ClusterYear) -> tuple[Review, tally.Decision]:
    review, _ = Review.objects.select_for_update().get_or_create(cluster_year=cluster_year)
    if _voting(review) == "open":
        raise ValidationError(VOTING_OPEN.format(page=where.chair_page(cluster_year.year)), code="open")
    return review, decide(cluster_year, review)


def _frozen_audit(decision: tally.Decision) -> dict[str, object]:
    return {
        "proposals": [[p.tier, p.unit, p.rank] for p in decision.proposals],
        "not_proposed": [[n.tier, n.unit] for n in decision.not_proposed],
        "places": [[code, place] for code, place in decision.places],
    }


@transaction.atomic
def conclude_review(cluster_year: ClusterYear, *, by: Actor) -> Review:
    """The live conclusion: refused, changing nothing, while `conclusion_gaps` names anything missing;
    otherwise freeze the proposals, the reasons and each unit's standing. Concluding again (after a
    reopening) freezes from the records as they then are."""
    review, decision = _review_for_conclusion(cluster_year)
    gaps = conclusion_gaps(cluster_year, review)
    if gaps:
        raise ValidationError(gaps, code="gate")
    _conclude(cluster_year, review, decision, reported=False)
    record(by, "review.conclude", review, **_frozen_audit(decision))
    members = [m.unit for m in cluster_year.memberships.select_related("unit")]
    notify(
        [*board_of(cluster_year.cluster.organizer), *officers_of(members)],
        Kind.STAGE,
        _("{cluster} concluded its review of {year}: its proposals can now go to the board.").format(
            cluster=cluster_year.cluster.name, year=cluster_year.year
        ),
        reverse("front:cluster_year", args=[cluster_year.cluster_id, cluster_year.year]),
    )
    return review


@transaction.atomic
def conclude_as_reported(cluster_year: ClusterYear, *, by: Actor, source: str) -> Review:
    """A historic year concluded as its exchange file reports it (FORMAT.md: every fact optional), for
    the importer and the scenario runner only. The live gate is not applied; the review is marked as
    reported and the audit row names the file and what the live gate would have asked for."""
    review, decision = _review_for_conclusion(cluster_year)
    gaps = conclusion_gaps(cluster_year, review)
    _conclude(cluster_year, review, decision, reported=True)
    record(
        by, "review.conclude_as_reported", review, source=source, gate_gaps=gaps, **_frozen_audit(decision)
    )
    return review


@transaction.atomic
def cast_ballot(
    review: Review, choices: Mapping[str, Sequence[str]], *, receipt: str | None = None
) -> Ballot:
    """Store one ballot as cast. Codes must exist; a ballot over a quota or naming a non-member is
    stored as cast and voided on that tier at count time, as on paper. `receipt` is the voter's random
    fingerprint for the published list of counted ballots."""
    if review.concluded_at is not None:
        raise ValidationError(_("The meeting has concluded its results; no more ballots are accepted."))
    cluster = review.cluster_year.cluster
    tiers = {t.code for t in cluster.award_tiers.all()}
    chosen = {code for names in choices.values() for code in names}
    units = set(
        Unit.objects.filter(organizer_id=cluster.organizer_id, code__in=chosen).values_list("code", flat=True)
    )
    unknown_tiers = sorted(set(choices) - tiers)
    unknown_units = sorted({code for names in choices.values() for code in names} - units)
    if unknown_tiers or unknown_units:
        named = [
            *(_("commendation form {code}").format(code=c) for c in unknown_tiers),
            *(_("unit {code}").format(code=c) for c in unknown_units),
        ]
        raise ValidationError(
            _("The ballot names codes that do not exist: {codes}").format(codes=", ".join(named))
        )
    return store_ballot(review, choices, receipt=receipt)


def store_ballot(
    review: Review,
    choices: Mapping[str, Sequence[str]],
    *,
    receipt: str | None,
    spending: OneTimeCode | None = None,
) -> Ballot:
    """The ballot's row, in the caller's transaction, its choices checked already: `cast_ballot`'s, or a
    delegate's cast (meeting.cast_with_code checks them against the meeting's forms and members), which
    gives the code it casts with (`spending`): the code is spent and the ballot stored together
    (balloting.spend), or neither when another request spent the code first (ValidationError)."""
    ballot = Ballot(review=review, choices={k: list(v) for k, v in choices.items()}, receipt=receipt)
    if spending is None:
        ballot.save(force_insert=True)
    else:
        balloting.spend(spending, storing=ballot)
    # No audit row for a ballot (secrecy), yet the pages count ballots cast: their kept parts go once the
    # ballot is committed (nobody's page shows it before: the caster's next page is the receipt).
    pagecache.changed_on_commit()
    if not review.ballots_known:
        Review.objects.filter(pk=review.pk).update(ballots_known=True)
        review.ballots_known = True
    return ballot


@transaction.atomic
def record_next_leadership(
    review: Review,
    *,
    head: Unit | None,
    deputies: Sequence[Unit] | None,
    decided_by: str,
    by: Actor,
) -> Review:
    """Next year's head and deputies as the meeting (or the organizer) decided: entered, never derived;
    the one writer of these facts. `deputies=None` means they were not recorded; an empty list means
    there are none."""
    review = Review.objects.select_for_update().select_related("cluster_year").get(pk=review.pk)
    deputies = list(dict.fromkeys(deputies)) if deputies is not None else None
    # Translators: put after "The cluster head" / "The deputies" in the messages of check_leadership.
    check_leadership(review.cluster_year, head, deputies, when=_(" next year"))
    review.next_known = True
    review.next_head = head
    review.next_deputies_known = deputies is not None
    review.next_decided_by = decided_by
    review.save(update_fields=["next_known", "next_head", "next_deputies_known", "next_decided_by"])
    review.next_deputy_links.all().delete()
    NextDeputy.objects.bulk_create(
        NextDeputy(review=review, unit=unit, position=i) for i, unit in enumerate(deputies or [])
    )
    record(
        by,
        "review.next_leadership",
        review,
        head=head.code if head else None,
        deputies=[u.code for u in deputies] if deputies is not None else None,
        decided_by=decided_by,
    )
    return review
