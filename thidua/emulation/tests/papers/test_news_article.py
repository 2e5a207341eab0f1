"""The news item of a concluded review, written from the record only: the seed's (Lạng Sơn 2021) with its
day, place, guests, chair, results by tier and grantor, next year's leaders and the pact; a block of another
province with its own names; a year known only by its outcome, whose missing facts are left out. Word and
PDF from the chair's page, for the cluster head and the board only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from thidua.emulation.papers.news import news_paper
from thidua.emulation.queries.news import news_article
from thidua.emulation.tests.papers.conftest import BLOCK_FILE, imported_year, open_docx
from thidua.scenarios import SEED
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text, pdfs_of
from thidua.testing.worlds import client_for

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "papers"
NEVER = ("chưa ghi nhận", "None", "……")


def test_the_seed_article_tells_the_review_from_the_record() -> None:
    article = news_article(imported_year(SEED, 2021))
    assert article is not None
    assert article.title == (
        "Cụm các cơ quan Tham mưu tổng hợp tổng kết công tác thi đua, khen thưởng năm 2021, "
        "triển khai nhiệm vụ năm 2022"
    )
    assert article.lead == (
        "Ngày 20/01/2022, tại Trụ sở Sở Tài chính tỉnh Lạng Sơn, Cụm các cơ quan Tham mưu tổng hợp tổ chức "
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021 và ký kết Giao ước thi đua năm 2022."
    )
    text = article.text
    assert "Dự Hội nghị có đồng chí Vũ Thanh Thụy, Phó Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ" in text
    assert "lãnh đạo 07/07 đơn vị thành viên" in text
    assert "Đồng chí Nguyễn Quốc Toàn, Giám đốc Sở Tài chính chủ trì Hội nghị." in text
    assert "Năm 2021, Cụm có 07 đơn vị thành viên, do Sở Tài chính tỉnh Lạng Sơn làm cụm trưởng" in text
    results = (
        "Qua bình xét (bỏ phiếu kín), Hội nghị thống nhất đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh "
        "(Ủy ban nhân dân tỉnh Lạng Sơn) cho Sở Tài chính tỉnh Lạng Sơn (05/07 phiếu); Bằng khen của "
        "Chủ tịch Ủy ban nhân dân tỉnh (Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn) cho Văn phòng "
        "Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn (05/07 phiếu), "
        "Sở Ngoại vụ tỉnh Lạng Sơn (05/07 phiếu)."
    )
    assert results in text
    assert (
        "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn là cụm trưởng năm 2022, Sở Ngoại vụ tỉnh Lạng Sơn là cụm phó"
        in text
    )
    assert "Tại Hội nghị, các đơn vị thành viên đã ký kết Giao ước thi đua năm 2022." in text
    assert "[Ảnh: Quang cảnh Hội nghị]" in article.captions
    assert article.author == "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn"
    assert not any(word in text for word in NEVER)


@needs_pdf
def test_the_seed_article_as_word_and_pdf() -> None:
    article = news_article(imported_year(SEED, 2021))
    assert article is not None
    content = news_paper(article)
    assert open_docx(content).lines[0] == article.title.upper()
    pdf = pdfs_of({"tin-bai.docx": content})["tin-bai.docx"]
    first_page_png(pdf, ARTIFACTS / "tin-bai-langson.png")
    text = pdf_text(pdf)
    assert "TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2021" in text and "Ngày 20/01/2022" in text
    assert "[Ảnh: Đồng chí Nguyễn Quốc Toàn chủ trì Hội nghị]" in text


def test_a_block_of_another_province_carries_its_own_names() -> None:
    article = news_article(imported_year(BLOCK_FILE, 2024))
    assert article is not None
    assert (
        article.title.startswith("Khối thi đua các Sở Xây dựng số 5 tổng kết") and "năm 2025" in article.title
    )
    text = article.text
    assert "Khối có 06 đơn vị thành viên" in text and "Cờ thi đua của Chính phủ (Thủ tướng Chính phủ)" in text
    assert "(theo quyết định của cơ quan tổ chức (888/QĐ-BXD))" in text
    assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text
    assert not any(word in text for word in NEVER)


def test_a_year_known_only_by_its_outcome_leaves_out_what_is_missing(sparse_year) -> None:
    article = news_article(sparse_year)
    assert article is not None
    assert article.lead == (
        "Cụm các cơ quan Tham mưu tổng hợp tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021."
    )
    text = article.text
    assert "Dự Hội nghị" not in text and "chủ trì" not in text and "Giao ước" not in text
    assert "cụm trưởng năm 2022" not in text and "Sở Tài chính tỉnh Lạng Sơn" in text
    assert not any(word in text for word in NEVER)


def test_no_article_before_the_review_is_concluded(world: Any) -> None:
    assert news_article(world.year_b) is None


def test_the_chair_page_offers_it_to_the_head_and_the_board_only(world: Any) -> None:
    year = world.year_a
    url = reverse("meeting:news_docx", args=[year.cluster_id, year.year])
    for page in ("meeting:chair", "front:cluster_year"):
        shown = client_for(world.lead_a).get(reverse(page, args=[year.cluster_id, year.year]))
        assert url in shown.content.decode()
    member = client_for(world.officer_a).get(reverse("front:cluster_year", args=[year.cluster_id, year.year]))
    assert member.status_code == 200 and url not in member.content.decode()
    for user in (world.lead_a, world.board):
        got = client_for(user).get(url)
        assert got.status_code == 200 and got["Content-Disposition"].endswith('.docx"')
        assert (
            "Thử Nghiệm" in open_docx(got.content).text or "Tham mưu tổng hợp" in open_docx(got.content).text
        )
    for user in (world.officer_a, world.officer_b, world.board_other):
        assert client_for(user).get(url).status_code == 404
