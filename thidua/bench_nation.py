"""`make bench` at a nation's size (PostgreSQL only): the figures of issue 13's table that need the whole
country's data, each as a ratio against its floor measured in the same run.

The national data set (`thidua synthetic --nation`) takes minutes to make, so it is made once into its own
database (DATABASE_URL's name + "_nation") and kept for later runs; a run whose data set is not complete
(another seed, an interrupted run) makes it again. THIDUA_BENCH_NATION_SCALE (default 1) makes a smaller
registry of the same shape for a quicker look.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any

SEED = 1
TARGETS = {
    # Every cluster's results of the nation (tally, ranking, proposals) against a hand-written SQL
    # aggregate of the same ballots: at most twice its time, and under 5 s.
    "nation: every cluster-year's results (s)": 5.0,
    "nation: results / SQL aggregate of the same ballots": 2.0,
    # The cost grows no faster than the data: time per ballot at the nation's size over a province's.
    "nation: results growth (time per ballot, nation / province)": 1.5,
}


def nation_url(url: str) -> str:
    """The URL of the national database beside `url`, made first if it is not complete."""
    return _nation_database(url, float(os.environ.get("THIDUA_BENCH_NATION_SCALE", "1")))


def figures(url: str) -> dict[str, Any]:
    """The national figures, measured in child processes on the national database beside `url`."""
    nation = nation_url(url)
    done = _child(nation, "results")
    measured: dict[str, Any] = json.loads(done.strip().splitlines()[-1])
    return {
        "nation: cluster-years": measured["years"],
        "nation: ballots": measured["ballots"],
        "nation: every cluster-year's results (s)": round(measured["results"], 3),
        "nation: SQL aggregate of the same ballots (s)": round(measured["aggregate"], 3),
        "nation: results / SQL aggregate of the same ballots": round(
            measured["results"] / measured["aggregate"], 2
        ),
        "nation: one province's results (s)": round(measured["province"], 3),
        "nation: results growth (time per ballot, nation / province)": round(
            (measured["results"] / measured["ballots"])
            / (measured["province"] / measured["province_ballots"]),
            2,
        ),
    }


def _per(seconds: float, ballots: int) -> float:
    return seconds / max(ballots, 1)


def _nation_database(url: str, scale: float) -> str:
    """The national database's URL, made (or made again) unless it already holds the complete data set."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_nation"
    params: dict[str, Any] = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
    }
    nation_url = url.rsplit("/", 1)[0] + "/" + name
    marker = f"seed={SEED} scale={scale}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists:
        with psycopg.connect(dbname=name, autocommit=True, **params) as db:
            # A database's comment is a shared object's (pg_shdescription): pg_description never holds it,
            # and reading there made every run make the data set again (an hour).
            found = db.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
        if found and found[0] == marker:
            return nation_url
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": nation_url}
    thidua = [sys.executable, "-m", "thidua.cli"]
    print(f"bench: making the national data set in {name} (once; minutes)…", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([*thidua, "migrate", "--verbosity=0"], env=env, check=True)
    subprocess.run(
        [*thidua, "synthetic", "--nation", f"--scale={scale}", f"--seed={SEED}"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"bench: national data set made in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with psycopg.connect(dbname=name, autocommit=True, **params) as db:
        db.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(marker)))
    return nation_url


def _child(url: str, what: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "thidua.bench_nation", what], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise SystemExit(f"bench: the national figures failed:\n{done.stderr}")
    return done.stdout


def _results_child() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    from django.db import connection

    from thidua.emulation.models import Ballot, ClusterYear
    from thidua.emulation.queries.results import decide_many
    from thidua.organisations.models import Organizer

    years = list(ClusterYear.objects.all())
    first = Organizer.objects.order_by("pk").first()
    province = [cy for cy in ClusterYear.objects.filter(cluster__organizer=first)]

    def best(work: Any, repeat: int = 3) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return min(times)

    def aggregate() -> None:
        # The floor: the votes per review, tier and unit, counted by the database alone.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT b.review_id, tier.key, unit.value, count(*) "
                f"FROM {Ballot._meta.db_table} b "
                "CROSS JOIN LATERAL jsonb_each(b.choices) tier "
                "CROSS JOIN LATERAL jsonb_array_elements_text(tier.value) unit "
                "GROUP BY 1, 2, 3"
            )
            cursor.fetchall()

    results = best(lambda: decide_many(years))
    floor = best(aggregate)
    province_time = best(lambda: decide_many(province))
    print(
        json.dumps(
            {
                "years": len(years),
                "ballots": Ballot.objects.count(),
                "results": results,
                "aggregate": floor,
                "province": province_time,
                "province_ballots": Ballot.objects.filter(review__cluster_year__in=province).count(),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["results"]:
        _results_child()
