"""An organizer's own Word template for a paper (Set-up > Mẫu giấy tờ): the board downloads the built-in
template, uploads its own (checked before it is kept), previews it with its latest decision, and goes back
to the built-in one; the decision's Word and PDF then follow the template in use. Other boards and officers
find nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.documents.models import PaperTemplate
from thidua.documents.pdf import docx_to_pdf
from thidua.testing.factories import OrganizerFactory
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text
from thidua.testing.worlds import Seed, client_for, decide_seed, user_with

pytestmark = pytest.mark.django_db
PAPER = "quyet-dinh-khen-thuong"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _docx(*paragraphs: str, rows: tuple[str, ...] = (), of: str = "danh_sach") -> bytes:
    """A plain Word file with `paragraphs`, and a table repeating one row per awardee when `rows` names
    the columns."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if rows:
        table = doc.add_table(rows=3, cols=len(rows))
        table.rows[0].cells[0].text = "{%tr for r in " + of + " %}"
        for cell, column in zip(table.rows[1].cells, rows, strict=True):
            cell.text = "{{ r." + column + " }}"
        table.rows[2].cells[0].text = "{%tr endfor %}"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


OWN = _docx(
    "SỞ NỘI VỤ – MẪU RIÊNG CỦA TỈNH",
    "Quyết định số {{ so_quyet_dinh }} về việc tặng {{ ten_khen_thuong }}",
    "Tổng tiền thưởng: {{ tong_tien }} ({{ tong_tien_bang_chu }})",
    rows=("stt", "ten", "tien_thuong"),
)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _upload(client: object, organizer_id: int, content: bytes, name: str = "mau-rieng.docx") -> object:
    url = reverse("registry:setup_paper", args=[organizer_id, PAPER])
    return client.post(url, {"template": SimpleUploadedFile(name, content)})  # type: ignore[attr-defined]


