"""A file sent to the API that cannot be used: every problem as {line, vi, en}, nothing written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import RequestDataTooBig
from django.core.files.base import ContentFile
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from ninja.errors import HttpError

from thidua.core.converters import bounded_int
from thidua.exchange.errors import ExchangeError
from thidua.exchange.upload import MAX_BYTES, read_upload

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_MB = MAX_BYTES // 1024 // 1024

BODY_NAME = _("the file sent")


def read_body(request: HttpRequest) -> str:
    """The request body as text, with the upload page's limits: larger than 2 MB is a 413 (HttpError), not
    UTF-8 an ExchangeFileInvalid. The size is judged from Content-Length before the body is read."""
    declared = bounded_int(request.META.get("CONTENT_LENGTH"), 0)
    if declared is not None and declared > MAX_BYTES:
        raise HttpError(413, str(too_large_said(declared)))
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, str(too_large_said(None))) from None
    if len(body) > MAX_BYTES:
        raise HttpError(413, str(too_large_said(len(body))))
    return read_upload(ContentFile(body, name=str(BODY_NAME)))[1]


def too_large_said(size: int | None) -> StrOrPromise:
    if size is None:
        return format_lazy(_("The file sent is larger than {most} MB; nothing was written."), most=MAX_MB)
    return format_lazy(
        _("The file sent is larger than {most} MB ({size} MB); nothing was written."),
        most=MAX_MB,
        size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
    )


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
