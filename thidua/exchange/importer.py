"""Write a checked exchange file into the database, all or nothing.

Units and award tiers belong to the organizer and are shared by its clusters: a file updates what it
states about them and leaves alone what it does not state (an absent key is "not known", not "erase").
The cluster's years are the file's own: with `replace`, they are rewritten from the file.
"""

from __future__ import annotations

import random

from django.db import transaction

from thidua.core.audit import Actor, record
from thidua.emulation.models import ClusterYear, Deputy, Membership
from thidua.exchange.data import AwardData, ExchangeData, OrganizerData, UnitData, YearData
from thidua.exchange.errors import ExchangeError, ExchangeFileInvalid
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit, UnitEvent
from thidua.review.models import Ballot, NextDeputy, Review


def import_exchange(data: ExchangeData, *, by: Actor, replace: bool = False) -> Cluster:
    """Import `data`; refuse (ExchangeFileInvalid) a cluster already on record unless `replace`."""
    with transaction.atomic():
        existing = (
            Cluster.objects.select_for_update()
            .filter(organizer__name=data.organizer.name, code=data.cluster.code)
            .first()
        )
        if existing is not None and not replace:
            raise ExchangeFileInvalid([_already_there(data)])
        organizer = _organizer(data.organizer)
        tiers = _tiers(organizer, data.awards)
        units = _units(organizer, data.units)
        cluster = existing or Cluster(organizer=organizer, code=data.cluster.code)
        cluster.kind = data.cluster.kind
        cluster.name = data.cluster.name
        cluster.source = data.source or ""
        cluster.save()
        cluster.award_tiers.set(tiers.values())
        _link_units(cluster, list(units.values()))
        # Years the file no longer has go; the others are rewritten in place (roles scoped to them stay).
        cluster.years.exclude(year__in=[year.year for year in data.years]).delete()
        for year in data.years:
            _year(cluster, data, year, units)
        record(
            by,
            "exchange.import",
            cluster,
            file=data.file,
            years=[year.year for year in data.years],
            replaced=existing is not None,
        )
    return cluster


def _already_there(data: ExchangeData) -> ExchangeError:
    code, organizer = data.cluster.code, data.organizer.name
    return ExchangeError(
        data.file,
        None,
        f"cụm, khối «{code}» của «{organizer}» đã có trong cơ sở dữ liệu; "
        "dùng --replace để thay dữ liệu các năm của cụm bằng nội dung tệp",
        f"cluster '{code}' of '{organizer}' already exists; --replace replaces its years with the file's",
    )


def _organizer(data: OrganizerData) -> Organizer:
    organizer, _ = Organizer.objects.get_or_create(name=data.name)
    for field, value in (
        ("short_name", data.short),
        ("province", data.province),
        ("standing_body", data.standing_body),
    ):
        if value is not None:
            setattr(organizer, field, value)
    organizer.save()
    return organizer


def _tiers(organizer: Organizer, awards: tuple[AwardData, ...]) -> dict[str, AwardTier]:
    tiers = {}
    for position, award in enumerate(awards):
        tiers[award.code], _ = AwardTier.objects.update_or_create(
            organizer=organizer,
            code=award.code,
            defaults={
                "name": award.name,
                "grantor": award.grantor,
                "subject": award.subject,
                "catalog": award.catalog or "",  # absent: outside the state catalogue (FORMAT.md)
                "position": position,
            },
        )
    return tiers


def _units(organizer: Organizer, data: tuple[UnitData, ...]) -> dict[str, Unit]:
    units = {}
    for item in data:
        unit = Unit.objects.filter(organizer=organizer, code=item.code).first() or Unit(
            organizer=organizer, code=item.code
        )
        unit.name = item.name
        if item.short is not None:
            unit.short_name = item.short
        if item.female_share is not None:
            unit.female_share = item.female_share
        unit.save()
        units[item.code] = unit
    # Lineage after every unit exists: an event may point at a unit listed further down.
    for item in data:
        if item.events is None:
            continue
        unit = units[item.code]
        unit.events.all().delete()
        UnitEvent.objects.bulk_create(
            UnitEvent(unit=unit, kind=event.kind, other=units[event.other], date=event.date)
            for event in item.events
        )
    return units


def _link_units(cluster: Cluster, units: list[Unit]) -> None:
    """Link in file order (the export lists units in the order of these rows)."""
    link = Cluster.units.through
    link.objects.filter(cluster=cluster).delete()
    link.objects.bulk_create(link(cluster=cluster, unit=unit) for unit in units)


def _year(cluster: Cluster, data: ExchangeData, year: YearData, units: dict[str, Unit]) -> None:
    rules = data.cluster.rules
    cluster_year, _ = ClusterYear.objects.update_or_create(
        cluster=cluster,
        year=year.year,
        defaults={
            "method": rules.method,
            "quotas": dict(rules.quotas),
            "min_approval": rules.min_approval,
            "tie_break": list(rules.tie_break),
            "exclusive": rules.exclusive,
            "head": units[year.head] if year.head else None,
            "deputies_known": year.deputies is not None,
            "host": units[year.host] if year.host else None,
        },
    )
    cluster_year.memberships.all().delete()
    cluster_year.deputy_links.all().delete()
    Review.objects.filter(cluster_year=cluster_year).delete()

    places = {code: index + 1 for index, code in enumerate(year.ranking)}
    Membership.objects.bulk_create(
        Membership(
            cluster_year=cluster_year,
            unit=units[code],
            position=position,
            score=year.scores.get(code),
            rating=year.ratings.get(code, ""),
            reported_place=places.get(code),
        )
        for position, code in enumerate(year.members)
    )
    Deputy.objects.bulk_create(
        Deputy(cluster_year=cluster_year, unit=units[code], position=position)
        for position, code in enumerate(year.deputies or ())
    )
    _review(cluster_year, year, units)


def _review(cluster_year: ClusterYear, year: YearData, units: dict[str, Unit]) -> Review:
    following = year.next
    review = Review.objects.create(
        cluster_year=cluster_year,
        date=year.review.date,
        place=year.review.place or "",
        chair=year.review.chair or "",
        board_representative=year.review.board_representative or "",
        present_known=year.review.present is not None,
        ballots_known=year.ballots is not None,
        outcome={tier: list(codes) for tier, codes in year.outcome.items()}
        if year.outcome is not None
        else None,
        unnamed=dict(year.unnamed),
        status=year.status,
        next_known=following is not None,
        next_head=units[following.head] if following and following.head else None,
        next_deputies_known=following is not None and following.deputies is not None,
        next_decided_by=(following.decided_by or "") if following else "",
        pact_signed=year.pact_signed,
    )
    review.present.set([units[code] for code in year.review.present or ()])
    NextDeputy.objects.bulk_create(
        NextDeputy(review=review, unit=units[code], position=position)
        for position, code in enumerate((following.deputies if following else None) or ())
    )
    # Secrecy (STYLE.md 7): the file's order of ballots is not kept, and a row holds only its choices.
    ballots = [{tier: list(codes) for tier, codes in choices.items()} for choices in year.ballots or ()]
    random.SystemRandom().shuffle(ballots)
    Ballot.objects.bulk_create(Ballot(review=review, choices=choices) for choices in ballots)
    return review
