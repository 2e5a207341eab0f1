"""POST /imports/{kind}: the importer of the page and of `thidua load`, for programs: the preview as JSON,
the import with commit=true, every problem of a bad file by sheet, row and column (422), the same scope as
the page (a unit's officer for the own unit's people only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from thidua.accounts.models import Role
from thidua.api.tests.conftest import caller, make_user, user_with
from thidua.registry.models import Person, PersonPosting
from thidua.sheets.tests.files import office_workbook
from thidua.testing.factories import OrganizerFactory, UnitFactory

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Họ và tên", "Giới tính", "Đơn vị", "Chức vụ", "Từ ngày", "Đến ngày"]
ROWS = [
    [1, "Nguyễn Thị Hồng Nhung", "Nữ", "Sở Tư pháp", "Chuyên viên", "01/03/2015", ""],
    [2, "Trần Văn Hùng", "Nam", "Sở Tư pháp", "Lái xe", "01/01/2012", "31/12/2020"],
]


@pytest.fixture
def office(db: None) -> dict[str, Any]:
    organizer = OrganizerFactory(name="Ủy ban nhân dân tỉnh Lạng Sơn")
    stp = UnitFactory(organizer=organizer, code="STP", name="Sở Tư pháp")
    UnitFactory(organizer=organizer, code="SGD", name="Sở Giáo dục và Đào tạo")
    return {
        "board": user_with("bqt-nhap", kind=Role.Kind.BOARD, organizer=organizer),
        "officer": user_with("donvi-nhap", kind=Role.Kind.UNIT_OFFICER, unit=stp),
    }


def _send(user: Any, kind: str, rows: list[list[object]], **params: Any) -> Any:
    who = caller(user)
    query = "&".join(f"{key}={value}" for key, value in params.items())
    upload = SimpleUploadedFile("nhan-su.xlsx", office_workbook(HEADER, rows))
    return who.client.post(f"/api/v1/imports/{kind}?{query}", {"file": upload}, headers=who.headers)


def test_the_preview_writes_nothing_and_commit_writes_every_row(office):
    preview = _send(office["board"], "people", ROWS)
    assert preview.status_code == 200, preview.content
    body = preview.json()
    assert (body["created"], body["changed"], body["same"], body["written"]) == (2, 0, 0, False)
    assert [row["number"] for row in body["lists"]["create"]] == [5, 6]
    assert not Person.objects.exists()

    done = _send(office["board"], "people", ROWS, commit="true")
    assert done.status_code == 201 and done.json()["written"]
    assert PersonPosting.objects.count() == 2

    again = _send(office["board"], "people", ROWS, commit="true")
    assert again.status_code == 200
    assert (again.json()["same"], again.json()["written"]) == (2, False)


def test_every_problem_is_answered_by_sheet_row_and_column(office):
    rows = [[1, "Lê Văn Bình", "Nam", "Sở Nội vụ", "", "31/02/2019", ""], *ROWS, ROWS[1]]

    response = _send(office["board"], "people", rows, commit="true")

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Tệp có 3 lỗi; không có dữ liệu nào được ghi."
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(5, "Đơn vị"), (5, "Từ ngày"), (8, None)]
    assert body["errors"][1]["text"] == (
        "Trang tính 'Danh sách', dòng 5, cột 'Từ ngày': 31/02/2019 không phải là ngày"
    )
    assert not Person.objects.exists()


def test_names_without_an_exact_match_are_confirmed_first(office):
    _send(office["board"], "people", ROWS, commit="true")
    rows = [[1, "Tran Van Hung", "Nam", "Sở Tư pháp", "Lái xe", "01/01/2012", "31/12/2021"]]

    refused = _send(office["board"], "people", rows, commit="true")
    assert refused.status_code == 422
    assert refused.json()["plan"]["mappings"] == [
        {"typed": "Tran Van Hung", "meaning": "Trần Văn Hùng (Sở Tư pháp)"}
    ]

    done = _send(office["board"], "people", rows, commit="true", confirm_names="true")
    assert done.status_code == 201
    assert Person.objects.count() == 2


def test_an_officer_imports_the_own_units_people_only(office):
    assert _send(office["officer"], "clusters", ROWS).status_code == 404
    stranger = [*ROWS, [3, "Phạm Minh", "Nam", "Sở Giáo dục và Đào tạo", "", "01/01/2019", ""]]
    refused = _send(office["officer"], "people", stranger, commit="true")
    assert refused.status_code == 422
    assert [e["row"] for e in refused.json()["errors"]] == [7]
    assert _send(office["officer"], "people", ROWS, commit="true").status_code == 201


def test_outsiders_and_large_files_are_refused(office):
    assert _send(None, "people", ROWS).status_code == 401
    assert _send(make_user("nguoi-ngoai"), "people", ROWS).status_code == 404
    assert _send(office["board"], "khong-co", ROWS).status_code == 404
    with override_settings(SHEETS_BACKGROUND_BYTES=1000):
        large = _send(office["board"], "people", ROWS)
    assert large.status_code == 413
    assert "thidua load" in large.json()["detail"]
    assert not Person.objects.exists()
