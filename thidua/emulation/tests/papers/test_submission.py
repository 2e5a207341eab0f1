"""The submission letter (tờ trình) to the organizer, read back from the .docx."""

from __future__ import annotations

import re

import pytest

from thidua.documents.wording import FILL
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.papers.render import render_document
from thidua.emulation.tests.papers.conftest import make_year, open_docx
from thidua.testing import factories

SUBMISSION = "to-trinh-de-nghi-khen-thuong.docx"


def submission_of(cluster_year):
    return open_docx(render_document(cluster_year, SUBMISSION))


def test_the_letter_has_the_header_number_title_and_subject(seed_year):
    doc = submission_of(seed_year)
    header = doc.doc.tables[0]
    assert "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in header.rows[0].cells[0].text
    assert "Độc lập - Tự do - Hạnh phúc" in header.rows[0].cells[1].text
    assert re.fullmatch(r"Số:\s+/TTr-CTĐ", header.rows[1].cells[0].text)
    # The letter is dated when it is signed, which no record holds: the date stays blank.
    assert header.rows[1].cells[1].text == "Lạng Sơn, ngày …… tháng …… năm ……"
    assert "TỜ TRÌNH" in doc.lines
    assert "Về việc đề nghị tặng Cờ thi đua, Bằng khen năm 2021" in doc.lines


def test_it_is_addressed_to_the_organizer_and_its_standing_body(seed_year):
    lines = submission_of(seed_year).lines
    start = lines.index("Kính gửi:")
    assert lines[start + 1 : start + 3] == [
        "- Ủy ban nhân dân tỉnh Lạng Sơn;",
        "- Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn.",
    ]


def test_the_grounds_follow_the_regime_in_force_for_the_year_and_the_review_date(seed_year):
    doc = submission_of(seed_year)
    assert "Căn cứ Luật Thi đua, khen thưởng năm 2003 (sửa đổi 2005, 2013);" in doc.lines
    assert "Căn cứ Nghị định 91/2017/NĐ-CP của Chính phủ;" in doc.lines
    assert "Căn cứ Quy chế hoạt động của Cụm các cơ quan Tham mưu tổng hợp;" in doc.lines
    assert doc.line_with("Căn cứ kết quả Hội nghị bình xét").endswith("ngày 20/01/2022,")


@pytest.mark.django_db
def test_a_2024_year_cites_the_2022_law_and_leaves_an_unknown_review_date_unknown():
    cluster_year = make_year(year=2024)
    factories.ReviewFactory(cluster_year=cluster_year, outcome={"co-ubnd": ["STC"]})
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    doc = submission_of(cluster_year)
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;" in doc.lines
    assert "Căn cứ Nghị định 98/2023/NĐ-CP của Chính phủ;" in doc.lines
    assert "Luật Thi đua, khen thưởng năm 2003" not in doc.text
    assert doc.line_with("Căn cứ kết quả Hội nghị bình xét").endswith(f"(ngày họp: {FILL}),")
    assert "Về việc đề nghị tặng Cờ thi đua năm 2024" in doc.lines


def test_the_table_lists_each_proposal_with_its_form_grantor_and_basis(seed_year):
    doc = submission_of(seed_year)
    rows = doc.table_rows("STT", "Tên đơn vị", "Hình thức khen thưởng")
    assert [row[:4] for row in rows] == [
        [
            "1",
            "Sở Tài chính tỉnh Lạng Sơn",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
            "Ủy ban nhân dân tỉnh Lạng Sơn",
        ],
        [
            "2",
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        ],
        [
            "3",
            "Sở Ngoại vụ tỉnh Lạng Sơn",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        ],
    ]
    assert rows[0][4].startswith("Xếp thứ 1; bỏ phiếu kín: 5/7")
    assert (
        doc.line_with("- Cờ thi đua của Ủy ban nhân dân tỉnh:")
        == "- Cờ thi đua của Ủy ban nhân dân tỉnh: 01 đơn vị;"
    )
    assert "02 đơn vị." in doc.line_with("- Bằng khen của Chủ tịch")


def test_recipients_and_the_signature_block_of_the_head_unit(seed_year):
    doc = submission_of(seed_year)
    recipients, signature = (cell.text for cell in doc.doc.tables[-1].rows[0].cells)
    assert recipients.startswith("Nơi nhận:") and "- Như trên;" in recipients
    assert "TM. CỤM TRƯỞNG" in signature and "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in signature


@pytest.mark.django_db
def test_a_review_that_proposes_nobody_says_so_and_shows_no_table():
    cluster_year = make_year()
    factories.ReviewFactory(cluster_year=cluster_year, outcome={})
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    doc = submission_of(cluster_year)
    assert "Về việc đề nghị khen thưởng năm 2021" in doc.lines
    assert "Hội nghị bình xét không đề nghị đơn vị nào." in doc.lines
    assert doc.table_rows("STT", "Tên đơn vị", "Hình thức khen thưởng") == []
