"""The client's address, one reading for every per-client limit: wrong verification codes, wrong ballot
codes, failed sign-ins (axes, through AXES_CLIENT_IP_CALLABLE).

Behind a proxy (nginx…) every request comes from the proxy's address, and one guesser would slow everyone
(or everyone one guesser). The deployment then names the header in which the proxy passes the client's
own address (CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP); it is read only when set, since a client could write
it itself where no proxy overwrites it. Its first address is the one the proxy saw.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client as an IP address, or "" when the request carries none. A header value that
    is not an IP address (a misconfigured proxy) is not taken: the connection's address is."""
    meta = getattr(request, "META", None) or {}  # axes may ask about a sign-in made outside a request
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = _ip(str(meta.get(header, "")).split(",")[0])
        if forwarded:
            return forwarded
    return _ip(str(meta.get("REMOTE_ADDR") or ""))


def _ip(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return ""
