"""The cluster's papers an organizer may give its own Word template (Set-up > Mẫu giấy tờ): the plan and
launch, the registration list, the pact, the review's minutes and the year-end report. An uploaded
template makes the paper the year's page downloads (Word and PDF) and the one `thidua scenario --out`
writes; one naming a placeholder the paper's facts lack is refused by that name; one that stops fitting
the facts falls back to the built-in template with a warning."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document

from thidua.documents.models import PaperTemplate
from thidua.emulation.papers.render import render_document_noticed, render_documents
from thidua.emulation.tests.papers.conftest import start_the_year
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text
from thidua.testing.worlds import Seed, client_for

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "papers"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _docx(*paragraphs: str, rows: tuple[str, ...] = (), of: str = "") -> bytes:
    """A plain Word file with `paragraphs`, and a table repeating one row per item of `of`."""
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


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@dataclass(frozen=True)
class Case:
    key: str  # the paper's key in the organizer's templates
    template: bytes  # the organizer's own template
    expected: tuple[str, ...]  # what the printed paper says, from the record through the template
    unknown: str  # a placeholder the paper's facts lack

    @property
    def document(self) -> str:
        return f"{self.key}.docx"


CASES = [
    Case(
        "ke-hoach-phat-dong-thi-dua",
        _docx(
            "KẾ HOẠCH MẪU RIÊNG",
            "{{ trich_yeu }} – hạn đăng ký {{ han_dang_ky }}",
            rows=("dong",),
            of="chu_de",
        ),
        ("KẾ HOẠCH MẪU RIÊNG", "Phát động phong trào thi đua năm 2021 – hạn đăng ký 14/02/2021", "Đoàn kết"),
        "so_quyet_dinh",
    ),
    Case(
        "danh-sach-dang-ky-thi-dua",
        _docx(
            "DANH SÁCH MẪU RIÊNG", "{{ ket_qua_dang_ky }}", rows=("stt", "don_vi", "chi_tieu"), of="dang_ky"
        ),
        ("DANH SÁCH MẪU RIÊNG", "02/07 đơn vị thành viên đã đăng ký", "Hoàn thành dự toán"),
        "ten_don_vi",
    ),
    Case(
        "giao-uoc-thi-dua",
        _docx("GIAO ƯỚC MẪU RIÊNG – {{ ten_cum }} năm {{ nam }}", rows=("ten", "ngay_ky"), of="chu_ky"),
        (
            "GIAO ƯỚC MẪU RIÊNG – Cụm các cơ quan Tham mưu tổng hợp năm 2021",
            "SỞ TÀI CHÍNH TỈNH LẠNG SƠN\n(Ký ngày 20/01/2021)",
            "SỞ NGOẠI VỤ TỈNH LẠNG SƠN",
        ),
        "chu_ky_thanh_vien",
    ),
    Case(
        "bien-ban-hop-binh-xet",
        _docx(
            "BIÊN BẢN MẪU RIÊNG", "Họp ngày {{ thoi_gian }} tại {{ dia_diem }}", rows=("dong",), of="ket_qua"
        ),
        ("BIÊN BẢN MẪU RIÊNG", "Họp ngày 20/01/2022 tại", "+ Sở Tài chính tỉnh Lạng Sơn: xếp thứ 1"),
        "so_phieu_bau",
    ),
    Case(
        "bao-cao-tong-ket",
        _docx("BÁO CÁO MẪU RIÊNG", "{{ dong_thanh_vien }}", rows=("dong",), of="de_nghi"),
        (
            "BÁO CÁO MẪU RIÊNG",
            "Năm 2021, Cụm các cơ quan Tham mưu tổng hợp có 07 đơn vị thành viên",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
        ),
        "phuong_huong_nam_toi",
    ),
]
IDS = [case.key for case in CASES]


@pytest.fixture
def launched(seed: Seed) -> Seed:
    """The seed year with its launch, two registrations and one signing on record."""
    start_the_year(
        seed.year,
        number="05/KH-CTĐ",
        launched=datetime.date(2021, 1, 15),
        theme="Đoàn kết, kỷ cương, sáng tạo.\nHoàn thành xuất sắc nhiệm vụ năm 2021.",
        registered={"STC": "Hoàn thành dự toán", "SNV": "Cải cách hành chính"},
        signed={"STC": datetime.date(2021, 1, 20)},
    )
    return seed


def _upload(client: object, seed: Seed, key: str, content: bytes) -> object:
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, key])
    return client.post(url, {"template": SimpleUploadedFile("mau-rieng.docx", content)})  # type: ignore[attr-defined]


def _download(client: object, seed: Seed, name: str) -> object:
    year = seed.year
    return client.get(reverse("front:document", args=[year.cluster_id, year.year, name]))  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_organizers_own_template_makes_the_printed_paper(
    case: Case, launched: Seed, board: AbstractUser, tmp_path: Path
) -> None:
    client = client_for(board)
    assert _upload(client, launched, case.key, case.template).status_code == 302  # type: ignore[attr-defined]
    word = _download(client, launched, case.document)
    assert word.status_code == 200  # type: ignore[attr-defined]
    text = _text(word.content)  # type: ignore[attr-defined]
    for expected in case.expected:
        assert expected in text
    assert NATIONAL not in text  # the built-in template's header is gone
    # `thidua scenario --out` writes the year's papers through the same template.
    assert case.document in render_documents(launched.year, tmp_path).names
    assert _text((tmp_path / case.document).read_bytes()) == text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_placeholder_the_papers_facts_lack_is_refused_by_its_name(
    case: Case, launched: Seed, board: AbstractUser
) -> None:
    answer = _upload(client_for(board), launched, case.key, _docx("Mẫu riêng", "{{ " + case.unknown + " }}"))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    message = "Mẫu dùng {{ " + case.unknown + " }} nhưng dữ liệu không có trường này."
    assert message in answer.content.decode()  # type: ignore[attr-defined]
    assert not PaperTemplate.objects.exists()
    text = _text(_download(client_for(board), launched, case.document).content)  # type: ignore[attr-defined]
    assert NATIONAL in text and "Mẫu riêng" not in text  # the built-in template still prints the paper


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_built_in_template_is_listed_and_is_itself_acceptable(
    case: Case, launched: Seed, board: AbstractUser
) -> None:
    client = client_for(board)
    page = client.get(reverse("registry:setup_paper", args=[launched.organizer.pk, case.key]))
    assert page.status_code == 200 and "Tham mưu tổng hợp" in page.content.decode()  # the preview's record
    default = client.get(reverse("registry:setup_paper_default", args=[launched.organizer.pk, case.key]))
    assert NATIONAL in _text(default.content) and "{{ co_quan_ban_hanh }}" in _text(default.content)
    assert _upload(client, launched, case.key, default.content).status_code == 302  # type: ignore[attr-defined]
    papers = client.get(reverse("registry:setup_papers", args=[launched.organizer.pk])).content.decode()
    assert reverse("registry:setup_paper", args=[launched.organizer.pk, case.key]) in papers


def test_the_minutes_page_lists_the_count_table_within_each_form(launched: Seed, board: AbstractUser) -> None:
    url = reverse("registry:setup_paper", args=[launched.organizer.pk, "bien-ban-hop-binh-xet"])
    page = client_for(board).get(url).content.decode()
    assert "{%tr for r in kiem_phieu %}" in page and "{%tr for v in r.phieu %}" in page
    assert "{{ v.so_phieu }}" in page and "Số phiếu" in page
    assert "Kết quả kiểm phiếu của từng hình thức, kèm bảng số phiếu" in page


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_template_that_no_longer_fits_falls_back_with_a_warning(case: Case, launched: Seed) -> None:
    PaperTemplate.objects.create(  # kept before a placeholder was renamed, say
        organizer=launched.organizer,
        paper=case.key,
        filename="cu.docx",
        content=_docx("{{ truong_cu }}"),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    rendered = render_document_noticed(launched.year, case.document)
    assert NATIONAL in _text(rendered.content)
    assert "Mẫu dùng {{ truong_cu }} nhưng dữ liệu không có trường này." in rendered.notice
    assert "đã dùng mẫu gốc thay thế" in rendered.notice


def test_the_year_page_warns_when_the_built_in_template_was_used(launched: Seed, board: AbstractUser) -> None:
    PaperTemplate.objects.create(
        organizer=launched.organizer,
        paper="giao-uoc-thi-dua",
        filename="cu.docx",
        content=_docx("{{ truong_cu }}"),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    client = client_for(board)
    assert _download(client, launched, "giao-uoc-thi-dua.docx").status_code == 200  # type: ignore[attr-defined]
    year = launched.year
    page = client.get(reverse("front:cluster_year", args=[year.cluster_id, year.year])).content.decode()
    assert "đã dùng mẫu gốc thay thế" in page


@needs_pdf
def test_the_pacts_pdf_follows_the_own_template(launched: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    _upload(client, launched, "giao-uoc-thi-dua", CASES[2].template)
    pdf = _download(client, launched, "giao-uoc-thi-dua.pdf")
    text = pdf_text(pdf.content)  # type: ignore[attr-defined]
    assert "GIAO ƯỚC MẪU RIÊNG" in text and "SỞ TƯ PHÁP TỈNH LẠNG SƠN" in text
    first_page_png(pdf.content, ARTIFACTS / "giao-uoc-mau-rieng.png")  # type: ignore[attr-defined]
