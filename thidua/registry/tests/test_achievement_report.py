"""The achievement report (báo cáo thành tích) of a proposal's subject, laid out as the decree's forms, as
Word and PDF: a collective of the seed cluster with its year in the cluster and the awards on record, a
person with the yearly ratings, initiatives and titles on record, a collective of another province with its
own names; what the record lacks is a marked space, never invented. Those who may see the proposal download
it from the dossier; others find nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from thidua.documents.pdf import docx_to_pdf
from thidua.emulation.tests.papers.conftest import open_docx
from thidua.registry.actions import proposals as services
from thidua.registry.models import Initiative, PersonYear, UnitYear
from thidua.registry.papers.achievement import proposal_report
from thidua.testing.papers import first_page_png, needs_pdf, page_size_mm, pdf_text
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, person_at, user_with

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "papers"
MARKED = "(Phần đơn vị tự viết:"


def test_the_seed_collective_report_states_its_year_in_the_cluster(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    UnitYear.objects.create(unit=seed.units["STC"], year=2020, titles=["tap-the-lao-dong-xuat-sac"])
    proposal = flag.proposals.get()
    text = open_docx(proposal_report(proposal)).text
    assert "BÁO CÁO THÀNH TÍCH" in text and "Cờ thi đua của Ủy ban nhân dân tỉnh" in text
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text and "SỞ TÀI CHÍNH TỈNH LẠNG SƠN" in text
    assert "Tên tập thể đề nghị: Sở Tài chính tỉnh Lạng Sơn" in text
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "Cụm các cơ quan Tham mưu tổng hợp năm 2021, gồm 07 đơn vị thành viên" in text
    assert "Điểm thi đua: 98,5 điểm." in text and "Xếp thứ 01/07" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    # Its own award of the year is what it is proposed for, not an award already received.
    assert "245/QĐ-UBND" not in text
    assert "Tập thể lao động xuất sắc" in text
    assert text.count(MARKED) == 2 and "chưa ghi nhận" not in text


def test_a_later_report_lists_the_award_decided_with_its_decision(seed: Seed) -> None:
    decide_seed(seed)
    later = services.propose(
        organizer=seed.organizer,
        award="bang-khen-chu-tich-tinh",
        year=2022,
        proposed_by=seed.units["STC"],
        unit=seed.units["STC"],
        by=BY,
    )
    opened = open_docx(proposal_report(later))
    rows = opened.table_rows("Năm", "Danh hiệu thi đua")
    assert rows == [["2021", "Cờ thi đua của Ủy ban nhân dân tỉnh",
                     "245/QĐ-UBND ngày 15/02/2022; Ủy ban nhân dân tỉnh Lạng Sơn"]]  # fmt: skip
    assert "Năm 2022" in opened.text or "năm 2022" in opened.text


@needs_pdf
def test_a_persons_report_carries_the_record_and_leaves_the_rest_to_write(seed: Seed) -> None:
    person = person_at(seed, "STC", "Hoàng Thị Mai", sex="nu")
    person.birth_year = 1980
    person.save()
    PersonYear.objects.create(person=person, year=2020, rating="xuat-sac", titles=["lao-dong-tien-tien"])
    PersonYear.objects.create(person=person, year=2021, rating="xuat-sac", titles=["lao-dong-tien-tien"])
    Initiative.objects.create(
        person=person, code="SK1", title="Số hóa hồ sơ quyết toán", level="co-so", year=2021
    )
    proposal = services.propose(
        organizer=seed.organizer,
        award="chien-si-thi-dua-co-so",
        year=2021,
        proposed_by=seed.units["STC"],
        person=person,
        by=BY,
    )
    pdf = docx_to_pdf(proposal_report(proposal))
    first_page_png(pdf, ARTIFACTS / "bao-cao-thanh-tich-ca-nhan.png")
    text = pdf_text(pdf)
    assert page_size_mm(pdf) == (210, 297)
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "Họ và tên: Hoàng Thị Mai." in text
    assert "Năm sinh: 1980; giới tính: Nữ." in text
    assert "Đơn vị công tác: Sở Tài chính tỉnh Lạng Sơn." in text and "Chức vụ: Chuyên viên." in text
    assert "2020: Hoàn thành xuất sắc nhiệm vụ." in text
    assert "Sáng kiến được công nhận năm 2021: Số hóa hồ sơ quyết toán" in text
    assert "Lao động tiên tiến" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text
    assert text.count(MARKED) == 2 and "chưa ghi nhận" not in text


def test_another_provinces_report_carries_its_own_names(world: Any) -> None:
    review = world.year_a.review
    review.refresh_from_db()
    proposal = services.proposals_from_review(review, by=BY)[0]
    text = open_docx(proposal_report(proposal)).text
    assert "Thử Nghiệm" in text and "Cụm Tham mưu tổng hợp năm 2021" in text
    assert "Lạng Sơn" not in text


def test_the_dossier_offers_the_report_to_those_who_see_the_proposal(world: Any) -> None:
    review = world.year_a.review
    review.refresh_from_db()
    proposal = services.proposals_from_review(review, by=BY)[0]
    board = client_for(world.board)
    page = board.get(reverse("registry:proposal", args=[proposal.pk])).content.decode()
    url = reverse("registry:achievement_docx", args=[proposal.pk])
    assert url in page
    got = board.get(url)
    assert got.status_code == 200 and got["Content-Disposition"].endswith('.docx"')
    assert client_for(world.officer_b).get(url).status_code == 404
    assert client_for(world.board_other).get(url).status_code == 404
    outsider = user_with("khac", kind="board", organizer=world.cluster_other.organizer)
    assert client_for(outsider).get(url).status_code == 404
    assert date(2022, 1, 20) == review.date
