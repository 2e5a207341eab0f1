"""Who may see a unit's sheet and evidence, and which files and points are refused."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.core.models import AuditEvent
from thidua.emulation.evidence import MAX_BYTES
from thidua.emulation.models import Evidence, ItemScore
from thidua.emulation.tests.scoring.helpers import EXE, PDF, make_table, make_year, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    made = make_year()
    made.ids = make_table(made)
    return made


def _upload(year, name, content, client=None):
    url = year.url(f"don-vi/{year.a.pk}/minh-chung/")
    return (client or year.officer_a).post(
        url, {"criterion": year.ids["k1"], "file": upload(name, content)}, follow=True
    )


def test_another_units_officer_cannot_see_the_sheet_or_download_evidence(year):
    _upload(year, "bao-cao.pdf", PDF)
    evidence = Evidence.objects.get()
    download = year.url(f"minh-chung/{evidence.pk}/")
    own = year.officer_a.get(download)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert year.lead.get(download).status_code == 200
    assert year.officer_b.get(download).status_code == 404
    assert year.officer_b.get(year.url(f"don-vi/{year.a.pk}/")).status_code == 404
    assert year.officer_b.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), {}).status_code == 404
    assert "Sở A" not in year.officer_b.get(year.url()).content.decode()
    anonymous = Client().get(download)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    assert not evidence.file.name.endswith("bao-cao.pdf") and evidence.file.name.startswith("scoring/")


def test_an_officer_cannot_appraise_its_own_unit(year):
    response = year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), {})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", EXE, "nội dung không phải tệp PDF"),
        ("chuong-trinh.exe", EXE, "chỉ nhận tệp PDF, JPEG, PNG, DOCX, XLSX"),
        ("gia.docx", PDF, "nội dung không phải tệp DOCX"),
        ("lon.pdf", PDF + b"0" * MAX_BYTES, "vượt quá 10 MB"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(year, name, content, message):
    response = _upload(year, name, content)
    assert message in response.content.decode()
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(verb="scoring.evidence_add").exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("61", "61 điểm vượt điểm tối đa 60"), ("-1", "điểm không được âm"), ("năm", "không phải số điểm")],
)
def test_bad_points_are_refused_and_nothing_is_written(year, value, message):
    data = {f"points_{year.ids['k2']}": "30", f"points_{year.ids['k1']}": value}
    response = year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), data, follow=True)
    assert message in response.content.decode()
    assert not ItemScore.objects.filter(self_points__isnull=False).exists()


def test_an_appraisal_that_differs_needs_a_reason(year):
    ids = year.ids
    points = {f"points_{ids[k]}": "1" for k in ids}
    year.officer_a.post(year.url(f"don-vi/{year.a.pk}/tu-cham/"), points)
    year.officer_a.post(year.url(f"don-vi/{year.a.pk}/nop/"))
    changed = points | {f"points_{ids['k1']}": "0,5"}
    response = year.lead.post(year.url(f"don-vi/{year.a.pk}/tham-dinh/"), changed, follow=True)
    assert "khác điểm tự chấm, cần ghi lý do" in response.content.decode()
    assert not ItemScore.objects.filter(appraised_points__isnull=False).exists()


@pytest.mark.parametrize("criterion", ["abc", "", "99999999999999999999", "-1"])
def test_evidence_for_a_criterion_that_is_not_a_number_is_refused_with_a_message(year, criterion):
    url = year.url(f"don-vi/{year.a.pk}/minh-chung/")
    response = year.officer_a.post(
        url, {"criterion": criterion, "file": upload("bao-cao.pdf", PDF)}, follow=True
    )
    assert response.status_code == 200
    assert "Hãy chọn tiêu chí mà minh chứng thuộc về." in response.content.decode()
    assert not Evidence.objects.exists()
