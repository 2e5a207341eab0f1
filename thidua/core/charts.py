"""Bar charts drawn on the server as SVG: no script, no asset from the internet, readable on a phone.

A chart never stands alone: the page shows the same numbers in a table beside it (for screen readers and
printing), so the SVG carries only a title for assistive technology. Each bar's label sits above the bar,
on the whole width, so long Vietnamese unit names are not cut on a 390-px screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from hashlib import blake2s

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
ROW = 36  # label line + bar
BAR = 14
LABEL_AT = 13


@dataclass(frozen=True)
class Segment:
    value: Decimal | float | int
    css: str = "bar"  # class of the segment's colour in thidua.css (bar, bar-2, bar-3...)


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value as the table beside the chart writes it
    segments: tuple[Segment, ...]

    @classmethod
    def of(cls, label: str, value: Decimal | float | int, shown: str | None = None) -> Bar:
        return cls(label, str(value) if shown is None else shown, (Segment(value),))

    @property
    def total(self) -> float:
        return float(sum(Decimal(str(s.value)) for s in self.segments))


def bar_chart(title: str, bars: Sequence[Bar], *, legend: Sequence[tuple[str, str]] = ()) -> SafeString:
    """A horizontal bar chart of `bars` (stacked when a bar has several segments, named by `legend` as
    (css class, label) pairs), scaled to the largest total; empty when there is nothing to draw."""
    if not bars:
        return mark_safe("")
    longest = max(bar.total for bar in bars) or 1.0
    room = WIDTH - 60  # the value is written after the bar
    # The same chart gets the same id on every render (a page compared before and after must not differ).
    title_id = (
        "chart-" + blake2s("\x1f".join([title, *(b.label for b in bars)]).encode(), digest_size=6).hexdigest()
    )
    parts = []
    for row, bar in enumerate(bars):
        top = row * ROW
        parts.append(
            format_html('<text x="0" y="{}" class="chart-label">{}</text>', top + LABEL_AT, bar.label)
        )
        left = 0.0
        for segment in bar.segments:
            width = room * float(segment.value) / longest
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="{}"></rect>',
                    f"{left:.1f}",
                    top + LABEL_AT + 5,
                    f"{max(width, 0):.1f}",
                    BAR,
                    segment.css,
                )
            )
            left += max(width, 0)
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                f"{left + 4:.1f}",
                top + LABEL_AT + 5 + BAR - 2,
                bar.shown,
            )
        )
    height = len(bars) * ROW + 4
    key = "".join(
        format_html('<li><span class="swatch {}"></span>{}</li>', css, label) for css, label in legend
    )
    return format_html(
        '<figure class="chart"><svg viewBox="0 0 {} {}" role="img" aria-labelledby="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}">{}</title>{}</svg>'
        "<figcaption>{}</figcaption>{}</figure>",
        WIDTH,
        height,
        title_id,
        title_id,
        title,
        mark_safe("".join(parts)),  # each part built by format_html above
        title,
        format_html('<ul class="chart-legend">{}</ul>', mark_safe(key)) if key else "",
    )
