"""QR codes as inline SVG, made here (segno): no image service, works on a closed network."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def qr_svg(text: str) -> SafeString:
    # segno writes only its own markup (no user text): safe to inline.
    svg = segno.make(text, error="m").svg_inline(scale=4, light="#fff", title=_("QR code to open the ballot"))
    return mark_safe(svg)
