"""The `thidua` command: Django's management commands under one name, plus `--database-url`.

thidua scenario FILE --out DIR     (fresh embedded database unless --database-url is given)
thidua eligibility FILE --out verdicts.json
thidua import FILE / thidua export CLUSTER --out FILE
thidua load KIND FILE [--commit]   (an office's .xlsx or .csv into the registry; preview without --commit)
thidua demo, thidua migrate, thidua serve (gunicorn), …
"""

from __future__ import annotations

import os
import sys
import tempfile

# Commands that answer from a file alone: without --database-url they get a fresh, throw-away database,
# so running them never touches (or needs) the office's own data.
SELF_CONTAINED = {"scenario", "eligibility"}


def _take_database_url(argv: list[str]) -> tuple[list[str], str | None]:
    rest: list[str] = []
    url: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--database-url":
            url = next(args, None)
            if not url:
                sys.exit(f"thidua: --database-url {_needs_a_url()}")
        elif arg.startswith("--database-url="):
            url = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, url


def _needs_a_url() -> str:
    """The refusal in Vietnamese and English; Django is set up for its translations (nothing touches a
    database: the command stops here)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django
    from django.utils.translation import gettext_lazy as _

    from thidua.awards.wording import vi_en

    django.setup()
    return "{} / {}".format(*vi_en(_("needs a database URL")))


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    rest, url = _take_database_url(args[1:])
    command = rest[0] if rest else ""
    fresh = command in SELF_CONTAINED and url is None
    if fresh:
        workdir = tempfile.mkdtemp(prefix="thidua-")
        url = f"sqlite:///{os.path.join(workdir, 'scenario.sqlite3')}"
    if url:
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command, execute_from_command_line

    try:
        django.setup()
    except ImproperlyConfigured as refused:
        # A setting the deployment must supply (SECRET_KEY, …): its message says what to set; a traceback
        # would only hide it.
        raise SystemExit(f"thidua: {refused}") from None
    if fresh or command in SELF_CONTAINED:
        call_command("migrate", verbosity=0, interactive=False)
    execute_from_command_line(["thidua", *rest])


if __name__ == "__main__":
    main()
