"""Every change to a cluster's year, step by step as the web pages enter it (STYLE.md 2).

Each function runs in one transaction, checks everything before writing, refuses bad input with a
Vietnamese `ValidationError` that names what is wrong (changing nothing), and writes one audit row.
Once the year's review is concluded its inputs are locked: `reopen_review` (with a reason) unlocks them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.notifications import Kind, notify, officers_of
from thidua.core.audit import Actor, record
from thidua.core.concurrency import refuse_if_changed

# The meeting's services call set_method here, and set_review_facts calls theirs: importing the module (not
# its names) lets either load first.
from thidua.emulation.actions import meeting as meeting_services
from thidua.emulation.leadership import check_leadership, names
from thidua.emulation.models import (
    ClusterYear,
    Deputy,
    Membership,
    Method,
    MidYearReview,
    Rating,
    Review,
    TieBreak,
)
from thidua.emulation.queries.meeting import meeting_for
from thidua.organisations.models import Cluster, Unit

LOCKED = gettext_lazy(
    "The {year} review results are concluded; reopen them (with a reason) before making changes."
)


def _locked_year(cluster_year: ClusterYear, seen: str | None = None) -> ClusterYear:
    """The year, row-locked for this transaction, refused if its review is concluded or if it changed
    since the form posting `seen` was opened (core.concurrency)."""
    locked = (
        ClusterYear.objects.select_for_update().select_related("cluster__organizer").get(pk=cluster_year.pk)
    )
    refuse_if_changed(locked, seen)
    review = Review.objects.filter(cluster_year=locked).first()
    if review is not None and review.concluded_at is not None:
        raise ValidationError(LOCKED.format(year=locked.year), code="concluded")
    return locked


def _refuse_strangers(cluster: Cluster, units: Sequence[Unit]) -> None:
    strangers = [u for u in units if u.organizer_id != cluster.organizer_id]
    if strangers:
        raise ValidationError(
            _("Units not under {organizer}: {names}.").format(
                organizer=cluster.organizer.name, names=names(strangers)
            ),
            code="stranger",
        )


def _dissolved_before(units: Sequence[Unit], year: int) -> list[Unit]:
    """The units dissolved (Unit.dissolved_on, as on record) before `year` began: they take no part in it."""
    gone = set(
        Unit.objects.filter(pk__in=[u.pk for u in units], dissolved_on__lt=date(year, 1, 1)).values_list(
            "pk", flat=True
        )
    )
    return [u for u in units if u.pk in gone]


@transaction.atomic
def create_cluster_year(cluster: Cluster, year: int, *, by: Actor) -> ClusterYear:
    """A new year, prepared from the latest earlier year: the same roster and rules; head and deputies
    only as the earlier review recorded them for this year (entered data, never derived)."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not 1945 <= year <= 2100:
        raise ValidationError(_("Invalid year: {year}.").format(year=year), code="year")
    if cluster.years.filter(year=year).exists():
        raise ValidationError(
            _("{cluster} already has the year {year}.").format(cluster=cluster.name, year=year), code="exists"
        )
    previous = cluster.years.filter(year__lt=year).order_by("-year").first()
    new = ClusterYear(cluster=cluster, year=year)
    if previous is not None:
        new.method, new.quotas, new.min_approval = (
            previous.method,
            dict(previous.quotas),
            previous.min_approval,
        )
        new.tie_break, new.exclusive = list(previous.tie_break), previous.exclusive
    # Only the year right after the review's: "next year" of 2021 is 2022, not 2023.
    following = None
    if previous is not None and previous.year == year - 1:
        following = Review.objects.filter(cluster_year=previous, next_known=True).first()
    new.head = following.next_head if following else None
    new.deputies_known = bool(following and following.next_deputies_known)
    new.save()
    # A member dissolved before the new year is not carried into it.
    carried = previous.member_units() if previous else []
    gone = {u.pk for u in _dissolved_before(carried, year)}
    Membership.objects.bulk_create(
        Membership(cluster_year=new, unit=unit, position=i)
        for i, unit in enumerate(u for u in carried if u.pk not in gone)
    )
    deputies = following.next_deputy_units() if following else []
    Deputy.objects.bulk_create(Deputy(cluster_year=new, unit=u, position=i) for i, u in enumerate(deputies))
    record(
        by,
        "cluster_year.create",
        new,
        year=year,
        copied_from=previous.year if previous else None,
        head=new.head.code if new.head else None,
        deputies=[u.code for u in deputies],
    )
    return new


