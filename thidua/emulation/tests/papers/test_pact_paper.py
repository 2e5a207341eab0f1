"""The emulation pact (giao ước thi đua): the movement's commitments, each member unit's registered
targets, and one signature block per unit of the year's roster with the day it signed; for the seed
cluster and for a ministry's block of other provinces' units."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua.documents.wording import FILL
from thidua.emulation.papers.render import available_documents, render_document
from thidua.emulation.tests.papers.conftest import open_docx
from thidua.testing.papers import first_page_png, needs_pdf, pdf_text, pdfs_of
from thidua.testing.worlds import World

pytestmark = pytest.mark.django_db
PACT = "giao-uoc-thi-dua.docx"
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "papers"


def _signature_blocks(cluster_year) -> list[str]:
    """The text of each signature block, in order."""
    table = open_docx(render_document(cluster_year, PACT)).doc.tables[-1]
    cells = [cell for row in table.rows for cell in row.cells]
    return [" ".join(p.text for p in cell.paragraphs if p.text.strip()) for cell in cells]


@needs_pdf
def test_the_seed_pact_states_its_commitments_and_each_units_targets(seed_started) -> None:
    pdf = pdfs_of({PACT: render_document(seed_started, PACT)})[PACT]
    first_page_png(pdf, ARTIFACTS / "giao-uoc-thi-dua-tmth.png")
    (ARTIFACTS / "giao-uoc-thi-dua-tmth.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert "GIAO ƯỚC THI ĐUA Năm 2021 của Cụm các cơ quan Tham mưu tổng hợp" in text
    assert "Lạng Sơn, ngày 20 tháng 01 năm 2021" in text
    assert "Thực hiện Kế hoạch số 05/KH-CTĐ ngày 15/01/2021" in text
    assert "07 đơn vị thành viên Cụm các cơ quan Tham mưu tổng hợp năm 2021 ký kết Giao ước" in text
    assert "- 100% đơn vị thành viên hoàn thành kế hoạch công tác năm." in text
    assert "1. Sở Tài chính tỉnh Lạng Sơn: - Hoàn thành 100% dự toán thu ngân sách" in text
    assert "Giao ước được lập thành 07 bản" in text and "chưa ghi nhận" not in text


def test_one_signature_block_per_member_with_the_day_it_signed(seed_started) -> None:
    blocks = [b for b in _signature_blocks(seed_started) if b]
    assert len(blocks) == 7
    assert blocks[0] == "SỞ TÀI CHÍNH TỈNH LẠNG SƠN (Ký, ghi rõ họ tên, đóng dấu) (Ký ngày 20/01/2021)"
    # VPUBND neither registered nor signed: its block has no date, its commitments a dotted line.
    unsigned = [b for b in blocks if b.startswith("VĂN PHÒNG ỦY BAN NHÂN DÂN")]
    assert unsigned == ["VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN (Ký, ghi rõ họ tên, đóng dấu)"]
    lines = open_docx(render_document(seed_started, PACT)).lines
    after = lines[lines.index("3. Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn:") + 1]
    assert after == FILL


@needs_pdf
def test_another_clusters_pact_carries_its_own_names_never_the_seeds(block_started) -> None:
    pdf = pdfs_of({PACT: render_document(block_started, PACT)})[PACT]
    first_page_png(pdf, ARTIFACTS / "giao-uoc-thi-dua-k5.png")
    text = pdf_text(pdf)
    assert "Khối thi đua các Sở Xây dựng số 5" in text and "/GƯTĐ-KTĐ" in text
    assert "06 đơn vị thành viên" in text and "SỞ XÂY DỰNG TỈNH GIA LAI" in text
    assert text.count("(Ký ngày 05/02/2024)") == 6
    assert "Lạng Sơn" not in text and "Tham mưu tổng hợp" not in text


def test_the_pact_is_offered_once_launched_or_signed(world: World, seed_started) -> None:
    assert PACT not in available_documents(world.year_a)
    assert PACT in available_documents(seed_started)
