"""The ballot's QR code: the one inline-SVG helper of core, titled for the code sheet."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from thidua.core import qr


def qr_svg(text: str) -> SafeString:
    return qr.qr_svg(text, title=_("QR code to open the ballot"))
