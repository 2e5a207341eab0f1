"""One English message said in each language (STYLE.md 11), for the texts wanted in two languages at once.

A verdict's reason (verdicts.json) and an exchange or case file's error are read in English and in
Vietnamese side by side. Each is one lazy message, a msgid of the catalogue with its values, rendered under
each language by `said_in`. A value may itself be said differently by language: a `Term` reads as the code
the files hold (case file, exchange file, verdicts.json: ELIGIBILITY.md, FORMAT.md) in English, whose
readers are programs and the files' own vocabulary, and by its name in the other languages.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy, override

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def said_in(language: str, text: StrOrPromise | Term) -> str:
    """`text` as said in `language`."""
    with override(language):
        return str(text)


def vi_en(text: StrOrPromise | Term) -> tuple[str, str]:
    """`text` said in Vietnamese and in English."""
    return said_in("vi", text), said_in("en", text)


def _in_english() -> bool:
    # Without an active language (translation.deactivate_all) the msgids themselves, English, are shown.
    language = get_language()
    return language is None or language.split("-")[0] == "en"


class Term:
    """A thing a message names: by `code` in English, by `name` in the other languages."""

    def __init__(self, code: StrOrPromise, name: StrOrPromise) -> None:
        self.code = code
        self.name = name

    def __str__(self) -> str:
        return str(self.code if _in_english() else self.name)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def day(value: date) -> Term:
    """A date: ISO in English (the files' own form), dd/mm/yyyy in the other languages."""
    return Term(value.isoformat(), f"{value:%d/%m/%Y}")


def _joined(separator: str, *items: object) -> str:
    return separator.join(str(item) for item in items)


_joined_lazy = lazy(_joined, str)


def joined(separator: str, items: Iterable[object]) -> StrOrPromise:
    """`items` (terms, lazy messages, plain text) joined by `separator` when said, in the language then."""
    return _joined_lazy(separator, *items)


def either(items: Iterable[object]) -> StrOrPromise:
    """'a or b or c' in the language it is said in; '' for no item."""
    found: list[object] = list(items)
    if not found:
        return ""
    text: object = found[0]
    for item in found[1:]:
        text = format_lazy(gettext_lazy("{first} or {second}"), first=text, second=item)
    return text if isinstance(text, str) else format_lazy("{}", text)


def english_only(value: StrOrPromise | Term) -> Term:
    """A value only the English text shows. The other languages say nothing for it: msgfmt wants every
    placeholder of the msgid in the translation, so theirs keeps it where it reads as nothing."""
    return Term(format_lazy("{}", value), "")
