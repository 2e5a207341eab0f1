"""The import page: board staff preview and then confirm a file for their organizer; a unit's officer only
their own people's titles; anyone else gets 404. The templates download with Vietnamese headers."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from thidua.accounts.models import Role
from thidua.registry.models import Awardee, Decision, PersonYear
from thidua.sheets.tests.files import office_workbook, two_line_header_workbook
from thidua.testing.worlds import client_for, make_user, user_with

ROWS = [
    [
        1,
        "Nguyen Thi Hong Nhung",
        "So Tu phap",
        "CSTĐCS",
        2019,
        "12/QĐ-UBND",
        "20/01/2020",
        "Chủ tịch UBND tỉnh",
    ]
]
YEARS_HEADER = ["Họ và tên", "Đơn vị", "Năm", "Xếp loại", "Danh hiệu"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, kind: str, data: bytes, name: str = "ds.xlsx"):
    return client.post("/nhap-du-lieu/", {"kind": kind, "file": SimpleUploadedFile(name, data)})


def test_board_staff_preview_then_confirm_a_decision_list(office):
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))

    page = board.get("/nhap-du-lieu/")
    assert page.status_code == 200
    assert "Quyết định khen thưởng các năm trước" in page.content.decode()

    preview = _upload(board, "decisions", two_line_header_workbook(ROWS))
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "Sẽ thêm: 1" in text and "So Tu phap" in text and "Tôi đã kiểm tra các tên" in text
    assert not Decision.objects.exists()

    unconfirmed = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk})
    assert unconfirmed.status_code == 400 and not Decision.objects.exists()

    done = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk, "xac_nhan": "1"})
    assert done.status_code == 302
    assert Awardee.objects.get().decision.imported_from == "ds.xlsx"
    again = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk, "xac_nhan": "1"}, follow=True)
    assert "không còn được lưu" in again.content.decode() and Awardee.objects.count() == 1


def test_a_file_with_errors_shows_them_and_offers_no_import(office):
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))
    rows = [[*ROWS[0][:6], "31/02/2019", ROWS[0][7]]]

    preview = _upload(board, "decisions", two_line_header_workbook(rows))

    text = preview.content.decode()
    assert preview.status_code == 400
    assert "31/02/2019 không phải là ngày" in text and "/nhap-du-lieu/ghi/" not in text


def test_a_pdf_is_refused_on_the_form(office):
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))

    page = _upload(board, "decisions", b"%PDF-1.4", name="qd.pdf")

    assert page.status_code == 400 and "không phải là bảng tính" in page.content.decode()


def test_a_unit_officer_imports_the_units_people_titles_only(office):
    officer = client_for(user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=office.stp))
    rows = [["Lê Văn Bình", "Sở Tư pháp", 2022, "Hoàn thành tốt nhiệm vụ", "Lao động tiên tiến"]]

    page = officer.get("/nhap-du-lieu/").content.decode()
    assert "Xếp loại và danh hiệu hằng năm" in page and "Quyết định khen thưởng các năm trước" not in page
    assert _upload(officer, "decisions", two_line_header_workbook(ROWS)).status_code == 400
    assert officer.get("/nhap-du-lieu/mau/decisions.xlsx").status_code == 404
    assert 'href="/nhap-du-lieu/mau/person_years.xlsx"' in page
    assert officer.get("/nhap-du-lieu/mau/person_years.xlsx").status_code == 200

    assert _upload(officer, "person_years", office_workbook(YEARS_HEADER, rows)).status_code == 200
    assert officer.post("/nhap-du-lieu/ghi/").status_code == 302
    assert PersonYear.objects.get().titles == ["lao-dong-tien-tien"]


def test_an_outsider_and_another_organizers_board_get_nothing(office):
    from thidua.testing.factories import OrganizerFactory

    outsider = client_for(make_user("nguoi-ngoai"))
    assert outsider.get("/nhap-du-lieu/").status_code == 404
    other = client_for(user_with("ban-khac", kind=Role.Kind.BOARD, organizer=OrganizerFactory()))
    assert other.get(f"/nhap-du-lieu/?to_chuc={office.organizer.pk}").status_code == 404


def test_each_template_downloads_with_vietnamese_headers_and_an_example_row(office):
    board = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))

    response = board.get("/nhap-du-lieu/mau/decisions.xlsx")

    sheet = load_workbook(BytesIO(response.content)).active
    header, example = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    assert "Số quyết định *" in header and "Ngày quyết định *" in header and "Người ký" in header
    assert example[header.index("Ngày quyết định *")] == "20/01/2020"


def test_the_command_previews_then_writes_with_commit(office, tmp_path, capsys):
    path = tmp_path / "khen-thuong.xlsx"
    path.write_bytes(two_line_header_workbook(ROWS))

    call_command("load", "decisions", str(path))
    assert "1 dòng sẽ thêm" in capsys.readouterr().out and not Decision.objects.exists()
    with pytest.raises(CommandError, match="--confirm-names"):
        call_command("load", "decisions", str(path), "--commit")
    call_command("load", "decisions", str(path), "--commit", "--confirm-names")
    assert Decision.objects.get().imported_from == "khen-thuong.xlsx"
    call_command("load", "decisions", str(path), "--commit", "--confirm-names")
    assert "1 dòng đã có" in capsys.readouterr().out and Awardee.objects.count() == 1


@pytest.mark.parametrize("kind", ["decisions", "person_years", "units"])
def test_every_template_imports_its_example_row(office, kind):
    from thidua.sheets.blank import template_workbook
    from thidua.sheets.importer import Scope, kinds, run

    data = BytesIO(template_workbook(kinds()[kind]))
    plan = run(kinds()[kind], data, "mau.xlsx", Scope(office.organizer), by="kiểm thử")

    assert plan.problems == [] and len(plan.outcomes) == 1
