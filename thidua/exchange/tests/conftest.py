from __future__ import annotations

from pathlib import Path

import pytest

from thidua.scenarios import SEED

SCENARIOS = Path(__file__).resolve().parents[2] / "operations" / "tests" / "scenarios"
FILES = [SEED, *sorted(SCENARIOS.glob("*.yaml"))]

# A second cluster of the seed's organizer: it shares STC (renamed here) and SNV (a new female share).
K2 = (
    'format: 1\norganizer: {name: "Ủy ban nhân dân tỉnh Lạng Sơn"}\n'
    'awards: [{code: bk-ct, name: "Bằng khen của Chủ tịch UBND tỉnh", grantor: "Chủ tịch UBND tỉnh"}]\n'
    "units:\n"
    '  - {code: STC, name: "Sở Tài chính"}\n'
    '  - {code: SNV, name: "Sở Nội vụ tỉnh Lạng Sơn", female_share: 0.6}\n'
    '  - {code: SYT, name: "Sở Y tế tỉnh Lạng Sơn"}\n'
    'cluster: {code: K2, kind: khoi, name: "Khối 2", rules: {method: score}}\n'
    "years: [{year: 2022, members: [STC, SNV, SYT]}]\n"
)
RENAMED = (
    "Sở Tài chính (STC, dùng chung với Cụm các cơ quan Tham mưu tổng hợp): "
    "tên «Sở Tài chính tỉnh Lạng Sơn» → «Sở Tài chính»"
)
SHARE = "Sở Nội vụ (SNV, dùng chung với Cụm các cơ quan Tham mưu tổng hợp): tỷ lệ nữ «0,47» → «0,6»"


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
