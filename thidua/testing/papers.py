"""Reading a paper's PDF back in tests: its text (pdftotext), its fonts (pdffonts), its page size
(pdfinfo) and a picture of a page (pdftoppm), all from Debian's poppler-utils. Tests that make PDFs skip,
saying how to get the tools, on a machine without LibreOffice or poppler-utils."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from thidua.documents.pdf import converter

needs_pdf = pytest.mark.skipif(
    converter() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils is not installed: run `make install` (it installs them by apt-get)",
)


def _run(*command: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "paper.pdf"
        path.write_bytes(data)
        done = subprocess.run([*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
                              capture_output=True, check=True, timeout=60)  # fmt: skip
        return done.stdout.decode("utf-8")


def pdf_text(data: bytes) -> str:
    """The text, in reading order, with runs of white space made one space."""
    return " ".join(_run("pdftotext", data=data).split())


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded) for each font of the PDF."""
    lines = _run("pdffonts", data=data).splitlines()[2:]
    return [(line.split()[0], line.split()[-5] == "yes") for line in lines if line.strip()]


def page_size_mm(data: bytes) -> tuple[int, int]:
    for line in _run("pdfinfo", data=data).splitlines():
        if line.startswith("Page size:"):
            width, _x, height = line.split()[2:5]
            return round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)
    raise AssertionError("pdfinfo gave no page size")


def page_count(data: bytes) -> int:
    for line in _run("pdfinfo", data=data).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def first_page_png(data: bytes, out: Path) -> Path:
    """The first page as a PNG at 60 dpi, for a person to look at."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "paper.pdf"
        path.write_bytes(data)
        stem = out.with_suffix("")
        command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(stem)]
        subprocess.run(command, check=True, timeout=60)
    return out


def pdfs_of(papers: dict[str, bytes]) -> dict[str, bytes]:
    """The PDF of each Word file (name → .docx bytes), made in one LibreOffice run as `thidua scenario`
    makes them; keyed by the same names."""
    from thidua.documents.pdf import convert_files

    with tempfile.TemporaryDirectory() as work:
        sources = []
        for name, content in papers.items():
            source = Path(work) / name
            source.write_bytes(content)
            sources.append(source)
        made = convert_files(sources, Path(work) / "pdf")
        return {name: path.read_bytes() for name, path in zip(papers, made, strict=True)}
