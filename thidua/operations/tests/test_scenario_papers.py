"""`thidua scenario` writes each paper as Word and as the PDF made from it, lists both in results.json, and
each cluster's papers carry that cluster's own names, tiers and grantors: the Lạng Sơn seed, and a
ministry's block (Bộ Xây dựng) that shares nothing with it. Beside the year's papers, the concluded
review's news item and the achievement report of each unit it proposes."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.operations.tests.test_scenario_command import HERE, results, run_scenario
from thidua.scenarios import SEED
from thidua.testing.papers import first_page_png, needs_pdf, page_size_mm, pdf_fonts, pdf_text

pytestmark = needs_pdf
# The file reports scores, so the score table comes first (Word, PDF and Excel); the year-end report last.
PAPERS = ["bang-tong-hop-diem", "bien-ban-hop-binh-xet", "to-trinh-de-nghi-khen-thuong", "bao-cao-tong-ket"]
WORD = [f"{name}.docx" for name in PAPERS]
PDF = [f"{name}.pdf" for name in PAPERS]
EXCEL = ["bang-tong-hop-diem.xlsx"]
NEWS = "tin-bai-hoi-nghi-binh-xet"
# The review's papers: its news item, then one achievement report per proposal (unit, tier), in tier order.
SEED_REVIEW = [NEWS, *(f"bao-cao-thanh-tich-{p}" for p in ("stc-co-ubnd", "vpdbqh-bk-ct", "sngv-bk-ct"))]
BLOCK_REVIEW = [
    NEWS,
    *(f"bao-cao-thanh-tich-{p}" for p in ("a-co-cp", "b-co-bo", "c-co-bo", "d-bk-bo", "e-bk-bo")),
]


def listed(review: list[str]) -> list[str]:
    """results.json's `documents`: every Word file, then every PDF in the same order, then the Excel file."""
    return WORD + [f"{n}.docx" for n in review] + PDF + [f"{n}.pdf" for n in review] + EXCEL


ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "papers"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-papers")
    done = run_scenario(SEED, out)
    assert done.returncode == 0, done.stderr
    return out


def _papers(out: Path) -> dict[str, str]:
    return {name: pdf_text((out / name).read_bytes()) for name in PDF}


def test_the_pdfs_are_written_beside_the_word_files_and_listed(seed_out: Path) -> None:
    assert results(seed_out)["documents"] == listed(SEED_REVIEW)
    for name in listed(SEED_REVIEW):
        assert (seed_out / name).stat().st_size > 1000


def test_the_seed_papers_are_a4_with_their_fonts_embedded(seed_out: Path) -> None:
    for name in PDF:
        data = (seed_out / name).read_bytes()
        assert page_size_mm(data) == (210, 297)
        fonts = pdf_fonts(data)
        assert fonts and all(embedded for _font, embedded in fonts)
        # Every Vietnamese letter from the Times New Roman metric font, none borrowed from another face.
        assert all("LiberationSerif" in font or "TimesNewRoman" in font for font, _embedded in fonts)
    first_page_png((seed_out / PDF[1]).read_bytes(), ARTIFACTS / "bien-ban-langson.png")


def test_the_seed_papers_state_the_facts_and_never_say_not_recorded(seed_out: Path) -> None:
    table, minutes, letter, report = _papers(seed_out).values()
    assert "BÁO CÁO" in report and "Năm 2021, Cụm các cơ quan Tham mưu tổng hợp có 07 đơn vị" in report
    assert "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn; cụm phó: Sở Ngoại vụ tỉnh Lạng Sơn" in report
    assert "BẢNG TỔNG HỢP ĐIỂM" in table and "98,5" in table and "Sở Ngoại vụ tỉnh Lạng Sơn" in table
    assert "BIÊN BẢN" in minutes and "Lạng Sơn, ngày 20 tháng 01 năm 2022" in minutes
    assert "Nguyễn Quốc Toàn" in minutes and "Cờ thi đua của Ủy ban nhân dân tỉnh" in minutes
    assert "TỜ TRÌNH" in letter and "Sở Tài chính tỉnh Lạng Sơn" in letter
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in letter
    for text in (table, minutes, letter, report):
        assert "chưa ghi nhận" not in text
    # The secretary is not in the file: a dotted line is left to fill by hand.
    assert "Thư ký: " + "\u2026" * 14 in minutes


def test_another_clusters_papers_carry_its_own_names_never_the_seeds(tmp_path: Path) -> None:
    done = run_scenario(HERE / "khoi-hai-co.yaml", tmp_path)
    assert done.returncode == 0, done.stderr
    assert results(tmp_path)["documents"] == listed(BLOCK_REVIEW)
    table, minutes, letter, report = _papers(tmp_path).values()
    assert "Sở Xây dựng tỉnh Gia Lai" in table and "Khối thi đua các Sở Xây dựng số 5 có 06 đơn vị" in report
    assert "KHỐI THI ĐUA" in minutes and "Bộ Xây dựng" in letter
    assert "Cờ thi đua của Chính phủ" in minutes + letter
    assert "Sở Xây dựng tỉnh An Giang" in minutes
    for text in (table, minutes, letter, report):
        assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text and "chưa ghi nhận" not in text
    first_page_png((tmp_path / PDF[2]).read_bytes(), ARTIFACTS / "to-trinh-khoi-bxd.png")
    news = pdf_text((tmp_path / f"{NEWS}.pdf").read_bytes())
    assert "KHỐI THI ĐUA CÁC SỞ XÂY DỰNG SỐ 5 TỔNG KẾT" in news and "Lạng Sơn" not in news
    report = pdf_text((tmp_path / "bao-cao-thanh-tich-a-co-cp.pdf").read_bytes())
    assert "BÁO CÁO THÀNH TÍCH" in report and "Sở Xây dựng tỉnh An Giang" in report
    assert "Cờ thi đua của Chính phủ" in report and "Lạng Sơn" not in report


def test_the_seed_reviews_news_and_achievement_reports(seed_out: Path) -> None:
    news = pdf_text((seed_out / f"{NEWS}.pdf").read_bytes())
    assert "CỤM CÁC CƠ QUAN THAM MƯU TỔNG HỢP TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2021" in news
    assert "Ngày 20/01/2022, tại Trụ sở Sở Tài chính tỉnh Lạng Sơn" in news
    report = pdf_text((seed_out / "bao-cao-thanh-tich-stc-co-ubnd.pdf").read_bytes())
    assert (
        "Tên tập thể đề nghị: Sở Tài chính tỉnh Lạng Sơn" in report and "Điểm thi đua: 98,5 điểm." in report
    )
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in report
    for text in (news, report):
        assert "chưa ghi nhận" not in text
    first_page_png(
        (seed_out / "bao-cao-thanh-tich-stc-co-ubnd.pdf").read_bytes(),
        ARTIFACTS / "bao-cao-thanh-tich-stc.png",
    )
