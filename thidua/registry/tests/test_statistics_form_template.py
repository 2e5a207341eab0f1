"""The yearly statistical report for the Ministry of Home Affairs is replaceable like every paper: the board
uploads its own workbook (the form its Department of Home Affairs sends) with the placeholders its page
lists, previews it from a real year of decisions, and the statistics page's download is then its own form
filled with the year's counts; a placeholder the report lacks is refused, naming it, and nothing is kept.
The page says what the built-in form follows (not Decree 30/2020)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from thidua.accounts.models import Role
from thidua.documents.models import PaperTemplate
from thidua.registry.papers.statistics_form import PAPER
from thidua.testing.workbooks import sheet_values, workbook
from thidua.testing.worlds import Seed, client_for, decide_seed, department_giay_khen, user_with

pytestmark = pytest.mark.django_db


def _xlsx(*rows: tuple[object, ...]) -> bytes:
    return workbook(*rows, title="Biểu Sở Nội vụ")


# The province's own form: a different order of columns, only the province-level list and the totals.
OWN = _xlsx(
    ("BIỂU THỐNG KÊ KHEN THƯỞNG NĂM {{ nam }} – {{ don_vi_bao_cao }}",),
    ("Hình thức", "Nữ", "Trực tiếp", "Tập thể", "Cá nhân", "Tổng"),
    ("{%tr for r in bo_tinh %}",),
    (
        "{{ r.hinh_thuc }}",
        "{{ r.nu }}",
        "{{ r.truc_tiep }}",
        "{{ r.tap_the }}",
        "{{ r.ca_nhan }}",
        "{{ r.tong }}",
    ),
    ("{%tr endfor %}",),
    ("Cấp cơ sở", "{{ co_so_nu }}", "{{ co_so_truc_tiep }}", "{{ co_so_tap_the }}", "{{ co_so_ca_nhan }}"),
    ("Cả năm", "{{ ca_nam_nu }}", "{{ ca_nam_truc_tiep }}", "{{ ca_nam_tap_the }}", "{{ ca_nam_ca_nhan }}"),
)


@pytest.fixture
def board(seed: Seed) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)


def _registry(seed: Seed) -> None:
    """The seed's 2021 decisions (a flag, two certificates of merit to collectives) dated in 2022, and a
    department head's Giấy khen of 2022 to three people, two women, one a direct labourer."""
    decide_seed(seed)
    department_giay_khen(seed)


def _upload(board: AbstractUser, seed: Seed, content: bytes) -> Any:
    url = reverse("registry:setup_paper", args=[seed.organizer.pk, PAPER])
    return client_for(board).post(url, {"template": SimpleUploadedFile("bieu-so-noi-vu.xlsx", content)})


def test_the_boards_own_form_is_filled_with_the_years_counts(seed: Seed, board: AbstractUser) -> None:
    _registry(seed)
    assert _upload(board, seed, OWN).status_code == 302
    got = client_for(board).get(reverse("registry:statistics_form") + "?nam=2022")
    rows = sheet_values(got.content)
    assert rows[0][0] == "BIỂU THỐNG KÊ KHEN THƯỞNG NĂM 2022 – Ủy ban nhân dân tỉnh Lạng Sơn"
    by_form = {row[0]: row[1:6] for row in rows[2:-2]}
    # form: women, direct labourers, collectives, persons, total; counts stay numbers
    assert by_form == {
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh": [0, 0, 2, 0, 2],
        "Cờ thi đua của Ủy ban nhân dân tỉnh": [0, 0, 1, 0, 1],
    }
    assert rows[-2][:5] == ["Cấp cơ sở", 2, 1, 0, 3]
    assert rows[-1][:5] == ["Cả năm", 2, 1, 3, 3]


def test_the_preview_uses_a_real_year_and_the_page_says_what_the_form_follows(
    seed: Seed, board: AbstractUser
) -> None:
    _registry(seed)
    client = client_for(board)
    page = client.get(reverse("registry:setup_paper", args=[seed.organizer.pk, PAPER])).content.decode()
    assert "Các quyết định ban hành năm 2022" in page
    assert "Thông tư số 9/2022/TT-BNV" in page and "không ghi số hiệu biểu" in page
    assert "Mẫu gốc (theo Nghị định 30/2020)" not in page
    assert "{{ ca_nam_nu }}" in page and "{%tr for r in bo_tinh %}" in page
    preview = client.get(
        reverse("registry:setup_paper_preview", args=[seed.organizer.pk, PAPER]) + "?ban_ghi=2022"
    )
    rows = sheet_values(preview.content)
    total = next(row for row in rows if row[1] == "Tổng cộng")
    assert total[2:7] == [6, 3, 3, 2, 1]  # the built-in form: all, collectives, persons, women, direct
    assert (
        client.get(
            reverse("registry:setup_paper_preview", args=[seed.organizer.pk, PAPER]) + "?ban_ghi=1999"
        ).status_code
        == 404
    )


def test_a_placeholder_the_report_lacks_is_refused_by_name(seed: Seed, board: AbstractUser) -> None:
    answer = _upload(board, seed, _xlsx(("{{ so_bieu_mau }}",)))
    assert answer.status_code == 400
    assert "Mẫu dùng {{ so_bieu_mau }} nhưng dữ liệu không có trường này." in answer.content.decode()
    assert not PaperTemplate.objects.exists()


def test_the_built_in_form_keeps_numbers_with_a_vietnamese_format(seed: Seed) -> None:
    _registry(seed)
    from thidua.registry.papers.statistics_form import statistics_workbook

    sheet = load_workbook(io.BytesIO(statistics_workbook(seed.organizer, 2022))).active
    total = next(row for row in sheet.iter_rows() if row[1].value == "Tổng cộng")
    assert total[2].value == 6 and total[2].number_format == "[$-42A]#,##0"
