"""The seed cluster imported from its exchange file: its documents carry the facts the article reports."""

from __future__ import annotations

import pytest

from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.papers.render import render_documents
from thidua.emulation.tests.papers.conftest import open_docx
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db


def test_the_seed_year_documents_report_the_article_outcome(tmp_path):
    cluster = import_exchange(read_exchange_file(SEED), by="test")
    cluster_year = cluster.years.get(year=2021)
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    names = render_documents(cluster_year, tmp_path).names
    minutes, submission = (
        open_docx((tmp_path / n).read_bytes())
        for n in names
        if n in ("bien-ban-hop-binh-xet.docx", "to-trinh-de-nghi-khen-thuong.docx")
    )

    assert minutes.doc.tables[0].rows[1].cells[1].text == "Lạng Sơn, ngày 20 tháng 01 năm 2022"
    flag = minutes.line_with("tặng Cờ thi đua")
    following = minutes.lines[minutes.lines.index(flag) + 1]
    assert following.startswith("+ Sở Tài chính tỉnh Lạng Sơn: xếp thứ 1")
    assert "Sở Ngoại vụ tỉnh Lạng Sơn: xếp thứ 3" in minutes.text
    assert minutes.line_with("- Cụm trưởng:") == "- Cụm trưởng: Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn;"
    assert [row[1] for row in submission.table_rows("STT", "Tên đơn vị", "Hình thức khen thưởng")] == [
        "Sở Tài chính tỉnh Lạng Sơn",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn",
        "Sở Ngoại vụ tỉnh Lạng Sơn",
    ]
