"""A file sent to the API that cannot be used: every problem as {line, vi, en}, nothing written."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thidua.exchange.errors import ExchangeError
from thidua.exchange.upload import read_upload

BODY_NAME = _("the file sent")


def read_body(request: HttpRequest) -> str:
    """The request body as text, with the upload page's limits (2 MB, UTF-8): ExchangeFileInvalid if not."""
    return read_upload(ContentFile(request.body, name=str(BODY_NAME)))[1]


def bad_file(what: str, errors: list[ExchangeError]) -> dict[str, Any]:
    count = len(errors)
    return {
        "detail": ngettext(
            "{what} has {count} error; nothing was written.",
            "{what} has {count} errors; nothing was written.",
            count,
        ).format(what=what, count=count),
        "errors": [{"line": e.line, "vi": e.vi, "en": e.en} for e in errors],
    }


def case_file_errors(messages: list[str]) -> list[ExchangeError]:
    """The eligibility reader's "FILE:LINE: vi / en" messages (awards.casefile) taken apart again."""
    found = []
    for message in messages:
        where, _, said = message.removeprefix(f"{BODY_NAME}:").partition(": ")
        line = int(where) if where.isdigit() else None
        vi, _, en = (said if line is not None else message).partition(" / ")
        found.append(ExchangeError(str(BODY_NAME), line, vi, en))
    return found
