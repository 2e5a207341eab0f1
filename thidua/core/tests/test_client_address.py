"""One reading of the client's address for every per-client limit: the connection's, or behind a proxy the
header the deployment names (CLIENT_IP_HEADER), and only an IP address at that."""

from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from thidua.core.client import client_address


@pytest.mark.parametrize(
    ("header", "meta", "seen"),
    [
        ("", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7"}, "10.0.0.1"),  # header not trusted
        ("HTTP_X_REAL_IP", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7"}, "203.0.113.7"),
        (
            "HTTP_X_FORWARDED_FOR",
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": " 2001:db8::7 , 10.0.0.2"},
            "2001:db8::7",
        ),
        ("HTTP_X_REAL_IP", {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),  # the proxy sent none
        ("HTTP_X_REAL_IP", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "không phải địa chỉ"}, "10.0.0.1"),
        (
            "HTTP_X_REAL_IP",
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7" + "0" * 100},
            "10.0.0.1",
        ),
        ("", {"REMOTE_ADDR": ""}, ""),
    ],
)
def test_the_clients_address(settings, header: str, meta: dict[str, str], seen: str) -> None:
    settings.CLIENT_IP_HEADER = header
    request = RequestFactory().get("/", **meta)
    if "REMOTE_ADDR" in meta:
        request.META["REMOTE_ADDR"] = meta["REMOTE_ADDR"]
    assert client_address(request) == seen
    # The sign-in lockout (axes) reads the same address as the code limits.
    assert (get_client_ip_address(request) or "") == seen
