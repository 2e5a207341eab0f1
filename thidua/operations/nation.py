"""Synthetic data at a nation's or a province's size (`thidua synthetic --nation | --province`).

Each organizer is made on its own, from its own seed, so organizers can be made in parallel processes on
PostgreSQL and the same arguments always give the same data:
- its clusters and blocks with their units, years, ballots and reviews, through the exchange importer
  (`synthetic.generate`, as for a smaller synthetic run);
- its registry: people and their awards across the years since 2003, collectives' awards too, written as
  the office's own Excel list would be and loaded through the spreadsheet importer's past-decisions kind,
  the path a board uses to bring its history (one bulk path, not a row at a time through the web).
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, connections
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.audit import Actor
from thidua.operations.synthetic import LAST_YEAR, generate, province_of
from thidua.operations.synthetic_names import DECISION_NUMBER, GIVEN, MIDDLE, POSITIONS, SURNAMES
from thidua.operations.synthetic_names import REGISTRY_FORMS as FORMS
from thidua.organisations.models import Organizer, Unit
from thidua.sheets.decisions import DECISIONS
from thidua.sheets.importer import Scope, run
from thidua.sheets.wording import COLLECTIVE, PERSON

FIRST_YEAR = 2003  # the 2003 law: the registry's history goes back to it
DECISION_SIZE = 400  # awardees per decision, as a yearly list is split by the board's office


@dataclass(frozen=True)
class Size:
    organizers: int
    clusters: int  # clusters and blocks per organizer
    units: int  # units per cluster
    years: int  # emulation years of each cluster, ending in synthetic.LAST_YEAR
    people: int  # in the whole registry
    awards: int  # in the whole registry (people's and collectives')

    def scaled(self, factor: float) -> Size:
        """The same tree of organizers, clusters, units and years, with `factor` of its people and awards."""
        return Size(
            self.organizers,
            self.clusters,
            self.units,
            self.years,
            max(1, round(self.people * factor)),
            max(1, round(self.awards * factor)),
        )


# 34 provinces and cities × 25 clusters and blocks × 10 units × 5 years; 500,000 people, 2.5 million awards.
NATION = Size(organizers=34, clusters=25, units=10, years=5, people=500_000, awards=2_500_000)
# One of them.
PROVINCE = Size(organizers=1, clusters=25, units=10, years=5, people=15_000, awards=75_000)


@dataclass(frozen=True)
class OrganizerMade:
    index: int
    ballots: int
    awards: int
    people: int
    seconds: float


@dataclass(frozen=True)
class NationMade:
    organizers: int
    clusters: int
    units: int
    cluster_years: int
    ballots: int
    people: int
    awards: int
    seconds: float


def make(
    size: Size,
    *,
    seed: int,
    by: Actor,
    processes: int = 1,
    said: Callable[[OrganizerMade], None] | None = None,
) -> NationMade:
    """Every organizer of `size`, `processes` at a time (PostgreSQL only: SQLite has one writer)."""
    started = time.perf_counter()
    if connection.vendor != "postgresql":
        processes = 1
    jobs = [(index, size, seed, str(by)) for index in range(size.organizers)]
    made: list[OrganizerMade] = []
    if processes <= 1:
        for job in jobs:
            made.append(_organizer_job(job))
            if said:
                said(made[-1])
    else:
        # The children open their own connections: none may be inherited across the fork, pooled ones
        # included (a pooled socket used by two processes mixes their answers).
        connections.close_all()
        for alias in connections:
            close_pool = getattr(connections[alias], "close_pool", None)
            if close_pool is not None:
                close_pool()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for done in pool.imap_unordered(_organizer_job, jobs):
                made.append(done)
                if said:
                    said(done)
    if connection.vendor == "postgresql":
        # The planner's statistics for what was just made. Autovacuum gets there in its own time, which on a
        # busy machine was never: a nation made then measured had registry_awardee still "never analyzed",
        # and a unit officer's search took seconds on plans made for an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return NationMade(
        organizers=size.organizers,
        clusters=size.organizers * size.clusters,
        units=size.organizers * size.clusters * size.units,
        cluster_years=size.organizers * size.clusters * size.years,
        ballots=sum(m.ballots for m in made),
        people=sum(m.people for m in made),
        awards=sum(m.awards for m in made),
        seconds=time.perf_counter() - started,
    )


def _organizer_job(job: tuple[int, Size, int, str]) -> OrganizerMade:
    index, size, seed, by = job
    try:
        return make_organizer(index, size, seed=seed, by=by)
    finally:
        if multiprocessing.parent_process() is not None:
            connections.close_all()


def make_organizer(index: int, size: Size, *, seed: int, by: Actor) -> OrganizerMade:
    """Organizer number `index` (0-based) of `size`: its clusters, then its registry."""
    started = time.perf_counter()
    clusters = generate(
        organizers=1,
        clusters_per_organizer=size.clusters,
        units_per_cluster=size.units,
        years=size.years,
        seed=seed * 1000 + index,
        by=by,
        first_organizer=index,
    )
    people = _share(size.people, size.organizers, index)
    awards = _share(size.awards, size.organizers, index)
    organizer = Organizer.objects.get(name=province_of(index)[1])
    units = list(Unit.objects.filter(organizer=organizer).order_by("pk").values_list("name", flat=True))
    rng = random.Random(f"{seed}:{index}:registry")
    data = award_list(rng, index, units, people=people, awards=awards)
    plan = run(
        DECISIONS,
        data,
        f"synthetic-registry-{index + 1}.csv",
        Scope(organizer),
        by=by,
        write=True,
        confirmed=True,
    )
    if plan.problems:
        raise ValueError("\n".join(str(problem) for problem in plan.problems[:20]))
    return OrganizerMade(index, clusters.ballots, plan.created, people, time.perf_counter() - started)


def _share(total: int, parts: int, index: int) -> int:
    """Part `index` of `total` split as evenly as whole numbers allow."""
    return total // parts + (1 if index < total % parts else 0)


def award_list(rng: random.Random, index: int, units: list[str], *, people: int, awards: int) -> io.BytesIO:
    """An organizer's award list as the office keeps it: one row per awardee, the decision's number, date,
    grantor and form on each row (CSV, UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override("vi"):
        writer.writerow([str(column.header) for column in DECISIONS.columns])
    keys = [column.key for column in DECISIONS.columns]
    for row in _rows(rng, index, units, people=people, awards=awards):
        writer.writerow([row.get(key, "") for key in keys])
    return io.BytesIO(out.getvalue().encode("utf-8"))


def _rows(rng: random.Random, index: int, units: list[str], *, people: int, awards: int) -> Iterator[dict]:
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    person_forms = [i for i, form in enumerate(FORMS) if form[2] == "person"]
    unit_forms = [i for i, form in enumerate(FORMS) if form[2] == "unit"]
    # A unit has at most one award of a form a year: past half of those places, the rest go to people (a
    # province's 250 units cannot hold a quarter of 75,000 awards).
    unit_places = len(units) * len(years) * len(unit_forms) // 2
    person_awards = min(awards, max(people, round(awards * sum(FORMS[i][3] for i in person_forms))))
    person_awards = max(person_awards, awards - unit_places)
    # Each award a distinct (awardee, year, form); an awardee is a person (0, 1, ...) or a unit (-1, -2, ...).
    # Every person has at least one award: the registry knows people only through their awards.
    wanted: dict[tuple[int, int], list[int]] = {}  # (year, form) -> awardees
    taken: set[tuple[int, int, int]] = set()

    def pick(who: int, forms: list[int]) -> bool:
        form = rng.choices(forms, weights=[FORMS[i][3] for i in forms])[0]
        year = rng.choice(years)
        if (who, year, form) in taken:
            return False
        taken.add((who, year, form))
        wanted.setdefault((year, form), []).append(who)
        return True

    made = 0
    for who in range(min(people, person_awards)):
        while not pick(who, person_forms):
            pass
        made += 1
    while made < person_awards:
        made += pick(rng.randrange(people), person_forms)
    while made < awards:
        made += pick(-1 - rng.randrange(len(units)), unit_forms)
    names = [_person_name(rng) for _ in range(people)]
    homes = [rng.randrange(len(units)) for _ in range(people)]
    positions = [rng.choice(POSITIONS) for _ in range(people)]
    number = 0
    for (year, form), awardees in sorted(wanted.items()):
        title, grantor, _subject, _weight = FORMS[form]
        for start in range(0, len(awardees), DECISION_SIZE):
            number += 1
            head = {
                "award": title,
                "year": year,
                "number": DECISION_NUMBER.format(number=number, organizer=index + 1),
                "date": f"{rng.randint(10, 28):02d}/01/{year + 1}",
                "grantor": grantor,
            }
            for who in awardees[start : start + DECISION_SIZE]:
                if who >= 0:
                    yield head | {
                        "name": names[who],
                        "subject": PERSON,
                        "unit": units[homes[who]],
                        "position": positions[who],
                        "code": f"NS{index + 1:02d}-{who + 1:06d}",
                    }
                else:
                    unit = units[-1 - who]
                    yield head | {"name": unit, "subject": COLLECTIVE, "unit": unit}


def _person_name(rng: random.Random) -> str:
    middle = rng.choice(MIDDLE) + ((" " + rng.choice(MIDDLE)) if rng.random() < 0.3 else "")
    return f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"


def describe(made: NationMade) -> str:
    return _(
        "Made {organizers} organizer(s), {clusters} cluster(s) and block(s), {units} unit(s), "
        "{years} cluster year(s), {ballots} ballot(s), {people} people and {awards} award(s) in the registry "
        "in {seconds} seconds."
    ).format(
        organizers=made.organizers,
        clusters=made.clusters,
        units=made.units,
        years=made.cluster_years,
        ballots=made.ballots,
        people=made.people,
        awards=made.awards,
        seconds=f"{made.seconds:.1f}",
    )