@transaction.atomic
def set_roster(
    cluster_year: ClusterYear, units: Sequence[Unit], *, by: Actor, seen: str | None = None
) -> ClusterYear:
    """The year's members, in the given order; scores of members who stay are kept."""
    cluster_year = _locked_year(cluster_year, seen)
    units = list(dict.fromkeys(units))
    if not units:
        raise ValidationError(_("The list of member units cannot be empty."), code="empty")
    _refuse_strangers(cluster_year.cluster, units)
    gone = _dissolved_before(units, cluster_year.year)
    if gone:
        raise ValidationError(
            _("Units dissolved before {year}: {names}.").format(year=cluster_year.year, names=names(gone)),
            code="dissolved",
        )
    chosen = {u.pk for u in units}
    leaders = [u for u in [cluster_year.head, *cluster_year.deputy_units()] if u is not None]
    dropped = [u for u in leaders if u.pk not in chosen]
    if dropped:
        raise ValidationError(
            _(
                "Units that are cluster head or deputy cannot be removed from the list: {names}. Change the "
                "cluster head and deputies first."
            ).format(names=names(dropped)),
            code="leader_dropped",
        )
    cluster_year.memberships.exclude(unit_id__in=chosen).delete()
    kept = {m.unit_id: m for m in cluster_year.memberships.all()}
    for position, unit in enumerate(units):
        row = kept.get(unit.pk) or Membership(cluster_year=cluster_year, unit=unit)
        row.position = position
        row.save()
    cluster_year.cluster.units.add(*units)
    record(by, "cluster_year.roster", cluster_year, members=[u.code for u in units])
    return cluster_year


@transaction.atomic
def set_leadership(
    cluster_year: ClusterYear,
    *,
    head: Unit | None,
    deputies: Sequence[Unit] | None,
    host: Unit | None,
    by: Actor,
    seen: str | None = None,
) -> ClusterYear:
    """Head and deputies (members of the year), and the host. `None` means not known; `deputies=[]`
    means there was no deputy."""
    cluster_year = _locked_year(cluster_year, seen)
    deputies = list(dict.fromkeys(deputies)) if deputies is not None else None
    check_leadership(cluster_year, head, deputies)
    if host is not None:
        _refuse_strangers(cluster_year.cluster, [host])
    cluster_year.head, cluster_year.host = head, host
    cluster_year.deputies_known = deputies is not None
    cluster_year.save(update_fields=["head", "host", "deputies_known"])
    cluster_year.deputy_links.all().delete()
    Deputy.objects.bulk_create(
        Deputy(cluster_year=cluster_year, unit=u, position=i) for i, u in enumerate(deputies or [])
    )
    record(
        by,
        "cluster_year.leadership",
        cluster_year,
        head=head.code if head else None,
        deputies=[u.code for u in deputies] if deputies is not None else None,
        host=host.code if host else None,
    )
    return cluster_year


def _check_method(cluster_year: ClusterYear, method: str) -> None:
    if method not in Method.values:
        raise ValidationError(_("Invalid review method: {method}.").format(method=method), code="method")
    meeting = meeting_for(cluster_year)
    if method != cluster_year.method and meeting is not None and meeting.voting != meeting.Voting.PREPARING:
        raise ValidationError(
            _("Voting has been opened; the review method can no longer be changed."), code="voting_started"
        )


def _write_method(cluster_year: ClusterYear, method: str) -> None:
    """The only place the year's method is written (set_method and set_rules, each after the checks)."""
    if method != cluster_year.method:
        cluster_year.method = method
        cluster_year.save(update_fields=["method"])


@transaction.atomic
def set_method(cluster_year: ClusterYear, method: str, *, by: Actor) -> ClusterYear:
    """How the year's review chooses (ballot, acclamation, score), as the chair's page sets it with the
    meeting's rules; the year's rules step sets it with the other rules. Fixed once voting has opened."""
    cluster_year = _locked_year(cluster_year)
    _check_method(cluster_year, method)
    before = cluster_year.method
    _write_method(cluster_year, method)
    record(by, "cluster_year.method", cluster_year, method=method, before=before)
    return cluster_year


