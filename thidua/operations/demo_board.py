"""The board's side of `thidua demo`'s past years, through the registry's actions only: each year's
proposals from the concluded reviews received, checked against the law, sent to one council sitting and
decided (one decision per award), and the units' own records (their yearly facts, their people and the titles
they gave them). A year whose proposals are already decided is left as it is: run twice, the same rows.
"""

from __future__ import annotations

import datetime as dt
import random

from thidua.awards.catalogue import ANY_AWARD, COUNCIL_SHARE
from thidua.awards.conditions import CSTDCS, LDTT
from thidua.core.audit import Actor
from thidua.emulation.models import Membership, Review
from thidua.operations import demo_names as names
from thidua.organisations.models import Organizer, Unit, UnitEvent
from thidua.registry.actions import council as sitting
from thidua.registry.actions import entry
from thidua.registry.actions import proposals as services
from thidua.registry.actions.movements import launch_movement
from thidua.registry.models import AwardProposal, Movement, Person, PersonYear, ProvinceRule, TrackQuota
from thidua.registry.province_rules import add_province_rule

State = AwardProposal.State
PEOPLE_PER_UNIT = 3
# The awards the seed cluster's units propose for their people of the year with a CSTĐCS title: the
# chairman's certificate of merit, and for one unit in four the provincial emulation fighter.
PERSON_AWARD, FIGHTER_AWARD, FIGHTER_EVERY = "bang-khen-chu-tich-tinh", "chien-si-thi-dua-tinh", 4
TRACK_QUOTAS = {"movement": 2, "unit": 10}  # the year's Bằng khen within the movement, and from units
# Collective titles a unit gives itself in the registry, by its rating in the cluster.
UNIT_TITLES = {"xuat-sac": ["tap-the-lao-dong-xuat-sac"], "tot": ["tap-the-lao-dong-tien-tien"]}


def past_years(organizer: Organizer, years: range, *, by: Actor) -> None:
    _council_rule(organizer, by=by)
    for year in years:
        _follow_mergers(organizer, year, by=by)
        _unit_years(organizer, year, by=by)
        _people(organizer, year, by=by)
        if not AwardProposal.objects.filter(organizer=organizer, year=year, state=State.DECIDED).exists():
            decide_year(organizer, year, by=by)


def _follow_mergers(organizer: Organizer, year: int, *, by: Actor) -> None:
    """The people of a unit merged in `year` go on working in the unit it merged into, from the merger's day
    (Sở Kế hoạch và Đầu tư's staff in Sở Tài chính from 01/03/2025): a new posting, the old one ended."""
    mergers = UnitEvent.objects.filter(
        unit__organizer=organizer, kind=UnitEvent.Kind.MERGED_INTO, date__year=year
    ).select_related("unit", "other")
    for event in mergers:
        staying = Person.objects.filter(
            postings__unit=event.unit, postings__end__isnull=True, postings__start__lt=event.date
        ).distinct()
        for person in staying:
            posting = person.postings.get(end__isnull=True)
            entry.save_person(person, by=by, posting=(event.other, posting.position, event.date))


def _council_rule(organizer: Organizer, *, by: Actor) -> None:
    """The board's own approval threshold for the council (half of all members) where the law gives none:
    the 2003 law and Decree 152/2025 set no figure, and Decree 98/2023 none for a certificate of merit."""
    if ProvinceRule.objects.filter(organizer=organizer, parameter=COUNCIL_SHARE).exists():
        return
    add_province_rule(
        organizer,
        award=ANY_AWARD,
        parameter=COUNCIL_SHARE,
        value=50,
        document=names.COUNCIL_RULE,
        document_date=dt.date(2020, 12, 15),
        article=names.COUNCIL_RULE_ARTICLE,
        start=dt.date(2021, 1, 1),
        by=by,
    )


