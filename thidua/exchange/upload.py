"""Reading an exchange file that arrives over the network (the upload page, the API): size and encoding."""

from __future__ import annotations

from typing import Any

from thidua.exchange.errors import ExchangeError, ExchangeFileInvalid

MAX_BYTES = 2 * 1024 * 1024
YAML_MIME = "application/yaml; charset=utf-8"


def read_upload(upload: Any) -> tuple[str, str]:
    """(file name, text) of an uploaded file, or ExchangeFileInvalid saying why it cannot be read."""
    name = upload.name or "tệp tải lên"
    if upload.size > MAX_BYTES:
        size = f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")
        raise ExchangeFileInvalid(
            [ExchangeError(name, None, f"tệp quá lớn ({size} MB; tối đa 2 MB)", "file larger than 2 MB")]
        )
    try:
        return name, upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise ExchangeFileInvalid(
            [ExchangeError(name, None, "tệp không phải văn bản UTF-8", "the file is not UTF-8 text")]
        ) from None
