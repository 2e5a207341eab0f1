"""The printable sheet of codes just issued, for a meeting or a council sitting: shown once, never stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString

from thidua.emulation.balloting import IssuedCode
from thidua.emulation.qr import qr_svg


@dataclass(frozen=True)
class CodeCard:
    issued: IssuedCode
    url: str
    qr: SafeString


def code_sheet(request: HttpRequest, issued: list[IssuedCode], title: str, back_url: str) -> HttpResponse:
    """One card per code: the holder's name, a QR code of the ballot's address and the short code. The
    code rides in the address's fragment (after "#"), which browsers never send to the server: the ballot
    page's script (meeting/code_link.js) posts it, so no request line, log or Referer ever holds it."""
    entry = request.build_absolute_uri(reverse("meeting:enter_code"))
    cards = []
    for item in issued:
        url = f"{entry}#{item.code}"
        cards.append(CodeCard(item, url, qr_svg(url)))
    return render(request, "meeting/codes.html", {"title": title, "cards": cards, "back_url": back_url})
