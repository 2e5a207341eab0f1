"""The PDF of a paper, made from its Word file by LibreOffice in headless mode, so the two never differ.

Each call gets its own LibreOffice profile directory: two conversions at once would otherwise fight over
the one profile and the second would fail silently. `make install` installs LibreOffice (and Liberation
Serif, metric-compatible with Times New Roman, embedded in the PDF) when the machine lacks it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TIMEOUT_SECONDS = 120


class PdfUnavailable(Exception):
    """The PDF could not be made; the message says why and what to do, in the interface's language."""


def converter() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_name(docx_name: str) -> str:
    """ "bien-ban.docx" → "bien-ban.pdf"."""
    return str(Path(docx_name).with_suffix(".pdf"))


def docx_to_pdf(content: bytes) -> bytes:
    """The PDF of a Word file given as bytes."""
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as work:
        source = Path(work) / "paper.docx"
        source.write_bytes(content)
        return convert_files([source], Path(work) / "out")[0].read_bytes()


def convert_files(sources: list[Path], out_dir: Path) -> list[Path]:
    """Write the PDF of each Word file of `sources` into `out_dir` (same name, .pdf), in one LibreOffice
    run (starting LibreOffice costs seconds, converting a paper a fraction of one); returns their paths."""
    program = converter()
    if program is None:
        raise PdfUnavailable(
            _(
                "Cannot make the PDF: LibreOffice is not installed on the server. The Word file can still be "
                "downloaded; the administrator installs LibreOffice with `make install`."
            )
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-lo-profile-") as profile:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *(str(source) for source in sources),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(
                _("Cannot make the PDF: LibreOffice did not finish within {seconds} seconds.").format(
                    seconds=TIMEOUT_SECONDS
                )
            ) from error
    targets = [out_dir / pdf_name(source.name) for source in sources]
    if done.returncode != 0 or not all(target.exists() for target in targets):
        detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
        raise PdfUnavailable(
            _("Cannot make the PDF: LibreOffice failed ({detail}).").format(detail=detail or done.returncode)
        )
    return targets


def write_pdfs(out_dir: Path, names: list[str]) -> list[str]:
    """The PDF beside each Word file `names` in `out_dir`; returns the PDF names in the same order."""
    if not names:
        return []
    return [target.name for target in convert_files([out_dir / name for name in names], out_dir)]
