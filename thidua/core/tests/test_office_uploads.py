"""The one upload check refuses an Office file that carries macros whatever its name, or that unpacks to a
"zip bomb", for every upload that accepts Word or Excel files (the organizers' own templates among them)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from thidua.core.uploads import MAX_UNPACKED_BYTES, check_content


def _xlsx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    if not extra:
        return out.getvalue()
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item))
        for name, data in extra.items():
            archive.writestr(name, data)
    return packed.getvalue()


def _refusal(content: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as refused:
        check_content(content, name, accepted=(".xlsx",), max_bytes=2 * 1024 * 1024)
    return " ".join(refused.value.messages)


def test_a_plain_workbook_passes() -> None:
    check_content(_xlsx(), "bang.xlsx", accepted=(".xlsx",), max_bytes=2 * 1024 * 1024)


def test_a_workbook_with_macros_is_refused_whatever_its_name() -> None:
    assert "có chứa macro" in _refusal(_xlsx({"xl/vbaProject.bin": b"\x00macro"}), "bang.xlsx")


def test_a_workbook_that_unpacks_too_large_is_refused() -> None:
    bomb = _xlsx({"xl/media/zeros.bin": b"\x00" * (MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 2 * 1024 * 1024  # small on the wire
    assert "khi giải nén lớn hơn 30 MB" in _refusal(bomb, "bang.xlsx")


def test_a_word_file_named_as_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    assert "nội dung không phải tệp XLSX" in _refusal(out.getvalue(), "bang.xlsx")
