"""The minutes of the review meeting, read back from the .docx as a person opening it would read them."""

from __future__ import annotations

import re

import pytest

from thidua.documents.wording import FILL
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.models import Method, Review
from thidua.emulation.papers.render import render_document
from thidua.emulation.tests.papers.conftest import make_year, open_docx
from thidua.organisations.models import Cluster
from thidua.testing import factories

MINUTES = "bien-ban-hop-binh-xet.docx"


def minutes_of(cluster_year):
    return open_docx(render_document(cluster_year, MINUTES))


def test_the_header_carries_the_issuer_the_motto_and_the_number(seed_year):
    doc = minutes_of(seed_year)
    header = doc.doc.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "CỤM THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP" in left
    assert "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in left
    assert all(run.bold for run in doc.runs_of("SỞ TÀI CHÍNH TỈNH LẠNG SƠN"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert all(run.bold for run in doc.runs_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    (motto,) = doc.runs_of("Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline
    number, date_line = (cell.text for cell in header.rows[1].cells)
    assert re.fullmatch(r"Số:\s+/BB-CTĐ", number)
    assert date_line == "Lạng Sơn, ngày 20 tháng 01 năm 2022"
    assert all(run.italic for run in doc.runs_of("ngày 20 tháng 01 năm 2022"))


def test_the_page_and_font_follow_the_administrative_format(seed_year):
    doc = minutes_of(seed_year).doc
    section = doc.sections[0]
    # Word stores lengths in twentieths of a point: compare to the millimetre.
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    mm = {side: round(getattr(section, f"{side}_margin").mm) for side in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14


def test_the_title_names_the_meeting_the_year_and_the_cluster(seed_year):
    doc = minutes_of(seed_year)
    assert "BIÊN BẢN" in doc.lines
    assert "Họp bình xét thi đua năm 2021 của Cụm các cơ quan Tham mưu tổng hợp" in doc.lines


def test_time_place_chair_board_and_attendance_are_as_recorded(seed_year):
    doc = minutes_of(seed_year)
    assert doc.line_with("Thời gian:") == "1. Thời gian: 20/01/2022."
    assert "Trụ sở Sở Tài chính tỉnh Lạng Sơn" in doc.line_with("Địa điểm:")
    assert "Nguyễn Quốc Toàn, Giám đốc Sở Tài chính" in doc.line_with("Chủ trì:")
    assert "Vũ Thanh Thụy" in doc.line_with("Đại diện Ban Thi đua – Khen thưởng")
    present = doc.line_with("Đơn vị dự họp:")
    assert "7/7 đơn vị thành viên" in present and "Sở Ngoại vụ tỉnh Lạng Sơn" in present
    assert "bỏ phiếu kín" in doc.line_with("Hình thức bình xét:")


def test_the_count_shows_votes_and_shares_per_tier_with_void_ballots(seed_year):
    doc = minutes_of(seed_year)
    assert "07 phiếu" in doc.line_with("Tổng số phiếu bầu:")
    # The seventh ballot names two units on the one-place flag tier: void there only.
    assert "phiếu hợp lệ 06, phiếu không hợp lệ 01" in doc.line_with("a) Cờ thi đua")
    assert "phiếu hợp lệ 07, phiếu không hợp lệ 00" in doc.line_with("b) Bằng khen")
    rows = doc.table_rows("STT", "Tên đơn vị", "Số phiếu")
    assert ["1", "Sở Tài chính tỉnh Lạng Sơn", "5", "71,4"] in rows
    assert ["3", "Sở Tư pháp tỉnh Lạng Sơn", "2", "28,6"] in rows


def test_each_proposed_unit_appears_under_its_tier_with_grantor_and_rank(seed_year):
    lines = minutes_of(seed_year).lines
    flag = lines.index(
        "- Đề nghị Ủy ban nhân dân tỉnh Lạng Sơn tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho 01 đơn vị:"
    )
    cert = lines.index(
        "- Đề nghị Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "cho 02 đơn vị:"
    )
    assert lines[flag + 1].startswith("+ Sở Tài chính tỉnh Lạng Sơn: xếp thứ 1; bỏ phiếu kín: 5/7")
    assert lines[cert + 1].startswith(
        "+ Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn: xếp thứ 2"
    )
    assert lines[cert + 2].startswith("+ Sở Ngoại vụ tỉnh Lạng Sơn: xếp thứ 3")


def test_a_unit_not_proposed_is_listed_with_its_reason(seed_year):
    doc = minutes_of(seed_year)
    line = doc.line_with("- Sở Tư pháp tỉnh Lạng Sơn (Bằng khen")
    assert "không đạt tỷ lệ phiếu tối thiểu (2/7 < 0,5)" in line
    assert "đã được đề nghị hình thức cao hơn" in doc.line_with("- Sở Tài chính tỉnh Lạng Sơn (Bằng khen")


def test_next_leadership_and_pact_are_as_entered(seed_year):
    doc = minutes_of(seed_year)
    assert doc.line_with("- Cụm trưởng:") == "- Cụm trưởng: Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn;"
    assert doc.line_with("- Cụm phó:") == "- Cụm phó: Sở Ngoại vụ tỉnh Lạng Sơn;"
    assert doc.line_with("Hình thức quyết định:") == "- Hình thức quyết định: Bỏ phiếu tại hội nghị."
    assert doc.line_with("Ký giao ước thi đua năm 2022") == "7. Ký giao ước thi đua năm 2022: 20/01/2022."


def test_the_signature_blocks_name_the_chair_and_leave_the_secretary_blank(seed_year):
    doc = minutes_of(seed_year)
    signatures = doc.doc.tables[-1]
    secretary, chair = (cell.text for cell in signatures.rows[0].cells)
    assert "THƯ KÝ" in secretary and "(Ký, ghi rõ họ tên)" in secretary
    assert "CHỦ TRÌ" in chair and chair.strip().endswith("Nguyễn Quốc Toàn")
    assert secretary.strip().endswith("(Ký, ghi rõ họ tên)")


def test_unknown_facts_stay_unknown_and_no_date_is_invented(sparse_year):
    doc = minutes_of(sparse_year)
    date_line = doc.doc.tables[0].rows[1].cells[1].text
    assert date_line == "Lạng Sơn, ngày …… tháng …… năm ……"
    assert not re.search(r"\d", date_line)
    # A fact not on record is a dotted line to fill by hand, never "chưa ghi nhận".
    assert doc.line_with("Thời gian:") == f"1. Thời gian: {FILL}."
    assert FILL in doc.line_with("Đơn vị dự họp:")
    assert FILL in doc.line_with("Chủ trì:")
    assert doc.line_with("Cụm trưởng, cụm phó năm 2022") == f"5. Cụm trưởng, cụm phó năm 2022: {FILL}."
    assert FILL in doc.line_with("Ký giao ước")
    assert not any("chưa ghi nhận" in p.text for p in doc.doc.paragraphs)
    # No ballots on record: a sentence says so, and there is no count table.
    assert "Số phiếu bầu của từng đơn vị không được công bố." in doc.lines
    assert doc.table_rows("STT", "Tên đơn vị", "Số phiếu") == []
    assert "Tổng số phiếu bầu" not in doc.text
    # The agreed outcome is still shown, with its basis in words.
    assert doc.line_with("+ Sở Tài chính tỉnh Lạng Sơn").endswith("bỏ phiếu, không công bố số phiếu.")


@pytest.mark.django_db
def test_a_block_without_head_or_province_is_headed_by_its_organizer_and_leaves_the_place_blank():
    cluster_year = make_year(kind=Cluster.Kind.KHOI, province="", head=False, method=Method.ACCLAMATION)
    review = factories.ReviewFactory(
        cluster_year=cluster_year, outcome={"co-ubnd": ["SNV"]}, unnamed={"bk-ct": 2}
    )
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    doc = minutes_of(cluster_year)
    left = doc.doc.tables[0].rows[0].cells[0].text
    assert (
        "ỦY BAN NHÂN DÂN TỈNH BỘ THỬ NGHIỆM" in left and "KHỐI THI ĐUA CÁC CƠ QUAN THAM MƯU TỔNG HỢP" in left
    )
    assert doc.doc.tables[0].rows[1].cells[0].text.strip().endswith("/BB-KTĐ")
    assert doc.doc.tables[0].rows[1].cells[1].text.startswith("……, ngày")
    assert doc.line_with("Khối trưởng năm 2021:") == f"- Khối trưởng năm 2021: {FILL}."
    assert "suy tôn" in doc.line_with("Hình thức bình xét:")
    assert "cho 02 đơn vị:" in doc.line_with("tặng Bằng khen")
    assert "02 đơn vị khác (tên đơn vị không được ghi nhận)" in doc.line_with("đơn vị khác")
    assert Review.objects.get(pk=review.pk).concluded_at is not None


@pytest.mark.django_db
def test_a_review_not_yet_concluded_is_marked_as_a_draft():
    cluster_year = make_year()
    factories.ReviewFactory(cluster_year=cluster_year, outcome={"co-ubnd": ["STC"]})
    assert "(Dự thảo: kết quả bình xét chưa được chốt)" in minutes_of(cluster_year).lines