def test_an_uploaded_template_makes_the_decisions_word_file(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    answer = _upload(client, seed.organizer.pk, OWN)
    assert answer.status_code == 302  # type: ignore[attr-defined]
    word = client.get(reverse("registry:decision_docx", args=[merit.pk]))
    text = _text(word.content)
    assert "MẪU RIÊNG CỦA TỈNH" in text and "Quyết định số 246/QĐ-UBND" in text
    for awardee in merit.awardees.all():
        assert awardee.name in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text  # the built-in template's header is gone
    event = AuditEvent.objects.get(verb="documents.template.upload")
    assert event.actor == board and event.data["filename"] == "mau-rieng.docx"
    page = client.get(reverse("registry:setup_papers", args=[seed.organizer.pk])).content.decode()
    assert "mau-rieng.docx" in page


@needs_pdf
def test_the_decisions_pdf_follows_the_uploaded_template(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    _upload(client, seed.organizer.pk, OWN)
    pdf = client.get(reverse("registry:decision_pdf", args=[merit.pk]))
    text = pdf_text(pdf.content)
    assert "MẪU RIÊNG CỦA TỈNH" in text and "246/QĐ-UBND" in text
    first_page_png(pdf.content, ARTIFACTS / "papers" / "quyet-dinh-mau-rieng.png")


def test_a_placeholder_the_data_lacks_is_refused_by_its_name(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    answer = _upload(client, seed.organizer.pk, _docx("Số {{ so_quyet_dinh_x }}"))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert "Mẫu dùng {{ so_quyet_dinh_x }} nhưng dữ liệu không có trường này." in page
    assert "Tải mẫu gốc" in page  # the page is whole, the placeholders still listed
    answer = _upload(client, seed.organizer.pk, _docx("x", rows=("stt", "ho_ten")))
    assert "Mẫu dùng {{ ho_ten }} nhưng dữ liệu không có trường này." in answer.content.decode()  # type: ignore[attr-defined]
    assert not PaperTemplate.objects.exists() and not AuditEvent.objects.filter(verb__startswith="documents")


def test_a_syntax_error_is_shown_with_its_text(seed: Seed, board: AbstractUser) -> None:
    answer = _upload(client_for(board), seed.organizer.pk, _docx("Mở đầu", "Số {% if du_thao %} dở dang"))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert "lỗi cú pháp" in page and "dở dang" in page
    assert not PaperTemplate.objects.exists()


def test_a_file_that_is_not_a_word_document_is_refused(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    answer = _upload(client, seed.organizer.pk, b"%PDF-1.4 not a word file", name="gia-mao.docx")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "Tệp “gia-mao.docx”: nội dung không phải tệp DOCX" in answer.content.decode()  # type: ignore[attr-defined]
    # A Word file with macros: its content types say so, whatever its name.
    source = zipfile.ZipFile(io.BytesIO(OWN))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as macro:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"document.macroEnabled.main+xml")
            macro.writestr(item, data)
        macro.writestr("word/vbaProject.bin", b"\x00" * 16)
    answer = _upload(client, seed.organizer.pk, out.getvalue(), name="co-macro.docx")
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert "Tệp “co-macro.docx” có chứa macro" in answer.content.decode()  # type: ignore[attr-defined]
    assert not PaperTemplate.objects.exists()


def test_the_built_in_template_is_itself_an_acceptable_template(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    default = client.get(reverse("registry:setup_paper_default", args=[seed.organizer.pk, PAPER]))
    assert default.status_code == 200
    text = _text(default.content)
    assert "{{ so_quyet_dinh }}" in text and "{%tr for r in danh_sach %}" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert _upload(client, seed.organizer.pk, default.content).status_code == 302  # type: ignore[attr-defined]


def test_the_preview_uses_the_organizers_latest_decision(seed: Seed, board: AbstractUser) -> None:
    decide_seed(seed)
    client = client_for(board)
    page = client.get(reverse("registry:setup_paper", args=[seed.organizer.pk, PAPER])).content.decode()
    assert "246/QĐ-UBND" in page and "{{ tong_tien_bang_chu }}" in page and "Năm triệu" in page
    _upload(client, seed.organizer.pk, OWN)
    preview = client.get(reverse("registry:setup_paper_preview", args=[seed.organizer.pk, PAPER]))
    assert preview.status_code == 200
    assert "MẪU RIÊNG CỦA TỈNH" in _text(preview.content) and "246/QĐ-UBND" in _text(preview.content)


def test_going_back_to_the_built_in_template(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    _upload(client, seed.organizer.pk, OWN)
    client.post(reverse("registry:setup_paper_reset", args=[seed.organizer.pk, PAPER]))
    text = _text(client.get(reverse("registry:decision_docx", args=[merit.pk])).content)
    assert "MẪU RIÊNG" not in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    kept = PaperTemplate.objects.get()
    assert kept.retired_at is not None and kept.retired_by == board  # kept, no longer used
    assert AuditEvent.objects.filter(verb="documents.template.reset").count() == 1


def test_a_template_that_fails_at_print_time_falls_back_with_a_notice(
    seed: Seed, board: AbstractUser
) -> None:
    _flag, merit = decide_seed(seed)
    PaperTemplate.objects.create(  # kept before a placeholder was renamed, say: it no longer fits the facts
        organizer=seed.organizer,
        paper=PAPER,
        filename="cu.docx",
        content=_docx("{{ truong_cu }}"),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    client = client_for(board)
    word = client.get(reverse("registry:decision_docx", args=[merit.pk]))
    assert word.status_code == 200 and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _text(word.content)
    page = client.get(reverse("registry:decision", args=[merit.pk])).content.decode()
    assert "Mẫu dùng {{ truong_cu }} nhưng dữ liệu không có trường này." in page
    assert "đã dùng mẫu gốc thay thế" in page


def test_only_the_organizers_own_board_reaches_its_templates(seed: Seed, board: AbstractUser) -> None:
    decide_seed(seed)
    _upload(client_for(board), seed.organizer.pk, OWN)
    other_board = user_with("bqt-tinh-khac", kind=Role.Kind.BOARD, organizer=OrganizerFactory())
    officer = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=next(iter(seed.units.values())))
    for user in (other_board, officer):
        client = client_for(user)
        for name in ("setup_paper", "setup_paper_default", "setup_paper_current", "setup_paper_preview"):
            assert client.get(reverse(f"registry:{name}", args=[seed.organizer.pk, PAPER])).status_code == 404
        assert client.get(reverse("registry:setup_papers", args=[seed.organizer.pk])).status_code == 404
        assert _upload(client, seed.organizer.pk, OWN).status_code == 404  # type: ignore[attr-defined]
        reset = client.post(reverse("registry:setup_paper_reset", args=[seed.organizer.pk, PAPER]))
        assert reset.status_code == 404
    assert PaperTemplate.objects.filter(retired_at__isnull=True).count() == 1


@needs_pdf
def test_the_built_in_and_an_own_template_as_pictures(seed: Seed, board: AbstractUser) -> None:
    """Not an assertion of looks: the PNGs are written for a person to look at."""
    _flag, _merit = decide_seed(seed)
    client = client_for(board)
    pdf = client.get(reverse("registry:setup_paper_preview_pdf", args=[seed.organizer.pk, PAPER])).content
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(pdf)
    first_page_png(pdf, ARTIFACTS / "papers" / "quyet-dinh-mau-goc-xem-thu.png")
    default = client.get(reverse("registry:setup_paper_default", args=[seed.organizer.pk, PAPER])).content
    first_page_png(docx_to_pdf(default), ARTIFACTS / "papers" / "quyet-dinh-mau-goc.png")


LETTER = "to-trinh-de-nghi-khen-thuong"
OWN_LETTER = _docx(
    "MẪU TỜ TRÌNH RIÊNG",
    "{{ trich_yeu }} – {{ ten_cum }}",
    rows=("stt", "don_vi", "hinh_thuc"),
    of="de_nghi",
)


def test_the_submission_letter_follows_the_organizers_own_template(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, LETTER])
    page = client.get(url).content.decode()
    assert "{{ trich_yeu }}" in page and "Bình xét 2021" in page  # placeholders, and the preview's year
    assert client.post(url, {"template": SimpleUploadedFile("to-trinh.docx", OWN_LETTER)}).status_code == 302
    year = seed.year
    name = "to-trinh-de-nghi-khen-thuong.docx"
    word = client_for(board).get(reverse("front:document", args=[year.cluster_id, year.year, name]))
    text = _text(word.content)
    assert "MẪU TỜ TRÌNH RIÊNG" in text and "năm 2021" in text and year.cluster.name in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    proposals = [p.unit.name for p in year.review.proposals.select_related("unit")]
    assert proposals and all(unit in text for unit in proposals)


def test_a_letter_template_refuses_a_decision_placeholder(seed: Seed, board: AbstractUser) -> None:
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, LETTER])
    answer = client_for(board).post(
        url, {"template": SimpleUploadedFile("x.docx", _docx("{{ so_quyet_dinh }}"))}
    )
    assert answer.status_code == 400
    assert "Mẫu dùng {{ so_quyet_dinh }} nhưng dữ liệu không có trường này." in answer.content.decode()


@needs_pdf
def test_the_built_in_letter_template_as_a_picture(seed: Seed, board: AbstractUser) -> None:
    pdf = client_for(board).get(reverse("registry:setup_paper_preview_pdf", args=[seed.organizer.pk, LETTER]))
    text = pdf_text(pdf.content)
    assert "TỜ TRÌNH" in text and "Kính gửi:" in text
    first_page_png(pdf.content, ARTIFACTS / "papers" / "to-trinh-mau-goc-xem-thu.png")
