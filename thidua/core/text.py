"""One check for text from any door (files, the API), the same on SQLite and PostgreSQL.

PostgreSQL refuses a NUL byte and text longer than its column (DataError, a 500) where SQLite stores them;
neither can store a lone surrogate (which a YAML "\\ud800" escape produces). Text is checked here, in Python,
before any database sees it, and normalised to NFC so "Hòa" typed two ways is one name.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The widest column a short text goes to (names: CharField(max_length=255)).
NAME_LENGTH = 255
CODE_LENGTH = 64


def clean_text(value: str, max_length: int | None = NAME_LENGTH) -> tuple[str, StrOrPromise | None]:
    """(the text in NFC, None) or (the text, why it cannot be stored): a NUL or other control character
    (tab and line breaks aside), a lone surrogate, or more than `max_length` characters."""
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        return value, _("contains an invalid character (a lone surrogate, U+D800–U+DFFF)")
    if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in value):
        return value, _("contains a control character (such as NUL, U+0000)")
    normal = unicodedata.normalize("NFC", value)
    if max_length is not None and len(normal) > max_length:
        return normal, format_lazy(_("is too long: at most {most} characters"), most=max_length)
    return normal, None


def printable(message: str) -> str:
    """A message that may quote what a user sent, made safe to send back: a lone surrogate (a "\\ud800" in a
    YAML or JSON file, quoted by "unknown key «…»") cannot be encoded in UTF-8, so a page or a JSON answer
    holding one fails (a 500). Each becomes U+FFFD, the replacement character."""
    if not any(0xD800 <= ord(char) <= 0xDFFF for char in message):
        return message
    return "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in message)
