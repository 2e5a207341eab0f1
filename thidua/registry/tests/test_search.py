"""Search without diacritics, with filters by year, award, unit and grantor."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from thidua.registry.actions import proposals as services
from thidua.registry.folding import fold
from thidua.registry.models import Person
from thidua.registry.search import search_awards
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, person_at, push_through, user_with


def _award(
    seed: Seed, person: Person, number: str, award: str = "lao-dong-tien-tien", year: int = 2023
) -> None:
    proposal = services.propose(
        organizer=seed.organizer,
        award=award,
        year=year,
        person=person,
        proposed_by=person.postings.get().unit,
        by=BY,
    )
    push_through(proposal, on=date(year + 1, 1, 5))
    services.decide([proposal], number=number, date=date(year + 1, 1, 15), signer="Giám đốc", by=BY)


def test_a_name_typed_without_diacritics_finds_the_person(seed: Seed) -> None:
    nha = person_at(seed, "STP", "Đường Thị Nhã")
    person_at(seed, "STP", "Dương Thị Nga")
    _award(seed, nha, "1/QĐ-STP")

    assert [a.name for a in search_awards("Duong Thi Nha")] == ["Đường Thị Nhã"]
    assert [a.name for a in search_awards("đường nhã")] == ["Đường Thị Nhã"]
    assert [a.name for a in search_awards("DUONG")] == ["Đường Thị Nhã"]
    assert list(search_awards("Duong Thi Nga")) == []


def test_d_matches_both_d_and_dj(seed: Seed) -> None:
    _award(seed, person_at(seed, "STP", "Đinh Văn Đức", sex="nam"), "2/QĐ-STP")
    _award(seed, person_at(seed, "STP", "Dinh Thị Dung"), "3/QĐ-STP")
    assert sorted(a.name for a in search_awards("dinh")) == ["Dinh Thị Dung", "Đinh Văn Đức"]


def test_filters_narrow_by_year_award_unit_and_grantor(seed: Seed) -> None:
    decide_seed(seed)
    nha = person_at(seed, "STP", "Đường Thị Nhã")
    _award(seed, nha, "4/QĐ-STP", year=2023)

    assert {a.name for a in search_awards(year=2021)} == {
        "Sở Tài chính tỉnh Lạng Sơn",
        "Sở Ngoại vụ tỉnh Lạng Sơn",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn",
    }
    assert [a.name for a in search_awards(award="co-thi-dua-tinh")] == ["Sở Tài chính tỉnh Lạng Sơn"]
    assert [a.name for a in search_awards(unit=seed.units["STP"])] == ["Đường Thị Nhã"]
    assert {a.name for a in search_awards(grantor="chu tich uy ban")} == {
        "Sở Ngoại vụ tỉnh Lạng Sơn",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn",
    }


@given(st.text())
def test_folding_leaves_no_diacritics_and_is_stable(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert "đ" not in folded and folded == folded.casefold()


def test_folding_vietnamese_names() -> None:
    assert fold("  Đường   Thị NHÃ ") == "duong thi nha"
    assert fold("Nguyễn Quốc Toàn") == "nguyen quoc toan"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes only")
def test_postgresql_has_unaccent_and_a_trigram_index_on_the_folded_names(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')")
        assert {row[0] for row in cursor.fetchall()} == {"unaccent", "pg_trgm"}
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'registry_awardee_name_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]


def test_the_search_page_runs_the_same_queries_for_one_or_many_results(
    seed: Seed, django_assert_max_num_queries: Any
) -> None:
    board = user_with("ban", kind="board", organizer=seed.organizer)
    client = client_for(board)
    _award(seed, person_at(seed, "STP", "Người Thứ Nhất"), "20/QĐ")
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("registry:search"))
    decide_seed(seed)
    for n in range(3):
        _award(seed, person_at(seed, "SNV", f"Người Thứ {n + 2}", code=f"P{n}"), f"2{n + 1}/QĐ")
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("registry:search"))
    assert "Tìm thấy 7 khen thưởng" in response.text


def test_each_word_matches_the_start_of_a_word(seed: Seed) -> None:
    _award(seed, person_at(seed, "STP", "Hoàng Thị An"), "5/QĐ-STP")
    _award(seed, person_at(seed, "STP", "Nông Thị Lan"), "6/QĐ-STP")
    assert [a.name for a in search_awards("an")] == ["Hoàng Thị An"]
    assert [a.name for a in search_awards("hoang a")] == ["Hoàng Thị An"]


def test_an_abbreviation_finds_the_full_form_and_back(seed: Seed) -> None:
    flag, _ = decide_seed(seed)
    office = "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn"
    assert [a.name for a in search_awards("hdnd")] == [office]
    assert [a.name for a in search_awards("ĐBQH lạng sơn")] == [office]
    # A decision that wrote the short form is found by the full one.
    written_short = flag.awardees.get()
    written_short.name = "UBND huyện Cao Lộc"
    written_short.save()
    assert [a.name for a in search_awards("ủy ban nhân dân Cao Lộc")] == ["UBND huyện Cao Lộc"]
    assert [a.name for a in search_awards("Uy ban nhan dan huyen")] == ["UBND huyện Cao Lộc"]
    assert [a.name for a in search_awards("ubnd cao loc")] == ["UBND huyện Cao Lộc"]


def test_an_award_abbreviation_finds_the_awards_of_that_form(seed: Seed) -> None:
    decide_seed(seed)
    _award(seed, person_at(seed, "STP", "Dinh Thị Dung"), "8/QĐ-STP", award="lao-dong-tien-tien")
    office = "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn"
    merit = {"Sở Ngoại vụ tỉnh Lạng Sơn", office}

    assert [a.name for a in search_awards("CTĐ")] == ["Sở Tài chính tỉnh Lạng Sơn"]
    assert [a.name for a in search_awards("cờ thi đua tài chính")] == ["Sở Tài chính tỉnh Lạng Sơn"]
    assert {a.name for a in search_awards("bk")} == merit
    assert {a.name for a in search_awards("Bang khen")} == merit
    assert [a.name for a in search_awards("LĐTT")] == ["Dinh Thị Dung"]
    assert [a.name for a in search_awards("lao dong tien tien dung")] == ["Dinh Thị Dung"]
    assert list(search_awards("lđtt ngoại vụ")) == []


def test_a_search_text_no_database_compares_is_left_out_with_a_message(seed, board):
    """A NUL byte in the search box: PostgreSQL refuses it outright, so it is refused here on both."""
    from thidua.testing.worlds import client_for

    page = client_for(board).get("/khen-thuong/", {"q": "Sở\x00", "cap": "\x00"})
    assert page.status_code == 200
    assert (
        "Nội dung tìm kiếm chứa ký tự điều khiển (như NUL, U+0000); nội dung này không được dùng" in page.text
    )
    export = client_for(board).get("/khen-thuong/xuat-excel/", {"q": "\x00"})
    assert export.status_code == 200


def test_a_pasted_paragraph_searches_its_first_words_without_an_error(db) -> None:
    """A query of hundreds of words (pasted by mistake) is answered, not a server error: a repeated word
    counts once and only the first words are searched for."""
    query = "Sở Tư pháp " * 323 + " ".join(f"tu{n}" for n in range(300))
    assert list(search_awards(query)) == []
