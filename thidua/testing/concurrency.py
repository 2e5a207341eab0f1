"""Two people on one form: read the version a page's form carries, as a browser would post it back."""

from __future__ import annotations

import re

from django.test import Client

from thidua.core.concurrency import VERSION_FIELD

CHANGED = "vừa được"  # "Hồ sơ này vừa được … sửa lúc …": the refusal of a save made on a stale copy


def version_on(client: Client, url: str) -> str:
    """The version carried by the (first) form of the page at `url`: the record as this client opened it."""
    page = client.get(url).content.decode()
    found = re.search(rf'name="{VERSION_FIELD}" value="(\d+)"', page)
    assert found is not None, f"no version field on {url}"
    return found.group(1)
