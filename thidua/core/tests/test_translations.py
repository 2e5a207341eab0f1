"""Every string a user reads goes through the catalogue, and the Vietnamese catalogue translates all of them.

Two checks: (1) no Vietnamese is written into the code outside the catalogue (Python literals other than
docstrings, template text outside translation tags), except in the modules that hold data rather than
interface text (names of places, people and units, and the folding of Vietnamese letters); (2) every msgid
that `makemessages` extracts from the code has a Vietnamese translation in thidua/locale, none of them
fuzzy. The second runs GNU gettext (installed by `make install`)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(settings.BASE_DIR)
PACKAGE = ROOT / "thidua"
CATALOGUE = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"

# Vietnamese letters (Latin-1 and Latin Extended Additional), not the multiplication and division signs.
VIETNAMESE = re.compile(r"[À-ÖØ-öø-ỹ]")
NOT_INTERFACE = {"tests", "testing", "migrations", "locale", "legacy"}
# Modules whose Vietnamese is data: names of provinces, people, units, and how letters fold for search.
DATA_MODULES = {
    "thidua/operations/synthetic_names.py",
    "thidua/operations/demo_names.py",
    "thidua/bench_names.py",
    "thidua/bench_awards.py",
    "thidua/documents/vietnamese_names.py",
    "thidua/documents/vietnamese_numbers.py",
    "thidua/awards/provinces.py",
    "thidua/registry/folding.py",
    "thidua/registry/abbreviations.py",
    "thidua/sheets/wording.py",
}
# Each language is named in its own tongue in a language menu, whatever the interface language.
LANGUAGE_NAMES = {"Tiếng Việt"}


def _interface_files(suffixes: tuple[str, ...]) -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in suffixes
        and not NOT_INTERFACE & set(path.relative_to(PACKAGE).parts)
        and path.relative_to(ROOT).as_posix() not in DATA_MODULES
    ]


def _python_vietnamese(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value not in LANGUAGE_NAMES
        and VIETNAMESE.search(node.value)
    ]


TRANSLATED_TEMPLATE_TEXT = re.compile(
    r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}"
    r"|{%\s*trans(late)?\s+(\"[^\"]*\"|'[^']*')[^%]*%}"
    r"|{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
    re.S,
)


def _template_vietnamese(path: Path) -> list[str]:
    text = TRANSLATED_TEMPLATE_TEXT.sub("", path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}: {line.strip()[:60]!r}"
        for line in text.splitlines()
        if VIETNAMESE.search(line)
    ]


def test_no_vietnamese_is_written_outside_the_catalogue():
    found = [hit for path in _interface_files((".py",)) for hit in _python_vietnamese(path)]
    found += [hit for path in _interface_files((".html", ".txt")) for hit in _template_vietnamese(path)]
    assert not found, "Vietnamese outside the catalogue (write it in English through gettext):\n" + "\n".join(
        found
    )


def _msgids(po: str) -> list[str]:
    """The msgids of a .po text (a msgid may run over several quoted lines), without the header's."""
    found = []
    for entry in po.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n)+)', entry + "\n", re.M)
        text = "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""
        if text:
            found.append(text)
    return found


def test_every_message_has_a_vietnamese_translation(tmp_path, monkeypatch):
    if not (shutil.which("msgmerge") and shutil.which("msgattrib")):
        pytest.skip("GNU gettext is missing: `make install` installs it (apt-get install gettext)")
    extracted = tmp_path / "locale"
    monkeypatch.chdir(ROOT)
    # thidua/locale is ignored so that makemessages writes the extracted strings under tmp_path, not into
    # the catalogue itself.
    with override_settings(LOCALE_PATHS=[extracted]):
        call_command(
            "makemessages",
            locale=["vi"],
            no_location=True,
            verbosity=0,
            ignore_patterns=[
                ".venv/*",
                "var/*",
                "out/*",
                "test-artifacts/*",
                "thidua/locale",
                "*/tests/*",
                "*/testing/*",
            ],
        )
    merged = tmp_path / "merged.po"
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--no-fuzzy-matching",
            "-o",
            merged,
            CATALOGUE,
            extracted / "vi" / "LC_MESSAGES" / "django.po",
        ],
        check=True,
    )

    def entries(which: str) -> list[str]:
        attrib = ["msgattrib", which, "--no-obsolete", "--no-wrap", merged]
        return _msgids(subprocess.run(attrib, check=True, capture_output=True, text=True).stdout)

    untranslated, unsure = entries("--untranslated"), entries("--only-fuzzy")
    assert not untranslated, (
        "without a Vietnamese translation (`make messages`, then translate):\n" + "\n".join(untranslated)
    )
    assert not unsure, "marked fuzzy in the catalogue:\n" + "\n".join(unsure)
