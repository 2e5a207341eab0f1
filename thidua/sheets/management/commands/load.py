"""`thidua load KIND FILE [--organizer NAME] [--commit [--confirm-names]]`: the import page's path from the
command line. Without --commit it only shows the preview; --commit writes a file without problems, all rows
or none, and asks for --confirm-names when a name was read without an exact match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from thidua.organisations.models import Organizer
from thidua.sheets.importer import Plan, Scope, kinds, run

ACTOR = "thidua load"


class Command(BaseCommand):
    help = gettext("Import a spreadsheet (.xlsx or .csv) into the registry: preview, then --commit.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(kinds()), help=gettext("what the file holds"))
        parser.add_argument("file", type=Path, help=gettext("the file (.xlsx or .csv)"))
        parser.add_argument(
            "--organizer", help=gettext("the organizer's name (needed when there are several)")
        )
        parser.add_argument("--commit", action="store_true", help=gettext("write the rows (all or none)"))
        parser.add_argument(
            "--confirm-names",
            action="store_true",
            help=gettext("confirm the names read without an exact match"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organizer = organizer_named(options["organizer"])
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(gettext("No file {path}.").format(path=path))
        with path.open("rb") as stream:
            plan = run(
                kinds()[options["kind"]],
                stream,
                path.name,
                Scope(organizer),
                by=ACTOR,
                write=options["commit"],
                confirmed=options["confirm_names"],
            )
        self._say(plan)
        if plan.problems:
            raise CommandError(gettext("Nothing was written: correct the file and run again."))
        waiting = plan.created or plan.changed  # a file already in changes nothing: no names to confirm
        if (
            options["commit"]
            and not plan.written
            and waiting
            and plan.mappings
            and not options["confirm_names"]
        ):
            raise CommandError(
                gettext("Nothing was written: check the names above, then run again with --confirm-names.")
            )
        if plan.written:
            self.stdout.write(gettext("Written."))
        elif plan.created or plan.changed:
            self.stdout.write(gettext("Nothing written yet: run again with --commit to write these rows."))

    def _say(self, plan: Plan) -> None:
        self.stdout.write(
            gettext("{name}: {created} row(s) to add, {changed} to change, {same} already there.").format(
                name=plan.source, created=plan.created, changed=plan.changed, same=plan.same
            )
        )
        for also in plan.also:
            self.stdout.write("  " + gettext("Also created: {also}").format(also=also))
        if plan.mappings:
            self.stdout.write(gettext("Names read without an exact match:"))
            for mapping in plan.mappings.values():
                self.stdout.write(f"  «{mapping.typed}» → {mapping.meaning}")
        for problem in plan.problems:
            self.stderr.write(str(problem))


def organizer_named(name: str | None) -> Organizer:
    """The organizer a command's --organizer names (its name or short name), or the only one there is."""
    organizers = Organizer.objects.order_by("name")
    if name:
        found = organizers.filter(name=name).first() or organizers.filter(short_name=name).first()
        if found is None:
            raise CommandError(gettext("No organizer named {name}.").format(name=name))
        return found
    if organizers.count() != 1:
        raise CommandError(gettext("Say which organizer with --organizer NAME."))
    return organizers.get()