@transaction.atomic
def set_rules(
    cluster_year: ClusterYear,
    *,
    method: str,
    quotas: Mapping[str, int],
    min_approval: Decimal,
    tie_break: Sequence[str],
    exclusive: bool,
    by: Actor,
    seen: str | None = None,
) -> ClusterYear:
    """The regulation in force for the year. A tier absent from `quotas` has no cap."""
    cluster_year = _locked_year(cluster_year, seen)
    tiers = {t.code: t for t in cluster_year.cluster.award_tiers.all()}
    _check_method(cluster_year, method)
    unknown = sorted(set(quotas) - set(tiers))
    if unknown:
        raise ValidationError(
            _("Commendation forms not in the cluster: {codes}.").format(codes=", ".join(unknown)), code="tier"
        )
    for code, quota in quotas.items():
        if quota < 0:
            raise ValidationError(
                _("The maximum number for “{tier}” cannot be negative: {quota}.").format(
                    tier=tiers[code].name, quota=quota
                ),
                code="negative_quota",
            )
    if not Decimal(0) <= min_approval <= Decimal(1):
        shown = str(min_approval).replace(".", ",")
        raise ValidationError(
            _(
                "The minimum share of votes must be between 0 and 1 (for example 0.5 is half of the votes); "
                "{value} was entered."
            ).format(value=shown),
            code="min_approval",
        )
    tie_break = list(tie_break)
    if len(set(tie_break)) != len(tie_break) or not set(tie_break) <= set(TieBreak.values):
        raise ValidationError(_("Invalid tie-break order (each criterion once)."), code="tie")
    _write_method(cluster_year, method)
    cluster_year.quotas = {code: quotas[code] for code in tiers if code in quotas}
    cluster_year.min_approval, cluster_year.tie_break, cluster_year.exclusive = (
        min_approval,
        tie_break,
        exclusive,
    )
    cluster_year.save(update_fields=["quotas", "min_approval", "tie_break", "exclusive"])
    record(
        by,
        "cluster_year.rules",
        cluster_year,
        method=method,
        quotas=cluster_year.quotas,
        min_approval=str(min_approval),
        tie_break=tie_break,
        exclusive=exclusive,
    )
    return cluster_year


@transaction.atomic
def set_ratings(
    cluster_year: ClusterYear, ratings: Mapping[Unit, str], *, by: Actor, seen: str | None = None
) -> ClusterYear:
    """Members' ratings ("": not known); a member absent from `ratings` is left as it is. Scores are not
    written here: they come from the score table's lock (scoring.services.lock) alone."""
    cluster_year = _locked_year(cluster_year, seen)
    rows = {m.unit_id: m for m in cluster_year.memberships.select_related("unit")}
    strangers = [unit for unit in ratings if unit.pk not in rows]
    if strangers:
        raise ValidationError(
            _("Not member units: {names}.").format(names=names(strangers)), code="not_member"
        )
    wrong = [rating for rating in ratings.values() if rating and rating not in Rating.values]
    if wrong:
        raise ValidationError(_("Invalid rating: {ratings}.").format(ratings=", ".join(wrong)), code="rating")
    for unit, rating in ratings.items():
        row = rows[unit.pk]
        row.rating = rating
        row.save(update_fields=["rating"])
    record(by, "cluster_year.ratings", cluster_year, ratings={u.code: r for u, r in ratings.items()})
    return cluster_year


def _review(cluster_year: ClusterYear) -> Review:
    review, _ = Review.objects.select_for_update().get_or_create(cluster_year=cluster_year)
    return review


@transaction.atomic
def set_review_facts(
    cluster_year: ClusterYear,
    *,
    date: date | None,
    place: str,
    chair: str,
    secretary: str,
    board_representative: str,
    present: Sequence[Unit] | None,
    by: Actor,
) -> Review:
    """The meeting's date, place, chair, secretary and board representative; the units present (None:
    not recorded) go through the meeting's own attendance rule."""
    cluster_year = _locked_year(cluster_year)
    review = _review(cluster_year)
    if date is not None and date.year < cluster_year.year:
        raise ValidationError(
            _("The meeting date {date} is before the emulation year {year}.").format(
                date=f"{date:%d/%m/%Y}", year=cluster_year.year
            ),
            code="date_before_year",
        )
    before = (review.date, review.place)
    review.date, review.place, review.chair = date, place.strip(), chair.strip()
    review.secretary, review.board_representative = secretary.strip(), board_representative.strip()
    review.save(update_fields=["date", "place", "chair", "secretary", "board_representative"])
    if present is not None:
        meeting = meeting_for(cluster_year) or meeting_services.prepare_meeting(cluster_year, by=by)
        meeting_services.record_attendance(meeting, present, by=by)
    record(
        by,
        "review.facts",
        review,
        date=date.isoformat() if date else None,
        place=review.place,
        chair=review.chair,
        secretary=review.secretary,
        board_representative=review.board_representative,
        present=sorted(u.code for u in present) if present is not None else None,
    )
    # A meeting recorded after the fact (a past year's records) is no news to anyone.
    upcoming = review.date is not None and review.date >= timezone.localdate()
    if upcoming and (review.date, review.place) != before:
        _notify_meeting_set(cluster_year, review)
    return review


