"""`make bench`: speed and memory of the count and of a whole scripted year end.

Targets live here, not in tests (README): counting must stay linear in the number of ballots (a province's
council of 10,000 written votes counts in well under a second) and a cluster's year end, documents included,
must run in seconds on an office machine. Prints a table and writes out/bench.json.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from thidua.review import tally

TARGETS = {
    "count 100000 ballots (s)": 2.0,
    "linearity 100k/10k": 15.0,  # 10 is linear; above 15 something grows faster than the ballots
    "scenario seed end to end (s)": 20.0,
}


def _review(members: int, ballots: int, seed: int = 7) -> tuple[tally.Rules, list[tally.Member], list[dict]]:
    rng = random.Random(seed)
    codes = [f"U{i}" for i in range(members)]
    rules = tally.Rules(
        tiers=(tally.Tier("co", 1), tally.Tier("bk", 3), tally.Tier("gk", None)),
        tie_break=("score", "female_share"),
    )
    roster = [
        tally.Member(c, Decimal(rng.randint(80, 100)), Decimal(rng.randint(30, 70)) / 100) for c in codes
    ]
    cast = [
        {"co": rng.sample(codes, 1), "bk": rng.sample(codes, rng.randint(0, 4)), "gk": rng.sample(codes, 2)}
        for _ in range(ballots)
    ]
    return rules, roster, cast


def _timed(work: Callable[[], Any], repeat: int = 3) -> tuple[float, int]:
    best = float("inf")
    tracemalloc.start()
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak


def count_and_decide(ballots: int) -> tuple[float, int]:
    rules, members, cast = _review(60, ballots)

    def work() -> None:
        count = tally.count_ballots(cast, [m.code for m in members], rules)
        tally.decide_by_ballot(count, members, rules)

    return _timed(work)


def scenario_seed() -> float:
    from thidua.scenarios import SEED

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "thidua.cli", "scenario", str(SEED), "--out", out],
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: thidua scenario thất bại:\n{done.stderr}")
    return elapsed


def main() -> None:
    small, small_peak = count_and_decide(10_000)
    large, large_peak = count_and_decide(100_000)
    figures = {
        "count 10000 ballots (s)": round(small, 4),
        "count 100000 ballots (s)": round(large, 4),
        "linearity 100k/10k": round(large / small, 2),
        "peak memory counting 100k (MiB, excl. ballots)": round(large_peak / 2**20, 2),
        "peak memory counting 10k (MiB, excl. ballots)": round(small_peak / 2**20, 2),
        "scenario seed end to end (s)": round(scenario_seed(), 2),
    }
    width = max(map(len, figures))
    failed = []
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = value <= target
            verdict = f"  (mục tiêu ≤ {target}: {'đạt' if ok else 'KHÔNG ĐẠT'})"
            if not ok:
                failed.append(name)
        print(f"{name:<{width}}  {value}{verdict}")
    Path("out").mkdir(exist_ok=True)
    Path("out/bench.json").write_text(
        json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if failed:
        raise SystemExit(f"bench: không đạt mục tiêu: {', '.join(failed)}")


if __name__ == "__main__":
    main()
