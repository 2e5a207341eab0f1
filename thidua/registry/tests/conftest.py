"""The registry's tests stand on the seed cluster taken into the registry (thidua.testing.worlds: the `seed`
fixture of the root conftest) and its board."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractUser

from thidua.accounts.models import Role
from thidua.testing.worlds import Seed, user_with


@pytest.fixture
def board(seed: Seed) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)
