"""The board's Word papers as templates an organizer may replace (Set-up > Mẫu giấy tờ): the council's
minutes, the certificates, the achievement reports of a collective and of an individual, and the review's
news item. For each, the organizer's own template (made here with python-docx) makes the paper where it is
printed, and a placeholder the paper's facts lack is refused by its name. The preview is made from the
record the user picks among the organizer's own; another organizer's record is a 404."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from thidua.accounts.models import Job, Role
from thidua.documents.models import PaperTemplate
from thidua.registry.actions import proposals as services
from thidua.registry.actions.council import MemberEntry, create_council
from thidua.registry.models import Decision
from thidua.testing.factories import OrganizerFactory
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, person_at, user_with

pytestmark = pytest.mark.django_db

MINUTES = "bien-ban-hop-hoi-dong"
CERTIFICATES = "giay-chung-nhan-khen-thuong"
COLLECTIVE = "bao-cao-thanh-tich-tap-the"
INDIVIDUAL = "bao-cao-thanh-tich-ca-nhan"
NEWS = "tin-bai-hoi-nghi-binh-xet"


def _docx(*paragraphs: str, rows: tuple[str, ...] = (), of: str = "", loop: str = "tr") -> bytes:
    """A plain Word file with `paragraphs`; with `rows`, the list `of` repeated: as table rows, or (`loop`
    "p") as paragraphs, one per item."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if rows and loop == "tr":
        table = doc.add_table(rows=3, cols=len(rows))
        table.rows[0].cells[0].text = "{%tr for r in " + of + " %}"
        for cell, column in zip(table.rows[1].cells, rows, strict=True):
            cell.text = "{{ r." + column + " }}"
        table.rows[2].cells[0].text = "{%tr endfor %}"
    elif rows:
        doc.add_paragraph("{%p for r in " + of + " %}")
        doc.add_paragraph(" | ".join("{{ r." + column + " }}" for column in rows))
        doc.add_paragraph("{%p endfor %}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _upload(client: Client, organizer_id: int, paper: str, content: bytes) -> object:
    url = reverse("registry:setup_paper", args=[organizer_id, paper])
    return client.post(url, {"template": SimpleUploadedFile("mau-rieng.docx", content)})


def _own(client: Client, organizer_id: int, paper: str, content: bytes) -> None:
    answer = _upload(client, organizer_id, paper, content)
    assert answer.status_code == 302, answer.content.decode()  # type: ignore[attr-defined]


def _council(seed: Seed) -> object:
    members = [MemberEntry("Nguyễn Văn An", "Chủ tịch Hội đồng"), MemberEntry("Lê Thị Bình", "Ủy viên")]
    members.append(MemberEntry("Trần Văn Cường", "Ủy viên", present=False))
    return create_council(seed.organizer, 2021, members=members, on=date(2022, 2, 10), by=BY)


def test_the_councils_minutes_follow_the_organizers_own_template(seed: Seed, board: AbstractUser) -> None:
    council = _council(seed)
    client = client_for(board)
    _own(
        client,
        seed.organizer.pk,
        MINUTES,
        _docx(
            "BIÊN BẢN – MẪU RIÊNG CỦA TỈNH",
            "Họp ngày {{ ngay_hop }}; {{ thanh_phan }}",
            rows=("stt", "ho_ten", "co_mat"),
            of="thanh_vien",
        ),
    )
    word = client.get(reverse("council:council_minutes", args=[council.pk]))  # type: ignore[attr-defined]
    text = _text(word.content)
    assert "MẪU RIÊNG CỦA TỈNH" in text and "Họp ngày 10/02/2022" in text
    assert "Nguyễn Văn An" in text and "Trần Văn Cường" in text and "Vắng, phiếu bằng văn bản" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text


def test_the_certificates_batch_follows_the_organizers_own_template(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    own = _docx(
        "GIẤY KHEN MẪU RIÊNG – {{ ten_hinh_thuc }}",
        "{%p for r in giay_chung_nhan %}",
        "Tặng {{ r.ten }} – mã {{ r.ma_xac_thuc }}",
        "{{ r.ma_qr }}",
        "{%p endfor %}",
        "Quyết định {{ so_quyet_dinh }}",
    )
    _own(client, seed.organizer.pk, CERTIFICATES, own)
    started = client.post(reverse("registry:certificate_docx", args=[merit.pk]))
    assert started.status_code == 302
    word = client.get(reverse("jobs:file", args=[Job.objects.get(owner=board).pk]))
    text = _text(b"".join(word.streaming_content))
    assert "GIẤY KHEN MẪU RIÊNG – BẰNG KHEN" in text and "Quyết định 246/QĐ-UBND" in text
    for awardee in merit.awardees.all():
        assert f"Tặng {awardee.name} – mã" in text
    assert "CỘNG HÒA" not in text


def test_a_certificates_template_that_fails_falls_back_and_the_job_says_why(
    seed: Seed, board: AbstractUser
) -> None:
    _flag, merit = decide_seed(seed)
    PaperTemplate.objects.create(
        organizer=seed.organizer,
        paper=CERTIFICATES,
        filename="cu.docx",
        content=_docx("{{ truong_cu }}"),
        sha256="x",
        uploaded_at=timezone.now(),
    )
    client = client_for(board)
    started = client.post(reverse("registry:certificate_docx", args=[merit.pk]))
    job_page = client.get(started["Location"]).content.decode()
    assert "Mẫu dùng {{ truong_cu }} nhưng dữ liệu không có trường này." in job_page
    word = client.get(reverse("jobs:file", args=[Job.objects.get(owner=board).pk]))
    assert "TẶNG BẰNG KHEN" in _text(b"".join(word.streaming_content))


def test_the_achievement_reports_follow_the_organizers_own_templates(seed: Seed, board: AbstractUser) -> None:
    flag, _merit = decide_seed(seed)
    later = services.propose(
        organizer=seed.organizer,
        award="bang-khen-chu-tich-tinh",
        year=2022,
        proposed_by=seed.units["STC"],
        unit=seed.units["STC"],
        by=BY,
    )
    person = person_at(seed, "STC", "Hoàng Thị Mai")
    individual = services.propose(
        organizer=seed.organizer,
        award="chien-si-thi-dua-co-so",
        year=2021,
        proposed_by=seed.units["STC"],
        person=person,
        by=BY,
    )
    client = client_for(board)
    _own(
        client,
        seed.organizer.pk,
        COLLECTIVE,
        _docx(
            "BÁO CÁO TẬP THỂ MẪU RIÊNG: {{ ten_tap_the }}", rows=("nam", "ten", "quyet_dinh"), of="danh_hieu"
        ),
    )
    _own(
        client, seed.organizer.pk, INDIVIDUAL, _docx("BÁO CÁO CÁ NHÂN MẪU RIÊNG: {{ ho_ten }}, {{ chuc_vu }}")
    )
    text = _text(client.get(reverse("registry:achievement_docx", args=[later.pk])).content)
    assert "BÁO CÁO TẬP THỂ MẪU RIÊNG: Sở Tài chính tỉnh Lạng Sơn" in text
    assert flag.award_name in text and "245/QĐ-UBND ngày 15/02/2022" in text  # the awards already received
    text = _text(client.get(reverse("registry:achievement_docx", args=[individual.pk])).content)
    assert "BÁO CÁO CÁ NHÂN MẪU RIÊNG: Hoàng Thị Mai, Chuyên viên" in text
    assert "CỘNG HÒA" not in text


def test_the_news_item_follows_the_organizers_own_template(seed: Seed, board: AbstractUser) -> None:
    client = client_for(board)
    _own(
        client,
        seed.organizer.pk,
        NEWS,
        _docx(
            "TIN MẪU RIÊNG: {{ tieu_de }}", "{{ tac_gia }}", rows=("noi_dung",), of="chu_thich_anh", loop="p"
        ),
    )
    year = seed.year
    word = client.get(reverse("meeting:news_docx", args=[year.cluster_id, year.year]))
    text = _text(word.content)
    assert "TIN MẪU RIÊNG:" in text and "2021" in text and "[Ảnh: Quang cảnh Hội nghị]" in text
    assert "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn" in text


@pytest.mark.parametrize("paper", [MINUTES, CERTIFICATES, COLLECTIVE, INDIVIDUAL, NEWS])
def test_each_paper_refuses_a_placeholder_its_facts_lack_and_accepts_its_built_in_template(
    seed: Seed, board: AbstractUser, paper: str
) -> None:
    client = client_for(board)
    answer = _upload(client, seed.organizer.pk, paper, _docx("Số {{ so_quyet_dinh_x }}"))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    page = answer.content.decode()  # type: ignore[attr-defined]
    assert "Mẫu dùng {{ so_quyet_dinh_x }} nhưng dữ liệu không có trường này." in page
    assert not PaperTemplate.objects.exists()
    default = client.get(reverse("registry:setup_paper_default", args=[seed.organizer.pk, paper]))
    assert default.status_code == 200 and "{{" in _text(default.content)
    _own(client, seed.organizer.pk, paper, default.content)


def test_the_preview_is_made_from_the_record_the_user_picks(seed: Seed, board: AbstractUser) -> None:
    flag, merit = decide_seed(seed)
    client = client_for(board)
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, "quyet-dinh-khen-thuong"])
    page = client.get(url).content.decode()
    # Both decisions offered, the latest chosen by default.
    assert f'<option value="{merit.pk}" selected>' in page and f'<option value="{flag.pk}">' in page
    page = client.get(url, {"ban_ghi": flag.pk}).content.decode()
    assert f'<option value="{flag.pk}" selected>' in page
    assert "Quyết định 245/QĐ-UBND ngày 15/02/2022" in page and flag.award_name in page
    preview = reverse("registry:setup_paper_preview", args=[seed.organizer.pk, "quyet-dinh-khen-thuong"])
    assert f"{preview}?ban_ghi={flag.pk}" in page
    text = _text(client.get(preview, {"ban_ghi": flag.pk}).content)
    assert "245/QĐ-UBND" in text and flag.awardees.get().name in text
    # The certificates' preview of the flag's decision: one certificate, the flag's.
    certificates = reverse("registry:setup_paper_preview", args=[seed.organizer.pk, CERTIFICATES])
    text = _text(client.get(certificates, {"ban_ghi": flag.pk}).content)
    assert "TẶNG CỜ THI ĐUA" in text and flag.awardees.get().name in text


