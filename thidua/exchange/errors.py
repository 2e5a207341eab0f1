"""What goes wrong with an exchange file, said in Vietnamese and English with the file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.text import format_lazy

from thidua.awards.wording import vi_en
from thidua.core.text import printable

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class ExchangeError:
    file: str
    line: int | None
    vi: str
    en: str

    @classmethod
    def said(cls, file: str, line: int | None, message: StrOrPromise, /, **values: Any) -> ExchangeError:
        """The error of one message (an English msgid with its values), said in both languages."""
        vi, en = vi_en(format_lazy(message, **values))
        return cls(printable(file), line, printable(vi), printable(en))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.vi} / {self.en}"


class ExchangeFileInvalid(Exception):
    """A file that cannot be imported; `errors` holds every problem found, not just the first."""

    def __init__(self, errors: list[ExchangeError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class ExportImpossible(Exception):
    """A cluster whose records the file format cannot express (e.g. rules that change between years)."""

    def __init__(self, message: StrOrPromise, /, **values: Any) -> None:
        self.message = format_lazy(message, **values)
        self.vi, self.en = vi_en(self.message)
        super().__init__(f"{self.vi} / {self.en}")
