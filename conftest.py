from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


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
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (thidua.testing.browser); modules mark themselves with NEEDS_CHROMIUM."""
    from thidua.testing.browser import launch

    yield from launch()
