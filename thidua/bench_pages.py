"""`make bench`: the main pages under 50 concurrent clients, against a bare Django view on the same server.

The real server (`thidua serve`, gunicorn, as castload runs it) is started on the national data set
(bench_nation) with the bench's URLconf (settings.BENCH_BARE_VIEW), which adds a bare view answering through
the same middleware. A board member of the first province, signed in, asks for one page at a time from
CLIENTS threads at once, each on its own kept-alive connection, for SECONDS seconds after a warm-up: the bare
view first, then the board's dashboard, a cluster's year, a registry search typed without diacritics, the
list of proposals, and the public honour roll searched the same way by a visitor without an account (no
cookie: the public side's cached page, publication.cache). Each page's figure is its requests per second
over the bare view's (target ≥ 0.5) and its 99th percentile (target < 150 ms). The client threads run on the
same machine as the server.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CLIENTS = 50
SECONDS = float(os.environ.get("THIDUA_BENCH_PAGES_SECONDS", "15"))
WARM_UP = 3.0
PAGES = ("dashboard", "cluster year", "registry search", "proposals", "public honour roll")
ANONYMOUS = {"public honour roll"}  # asked for without the board member's cookie
SEARCHED = "nguyen van"  # typed without diacritics: Nguyễn Văn …


def ratio_name(page: str) -> str:
    return f"pages, {CLIENTS} clients: {page} / bare view (requests/s)"


def p99_name(page: str) -> str:
    return f"pages, {CLIENTS} clients: {page} p99 (ms)"


TARGETS: dict[str, float] = {}
AT_LEAST: set[str] = set()
for _page in PAGES:
    TARGETS[ratio_name(_page)] = 0.5
    AT_LEAST.add(ratio_name(_page))
    TARGETS[p99_name(_page)] = 150.0


def figures(url: str) -> dict[str, Any]:
    """The pages' figures, measured in a child process against the database at `url`."""
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "DATABASE_URL": url, "THIDUA_BENCH_BARE_VIEW": "true", "DEBUG": "false"}
        command = [sys.executable, "-m", "thidua.bench_pages", "run", f"{work}/server.log"]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            log = Path(work, "server.log")
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise SystemExit(f"bench: the pages under load failed:\n{done.stderr}\n{tail}")
    measured: dict[str, dict[str, float]] = json.loads(done.stdout.strip().splitlines()[-1])
    bare = measured.pop("bare")
    result: dict[str, Any] = {
        f"pages, {CLIENTS} clients: bare view (requests/s)": bare["rps"],
        f"pages, {CLIENTS} clients: bare view p99 (ms)": bare["p99"],
    }
    for page, one in measured.items():
        result[f"pages, {CLIENTS} clients: {page} (requests/s)"] = one["rps"]
        result[ratio_name(page)] = round(one["rps"] / bare["rps"], 3)
        result[f"pages, {CLIENTS} clients: {page} p50 (ms)"] = one["p50"]
        result[p99_name(page)] = one["p99"]
        result[f"pages, {CLIENTS} clients: {page} errors"] = one["errors"]
    result[f"pages, {CLIENTS} clients: bare view errors"] = bare["errors"]
    return result


def hammer(base: str, path: str, cookie: str, *, clients: int, seconds: float) -> dict[str, float]:
    """`clients` threads asking for `path` back to back for `seconds`: requests/s, p50 and p99 (ms), and
    the answers that were not 200 (or no answer)."""
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    barrier = threading.Barrier(clients + 1)
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    end = [0.0]

    def client() -> None:
        mine: list[float] = []
        failed = 0
        conn = http.client.HTTPConnection(host, port, timeout=60)
        barrier.wait()
        while time.perf_counter() < end[0]:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
                continue
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                failed += 1
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    end[0] = time.perf_counter() + seconds
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def at(share: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * share))] * 1000, 1)

    return {
        "rps": round(len(latencies) / wall, 1),
        "p50": at(0.5) if latencies else 0.0,
        "p99": at(0.99) if latencies else 0.0,
        "errors": errors[0],
        "requests": len(latencies),
    }


def _signed_in() -> tuple[str, dict[str, str]]:
    """(the Cookie header of a board member of the first province, the pages' paths)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from thidua.accounts.models import Role
    from thidua.bench_urls import BARE_PATH
    from thidua.emulation.models import ClusterYear
    from thidua.organisations.models import Organizer

    organizer = Organizer.objects.order_by("pk").first()
    assert organizer is not None, "no organizer in the bench's database"
    user, _made = get_user_model().objects.get_or_create(username="bench-pages-board")
    Role.objects.get_or_create(user=user, kind=Role.Kind.BOARD, organizer=organizer)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # A browser that has opened any page holds the CSRF cookie too (every page with a form sets it): without
    # it each answer makes a new CSRF secret and sets a cookie, and no signed-in page may be kept whole.
    client.get(reverse("registry:dashboard"))
    cookie = "; ".join(
        f"{name}={client.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )
    year = ClusterYear.objects.filter(cluster__organizer=organizer).order_by("-year", "cluster_id").first()
    assert year is not None, "no cluster year in the bench's database"
    search = reverse("registry:search") + "?q=" + SEARCHED.replace(" ", "+")
    paths = {
        "bare": "/" + BARE_PATH,
        "dashboard": reverse("registry:dashboard"),
        "cluster year": reverse("front:cluster_year", args=[year.cluster_id, year.year]),
        "registry search": search,
        "proposals": reverse("registry:proposals"),
        "public honour roll": reverse("publication:registry", args=[organizer.pk])
        + "?q="
        + SEARCHED.replace(" ", "+"),
    }
    return cookie, paths


def _run_child(log_path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    from django.db import connection

    from thidua.operations.castload import database_url, running_server

    cookie, paths = _signed_in()
    connection.close()
    measured: dict[str, dict[str, float]] = {}
    with log_path.open("wb") as log, running_server(database_url(), log) as base:
        for name, path in paths.items():
            sent = "" if name in ANONYMOUS else cookie
            where = urlsplit(base)
            conn = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=120)
            conn.request("GET", path, headers={"Cookie": sent} if sent else {})
            answer = conn.getresponse()
            body = answer.read()
            conn.close()
            if answer.status != 200:
                raise SystemExit(f"{name} {path}: HTTP {answer.status}")
            print(f"{name}: {path} {len(body)} bytes", file=sys.stderr)
            hammer(base, path, sent, clients=CLIENTS, seconds=WARM_UP)
            measured[name] = hammer(base, path, sent, clients=CLIENTS, seconds=SECONDS)
            print(name, measured[name], file=sys.stderr)
    print(json.dumps(measured))


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        _run_child(Path(sys.argv[2]))
