"""The audit trail: changes made in the admin write their rows like the actions do, no row can be changed or
deleted through the application, and the board reads a record's history on its page."""

from __future__ import annotations

import html
from datetime import date

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

from thidua.accounts.models import Role
from thidua.core.admin import AuditedAdmin
from thidua.core.audit import record
from thidua.core.models import AuditEvent, HistoryIsWritten
from thidua.organisations.models import Cluster
from thidua.registry.actions import proposals as services
from thidua.testing.concurrency import CHANGED, version_on
from thidua.testing.worlds import BY, Seed, World, client_for, pass_code_step, push_through, user_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(seed: Seed) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)


@pytest.fixture
def superuser() -> Client:
    user = get_user_model().objects.create_superuser("quantri-kiem-thu", password="x")
    client = client_for(user)
    pass_code_step(client, user)  # the admin site asks for the code step
    return client


# ---- nothing rewrites history ----------------------------------------------------------------------


def test_an_audit_row_cannot_be_changed_or_deleted(world: World) -> None:
    event = record(world.board, "unit.update", world.units["STC"], name="Sở Tài chính")
    event.verb = "unit.create"
    with pytest.raises(HistoryIsWritten):
        event.save()
    with pytest.raises(HistoryIsWritten):
        event.delete()
    with pytest.raises(HistoryIsWritten):
        AuditEvent.objects.filter(pk=event.pk).update(verb="unit.create")
    with pytest.raises(HistoryIsWritten):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "unit.update"


def test_deleting_a_user_keeps_the_rows_they_wrote(world: World) -> None:
    gone = user_with("tam-thoi", kind=Role.Kind.BOARD, organizer=world.cluster_a.organizer)
    event = record(gone, "unit.update", world.units["STC"])
    gone.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor is None and kept.verb == "unit.update"


