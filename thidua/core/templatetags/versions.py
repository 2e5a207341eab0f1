"""The hidden version field of a form that edits a shared record (core.concurrency)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString

from thidua.core.concurrency import VERSION_FIELD, version_of

register = template.Library()


@register.simple_tag(takes_context=True)
def version_field(context: dict[str, Any], obj: models.Model | None) -> SafeString | str:
    """The record's version when the form is first shown. A form shown again after a refusal keeps the
    version it was opened at, so a change made meanwhile by someone else is still caught on the next save.
    On a page with one form per record (a table's rows), the view names the record the refused form was for
    as `posted_for`: the other rows' forms show their records' own versions."""
    if obj is None:
        return ""
    request = context.get("request")
    posted = request.POST.get(VERSION_FIELD) if request is not None and request.method == "POST" else None
    posted_for = context.get("posted_for")
    if posted_for is not None and posted_for != obj:  # Django's models are equal by model and primary key
        posted = None
    value = posted if posted is not None else version_of(obj)
    return format_html('<input type="hidden" name="{}" value="{}">', VERSION_FIELD, value)
