"""Server-drawn bar charts: bars in proportion to their values, labels escaped, nothing drawn for no data."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from thidua.core.charts import WIDTH, Bar, Segment, bar_chart


def _widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect [^>]*width="([0-9.]+)"', svg)]


def test_bars_are_in_proportion_and_the_longest_fills_the_room() -> None:
    svg = bar_chart("Số phiếu", [Bar.of("Sở Tài chính", 12), Bar.of("Sở Tư pháp", 6), Bar.of("Sở Nội vụ", 0)])
    widths = _widths(svg)
    assert widths[0] == WIDTH - 60
    assert widths[1] == widths[0] / 2
    assert widths[2] == 0
    assert 'role="img"' in svg and "<title" in svg and "Số phiếu</title>" in svg
    assert "Sở Tài chính</text>" in svg


def test_labels_cannot_inject_markup() -> None:
    svg = bar_chart("<b>x</b>", [Bar.of('<script>alert("x")</script>', 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_nothing_is_drawn_without_bars() -> None:
    assert bar_chart("Trống", []) == ""


def test_stacked_segments_share_the_bar_and_the_legend_names_them() -> None:
    bar = Bar("2023", "5", (Segment(3, "bar"), Segment(2, "bar-2")))
    svg = bar_chart("Theo năm", [bar], legend=[("bar", "Tập thể"), ("bar-2", "Cá nhân")])
    first, second = _widths(svg)
    assert first + second == WIDTH - 60
    assert first == second * 1.5
    assert "Tập thể</li>" in svg and "Cá nhân</li>" in svg


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30))
def test_no_bar_runs_past_the_room(values: list[int]) -> None:
    widths = _widths(bar_chart("x", [Bar.of(str(i), v) for i, v in enumerate(values)]))
    assert len(widths) == len(values)
    assert all(0 <= w <= WIDTH - 60 for w in widths)
