import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# The suite is a gate: the same code draws the same examples on every run, so a run that passed passes
# again. HYPOTHESIS_PROFILE=explore draws new ones each run, to look for what the fixed ones miss.
hypothesis_settings.register_profile("gate", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))


def _remove_sqlite_test_files() -> None:
    """The SQLite test database is a file in WAL mode (settings). Django removes the file at the end of a
    run but not the -wal and -shm beside it when a live server's thread still held a connection; a stale
    WAL next to the next run's fresh file would be read back into it. Remove all three."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    name = Path(database.get("TEST", {}).get("NAME") or "")
    for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm")):
        if name.name and path.is_file():
            path.unlink()


def pytest_sessionstart(session: pytest.Session) -> None:
    _remove_sqlite_test_files()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _remove_sqlite_test_files()


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Counts kept in the cache (wrong ballot codes from 127.0.0.1…) do not pass from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _close_live_server_sessions(django_db_setup, django_db_blocker):
    """The browser tests' live server answers in daemon threads; one still holding a keep-alive connection
    when the server stops keeps its PostgreSQL session, and the test database then cannot be dropped.
    Close such sessions before pytest-django drops the database."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def world(db: None) -> Any:
    """The owner, the member and the outsider of every page (thidua.testing.worlds.build_world)."""
    from thidua.testing.worlds import build_world

    return build_world()


@pytest.fixture
def seed(db: None) -> Any:
    """The Lạng Sơn 2021 seed cluster taken into the registry (thidua.testing.worlds.build_seed)."""
    from thidua.testing.worlds import build_seed

    return build_seed()


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (thidua.testing.browser); modules mark themselves with NEEDS_CHROMIUM."""
    from thidua.testing.browser import launch

    yield from launch()
