"""The signed scans of a proposal's dossier, as each role meets them: the proposing unit's officer attaches,
replaces and removes them while the proposal is its to edit, each marking its document received in the
count the list shows; the board downloads; anyone else finds nothing. Files are checked by their content."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, DossierItem, DossierScan
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, client_for, person_at, user_with

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bao-cao.txt", "không phải PDF")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(seed: Seed) -> AbstractUser:
    return user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])


@pytest.fixture
def own(seed: Seed) -> AwardProposal:
    """Sở Tư pháp's own proposal for one of its people: a draft with a three-document checklist."""
    person = person_at(seed, "STP", "Đường Thị Nhã", direct=True)
    return services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=person,
        proposed_by=seed.units["STP"],
        by=BY,
    )


def _attach(
    client: Client, proposal: AwardProposal, name: str, content: bytes, item: str = "bao-cao-thanh-tich"
):
    return client.post(
        reverse("registry:scan_add", args=[proposal.pk]),
        {"item": item, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _count(client: Client, proposal: AwardProposal) -> str:
    """The k/n column of the proposal's row in the organizer's list of proposals."""
    page = client.get(reverse("registry:proposals") + f"?to_chuc={proposal.organizer_id}&nam={proposal.year}")
    row = next(r for r in page.content.decode().split("<tr") if f"/de-nghi/{proposal.pk}/" in r)
    cells = [c.split(">", 1)[1].split("<", 1)[0] for c in row.split("<td")[1:]]
    return next(c for c in cells if "/" in c and c.replace("/", "").isdigit())


def test_the_officer_attaches_a_signed_report_and_the_dossier_counts_it(own, officer, board) -> None:
    client = client_for(officer)
    assert _count(client, own) == "0/3"
    page = _attach(client, own, "bao-cao-co-chu-ky.pdf", PDF)
    text = page.content.decode()
    assert "Đã đính kèm bản quét" in text and "bao-cao-co-chu-ky.pdf" in text
    assert "45\xa0byte" in text and "can-bo-stp" in text  # size and uploader shown on the dossier
    assert _count(client, own) == "1/3"
    assert DossierItem.objects.get(proposal=own, code="bao-cao-thanh-tich").provided
    scan = DossierScan.objects.get()
    assert scan.file.name.startswith(f"dossiers/{own.pk}/") and not scan.file.name.endswith("chu-ky.pdf")
    event = AuditEvent.objects.get(verb="registry.proposal.scan_add")
    assert event.actor_id == officer.pk and event.data["name"] == "bao-cao-co-chu-ky.pdf"
    history = client_for(board).get(reverse("registry:proposal", args=[own.pk])).content.decode()
    assert (
        "Đính kèm bản quét có chữ ký" in history and "bao-cao-co-chu-ky.pdf – Báo cáo thành tích" in history
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.pdf", EXE, "nội dung không phải tệp PDF"),
        ("bao-cao.pdf", _zip(), "nội dung không phải tệp PDF"),
        ("anh-chup.png", b"\x89PNG\r\n\x1a\n" + b"not an image at all", "nội dung không phải tệp PNG"),
        ("bao-cao.docx", _zip(), "chỉ nhận tệp PDF, JPEG, PNG"),
        ("co-mat-khau.pdf", PDF.replace(b"<<>>", b"<</Encrypt 2 0 R>>", 1), "có mật khẩu hoặc chứa mã lệnh"),
        (
            "co-ma-lenh.pdf",
            PDF.replace(b"<<>>", b"<</JavaScript 3 0 R>>", 1),
            "có mật khẩu hoặc chứa mã lệnh",
        ),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_changes(own, officer, name, content, message):
    client = client_for(officer)
    response = client.post(
        reverse("registry:scan_add", args=[own.pk]),
        {"item": "bao-cao-thanh-tich", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'value="bao-cao-thanh-tich" selected' in text  # the chosen document stays chosen
    assert not DossierScan.objects.exists()
    assert not DossierItem.objects.filter(proposal=own, provided=True).exists()
    assert not AuditEvent.objects.filter(verb__startswith="registry.proposal.scan").exists()


def test_a_real_image_is_accepted(own, officer) -> None:
    _attach(client_for(officer), own, "trang-1.png", _png())
    assert DossierScan.objects.get().original_name == "trang-1.png"


def test_a_file_over_the_limit_is_refused(own, officer, settings) -> None:
    settings.DOSSIER_SCAN_MAX_MB = 1
    response = _attach(client_for(officer), own, "lon.pdf", PDF + b"0" * (1024 * 1024))
    assert "vượt quá 1 MB" in response.content.decode()
    assert not DossierScan.objects.exists()


def test_another_units_officer_the_anonymous_and_another_board_cannot_attach_or_download(seed, own, officer):
    _attach(client_for(officer), own, "bao-cao.pdf", PDF)
    scan = DossierScan.objects.get()
    download = reverse("registry:scan", args=[own.pk, scan.pk])
    other = client_for(user_with("can-bo-stc", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STC"]))
    other_board = client_for(
        user_with("ban-khac", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory())
    )
    for client in (other, other_board):
        assert _attach(client, own, "bao-cao.pdf", PDF).status_code == 404
        assert client.get(download).status_code == 404
        assert client.post(reverse("registry:scan_delete", args=[own.pk, scan.pk])).status_code == 404
    anonymous = Client()
    for response in (anonymous.get(download), anonymous.post(reverse("registry:scan_add", args=[own.pk]))):
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert DossierScan.objects.count() == 1


def test_the_board_and_the_officer_download_the_scan_as_uploaded(own, officer, board) -> None:
    _attach(client_for(officer), own, "bao-cao.pdf", PDF)
    scan = DossierScan.objects.get()
    for user in (officer, board):
        response = client_for(user).get(reverse("registry:scan", args=[own.pk, scan.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"]


def test_replace_and_remove_while_editable_are_audited_and_remove_unmarks_the_document(
    own, officer, django_capture_on_commit_callbacks
) -> None:
    client = client_for(officer)
    _attach(client, own, "ban-1.pdf", PDF)
    scan = DossierScan.objects.get()
    first = scan.file.path
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registry:scan_replace", args=[own.pk, scan.pk]),
            {"file": SimpleUploadedFile("ban-2.png", _png())},
        )
    scan.refresh_from_db()
    assert scan.original_name == "ban-2.png"
    import os

    assert not os.path.exists(first)  # the replaced file is gone from the disk
    assert AuditEvent.objects.get(verb="registry.proposal.scan_replace").data["replaced"] == "ban-1.pdf"
    assert _count(client, own) == "1/3"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("registry:scan_delete", args=[own.pk, scan.pk]), follow=True)
    assert "Đã gỡ bản quét" in page.content.decode()
    assert not DossierScan.objects.exists() and not os.path.exists(scan.file.path)
    assert AuditEvent.objects.filter(verb="registry.proposal.scan_delete").count() == 1
    assert _count(client, own) == "0/3"


def test_once_sent_the_dossier_is_closed_to_changes_but_the_board_still_downloads(
    own, officer, board
) -> None:
    client = client_for(officer)
    _attach(client, own, "to-trinh.pdf", PDF, item="to-trinh")
    _attach(client, own, "bao-cao.pdf", PDF)
    _attach(client, own, "bien-ban.pdf", PDF, item="bien-ban")
    services.submit(own, by=BY)
    scan = DossierScan.objects.first()
    assert scan is not None
    assert _attach(client, own, "them.pdf", PDF).status_code == 404
    assert client.post(reverse("registry:scan_delete", args=[own.pk, scan.pk])).status_code == 404
    page = client_for(board).get(reverse("registry:proposal", args=[own.pk])).content.decode()
    assert "to-trinh.pdf" in page and "Gỡ bản quét này" not in page
    assert client_for(board).get(reverse("registry:scan", args=[own.pk, scan.pk])).status_code == 200
    assert DossierScan.objects.count() == 3
