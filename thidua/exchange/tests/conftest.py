from __future__ import annotations

from pathlib import Path

import pytest

from thidua.scenarios import SEED

SCENARIOS = Path(__file__).resolve().parents[2] / "core" / "tests" / "scenarios"
FILES = [SEED, *sorted(SCENARIOS.glob("*.yaml"))]


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> str:
    """The seed with one edit; fails loudly if the seed no longer holds the text the edit expects."""
    assert old in text, f"the seed no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str, *, last: bool = False) -> int:
    """1-based number of the first (or last) line containing `fragment`."""
    numbers = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert numbers, f"{fragment!r} not in the text"
    return numbers[-1] if last else numbers[0]
