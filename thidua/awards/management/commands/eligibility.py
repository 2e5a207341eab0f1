"""`thidua eligibility FILE --out verdicts.json`: answer the queries of an eligibility case file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.casefile import CaseFileInvalid, answer, read_case_file
from thidua.awards.wording import vi_en


class Command(BaseCommand):
    # Said when the command is loaded, after set-up: argparse takes only plain text as a description.
    help = gettext("Judge the eligibility of the cases in the file (ELIGIBILITY.md); write verdicts.json.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=gettext("case file (YAML, format 1)"))
        parser.add_argument("--out", type=Path, required=True, help=gettext("verdicts file (JSON)"))

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
            vi, en = vi_en(format_lazy(_("cannot write {file} ({error})"), file=out, error=error))
            raise CommandError(f"{vi} / {en}") from None
        for verdict in verdicts:
            self.stdout.write(
                f"{verdict['subject']} {verdict['award']} {verdict['year']}: {verdict['verdict']}"
            )
        self.stdout.write(f"→ {out}")