def _notify_meeting_set(cluster_year: ClusterYear, review: Review) -> None:
    """The meeting set (or moved): every member unit's officer is told its date and place, by mail after
    commit; saving the same date and place again tells nobody twice (the key)."""
    assert review.date is not None
    members = [m.unit for m in cluster_year.memberships.select_related("unit")]
    text = _("{cluster} set its review meeting of {year}: on {date} at {place}.").format(
        cluster=cluster_year.cluster.name,
        year=cluster_year.year,
        date=f"{review.date:%d/%m/%Y}",
        place=review.place or _("a place still to be announced"),
    )
    digest = hashlib.sha256(f"{review.date}|{review.place}".encode()).hexdigest()[:16]
    url = reverse("front:cluster_year", args=[cluster_year.cluster_id, cluster_year.year])
    notify(officers_of(members), Kind.STAGE, text, url, key=f"meeting-set:{review.pk}:{digest}")


@transaction.atomic
def set_outcome(
    cluster_year: ClusterYear,
    *,
    outcome: Mapping[str, Sequence[Unit]] | None,
    unnamed: Mapping[str, int],
    by: Actor,
) -> Review:
    """The lists agreed per tier, in rank order (acclamation, or counts not published); `None` means
    the choice comes from the ballots or the scores. `unnamed`: proposals reported only as a number."""
    cluster_year = _locked_year(cluster_year)
    review = _review(cluster_year)
    tiers = {t.code: t for t in cluster_year.cluster.award_tiers.all()}
    members = {u.pk for u in cluster_year.member_units()}
    unknown = sorted((set(outcome or {}) | set(unnamed)) - set(tiers))
    if unknown:
        raise ValidationError(
            _("Commendation forms not in the cluster: {codes}.").format(codes=", ".join(unknown)), code="tier"
        )
    for code, units in (outcome or {}).items():
        strangers = [u for u in units if u.pk not in members]
        if strangers:
            raise ValidationError(
                _("“{tier}”: not member units: {names}.").format(
                    tier=tiers[code].name, names=names(strangers)
                ),
                code="not_member",
            )
        if len({u.pk for u in units}) != len(units):
            raise ValidationError(
                _("“{tier}”: a unit is listed twice.").format(tier=tiers[code].name), code="twice"
            )
    for code, count in unnamed.items():
        if count < 0:
            raise ValidationError(
                _("“{tier}”: the number of unnamed units cannot be negative.").format(tier=tiers[code].name),
                code="neg",
            )
    review.outcome = (
        {code: [u.code for u in outcome[code]] for code in tiers if code in outcome}
        if outcome is not None
        else None
    )
    review.unnamed = {code: unnamed[code] for code in tiers if unnamed.get(code)}
    review.save(update_fields=["outcome", "unnamed"])
    record(by, "review.outcome", review, outcome=review.outcome, unnamed=review.unnamed)
    return review


@transaction.atomic
def reopen_review(cluster_year: ClusterYear, *, reason: str, by: Actor) -> Review:
    """Unlock a concluded review for correction; the frozen proposals stay until it is concluded again."""
    review = Review.objects.select_for_update().filter(cluster_year=cluster_year).first()
    if review is None or review.concluded_at is None:
        raise ValidationError(
            _("The review results are not concluded; there is nothing to reopen."), code="not_concluded"
        )
    if not reason.strip():
        raise ValidationError(_("A reason for reopening the review results is required."), code="reason")
    concluded_at = review.concluded_at
    review.concluded_at, review.reported = None, False
    review.save(update_fields=["concluded_at", "reported"])
    record(by, "review.reopen", review, reason=reason.strip(), concluded_at=concluded_at.isoformat())
    return review


@transaction.atomic
def set_mid_year_review(
    cluster_year: ClusterYear,
    *,
    date: date,
    place: str,
    chair: str,
    summary: str,
    tasks: str,
    by: Actor,
) -> MidYearReview:
    """Record (or correct) the optional mid-year review: held within the emulation year, with what the first
    months achieved written down."""
    cluster_year = _locked_year(cluster_year)
    errors: dict[str, list[str]] = {}
    if date.year != cluster_year.year:
        errors["date"] = [
            _("The mid-year review of {year} is held within {year}, not on {date}.").format(
                year=cluster_year.year, date=f"{date:%d/%m/%Y}"
            )
        ]
    if not summary.strip():
        errors["summary"] = [_("Write what the first six months achieved.")]
    if errors:
        raise ValidationError(errors)
    review, created = MidYearReview.objects.update_or_create(
        cluster_year=cluster_year,
        defaults={
            "date": date,
            "place": place.strip(),
            "chair": chair.strip(),
            "summary": summary.strip(),
            "tasks": tasks.strip(),
        },
    )
    record(
        by,
        "year.mid_year_review" if created else "year.mid_year_review_corrected",
        review,
        date=date.isoformat(),
        place=review.place,
        chair=review.chair,
    )
    return review