def test_the_admin_cannot_add_change_or_delete_audit_rows(world: World, superuser: Client) -> None:
    event = record(world.board, "unit.update", world.units["STC"])
    change = reverse("admin:core_auditevent_change", args=[event.pk])
    assert superuser.get(reverse("admin:core_auditevent_add")).status_code == 403
    assert superuser.get(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403
    assert 'name="verb"' not in superuser.get(change).content.decode()
    superuser.post(change, {"verb": "unit.create", "object_id": "1"})
    changelist = reverse("admin:core_auditevent_changelist")
    superuser.post(changelist, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    assert AuditEvent.objects.get(pk=event.pk).verb == "unit.update"


# ---- the admin writes its rows ----------------------------------------------------------------------


def test_every_admin_writes_audit_rows_those_of_the_packages_too() -> None:
    registered = list(admin.site._registry)
    labels = {model._meta.label for model in registered}
    assert {"otp_totp.TOTPDevice", "django_tasks_database.DBTaskResult", "axes.AccessAttempt"} <= labels
    for model in registered:
        assert isinstance(admin.site._registry[model], AuditedAdmin), model._meta.label


def test_removing_a_lost_phones_device_in_the_admin_is_audited(world: World, superuser: Client) -> None:
    lost = pass_code_step(Client(), world.board)
    response = superuser.post(reverse("admin:otp_totp_totpdevice_delete", args=[lost.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    removed = AuditEvent.objects.get(verb="admin.delete", object_type="otp_totp.totpdevice")
    assert removed.object_id == str(lost.pk) and removed.actor.username == "quantri-kiem-thu"
    assert removed.data["name"] == str(lost)


def test_unlocking_an_account_in_the_admin_is_audited(world: World, superuser: Client) -> None:
    lockout = AccessAttempt.objects.create(
        username="donvi-a", ip_address="10.0.0.9", user_agent="thử", failures_since_start=5
    )
    superuser.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [lockout.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    unlocked = AuditEvent.objects.get(verb="admin.delete", object_type="axes.accessattempt")
    assert unlocked.object_id == str(lockout.pk) and unlocked.actor.username == "quantri-kiem-thu"


def test_task_results_are_read_in_the_admin_and_never_changed_there(world: World, superuser: Client) -> None:
    result = DBTaskResult.objects.create(
        task_path="thidua.accounts.notifications.mail_task",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
    )
    assert (
        superuser.get(
            reverse("admin:django_tasks_database_dbtaskresult_change", args=[result.pk])
        ).status_code
        == 200
    )
    delete = reverse("admin:django_tasks_database_dbtaskresult_delete", args=[result.pk])
    assert superuser.post(delete, {"post": "yes"}).status_code == 403
    assert DBTaskResult.objects.filter(pk=result.pk).exists()
    assert not AuditEvent.objects.filter(object_type="django_tasks_database.dbtaskresult").exists()


def test_a_change_and_a_deletion_in_the_admin_write_audit_rows(world: World, superuser: Client) -> None:
    cluster = world.cluster_b
    data = {
        "organizer": cluster.organizer_id,
        "code": cluster.code,
        "kind": cluster.kind,
        "name": "Cụm Văn hóa – Xã hội (sửa trong quản trị)",
        "source": "",
    }
    response = superuser.post(reverse("admin:organisations_cluster_change", args=[cluster.pk]), data)
    assert response.status_code == 302
    changed = AuditEvent.objects.get(verb="admin.change", object_id=str(cluster.pk))
    assert changed.object_type == "organisations.cluster" and changed.actor.username == "quantri-kiem-thu"
    assert Cluster.objects.get(pk=cluster.pk).name.endswith("(sửa trong quản trị)")

    event = world.units["STC"].events.create(kind="renamed", other=world.units["SKH"], date=date(2020, 1, 1))
    superuser.post(
        reverse("admin:organisations_unitevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    deleted = AuditEvent.objects.get(verb="admin.delete", object_type="organisations.unitevent")
    assert deleted.object_id == str(event.pk) and deleted.actor.username == "quantri-kiem-thu"


def test_a_change_in_the_admin_makes_an_open_form_stale(world: World, superuser: Client) -> None:
    """The version a form carries is the audit trail, so the admin's change is seen like any other."""
    cluster = world.cluster_a
    url = reverse("registry:setup_cluster", args=[cluster.pk])
    board = client_for(world.board)
    seen = version_on(board, url)
    data = {"organizer": cluster.organizer_id, "code": cluster.code, "kind": cluster.kind, "name": "Cụm X"}
    superuser.post(reverse("admin:organisations_cluster_change", args=[cluster.pk]), {**data, "source": ""})
    page = html.unescape(board.post(url, {"kind": "cum", "name": "Cụm Y", "version": seen}).content.decode())
    assert CHANGED in page and "quantri-kiem-thu" in page
    assert Cluster.objects.get(pk=cluster.pk).name == "Cụm X"


# ---- the board reads a record's history --------------------------------------------------------------


def test_the_board_reads_a_units_and_a_clusters_history(world: World, superuser: Client) -> None:
    board = client_for(world.board)
    unit = world.units["STC"]
    board.post(reverse("registry:setup_unit", args=[unit.pk]), {"name": "Sở Tài chính tỉnh"})
    page = html.unescape(board.get(reverse("registry:setup_unit", args=[unit.pk])).content.decode())
    assert (
        "Lịch sử thay đổi" in page and "Sửa thông tin đơn vị" in page and world.board.get_username() in page
    )

    cluster = world.cluster_a
    data = {"organizer": cluster.organizer_id, "code": cluster.code, "kind": cluster.kind, "name": "Cụm Z"}
    superuser.post(reverse("admin:organisations_cluster_change", args=[cluster.pk]), {**data, "source": ""})
    page = html.unescape(board.get(reverse("registry:setup_cluster", args=[cluster.pk])).content.decode())
    assert "Sửa trong trang quản trị" in page and "quantri-kiem-thu" in page


def test_the_board_reads_a_decisions_history_and_an_officer_does_not(seed: Seed, board: AbstractUser) -> None:
    flag = next(
        p for p in services.proposals_from_review(seed.year.review, by=BY) if p.award == "co-thi-dua-tinh"
    )
    decision = services.decide(
        [push_through(flag)], number="245/QĐ-UBND", date=date(2022, 2, 15), signer="A", by=board
    )
    services.revoke(decision.awardees.get(), number="30/QĐ", date=date(2022, 3, 1), reason="Sai", by=board)
    url = reverse("registry:decision", args=[decision.pk])
    page = html.unescape(client_for(board).get(url).content.decode())
    assert "Lịch sử thay đổi" in page and "Ghi quyết định" in page and "Hủy bỏ khen thưởng" in page

    officer = user_with("can-bo-stc", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STC"])
    seen = client_for(officer).get(url)
    assert seen.status_code != 200 or "Lịch sử thay đổi" not in seen.content.decode()


def test_the_proposal_history_names_a_change_made_in_the_admin(seed: Seed, board: AbstractUser, rf) -> None:
    flag = next(
        p for p in services.proposals_from_review(seed.year.review, by=BY) if p.award == "co-thi-dua-tinh"
    )
    request = rf.post("/admin/")
    request.user = get_user_model().objects.create_superuser("quantri-kiem-thu", password="x")
    # What the admin's change view calls once the proposal is saved (its form is long: inlines, dossier).
    admin.site._registry[type(flag)].log_change(request, flag, [{"changed": {"fields": ["note"]}}])
    page = html.unescape(client_for(board).get(reverse("registry:proposal", args=[flag.pk])).content.decode())
    assert "Sửa trong trang quản trị" in page and "quantri-kiem-thu" in page
