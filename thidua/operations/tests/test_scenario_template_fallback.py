"""`thidua scenario` says which paper fell back from the organizer's own Word template to the built-in one,
and why: an office that uploaded a template learns it no longer fits rather than finding the default
paper in its folder."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from thidua.documents.models import PaperTemplate
from thidua.documents.pdf import PdfUnavailable
from thidua.emulation.papers import minutes
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db


def _docx(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    def no_pdfs(out_dir: Path, names: list[str]) -> list[str]:  # the PDFs are not this test's concern
        raise PdfUnavailable("(PDF bỏ qua trong phép thử)")

    monkeypatch.setattr("thidua.operations.yearend.write_pdfs", no_pdfs)
    err = StringIO()
    call_command("scenario", str(SEED), "--out", str(tmp_path), stdout=StringIO(), stderr=err)
    return err.getvalue(), tmp_path


def test_a_paper_made_from_the_built_in_template_is_named_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    organizer = import_exchange(read_exchange_file(SEED), by="test", replace=True).organizer
    PaperTemplate.objects.create(  # kept before a placeholder was renamed, say
        organizer=organizer,
        paper=minutes.PAPER,
        filename="bien-ban-cu.docx",
        content=_docx("BIÊN BẢN MẪU CŨ {{ truong_cu }}"),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    said, out = _run(tmp_path, monkeypatch)
    warnings = [line for line in said.splitlines() if line.startswith("Cảnh báo:")]
    assert warnings == [
        "Cảnh báo: Biên bản họp bình xét (bien-ban-hop-binh-xet.docx): Không dùng được mẫu riêng của cơ "
        "quan cho giấy tờ này (Mẫu dùng {{ truong_cu }} nhưng dữ liệu không có trường này.); đã dùng mẫu "
        "gốc thay thế. Hãy sửa mẫu ở trang Thiết lập > Mẫu giấy tờ."
    ]
    written = "\n".join(p.text for p in Document(str(out / "bien-ban-hop-binh-xet.docx")).paragraphs)
    assert "BIÊN BẢN MẪU CŨ" not in written and "Họp bình xét thi đua năm 2021" in written


def test_no_warning_when_every_template_could_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said, _out = _run(tmp_path, monkeypatch)
    assert "Cảnh báo:" not in said and "mẫu gốc thay thế" not in said
