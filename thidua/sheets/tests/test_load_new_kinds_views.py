"""The import page for clusters, people and initiatives: each template, filled in as it comes (its example
row), reads back without a problem; a staff list with a two-line header (merged cells) is previewed and
confirmed; a unit's officer is offered the kinds of its own people only."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.accounts.models import Role
from thidua.registry.models import Initiative, Person, PersonPosting
from thidua.sheets.blank import template_workbook
from thidua.sheets.importer import Scope, kinds, run
from thidua.testing.worlds import client_for, user_with

NEW = ("clusters", "people", "initiatives")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("code", NEW)
def test_each_template_reads_back_with_its_example_row(office, code):
    kind = kinds()[code]

    plan = run(kind, BytesIO(template_workbook(kind)), "mau.xlsx", Scope(office.organizer), by="kiểm thử")

    assert (plan.problems, plan.created) == ([], 1)


def _merged_staff_list() -> bytes:
    """A staff list as offices draw it: a title row, 'Thời gian công tác' merged over its two dates, the
    other headers merged down over both header lines."""
    book = Workbook()
    ws = book.active
    ws.title = "Cán bộ"
    ws["A1"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC SỞ TƯ PHÁP"
    ws.merge_cells("A1:F1")
    ws.append(["STT", "Họ và tên", "Giới tính", "Chức vụ", "Thời gian công tác", None, "Đơn vị"])
    ws.append([None, None, None, None, "Từ ngày", "Đến ngày", None])
    for column in "ABCDG":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("E2:F2")
    ws.append([1, "Hoàng Thị Lan ", "Nữ", "Chánh Văn phòng", "01/07/2018", "", "Văn phòng Sở Tư pháp"])
    ws.append([2, "Vi Văn Thắng", "Nam", "Chuyên viên", "15/09/2020", "", "Sở Tư pháp"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_staff_list_with_a_merged_header_is_previewed_then_imported(office):
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))
    upload = SimpleUploadedFile("can-bo.xlsx", _merged_staff_list())

    preview = board.post("/nhap-du-lieu/", {"kind": "people", "file": upload})

    text = preview.content.decode()
    assert preview.status_code == 200
    assert (
        "Sẽ thêm: 2" in text and "Hoàng Thị Lan: Chánh Văn phòng, Văn phòng Sở Tư pháp (01/07/2018 –)" in text
    )
    assert not Person.objects.exists()
    done = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk})
    assert done.status_code == 302
    assert PersonPosting.objects.get(person__name="Hoàng Thị Lan").unit == office.phong


def test_an_officer_is_offered_the_own_peoples_kinds_only(office):
    officer = client_for(user_with("donvi", kind=Role.Kind.UNIT_OFFICER, unit=office.stp))

    page = officer.get("/nhap-du-lieu/").content.decode()

    assert "Cá nhân và quá trình công tác" in page and "Sáng kiến được công nhận" in page
    assert "Cụm, khối và danh sách thành viên từng năm" not in page
    assert officer.get("/nhap-du-lieu/mau/clusters.xlsx").status_code == 404
    assert officer.get("/nhap-du-lieu/mau/initiatives.xlsx").status_code == 200
    refused = officer.post(
        "/nhap-du-lieu/", {"kind": "clusters", "file": SimpleUploadedFile("c.xlsx", b"PK")}
    )
    assert refused.status_code == 400 and not Initiative.objects.exists()
