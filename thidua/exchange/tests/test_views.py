"""The exchange file on the web: upload, check, preview, confirm; refusals; export and round trip."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.exchange.tests.conftest import edited, line_of
from thidua.exchange.tests.test_round_trip import canonical
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.testing import factories
from thidua.testing.worlds import client_for, make_user

pytestmark = pytest.mark.django_db

LANG_SON = "Ủy ban nhân dân tỉnh Lạng Sơn"


def board_user(organizer_name: str, username: str = "bqt-ls") -> AbstractUser:
    user = make_user(username)
    organizer = factories.OrganizerFactory(name=organizer_name)
    factories.RoleFactory(user=user, kind=Role.Kind.BOARD, organizer=organizer)
    return user


def upload(client, text: str | bytes, name: str = "cum.yaml"):
    content = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(reverse("exchange:upload"), {"file": SimpleUploadedFile(name, content)})


def confirm(client, response, **extra: str):
    digest = response.context["confirm"].initial["digest"]
    return client.post(reverse("exchange:confirm"), {"digest": digest, **extra}, follow=True)


def test_a_good_file_is_previewed_then_imported_on_confirmation(seed_text: str):
    client = client_for(board_user(LANG_SON))
    preview = upload(client, seed_text)
    page = preview.content.decode()
    assert "Xem trước: tệp hợp lệ" in page
    assert "Cụm các cơ quan Tham mưu tổng hợp (mã TMTH)" in page
    assert '<td>2021</td><td class="num">7</td><td class="num">7</td>' in page  # members, ballots
    assert not Cluster.objects.exists()  # nothing written before confirmation

    response = confirm(client, preview)

    cluster = Cluster.objects.get(code="TMTH")
    assert response.redirect_chain[-1][0] == reverse("front:cluster", args=[cluster.pk])
    assert "Đã nhập tệp cum.yaml: Cụm các cơ quan Tham mưu tổng hợp, năm 2021." in response.content.decode()
    assert cluster.years.get(year=2021).memberships.count() == 7
    assert AuditEvent.objects.filter(verb="exchange.import", actor__username="bqt-ls").exists()


def test_a_bad_file_lists_every_error_with_its_line_and_writes_nothing(seed_text: str):
    text = edited(seed_text, "    head: STC\n", "    head: STC\n    chief: STC\n")
    text = edited(text, "members: [STC, SKHDT,", "members: [STC, XYZ, SKHDT,")
    client = client_for(board_user(LANG_SON))
    page = upload(client, text).content.decode()
    assert "Tệp có 2 lỗi – chưa nhập gì" in page
    assert f"Dòng {line_of(text, 'chief: STC')}" in page
    assert f"Dòng {line_of(text, 'members: [STC, XYZ')}" in page
    assert "chief" in page and "XYZ" in page
    assert 'lang="en"' in page  # the English wording, in small print
    assert not Cluster.objects.exists() and not Unit.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tên: «Cụm»".encode("cp1258", errors="replace"), "tệp không phải văn bản UTF-8"),
        (b"format: 1\n" + b"#" * (2 * 1024 * 1024), "tệp quá lớn"),
        ("format: [1\n", "lỗi cú pháp YAML"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(content: bytes | str, message: str):
    page = upload(client_for(board_user(LANG_SON)), content).content.decode()
    assert message in page
    assert not Cluster.objects.exists()


def test_the_board_of_another_organizer_is_refused(seed_text: str):
    client = client_for(board_user("Ủy ban nhân dân tỉnh Cao Bằng", "bqt-cb"))
    Organizer.objects.create(name=LANG_SON)
    response = upload(client, seed_text)
    assert response.status_code == 403
    assert (
        f"Tệp thuộc «{LANG_SON}». Bạn không phải cán bộ Ban Thi đua – Khen thưởng"
        in response.content.decode()
    )
    assert not Cluster.objects.exists()


def test_the_right_is_checked_again_at_confirmation(seed_text: str):
    user = board_user(LANG_SON)
    client = client_for(user)
    preview = upload(client, seed_text)
    Role.objects.filter(user=user).update(organizer=factories.OrganizerFactory(name="Tỉnh khác"))
    assert confirm(client, preview).status_code == 403
    assert not Cluster.objects.exists()


def test_people_without_a_board_role_do_not_get_the_upload_page(seed_text: str):
    officer = make_user("donvi-x")
    unit = factories.UnitFactory(organizer=factories.OrganizerFactory(name=LANG_SON))
    factories.RoleFactory(user=officer, kind=Role.Kind.UNIT_OFFICER, unit=unit)
    client = client_for(officer)
    assert client.get(reverse("exchange:upload")).status_code == 404
    assert upload(client, seed_text).status_code == 404


def test_an_existing_cluster_is_replaced_only_when_asked(seed_text: str):
    client = client_for(board_user(LANG_SON))
    import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")
    changed = edited(seed_text, 'place: "Trụ sở Sở Tài chính tỉnh Lạng Sơn"', 'place: "Hội trường UBND tỉnh"')

    preview = upload(client, changed)
    assert "đã có trong cơ sở dữ liệu" in preview.content.decode()
    refused = confirm(client, preview)
    assert "đã có trong cơ sở dữ liệu" in refused.content.decode()
    cluster = Cluster.objects.get(code="TMTH")
    assert cluster.years.get(year=2021).review.place == "Trụ sở Sở Tài chính tỉnh Lạng Sơn"

    confirm(client, upload(client, changed), replace="on")
    assert cluster.years.get(year=2021).review.place == "Hội trường UBND tỉnh"


def test_forgetting_the_replace_box_keeps_the_file_and_says_what_to_tick(seed_text: str):
    client = client_for(board_user(LANG_SON))
    import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")
    changed = edited(seed_text, 'place: "Trụ sở Sở Tài chính tỉnh Lạng Sơn"', 'place: "Hội trường UBND tỉnh"')
    digest = upload(client, changed).context["confirm"].initial["digest"]

    refused = client.post(reverse("exchange:confirm"), {"digest": digest}, follow=True).content.decode()
    assert "cần đánh dấu ô thay dữ liệu" in refused and "--replace" not in refused
    client.post(reverse("exchange:confirm"), {"digest": digest, "replace": "on"}, follow=True)
    assert Cluster.objects.get(code="TMTH").years.get(year=2021).review.place == "Hội trường UBND tỉnh"


def test_a_stale_confirmation_imports_nothing(seed_text: str):
    client = client_for(board_user(LANG_SON))
    response = client.post(reverse("exchange:confirm"), {"digest": "0" * 64}, follow=True)
    assert "Không còn tệp chờ nhập" in response.content.decode()
    assert not Cluster.objects.exists()


def test_export_round_trip_through_the_web(seed_text: str):
    client = client_for(board_user(LANG_SON))
    cluster = import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")
    before = export_cluster(cluster)

    response = client.get(reverse("exchange:export", args=[cluster.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="TMTH.yaml"'
    exported = response.content.decode("utf-8")
    assert exported == dump_exchange(before)

    confirm(client, upload(client, exported, "TMTH.yaml"), replace="on")
    again = dump_exchange(export_cluster(Cluster.objects.get(pk=cluster.pk)))
    # Equivalent: the same file but for the order of the ballots, which the import shuffles (secrecy).
    assert canonical(parse_exchange(again, "x")) == canonical(parse_exchange(exported, "x"))


def test_export_of_a_cluster_without_years_says_why(seed_text: str):
    user = board_user(LANG_SON)
    cluster = factories.ClusterFactory(organizer=Organizer.objects.get(name=LANG_SON), code="MOI")
    response = client_for(user).get(reverse("exchange:export", args=[cluster.pk]), follow=True)
    assert (
        "Không xuất được tệp trao đổi: cụm, khối «MOI» chưa có năm thi đua nào để xuất."
        in response.content.decode()
    )


def test_export_needs_the_right_to_see_the_cluster(seed_text: str):
    cluster = import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")
    outsider = board_user("Ủy ban nhân dân tỉnh Cao Bằng", "bqt-cb")
    assert client_for(outsider).get(reverse("exchange:export", args=[cluster.pk])).status_code == 404
    cluster_page = client_for(board_user(LANG_SON)).get(reverse("front:cluster", args=[cluster.pk]))
    assert reverse("exchange:export", args=[cluster.pk]) in cluster_page.content.decode()