def _unit_years(organizer: Organizer, year: int, *, by: Actor) -> None:
    """Each member unit's facts for the year, as its officer enters them: its collective title (by its
    rating in the cluster), its staff and how many of them completed their tasks and hold titles."""
    rows = Membership.objects.filter(cluster_year__cluster__organizer=organizer, cluster_year__year=year)
    done = set(
        entry.UnitYear.objects.filter(unit__organizer=organizer, year=year).values_list("unit_id", flat=True)
    )
    for row in rows.select_related("unit").order_by("unit__code"):
        if row.unit_id in done:
            continue
        rng = random.Random(f"{row.unit.code}-{year}")
        staff = rng.randint(28, 90)
        advanced = int(staff * rng.uniform(0.72, 0.9))
        entry.record_unit_year(
            row.unit,
            year,
            rating=row.rating,
            titles=UNIT_TITLES.get(row.rating, []),
            staff=staff,
            staff_completed=staff - rng.randint(0, 2),
            staff_titles={LDTT: advanced, CSTDCS: max(1, advanced // 8)},
            staff_disciplined=0,
            by=by,
        )


def _people(organizer: Organizer, year: int, *, by: Actor) -> None:
    """The seed cluster's units each keep a few people on record, with the yearly titles the unit's head
    gave them (Lao động tiên tiến, Chiến sĩ thi đua cơ sở): the registry's own record of individuals."""
    units = Unit.objects.filter(
        organizer=organizer,
        memberships__cluster_year__year=year,
        memberships__cluster_year__cluster__code="TMTH",
    ).order_by("code")
    for unit in units:
        people = list(entry.people_of(unit, year).order_by("code"))
        if not people:
            people = [_hire(unit, i, by=by) for i in range(PEOPLE_PER_UNIT)]
        if entry.PersonYear.objects.filter(person__in=people, year=year).exists():
            continue
        rows = []
        for i, person in enumerate(people):
            fighter = (i + year) % PEOPLE_PER_UNIT == 0
            rows.append((person, "xuat-sac" if fighter else "tot", [LDTT, CSTDCS] if fighter else [LDTT]))
        entry.record_people_titles(unit, year, rows, by=by)


def _hire(unit: Unit, index: int, *, by: Actor) -> Person:
    rng = random.Random(f"{unit.code}-{index}")
    woman = rng.random() < 0.55
    # The last of a unit's people works in the field about half the time (LAW-P3: the statistics of direct
    # labourers' share need some to count).
    direct = index == PEOPLE_PER_UNIT - 1 and rng.random() < 0.5
    middle, given = (names.MIDDLE_WOMEN, names.GIVEN_WOMEN) if woman else (names.MIDDLE_MEN, names.GIVEN_MEN)
    name = f"{rng.choice(names.SURNAMES)} {rng.choice(middle)} {rng.choice(given)}"
    return entry.save_person(
        None,
        by=by,
        posting=(
            unit,
            names.DIRECT_POSITION if direct else names.POSITIONS[index % len(names.POSITIONS)],
            dt.date(2015 + index, 9, 1),
        ),
        code=f"{unit.code}-{index + 1:02d}",
        name=name,
        sex="nu" if woman else "nam",
        birth_year=1975 + rng.randint(0, 20),
        direct_labourer=direct,
    )


def decide_year(organizer: Organizer, year: int, *, by: Actor) -> None:
    """The board's year: every concluded review's proposals received at the end of January, checked,
    accepted, voted on by one council sitting in February and decided by the chairman in March; the few the
    council does not pass are refused with its reason."""
    received, sits, signed = dt.date(year + 1, 1, 26), dt.date(year + 1, 2, 9), dt.date(year + 1, 3, 2)
    reviews = Review.objects.filter(
        cluster_year__cluster__organizer=organizer, cluster_year__year=year, concluded_at__isnull=False
    ).order_by("cluster_year__cluster__code")
    accepted = []
    for review in reviews:
        for proposal in services.proposals_from_review(review, by=by):
            if proposal.state != State.DRAFT:
                continue
            accepted.append(_forward(proposal, by=by, received=received, signed=signed))
    accepted += _people_proposals(organizer, year, by=by, received=received, signed=signed)
    if not accepted:
        return
    members = [sitting.MemberEntry(name, position) for name, position in names.COUNCIL]
    council = sitting.create_council(organizer, year, members=members, on=sits, by=by)
    member_ids = list(council.members.order_by("pk").values_list("pk", flat=True))
    # One proposal a year falls short of the share needed (real councils pass most, not all).
    short = accepted[(year * 7) % len(accepted)]
    for proposal in accepted:
        proposal = services.send_to_council(proposal, by=by)
        agreeing = 3 if proposal.pk == short.pk else len(member_ids)
        votes = {pk: i < agreeing for i, pk in enumerate(member_ids)}
        sitting.record_council_votes(council, proposal, votes, by=by)
    sitting.close_council_voting(sitting.open_council_voting(council, by=by), by=by)
    # One decision per award and granting level: a cluster's tier names its grantor, a unit's own proposal
    # for a person leaves it to the organizer's.
    passed: dict[tuple[str, str], list[AwardProposal]] = {}
    for result in sitting.council_results(council):
        proposal = result.proposal
        if result.passed:
            passed.setdefault((proposal.award, proposal.grantor), []).append(proposal)
        else:
            services.refuse(proposal, names.REFUSED, by=by)
    for number, (_award, chosen) in enumerate(sorted(passed.items()), start=year % 100 * 10 + 101):
        services.decide(
            chosen, number=names.DECISION.format(number=number), date=signed, signer=names.SIGNER, by=by
        )


def _forward(proposal: AwardProposal, *, by: Actor, received: dt.date, signed: dt.date) -> AwardProposal:
    """A proposal's dossier complete, sent, checked against the law and accepted (with the board's written
    reason where the demo's thin record leaves the engine short of information)."""
    required = proposal.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(proposal, list(required), by=by)
    services.submit(proposal, by=by, on=received)
    services.check_eligibility(proposal, by=by, decided_on=signed)
    proposal.refresh_from_db()
    if not proposal.may_go_forward:
        proposal = services.override_eligibility(proposal, names.OVERRIDE, by=by)
    return services.accept(proposal, by=by)


def _people_proposals(
    organizer: Organizer, year: int, *, by: Actor, received: dt.date, signed: dt.date
) -> list[AwardProposal]:
    """The units' proposals for their people: each person the unit named Chiến sĩ thi đua cơ sở this year
    is proposed by the unit they work in, so the registry holds individual awards with positions and units."""
    rows = PersonYear.objects.filter(person__organizer=organizer, year=year).select_related("person")
    fighters = sorted((r.person for r in rows if CSTDCS in (r.titles or [])), key=lambda p: p.code)
    found = []
    for i, person in enumerate(fighters):
        posting = person.postings.filter(start__lte=signed).select_related("unit").order_by("-start").first()
        if posting is None:
            continue
        award = FIGHTER_AWARD if i % FIGHTER_EVERY == year % FIGHTER_EVERY else PERSON_AWARD
        proposal = services.propose(
            organizer=organizer, award=award, year=year, proposed_by=posting.unit, person=person, by=by
        )
        found.append(_forward(proposal, by=by, received=received, signed=signed))
    return found


def thematic_movement(organizer: Organizer, year: int, *, by: Actor) -> Movement:
    """The board's thematic movement of the year, with one unit's proposal under it sent to the board: the
    worklist's and the dashboard's third track. Run twice, the same rows."""
    name = names.MOVEMENT.format(year=year)
    found = Movement.objects.filter(organizer=organizer, name=name).first()
    if found is not None:
        return found
    movement = launch_movement(
        organizer,
        name=name,
        start=dt.date(year, 3, 26),
        end=dt.date(year, 11, 30),
        awards=[PERSON_AWARD],
        by=by,
    )
    # The board's quotas by track for the movement's award: the dashboard's table of quotas by track.
    for track, limit, within in [
        (TrackQuota.Track.MOVEMENT, TRACK_QUOTAS["movement"], movement),
        (TrackQuota.Track.UNIT, TRACK_QUOTAS["unit"], None),
    ]:
        services.set_track_quota(organizer, PERSON_AWARD, year, track, limit, movement=within, by=by)
    unit = (
        Unit.objects.filter(organizer=organizer, memberships__cluster_year__year=year)
        .order_by("code")
        .first()
    )
    if unit is not None:
        proposal = services.propose(
            organizer=organizer,
            award=PERSON_AWARD,
            year=year,
            proposed_by=unit,
            unit=unit,
            movement=movement,
            by=by,
        )
        required = proposal.dossier.filter(required=True).values_list("code", flat=True)
        services.provide_documents(proposal, list(required), by=by)
        services.submit(proposal, by=by)
    return movement
