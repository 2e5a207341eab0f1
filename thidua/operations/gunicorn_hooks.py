"""gunicorn's server hooks for `thidua serve`: the task queue's worker runs beside the web workers, started
when the server listens, restarted if it dies, stopped with the server. One command serves the site and its
background work, so an office machine needs no second service."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import threading
from typing import Any

from thidua.operations.serving import server_environment, worker_command

_state: dict[str, Any] = {"process": None, "stopping": False}


def _die_with_parent() -> None:
    """Linux: the worker gets SIGTERM when the server's master ends, however it ends (no orphan worker
    left holding the queue after a crash or a restart caught mid-way)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _start() -> subprocess.Popen[bytes]:
    return subprocess.Popen(worker_command(), env=server_environment(), preexec_fn=_die_with_parent)


def _watch(server: Any) -> None:
    """Restart the worker when it exits while the server runs (after a crash, say), at most every 5 s."""
    stop = threading.Event()
    while not stop.wait(5):
        process = _state["process"]
        if _state["stopping"] or process is None:
            return
        if process.poll() is not None:
            server.log.warning("the task worker exited (%s); starting it again", process.returncode)
            _state["process"] = _start()


def when_ready(server: Any) -> None:
    _state["process"] = _start()
    server.log.info("task worker started (pid %s)", _state["process"].pid)
    threading.Thread(target=_watch, args=(server,), name="thidua-task-watch", daemon=True).start()


def on_exit(server: Any) -> None:
    _state["stopping"] = True
    process = _state["process"]
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
