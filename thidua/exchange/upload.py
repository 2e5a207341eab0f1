"""Reading an exchange file that arrives over the network (the upload page, the API): size and encoding."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.exchange.errors import ExchangeError, ExchangeFileInvalid

MAX_BYTES = 2 * 1024 * 1024
YAML_MIME = "application/yaml; charset=utf-8"


def read_upload(upload: Any) -> tuple[str, str]:
    """(file name, text) of an uploaded file, or ExchangeFileInvalid saying why it cannot be read."""
    name = upload.name or gettext("uploaded file")
    if upload.size > MAX_BYTES:
        size = f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")
        too_large = _("file larger than 2 MB ({size} MB)")
        raise ExchangeFileInvalid([ExchangeError.said(name, None, too_large, size=size)])
    try:
        return name, upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ExchangeFileInvalid([ExchangeError.said(name, None, _("the file is not UTF-8 text"))]) from None
