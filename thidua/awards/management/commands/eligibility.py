"""`thidua eligibility FILE --out verdicts.json`: answer the queries of an eligibility case file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.awards.casefile import CaseFileInvalid, answer, read_case_file


class Command(BaseCommand):
    help = "Xét điều kiện khen thưởng cho các trường hợp trong tệp (ELIGIBILITY.md); ghi verdicts.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp trường hợp (YAML, format 1)")
        parser.add_argument("--out", type=Path, required=True, help="tệp kết quả (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            case_file = read_case_file(options["file"])
        except CaseFileInvalid as invalid:
            # Nothing is written for a rejected file: every error goes to stderr.
            raise CommandError("\n".join(invalid.errors)) from None
        verdicts = [verdict.as_dict() for verdict in answer(case_file)]
        out: Path = options["out"]
        try:
            out.write_text(json.dumps(verdicts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"không ghi được {out} ({error}) / cannot write {out}") from None
        for verdict in verdicts:
            self.stdout.write(
                f"{verdict['subject']} {verdict['award']} {verdict['year']}: {verdict['verdict']}"
            )
        self.stdout.write(f"→ {out}")
