"""Units belong to the organizer and are shared by its clusters: a file that would change a unit another
cluster uses lists each change (with its line) and writes nothing until the change is accepted, on the
command line, on the upload page and through the importer itself; the audit row lists what changed."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.exchange.importer import SharedUnitsChanged, import_exchange, run_import
from thidua.exchange.reader import parse_exchange
from thidua.exchange.tests.conftest import K2, RENAMED, SHARE, edited, line_of
from thidua.exchange.tests.test_views import LANG_SON, board_user, upload
from thidua.organisations.models import Cluster, Unit
from thidua.testing.worlds import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_imported(seed_text: str) -> Cluster:
    return import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")


def untouched() -> None:
    assert not Cluster.objects.filter(code="K2").exists() and not Unit.objects.filter(code="SYT").exists()
    stc, snv = Unit.objects.get(code="STC"), Unit.objects.get(code="SNV")
    assert (stc.name, snv.female_share) == ("Sở Tài chính tỉnh Lạng Sơn", Decimal("0.47"))


def test_a_new_cluster_that_changes_shared_units_is_refused_with_each_change_and_its_line(seed_imported):
    with pytest.raises(SharedUnitsChanged) as raised:
        import_exchange(parse_exchange(K2, "k2.yaml"), by="kiểm thử")

    assert [(error.line, error.vi) for error in raised.value.errors] == [
        (line_of(K2, "code: STC"), RENAMED),
        (line_of(K2, "code: SNV"), SHARE),
    ]
    assert all(error.en.startswith("unit ") for error in raised.value.errors)
    untouched()


def test_accepted_changes_are_made_and_the_audit_row_lists_them(seed_imported):
    report = run_import(parse_exchange(K2, "k2.yaml"), by="kiểm thử", accept_unit_changes=True)

    assert Unit.objects.get(code="STC").name == "Sở Tài chính"
    assert Unit.objects.get(code="SNV").female_share == Decimal("0.6")
    assert {change.vi for change in report.shared_changes} == {RENAMED, SHARE}
    audit = AuditEvent.objects.get(verb="exchange.import", object_id=str(report.cluster.pk))
    assert {(c["code"], c["part"], c["before"], c["after"]) for c in audit.data["unit_changes"]} == {
        ("STC", "name", "Sở Tài chính tỉnh Lạng Sơn", "Sở Tài chính"),
        ("SNV", "female_share", "0,47", "0,6"),
    }


def test_only_the_changes_accepted_are_made(seed_imported):
    data = parse_exchange(K2, "k2.yaml")
    with pytest.raises(SharedUnitsChanged) as first:
        import_exchange(data, by="kiểm thử")
    renamed = [change for change in first.value.changes if change.part == "name"]

    with pytest.raises(SharedUnitsChanged) as raised:
        import_exchange(data, by="kiểm thử", accept_unit_changes=renamed)

    assert [error.vi for error in raised.value.errors] == [SHARE]
    untouched()


def test_a_unit_only_this_cluster_uses_changes_without_asking(seed_imported, seed_text: str):
    renamed = edited(seed_text, 'name: "Sở Tư pháp tỉnh Lạng Sơn"', 'name: "Sở Tư pháp"')
    report = run_import(parse_exchange(renamed, "seed.yaml"), by="kiểm thử", replace=True)
    assert Unit.objects.get(code="STP").name == "Sở Tư pháp"
    assert report.shared_changes == () and [c.part for c in report.unit_changes] == ["name"]


def test_lineage_restated_differently_is_a_change_to_confirm(seed_imported):
    other = (
        K2.replace(
            '  - {code: SYT, name: "Sở Y tế tỉnh Lạng Sơn"}\n',
            '  - {code: SYT, name: "Sở Y tế tỉnh Lạng Sơn"}\n'
            '  - {code: SKHDT, name: "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn", '
            "events: [{kind: merged_into, other: STC, date: 2025-04-01}]}\n",
        )
        .replace('name: "Sở Tài chính"}', 'name: "Sở Tài chính tỉnh Lạng Sơn"}')
        .replace(", female_share: 0.6", "")
    )
    with pytest.raises(SharedUnitsChanged) as raised:
        import_exchange(parse_exchange(other, "k2.yaml"), by="kiểm thử")
    [error] = raised.value.errors
    assert error.vi.endswith(
        "lịch sử đổi tên, sáp nhập, chia tách "
        "«sáp nhập vào STC ngày 01/03/2025» → «sáp nhập vào STC ngày 01/04/2025»"
    )
    assert Unit.objects.get(code="SKHDT").events.get().date.isoformat() == "2025-03-01"


def test_the_import_command_lists_the_changes_and_needs_the_flag(seed_imported, tmp_path):
    path = tmp_path / "k2.yaml"
    path.write_text(K2, encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import", str(path), stdout=StringIO())
    said = str(raised.value)
    assert said.startswith("Đơn vị dùng chung với cụm, khối khác sẽ thay đổi:")
    assert f"k2.yaml:{line_of(K2, 'code: STC')}: {RENAMED}" in said
    assert "Chưa ghi gì vào cơ sở dữ liệu" in said and "--accept-unit-changes" in said
    untouched()

    out = StringIO()
    call_command("import", str(path), "--accept-unit-changes", stdout=out)
    assert RENAMED in out.getvalue() and Unit.objects.get(code="STC").name == "Sở Tài chính"


def test_the_upload_preview_lists_the_changes_and_writes_them_only_once_accepted(seed_imported):
    client = client_for(board_user(LANG_SON))
    preview = upload(client, K2, "k2.yaml")
    page = preview.content.decode()
    assert "Đơn vị dùng chung với cụm khác sẽ thay đổi" in page
    assert f'<span class="line">Dòng {line_of(K2, "code: STC")}</span> {RENAMED}' in page
    digest = preview.context["confirm"].initial["digest"]

    again = client.post(reverse("exchange:confirm"), {"digest": digest})
    assert "đánh dấu ô đồng ý ở trên rồi xác nhận lại" in again.content.decode()
    untouched()

    client.post(reverse("exchange:confirm"), {"digest": digest, "accept_unit_changes": "on"})
    assert Unit.objects.get(code="STC").name == "Sở Tài chính"
    assert Cluster.objects.filter(code="K2").exists()


def test_a_change_made_after_the_preview_is_shown_again_before_anything_is_written(seed_imported):
    client = client_for(board_user(LANG_SON))
    digest = upload(client, K2, "k2.yaml").context["confirm"].initial["digest"]
    Unit.objects.filter(code="STC").update(name="Sở Tài chính (tên đã sửa)")

    page = client.post(reverse("exchange:confirm"), {"digest": digest, "accept_unit_changes": "on"})

    text = page.content.decode()
    assert "dữ liệu đơn vị đã thay đổi từ lúc xem trước" in text
    assert "«Sở Tài chính (tên đã sửa)» → «Sở Tài chính»" in text
    assert not Cluster.objects.filter(code="K2").exists()


def test_the_scenario_command_refuses_too_and_says_how_to_accept(seed_imported, tmp_path):
    path = tmp_path / "k2.yaml"
    path.write_text(K2, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("scenario", str(path), "--out", str(tmp_path / "ra"), stdout=StringIO())
    assert RENAMED in str(raised.value)
    assert "thidua import --replace --accept-unit-changes" in str(raised.value)
    assert not (tmp_path / "ra" / "results.json").exists()
    untouched()