def test_the_picker_refuses_another_organizers_record(seed: Seed, board: AbstractUser) -> None:
    decide_seed(seed)
    elsewhere = Decision.objects.create(
        organizer=OrganizerFactory(),
        award="bang-khen-chu-tich-tinh",
        award_name="Bằng khen",
        number="9/QĐ-UBND",
        date=date(2022, 3, 1),
    )
    council = _council(seed)
    client = client_for(board)
    for paper in ("quyet-dinh-khen-thuong", CERTIFICATES):
        for name in ("setup_paper", "setup_paper_preview", "setup_paper_preview_pdf"):
            url = reverse(f"registry:{name}", args=[seed.organizer.pk, paper])
            assert client.get(url, {"ban_ghi": elsewhere.pk}).status_code == 404
            assert client.get(url, {"ban_ghi": "abc"}).status_code == 404
    # A record of the right organizer but of another kind is no choice for this paper either.
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, MINUTES])
    assert client.get(url, {"ban_ghi": council.pk}).status_code == 200  # type: ignore[attr-defined]
    assert "Phiên họp Hội đồng ngày 10/02/2022" in client.get(url).content.decode()
    other_board = user_with("bqt-khac", kind=Role.Kind.BOARD, organizer=elsewhere.organizer)
    assert client_for(other_board).get(url, {"ban_ghi": council.pk}).status_code == 404  # type: ignore[attr-defined]
