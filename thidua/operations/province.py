"""`thidua demo`'s province: Lạng Sơn's organizer with the seed cluster among sample clusters and blocks,
every year from FIRST_YEAR to CURRENT_YEAR.

Each cluster is written as an exchange file's structure and imported through the importer (as
operations.synthetic does), so the demo passes the same checks as a real file. Past years are concluded as
reported, their proposals taken by the board through the registry's actions (received, checked, at the
council, decided), and the units' own yearly titles for their people recorded; the current year is left in
progress (launched, pact signed, self-scored and partly appraised, the review meeting due).

Every step looks first for what an earlier run left and does only what is missing: run twice, the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

import yaml

from thidua.core.audit import Actor
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.models import ClusterYear, Review
from thidua.exchange.exporter import dump_exchange
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.operations import demo_names as names
from thidua.operations.yearend import report_source
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.scenarios import SEED

FIRST_YEAR, CURRENT_YEAR = 2021, 2026
SEED_CODE = "TMTH"
QUOTAS = {"co-ubnd": 1, "bk-ct": 2}

# The seed cluster after 2021, its own members: (year, head, deputies, flag, certificates). Sở Kế hoạch và
# Đầu tư merged into Sở Tài chính on 01/03/2025 (LAW.md ORG-1), so it is on no roster from 2025.
SEED_MEMBERS = ["STC", "SKHDT", "VPUBND", "VPDBQH", "SNV", "STP", "SNGV"]
SEED_YEARS: list[tuple[int, str, list[str], str, list[str]]] = [
    (2022, "SKHDT", ["SNGV"], "VPDBQH", ["SKHDT", "STP"]),
    (2023, "SNGV", ["STP"], "SKHDT", ["STC", "VPUBND"]),
    (2024, "STP", ["VPUBND"], "STC", ["SKHDT", "SNV"]),
    (2025, "VPUBND", ["STC"], "VPDBQH", ["STC", "STP"]),
    (2026, "STC", ["VPDBQH"], "", []),
]
MERGED = ("SKHDT", dt.date(2025, 3, 1))


@dataclass(frozen=True)
class Province:
    organizer: Organizer
    seed: Cluster
    imported: list[str]  # the clusters imported by this run (none on a second run)


def load_province(*, by: Actor) -> Province:
    """Import the clusters not yet on record and conclude their past years as reported."""
    imported = []
    for data in cluster_files():
        organizer, code = data["organizer"]["name"], data["cluster"]["code"]
        if Cluster.objects.filter(organizer__name=organizer, code=code).exists():
            continue
        exchange = parse_exchange(dump_exchange(data), f"demo-{code.lower()}.yaml")
        import_exchange(exchange, by=by)
        imported.append(data["cluster"]["name"])
    seed = Cluster.objects.select_related("organizer").get(
        code=SEED_CODE, organizer__name=_seed()["organizer"]["name"]
    )
    past = ClusterYear.objects.filter(
        cluster__organizer=seed.organizer, year__lt=CURRENT_YEAR
    ).select_related("cluster")
    concluded = set(
        Review.objects.filter(cluster_year__in=past, concluded_at__isnull=False).values_list(
            "cluster_year_id", flat=True
        )
    )
    for cluster_year in past.order_by("year", "cluster__code"):
        if cluster_year.pk not in concluded:
            conclude_as_reported(cluster_year, by=by, source=report_source(cluster_year))
    return Province(seed.organizer, seed, imported)


# ---- the exchange structures --------------------------------------------------------------------------


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return data


def cluster_files() -> list[dict[str, Any]]:
    """The seed cluster continued to CURRENT_YEAR, then the sample clusters, as FORMAT.md structures."""
    seed = _seed()
    rng = random.Random(2021)
    seed["source"] = seed["source"] + names.SEED_LATER_YEARS
    units = {unit["code"]: unit for unit in seed["units"]}
    years = seed["years"]
    for year, head, deputies, flag, certificates in SEED_YEARS:
        members = [code for code in SEED_MEMBERS if not (code == MERGED[0] and year >= MERGED[1].year)]
        following = next((row for row in SEED_YEARS if row[0] == year + 1), None)
        after = (following[1], following[2]) if following else None
        winners = {"co-ubnd": [flag], "bk-ct": certificates} if flag else None
        years.append(_year(rng, year, members, head, deputies, after, winners, "ballot", units))
    files = [seed]
    for code, kind, name, method, first, last, rows in names.CLUSTERS:
        files.append(_sample_cluster(rng, seed, code, kind, name, method, first, last, rows))
    return files


def _sample_cluster(
    rng: random.Random,
    seed: dict[str, Any],
    code: str,
    kind: str,
    name: str,
    method: str,
    first: int,
    last: int,
    rows: list[tuple[str, str, str, float]],
) -> dict[str, Any]:
    units: list[dict[str, Any]] = [
        {"code": c, "name": n, "short": s, "female_share": f} for c, n, s, f in rows
    ]
    codes = [row[0] for row in rows]
    by_code = dict(zip(codes, units, strict=True))
    # Rosters change: the last unit joins in the cluster's third year; one other sits a year out.
    joins, out = codes[-1], (codes[2], first + 3)
    leaders = codes[:-1]
    years = []
    for index, year in enumerate(range(first, last + 1)):
        members = [c for c in codes if not (c == joins and year < first + 2) and (c, year) != out]
        head = leaders[index % len(leaders)]
        deputy = leaders[(index + 1) % len(leaders)]
        after = (deputy, [leaders[(index + 2) % len(leaders)]]) if year < last else None
        winners = None
        if year < CURRENT_YEAR:
            ranked = rng.sample(members, 3)
            winners = {"co-ubnd": ranked[:1], "bk-ct": ranked[1:3]}
        years.append(_year(rng, year, members, head, [deputy], after, winners, method, by_code))
    return {
        "format": 1,
        "source": names.SAMPLE_SOURCE,
        "organizer": seed["organizer"],
        "awards": seed["awards"],
        "units": units,
        "cluster": {
            "code": code,
            "kind": kind,
            "name": name,
            "rules": {
                "method": method,
                "quotas": QUOTAS,
                "min_approval": 0.5,
                "tie_break": ["score", "female_share"],
            },
        },
        "years": years,
    }


def _person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return (
            f"{rng.choice(names.SURNAMES)} {rng.choice(names.MIDDLE_WOMEN)} {rng.choice(names.GIVEN_WOMEN)}"
        )
    return f"{rng.choice(names.SURNAMES)} {rng.choice(names.MIDDLE_MEN)} {rng.choice(names.GIVEN_MEN)}"


def _year(
    rng: random.Random,
    year: int,
    members: list[str],
    head: str,
    deputies: list[str],
    after: tuple[str, list[str]] | None,
    winners: dict[str, list[str]] | None,
    method: str,
    units: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """One year of a cluster. The current year has its roster and leaders only; a past year its review:
    the winners lead on the scores, and the ballots (or the agreed lists) propose them."""
    data: dict[str, Any] = {"year": year, "members": members, "head": head, "deputies": deputies}
    if winners is None:
        return data
    placed = [*winners["co-ubnd"], *winners["bk-ct"]]
    scores = {code: round(98.5 - 0.6 * i, 1) for i, code in enumerate(placed)}
    others = [code for code in members if code not in scores]
    lower = sorted((rng.uniform(90.0, 96.0) for _ in others), reverse=True)
    for code, score in zip(others, lower, strict=True):
        scores[code] = round(score, 1)
    day = dt.date(year + 1, 1, 12 + rng.randint(0, 10))
    data.update(
        review={
            "date": day,
            "place": names.PLACE.format(unit=units[head]["name"]),
            "chair": names.CHAIR.format(name=_person(rng)),
            "board_representative": names.BOARD_REPRESENTATIVE.format(name=names.BOARD_OFFICER),
            "present": members,
        },
        scores=scores,
        ratings={code: "xuat-sac" if score >= 95 else "tot" for code, score in scores.items()},
    )
    if method == "ballot":
        data["ballots"] = _ballots(rng, members, winners)
    elif method == "acclamation":
        data["outcome"] = winners
    if after is not None:
        data["next"] = {
            "head": after[0],
            "deputies": after[1],
            "decided_by": rng.choice(["vote", "acclamation"]),
        }
        data["pact_signed"] = day
    return data


def _ballots(
    rng: random.Random, members: list[str], winners: dict[str, list[str]]
) -> list[dict[str, list[str]]]:
    """One ballot per member: most name the winners, some swap one certificate for another unit."""
    ballots = []
    for _member in members:
        choices = {tier: list(codes) for tier, codes in winners.items()}
        others = [code for code in members if code not in (*choices["co-ubnd"], *choices["bk-ct"])]
        if others and rng.random() < 0.3:
            choices["bk-ct"][rng.randrange(len(choices["bk-ct"]))] = rng.choice(others)
        ballots.append(choices)
    return ballots


def units_of(organizer: Organizer) -> dict[str, Unit]:
    return {unit.code: unit for unit in Unit.objects.filter(organizer=organizer)}
