"""Synthetic data at scale for load tests and demos, deterministic for a given seed.

Each cluster is written as an exchange file's structure, dumped and read back by the exchange reader, then
imported by the importer: synthetic data passes the same checks as a real file, so it is always valid.
Only names, shares, scores and votes are invented; the rules (quotas, thresholds) are those of real files.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.audit import Actor
from thidua.emulation.actions.review import conclude_as_reported
from thidua.exchange.exporter import dump_exchange
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.operations.synthetic_names import (
    AGENCIES,
    AWARDS,
    CHAIR,
    CITIES,
    CITY_LEVEL,
    CITY_ORGANIZER,
    CITY_PREFIX,
    CLUSTER_THEMES,
    COMMUNE,
    GIVEN,
    MEETING_PLACE,
    MIDDLE,
    NUMBERED_CLUSTER,
    ORGANIZER,
    ORGANIZER_SHORT,
    PLACE_FIRST,
    PLACE_SECOND,
    PROVINCE_LEVEL,
    PROVINCES,
    SOURCE,
    STANDING_BODY,
    SURNAMES,
)
from thidua.organisations.models import Cluster

LAST_YEAR = 2024


@dataclass(frozen=True)
class SyntheticSummary:
    organizers: int
    clusters: int
    units: int
    cluster_years: int
    ballots: int
    seconds: float


def generate(
    *,
    organizers: int,
    clusters_per_organizer: int,
    units_per_cluster: int,
    years: int,
    seed: int,
    by: Actor,
    first_organizer: int = 0,
) -> SyntheticSummary:
    """Import organizers × clusters synthetic clusters, each with `units_per_cluster` units and `years`
    years ending in LAST_YEAR; the organizers are those numbered from `first_organizer` (0-based). The same
    arguments and seed give the same data (ballot rows aside, whose stored order the importer shuffles for
    secrecy)."""
    if min(organizers, clusters_per_organizer, years) < 1 or units_per_cluster < 3:
        raise ValueError(_("At least 1 organizer, 1 cluster, 1 year and 3 units per cluster are needed."))
    started = time.perf_counter()
    rng = random.Random(seed)
    ballots = 0
    for o in range(first_organizer, first_organizer + organizers):
        for c in range(clusters_per_organizer):
            data = cluster_file(rng, o, c, units_per_cluster, years)
            ballots += sum(len(year["ballots"]) for year in data["years"])
            exchange = parse_exchange(dump_exchange(data), f"synthetic-{o + 1}-{c + 1}.yaml")
            cluster = import_exchange(exchange, by=by)
            # Concluded as their file reports (as the scenario runner does): proposals and refusals exist
            # for the board's stage.
            for cluster_year in cluster.years.order_by("year"):
                conclude_as_reported(cluster_year, by=by, source=exchange.file)
    return SyntheticSummary(
        organizers=organizers,
        clusters=organizers * clusters_per_organizer,
        units=organizers * clusters_per_organizer * units_per_cluster,
        cluster_years=organizers * clusters_per_organizer * years,
        ballots=ballots,
        seconds=time.perf_counter() - started,
    )


def province_of(index: int) -> tuple[str, str]:
    """(province name, organizer name); past the 34 real ones the names repeat with a number."""
    places = CITIES + PROVINCES
    name = places[index % len(places)]
    if index >= len(places):
        name = f"{name} {index // len(places) + 1}"
    if name.startswith(CITY_PREFIX):
        return name, CITY_ORGANIZER.format(name=name)
    level = CITY_LEVEL if places[index % len(places)] in CITIES else PROVINCE_LEVEL
    return name, ORGANIZER.format(level=level, name=name)


def cluster_file(rng: random.Random, o: int, c: int, size: int, years: int) -> dict[str, Any]:
    """One cluster as FORMAT.md's structure (the exporter's shape)."""
    province, organizer = province_of(o)
    kind, theme = CLUSTER_THEMES[c % len(CLUSTER_THEMES)]
    code = f"C{c + 1:02d}"
    units = [_unit(rng, province, code, c * size + u, u) for u in range(size)]
    codes = [unit["code"] for unit in units]
    names = {unit["code"]: unit["short"] for unit in units}
    first = LAST_YEAR - years + 1
    head, deputies = rng.choice(codes), []
    deputies = [rng.choice([x for x in codes if x != head])]
    year_data = []
    for year in range(first, LAST_YEAR + 1):
        members = _roster(rng, codes, head, deputies)
        following_head = deputies[0] if rng.random() < 0.7 else rng.choice([x for x in members if x != head])
        # Next year's leaders are chosen among this year's members, as the review elects them.
        following_deputies = [rng.choice([x for x in members if x not in (following_head, head)])]
        leaders = (head, deputies, following_head, following_deputies)
        year_data.append(_year(rng, year, members, leaders, names[head]))
        head, deputies = following_head, following_deputies
    name = (
        theme
        if c < len(CLUSTER_THEMES)
        else NUMBERED_CLUSTER.format(theme=theme, number=c // len(CLUSTER_THEMES) + 1)
    )
    return {
        "format": 1,
        "source": SOURCE,
        "organizer": {
            "name": organizer,
            "short": ORGANIZER_SHORT.format(province=province),
            "province": province,
            "standing_body": STANDING_BODY.format(province=province),
        },
        "awards": [
            {
                "code": award,
                "name": f"{title} {province}",
                "grantor": grantor + organizer,
                "subject": "collective",
            }
            for award, title, grantor, _ in AWARDS
        ],
        "units": units,
        "cluster": {
            "code": code,
            "kind": kind,
            "name": name,
            "rules": {
                "method": "ballot",
                "quotas": {award: quota for award, _, _, quota in AWARDS},
                "min_approval": 0.5,
                "tie_break": ["score", "female_share"],
            },
        },
        "years": year_data,
    }


def _unit(rng: random.Random, province: str, cluster: str, index: int, position: int) -> dict[str, Any]:
    if index < len(AGENCIES):
        short = AGENCIES[index]
    else:
        place = index - len(AGENCIES)
        first = PLACE_FIRST[place % len(PLACE_FIRST)]
        second = PLACE_SECOND[(place // len(PLACE_FIRST)) % len(PLACE_SECOND)]
        again = place // (len(PLACE_FIRST) * len(PLACE_SECOND))
        short = COMMUNE.format(first=first, second=second) + (f" {again + 1}" if again else "")
    return {
        "code": f"{cluster}-U{position + 1:03d}",
        "name": f"{short} {province}" if index < len(AGENCIES) else f"{short}, {province}",
        "short": short,
        "female_share": round(rng.uniform(0.25, 0.70), 2),
    }


def _roster(rng: random.Random, codes: list[str], head: str, deputies: list[str]) -> list[str]:
    """Rosters change: some years one ordinary unit sits out (moved to another cluster for the year)."""
    members = list(codes)
    ordinary = [x for x in codes if x != head and x not in deputies]
    if len(members) > 3 and ordinary and rng.random() < 0.3:
        members.remove(rng.choice(ordinary))
    return members


def _year(
    rng: random.Random,
    year: int,
    members: list[str],
    leaders: tuple[str, list[str], str, list[str]],
    head_name: str,
) -> dict[str, Any]:
    head, deputies, next_head, next_deputies = leaders
    scores = {code: round(rng.uniform(85.0, 99.5), 1) for code in members}
    ratings = {code: "xuat-sac" if score >= 95 else "tot" for code, score in scores.items()}
    present = [code for code in members if code in (head, *deputies) or rng.random() > 0.05]
    day = datetime.date(year + 1, 1, rng.randint(8, 25))
    chair = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return {
        "year": year,
        "members": members,
        "head": head,
        "deputies": deputies,
        "host": head,
        "review": {
            "date": day,
            "place": MEETING_PLACE.format(unit=head_name),
            "chair": CHAIR.format(name=chair),
            "present": present,
        },
        "scores": scores,
        "ratings": ratings,
        "ballots": [_ballot(rng, scores) for _ in present],
        "next": {
            "head": next_head,
            "deputies": next_deputies,
            "decided_by": rng.choice(["vote", "acclamation"]),
        },
        "pact_signed": day,
    }


def _ballot(rng: random.Random, scores: dict[str, float]) -> dict[str, list[str]]:
    """Voters lean to the best scores, not unanimously; now and then a ballot names too many units on a
    tier (void on that tier when counted, as on paper)."""
    pool = dict(scores)
    choices: dict[str, list[str]] = {}
    for award, _title, _grantor, quota in AWARDS:
        count = quota + 1 if rng.random() < 0.03 else quota
        picked: list[str] = []
        for _pick in range(min(count, len(pool))):
            codes = sorted(pool)
            weights = [(pool[code] - 80.0) ** 3 for code in codes]
            code = rng.choices(codes, weights=weights)[0]
            picked.append(code)
            del pool[code]  # one tier per unit on a ballot (exclusive tiers)
        choices[award] = picked
    return choices


def cluster_named(organizer_index: int, cluster_index: int) -> Cluster:
    """The cluster `generate` made for these indices (0-based), for tests and load scripts."""
    _, organizer = province_of(organizer_index)
    return Cluster.objects.get(organizer__name=organizer, code=f"C{cluster_index + 1:02d}")
