"""What goes wrong with an exchange file, said in Vietnamese and English with the file and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExchangeError:
    file: str
    line: int | None
    vi: str
    en: str

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

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(f"{vi} / {en}")
