"""A large file is read and written by the background worker: the page sends the user to the job's page,
whose bar follows the reading; the preview and the import are the same as for a small file. (The tests run
tasks at once; `SHEETS_BACKGROUND_BYTES = 0` makes every file "large".)"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.accounts.models import Job, Role
from thidua.organisations.models import Unit
from thidua.registry.models import Awardee
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import two_line_header_workbook
from thidua.sheets.tests.test_load_views import ROWS
from thidua.testing.worlds import BY, client_for, user_with


@pytest.fixture(autouse=True)
def _large(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SHEETS_BACKGROUND_BYTES = 0


def test_a_large_file_is_previewed_and_imported_by_the_worker(office):
    user = user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer)
    board = client_for(user)
    sent = board.post(
        "/nhap-du-lieu/",
        {"kind": "decisions", "file": SimpleUploadedFile("ds-lon.xlsx", two_line_header_workbook(ROWS))},
    )
    read = Job.objects.get(kind="sheets.preview")
    assert sent.status_code == 302 and sent["Location"] == reverse("jobs:job", args=[read.pk])
    job_page = board.get(sent["Location"]).content.decode()
    assert "Đọc tệp ds-lon.xlsx để nhập" in job_page and "1 dòng sẽ thêm" in job_page

    preview = board.get(read.result["url"])
    text = preview.content.decode()
    assert preview.status_code == 200 and "Sẽ thêm: 1" in text and "So Tu phap" in text
    assert not Awardee.objects.exists()

    # The names read without an exact match must be confirmed, here as for a small file.
    unconfirmed = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk})
    assert unconfirmed.status_code == 400 and not Job.objects.filter(kind="sheets.write").exists()

    done = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk, "xac_nhan": "1"})
    write = Job.objects.get(kind="sheets.write")
    assert done["Location"] == reverse("jobs:job", args=[write.pk])
    assert write.state == Job.State.DONE and "thêm 1 dòng" in board.get(done["Location"]).content.decode()
    assert Awardee.objects.get().decision.imported_from == "ds-lon.xlsx"
    # A second click finds the file gone with the job that imported it: nothing twice.
    again = board.post("/nhap-du-lieu/ghi/", {"to_chuc": office.organizer.pk, "xac_nhan": "1"}, follow=True)
    assert "không còn được lưu" in again.content.decode() and Awardee.objects.count() == 1
    # The preview stays readable, without an import button once its file is gone.
    assert "/nhap-du-lieu/ghi/" not in board.get(read.result["url"]).content.decode()


def test_another_user_cannot_open_the_preview_of_someone_elses_job(office):
    owner = client_for(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=office.organizer))
    owner.post(
        "/nhap-du-lieu/",
        {"kind": "decisions", "file": SimpleUploadedFile("ds.xlsx", two_line_header_workbook(ROWS))},
    )
    url = Job.objects.get().result["url"]
    colleague = client_for(user_with("ban-tdkt-2", kind=Role.Kind.BOARD, organizer=office.organizer))
    assert colleague.get(url).status_code == 404


def test_the_reading_reports_its_progress(office):
    lines = ["Họ và tên,Đơn vị,Năm,Xếp loại,Danh hiệu"]
    lines += [f"Người {n},Sở Tư pháp,2022,Hoàn thành tốt nhiệm vụ,Lao động tiên tiến" for n in range(2500)]
    heard: list[tuple[float, int]] = []
    stream = BytesIO("\n".join(lines).encode())
    plan = run(
        kinds()["person_years"],
        stream,
        "nam.csv",
        Scope(office.organizer, frozenset(Unit.objects.values_list("pk", flat=True))),
        by=BY,
        progress=lambda share, rows: heard.append((share, rows)),
    )
    assert plan.created == 2500
    assert [rows for _share, rows in heard] == [1000, 2000]
    assert 0 < heard[0][0] < heard[1][0] <= 1
