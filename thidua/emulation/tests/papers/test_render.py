"""Rendering the year's documents by name, and writing them all into a directory."""

from __future__ import annotations

import re

import pytest

from thidua.emulation.papers.render import (
    DOCUMENTS,
    available_documents,
    render_document,
    render_documents,
)
from thidua.emulation.tests.papers.conftest import open_docx


def test_every_document_is_written_in_order_and_opens_as_word(seed_year, tmp_path):
    names = render_documents(seed_year, tmp_path / "out").names
    # Scores are on record, so the score table comes before the minutes and the letter.
    minutes = names.index("bien-ban-hop-binh-xet.docx")
    assert names[minutes - 1 : minutes + 2] == [
        "bang-tong-hop-diem.docx",
        "bien-ban-hop-binh-xet.docx",
        "to-trinh-de-nghi-khen-thuong.docx",
    ]
    assert names == available_documents(seed_year) and set(names) <= set(DOCUMENTS)
    titles = [open_docx((tmp_path / "out" / name).read_bytes()).lines for name in names]
    assert "BIÊN BẢN" in titles[minutes] and "TỜ TRÌNH" in titles[minutes + 1]


def test_the_written_file_and_the_downloaded_one_say_the_same(seed_year, tmp_path):
    for name in render_documents(seed_year, tmp_path).names:
        written = open_docx((tmp_path / name).read_bytes()).lines
        assert written == open_docx(render_document(seed_year, name)).lines


def test_an_unknown_document_name_is_refused_in_vietnamese(seed_year):
    with pytest.raises(KeyError, match=re.escape("Không có văn bản tên “quyet-dinh.docx”")):
        render_document(seed_year, "quyet-dinh.docx")


def test_a_launched_year_writes_its_plan_and_list_first(seed_started, tmp_path):
    names = render_documents(seed_started, tmp_path).names
    assert names[:2] == ["ke-hoach-phat-dong-thi-dua.docx", "danh-sach-dang-ky-thi-dua.docx"]
    assert names == [name for name in DOCUMENTS if name in names]
