"""The grantor's draft decision (quyết định khen thưởng) with its annex, as Word and as PDF, for the seed
cluster's decisions (Lạng Sơn) and for a decision of another province's organizer; the board gets it from
the decision's page, anyone else finds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.urls import reverse

from thidua.documents.pdf import docx_to_pdf
from thidua.registry.actions import proposals as services
from thidua.registry.papers.decision import decision_paper
from thidua.testing.papers import first_page_png, needs_pdf, page_size_mm, pdf_fonts, pdf_text
from thidua.testing.worlds import Seed, client_for, decide_seed

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


@needs_pdf
def test_the_seed_decision_names_its_awardees_grantor_and_amounts_in_figures_and_words(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    pdf = docx_to_pdf(decision_paper(merit))
    text = pdf_text(pdf)
    assert page_size_mm(pdf) == (210, 297)
    assert all(embedded for _name, embedded in pdf_fonts(pdf))
    assert {name.split("+")[-1] for name, _embedded in pdf_fonts(pdf)} <= {
        "LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic",
        "TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", "TimesNewRomanPS-ItalicMT",
    }  # fmt: skip
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 246/QĐ-UBND" in text and "Lạng Sơn, ngày 15 tháng 02 năm 2022" in text
    assert "QUYẾT ĐỊNH" in text and merit.award_name in text
    assert merit.grantor.upper() in text and "Hồ Tiến Thiệu" in text
    awardees = list(merit.awardees.all())
    assert len(awardees) == 2
    for awardee in awardees:
        assert awardee.name in text
        assert _money(awardee.bonus) in text
    total = sum(a.bonus for a in awardees)
    assert f"{_money(total)} đồng" in text
    from thidua.documents.vietnamese_numbers import amount_in_words

    assert amount_in_words(total) in text
    assert "Nơi nhận:" in text and "Điều 1." in text and "chưa ghi nhận" not in text
    first_page_png(pdf, ARTIFACTS / "papers" / "quyet-dinh-langson.png")
    assert flag.awardees.count() == 1


@needs_pdf
def test_another_provinces_decision_carries_its_own_names_never_the_seeds(world: Any) -> None:
    from thidua.testing.proposals import clear_the_gate

    review = world.year_a.review
    review.refresh_from_db()  # concluded after the world built it
    proposals = services.proposals_from_review(review, by="kiểm thử")
    merit = [p for p in proposals if p.tier and p.tier.code == "bk"]
    assert merit
    for proposal in merit:
        required = proposal.dossier.filter(required=True).values_list("code", flat=True)
        services.provide_documents(proposal, list(required), by="kiểm thử")
        services.submit(proposal, by="kiểm thử", on=date(2022, 1, 25))
        services.accept(clear_the_gate(proposal), by="kiểm thử")
    decision = services.decide(
        merit, number="12/QĐ-UBND", date=date(2022, 3, 1), signer="Trần Văn Ký", by="kt"
    )
    text = pdf_text(docx_to_pdf(decision_paper(decision)))
    assert "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in text and "Số: 12/QĐ-UBND" in text
    assert "Trần Văn Ký" in text and "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in text
    for awardee in decision.awardees.all():
        assert awardee.name in text
    assert "Lạng Sơn" not in text and "Hồ Tiến Thiệu" not in text


def test_the_board_downloads_the_draft_decision_as_word_and_pdf(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    client = client_for(board)
    page = client.get(reverse("registry:decision", args=[merit.pk])).content.decode()
    word_url = reverse("registry:decision_docx", args=[merit.pk])
    pdf_url = reverse("registry:decision_pdf", args=[merit.pk])
    assert word_url in page and pdf_url in page
    word = client.get(word_url)
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert "quyet-dinh-khen-thuong-246-Q" in word["Content-Disposition"]


@needs_pdf
def test_the_pdf_of_the_draft_decision_is_a_pdf(seed: Seed, board: AbstractUser) -> None:
    _flag, merit = decide_seed(seed)
    pdf = client_for(board).get(reverse("registry:decision_pdf", args=[merit.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_no_one_but_the_board_gets_the_draft_decision(seed: Seed) -> None:
    from thidua.accounts.models import Role
    from thidua.testing.factories import OrganizerFactory
    from thidua.testing.worlds import user_with

    _flag, merit = decide_seed(seed)
    other_board = user_with("bqt-tinh-khac", kind=Role.Kind.BOARD, organizer=OrganizerFactory())
    officer = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=next(iter(seed.units.values())))
    for user in (other_board, officer):
        for name in ("registry:decision_docx", "registry:decision_pdf"):
            assert client_for(user).get(reverse(name, args=[merit.pk])).status_code == 404


def test_without_libreoffice_the_board_is_told_how_to_get_the_pdf(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("thidua.documents.pdf.converter", lambda: None)
    _flag, merit = decide_seed(seed)
    response = client_for(board).get(reverse("registry:decision_pdf", args=[merit.pk]), follow=True)
    assert response.status_code == 200
    assert "LibreOffice" in response.content.decode() and "make install" in response.content.decode()


@needs_pdf
def test_the_year_page_and_the_council_page_offer_each_paper_as_pdf_too(
    seed: Seed, board: AbstractUser
) -> None:
    client = client_for(board)
    year = seed.year
    page = client.get(reverse("front:cluster_year", args=[year.cluster_id, year.year])).content.decode()
    pdf_url = reverse("front:document", args=[year.cluster_id, year.year, "bien-ban-hop-binh-xet.pdf"])
    assert pdf_url in page
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Lạng Sơn" in pdf_text(pdf.content)
    assert client.get(pdf_url.replace("bien-ban-hop-binh-xet.pdf", "khong-co.pdf")).status_code == 404
