"""A meeting's delegates casting at once through the real server (`make bench`, and a test at a smaller size).

`meeting_of(n)` opens a meeting of n present member units and issues their codes, through the product's own
actions; `running_server(url)` starts `thidua serve` (gunicorn) on a free port; `cast_at_once` sends every
delegate's ballot at the same instant, as phones do when the chair says "vote now", and reports what each
phone saw: its receipt, a refusal, a server error or a connection reset, and how long it waited.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import build_opener

from django.db import connection

from thidua.emulation.actions.meeting import issue_codes, open_voting, prepare_meeting, record_attendance
from thidua.emulation.models import Ballot
from thidua.exchange.exporter import dump_exchange
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.operations.synthetic import cluster_file

ACTOR = "castload"
RECEIPT = re.compile(r'id="receipt">(\w+)<')
RESETS = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, http.client.RemoteDisconnected)


@dataclass(frozen=True)
class Delegate:
    code: str
    fields: dict[str, str]  # the ballot form's fields at the cast step


def meeting_of(delegates: int, *, seed: int = 13) -> tuple[int, list[Delegate]]:
    """(review id, delegates): a synthetic cluster of `delegates` units, all present, voting open, codes
    issued. Each delegate chooses one other unit for the flag (the rules may forbid choosing one's own)."""
    data = cluster_file(random.Random(seed), 0, 0, delegates, 1)
    year = data["years"][0]
    year["members"] = [unit["code"] for unit in data["units"]]
    for unknown in ("ballots", "scores", "ratings", "next", "pact_signed"):
        year.pop(unknown, None)
    year["review"].pop("present", None)
    cluster = import_exchange(parse_exchange(dump_exchange(data), "castload.yaml"), by=ACTOR)
    cluster_year = cluster.years.get()
    meeting = prepare_meeting(cluster_year, by=ACTOR)
    units = cluster_year.member_units()
    meeting = record_attendance(meeting, units, by=ACTOR)
    meeting = open_voting(meeting, by=ACTOR)
    first, second = units[0].code, units[1].code
    flag = next(iter(data["cluster"]["rules"]["quotas"]))
    return meeting.review_id, [
        Delegate(issued.code, {f"tier-{flag}": second if issued.key == first else first})
        for issued in issue_codes(meeting, by=ACTOR)
    ]


def stored_receipts(review_id: int) -> list[str]:
    return [
        str(receipt)
        for receipt in Ballot.objects.filter(review_id=review_id).values_list("receipt", flat=True)
    ]


def database_url() -> str:
    """The URL of the database this process is connected to (the test database inside pytest)."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    auth = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{auth}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(url: str, log: BinaryIO, *, workers: int | None = None) -> Iterator[str]:
    """`thidua serve` on a free port against `url`; yields its base URL once it answers, stops it after."""
    port = free_port()
    command = [sys.executable, "-m", "thidua.cli", "serve", "--bind", f"127.0.0.1:{port}", "--no-access-log"]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "DATABASE_URL": url}
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)  # gunicorn's master (the command execs it) stops its workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen[bytes], base: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds  # collectstatic runs first
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"thidua serve exited with {server.returncode}")
        try:
            with build_opener().open(f"{base}/hop/phieu/", timeout=5) as response:
                if response.status == 200:
                    return
        except (URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"thidua serve did not answer within {seconds} s")


class Phone:
    """A delegate's phone: its own CSRF cookie and the ballot page's token, from opening the page beforehand
    (one plain HTTP request, not timed). Its cast is one request on a connection of its own, as a phone's
    after a pause; `cast_at_once` sends them all from one event loop, so the figure measures the server, not
    a thousand client threads contending with it for the same cores."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)
        link = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            link.request("GET", "/hop/phieu/")
            response = link.getresponse()
            page = response.read().decode()
            cookies = response.headers.get_all("Set-Cookie") or []
        finally:
            link.close()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            raise RuntimeError("the ballot page has no CSRF token")
        self.token = found.group(1)
        self.cookie = "; ".join(cookie.split(";", 1)[0] for cookie in cookies)

    def request(self, delegate: Delegate) -> bytes:
        """The cast's whole HTTP request, as the phone's browser sends it."""
        body = urlencode(
            {"code": delegate.code, **delegate.fields, "step": "cast", "csrfmiddlewaretoken": self.token}
        ).encode()
        head = (
            f"POST /hop/phieu/bo/ HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
            f"Cookie: {self.cookie}\r\nConnection: close\r\n\r\n"
        )
        return head.encode() + body

    async def cast(self, delegate: Delegate, request: bytes | None = None) -> tuple[str, str, float]:
        """(outcome, detail, seconds): outcome is receipt, refused, error or reset."""
        request = request or self.request(delegate)
        started = time.perf_counter()
        try:
            answer = await asyncio.wait_for(self._exchange(request), timeout=120)
        except RESETS as error:
            return "reset", type(error).__name__, time.perf_counter() - started
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as error:
            return "error", f"{type(error).__name__}: {error}", time.perf_counter() - started
        seconds = time.perf_counter() - started
        status_line, _, rest = answer.partition(b"\r\n")
        status = status_line.split(b" ", 2)[1:2]
        if status != [b"200"]:
            return "error", f"HTTP {b''.join(status).decode() or '?'}", seconds
        page = rest.decode(errors="replace")
        found = RECEIPT.search(page)
        return ("receipt", found.group(1), seconds) if found else ("refused", page[-300:], seconds)

    async def _exchange(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(request)
            await writer.drain()
            answer = await reader.read()  # Connection: close, so the answer ends with the connection
        finally:
            writer.close()
        if not answer:
            raise http.client.RemoteDisconnected("the server closed the connection without an answer")
        return answer


@dataclass
class CastReport:
    delegates: int
    receipts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    resets: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    wall: float = 0.0
    # CPU seconds spent on the casts by each side (cpu_spent): the server, the database, the client.
    cpu: dict[str, float] = field(default_factory=dict)

    def figures(self, stored: list[str]) -> dict[str, Any]:
        """What a meeting's secretary would check: every delegate holds a receipt, every receipt is a stored
        ballot, no ballot is stored twice or without a receipt shown."""
        ordered = sorted(self.seconds)
        return {
            "delegates": self.delegates,
            "ballots stored": len(stored),
            "receipts": len(self.receipts),
            # A delegate whose ballot is not on record, whatever the phone showed.
            "lost": self.delegates - len(set(self.receipts) & set(stored)),
            "double": len(stored) - len(set(stored)) + max(0, len(stored) - self.delegates),
            "stored without receipt": len(set(stored) - set(self.receipts)),
            "refused": len(self.refused),
            "errors": len(self.errors),
            "resets": len(self.resets),
            "p50 (s)": round(statistics.median(ordered), 3) if ordered else None,
            "p95 (s)": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 3) if ordered else None,
            "ballots/s": round(len(self.receipts) / self.wall, 1) if self.wall else None,
        }


def cast_at_once(base: str, delegates: list[Delegate]) -> CastReport:
    """Every delegate's phone opens the ballot page, then all cast in the same instant."""
    with ThreadPoolExecutor(max_workers=16) as pool:
        phones = list(pool.map(lambda _delegate: Phone(base), delegates))
    requests = [phone.request(delegate) for phone, delegate in zip(phones, delegates, strict=True)]
    report = CastReport(delegates=len(delegates))

    async def all_at_once() -> list[tuple[str, str, float]]:
        return await asyncio.gather(
            *(
                phone.cast(delegate, request)
                for phone, delegate, request in zip(phones, delegates, requests, strict=True)
            )
        )

    with cpu_spent(base) as report.cpu:
        started = time.perf_counter()
        outcomes = asyncio.run(all_at_once())
        report.wall = time.perf_counter() - started
    for outcome, detail, seconds in outcomes:
        report.seconds.append(seconds)
        {"receipt": report.receipts, "refused": report.refused, "error": report.errors}.get(
            outcome, report.resets
        ).append(detail)
    return report


def measure(delegates: int, log_path: Path) -> dict[str, Any]:
    """The whole run on the database this process uses: a meeting, the server, the casts, the count. Beside
    the wall-clock figures, the CPU time each side spent on the casts alone (the server's processes,
    PostgreSQL's backends, the delegates' client), which the machine's other work changes far less."""
    review_id, issued = meeting_of(delegates)
    connection.close()
    with log_path.open("wb") as log, running_server(database_url(), log) as base:
        report = cast_at_once(base, issued)
    figures = report.figures(stored_receipts(review_id))
    receipts = max(1, len(report.receipts))
    for side, seconds in report.cpu.items():
        figures[f"{side} CPU per ballot (ms)"] = round(1000 * seconds / receipts, 2)
    return figures


@contextmanager
def cpu_spent(base: str) -> Iterator[dict[str, float]]:
    """CPU seconds spent inside the block by the server at `base` (its processes), by the database's
    backends (PostgreSQL on this machine) and by this process; read from /proc, empty where there is none."""
    spent: dict[str, float] = {}
    if not Path("/proc/self/stat").exists():
        yield spent
        return
    port = base.rsplit(":", 1)[1]
    server = _process_tree(_listening_on(port))
    backends = _backends()
    before = {pid: _cpu_of(pid) for pid in [*server, *backends]}
    began = time.process_time()
    yield spent
    client = time.process_time() - began
    server = _process_tree(_listening_on(port)) or server
    backends = _backends() | backends
    spent["server"] = sum(_cpu_of(pid) - before.get(pid, 0.0) for pid in server)
    if backends:
        spent["database"] = sum(_cpu_of(pid) - before.get(pid, 0.0) for pid in backends)
    spent["client"] = client


def _cpu_of(pid: int) -> float:
    """User and system CPU seconds of a process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _parents() -> dict[int, int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return parents


def _listening_on(port: str) -> int | None:
    """The server's master: the process whose command line binds the port."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"gunicorn" in command and f"127.0.0.1:{port}".encode() in command:
                return int(entry.name)
    return None


def _process_tree(root: int | None) -> list[int]:
    if root is None:
        return []
    parents = _parents()
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sorted(tree)


def _backends() -> set[int]:
    """PostgreSQL's backends serving this database, when it runs on this machine."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = {int(pid) for (pid,) in cursor.fetchall()}
    return {pid for pid in pids if Path(f"/proc/{pid}/stat").exists()}
