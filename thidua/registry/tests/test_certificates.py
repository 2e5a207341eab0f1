"""Certificates of a decision, one per page for the pre-printed forms, as Word and as the PDF made from the
same Word file: each carries the awardee, the achievement, the decision's number and date and the award's
verification code with its QR code. The board that owns the decision downloads them from its page; anyone
else finds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Job, Role
from thidua.documents.pdf import docx_to_pdf
from thidua.registry import verification
from thidua.registry.actions import proposals as services
from thidua.registry.papers.certificate import certificate_paper
from thidua.testing.factories import OrganizerFactory
from thidua.testing.papers import first_page_png, needs_pdf, page_count, page_size_mm, pdf_fonts, pdf_text
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, user_with

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
SITE = "https://thiduakt.langson.example.vn"


@needs_pdf
def test_one_certificate_per_page_with_name_decision_and_code(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    pdf = docx_to_pdf(certificate_paper(merit, site=SITE))
    awardees = list(merit.awardees.order_by("id"))
    assert page_count(pdf) == len(awardees) == 2
    assert page_size_mm(pdf) == (297, 210)
    assert all(embedded for _name, embedded in pdf_fonts(pdf))
    text = pdf_text(pdf)
    assert text.count("TẶNG BẰNG KHEN") == 2
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "Quyết định số 246/QĐ-UBND ngày 15/02/2022" in text
    assert "Lạng Sơn, ngày 15 tháng 02 năm 2022" in text and "Hồ Tiến Thiệu" in text
    assert "phong trào thi đua năm 2021 của Cụm các cơ quan Tham mưu tổng hợp" in text
    for awardee in awardees:
        assert awardee.name in text
        assert f"Mã xác minh: {verification.grouped(awardee.code)}" in text
    assert f"{SITE}/xac-minh/" in text
    first_page_png(pdf, ARTIFACTS / "papers" / "bang-khen-langson.png")

    flag_pdf = docx_to_pdf(certificate_paper(flag, site=SITE))
    assert page_count(flag_pdf) == 1
    flag_text = pdf_text(flag_pdf)
    assert "TẶNG CỜ THI ĐUA" in flag_text and "Đơn vị dẫn đầu phong trào thi đua năm 2021" in flag_text
    assert "245/QĐ-UBND" in flag_text and flag.awardees.get().name in flag_text
    first_page_png(flag_pdf, ARTIFACTS / "papers" / "co-thi-dua-langson.png")


@needs_pdf
def test_a_revoked_award_gets_no_certificate(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    revoked, kept = merit.awardees.order_by("id")
    services.revoke(revoked, number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Sai sót", by=BY)
    pdf = docx_to_pdf(certificate_paper(merit, site=SITE))
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert kept.name in text and revoked.name not in text


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The batch's file is kept where the test can throw it away."""
    settings.MEDIA_ROOT = str(tmp_path)


def test_the_board_downloads_the_certificates_from_the_decisions_page(
    seed: Seed, board: AbstractUser
) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    page = client.get(reverse("registry:decision", args=[merit.pk])).content.decode()
    word_url = reverse("registry:certificate_docx", args=[merit.pk])
    assert word_url in page and reverse("registry:certificate_pdf", args=[merit.pk]) in page
    # The batch is made in the background; its page offers the file (the tests run tasks at once).
    started = client.post(word_url)
    assert started.status_code == 302
    job_page = client.get(started["Location"]).content.decode()
    assert "Đã xong" in job_page and "bang-khen-246-Q" in job_page
    word = client.get(reverse("jobs:file", args=[Job.objects.get(owner=board).pk]))
    assert word.status_code == 200 and b"".join(word.streaming_content)[:2] == b"PK"
    assert "bang-khen-246-Q" in word["Content-Disposition"]
    # The file is its starter's alone: another board member of the same organizer finds nothing.
    colleague = user_with("ban-dong-nghiep", kind=Role.Kind.BOARD, organizer=seed.organizer)
    job = Job.objects.get(owner=board)
    assert client_for(colleague).get(reverse("jobs:file", args=[job.pk])).status_code == 404
    assert client_for(colleague).get(reverse("jobs:job", args=[job.pk])).status_code == 404


@needs_pdf
def test_the_board_gets_the_certificates_as_pdf(seed: Seed, board: AbstractUser) -> None:
    flag, _merit = decide_seed(seed)
    client = client_for(board)
    assert client.post(reverse("registry:certificate_pdf", args=[flag.pk])).status_code == 302
    pdf = client.get(reverse("jobs:file", args=[Job.objects.get(owner=board).pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    content = b"".join(pdf.streaming_content)
    assert page_count(content) == 1
    # The QR codes lead to the address the board's request came to.
    assert "http://testserver/xac-minh/" in pdf_text(content)


def test_a_member_units_officer_and_another_board_find_no_certificates(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    awarded_unit = flag.awardees.get().unit
    officer = user_with("can-bo-don-vi", kind=Role.Kind.UNIT_OFFICER, unit=awarded_unit)
    other_board = user_with("ban-tinh-khac", kind=Role.Kind.BOARD, organizer=OrganizerFactory())
    for user in (officer, other_board):
        for name in ("registry:certificate_docx", "registry:certificate_pdf"):
            assert client_for(user).post(reverse(name, args=[flag.pk])).status_code == 404
    assert not Job.objects.exists()
    anonymous = Client().post(reverse("registry:certificate_docx", args=[flag.pk]))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


def test_a_decision_whose_awards_are_all_revoked_has_nothing_to_print(
    seed: Seed, board: AbstractUser
) -> None:
    flag, _merit = decide_seed(seed)
    services.revoke(flag.awardees.get(), number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Sai", by=BY)
    response = client_for(board).post(reverse("registry:certificate_docx", args=[flag.pk]), follow=True)
    assert response.status_code == 200
    assert "không có bằng, giấy khen nào để in" in response.content.decode()
