"""Personal API tokens: printed once by `thidua api-token`, stored as a keyed hash, revoked in the admin."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from thidua.api.auth import digest
from thidua.api.models import ApiToken
from thidua.api.tests.conftest import Caller, World, client_for, make_user
from thidua.core.models import AuditEvent
from thidua.testing.worlds import pass_code_step

pytestmark = pytest.mark.django_db


def issue(username: str, label: str = "cổng thông tin tỉnh") -> str:
    out, err = StringIO(), StringIO()
    call_command("api-token", username, "--label", label, stdout=out, stderr=err)
    assert "chỉ hiện lần này" in err.getvalue()
    return out.getvalue().strip()


def test_the_command_prints_a_token_that_opens_the_api(world: World):
    token = issue("cumtruong-a")
    response = Caller(token).get("/api/v1/clusters")
    assert [row["code"] for row in response.json()] == ["TMTH"]
    stored = ApiToken.objects.get()
    assert (stored.user, stored.label) == (world.lead_a, "cổng thông tin tỉnh")
    assert stored.last_used is not None
    assert AuditEvent.objects.filter(verb="api.token_issued", object_id=str(stored.pk)).exists()


def test_only_a_keyed_hash_of_the_token_is_stored(world: World):
    token = issue("bqt")
    stored = ApiToken.objects.get()
    assert stored.digest == digest(token) and token not in stored.digest
    row = ApiToken.objects.filter(pk=stored.pk).values().get()
    assert not any(token in str(value) for value in row.values())
    assert not AuditEvent.objects.filter(data__icontains=token).exists()


def test_two_tokens_are_never_the_same(world: World):
    assert issue("bqt") != issue("bqt")


def test_an_unknown_or_inactive_user_gets_no_token(world: World):
    with pytest.raises(CommandError, match="không có người dùng «ai-do»"):
        issue("ai-do")
    make_user("nghi-viec", is_active=False)
    with pytest.raises(CommandError):
        issue("nghi-viec")
    assert not ApiToken.objects.exists()


def test_a_deactivated_users_token_stops_working(world: World):
    token = issue("bqt")
    world.board.is_active = False
    world.board.save(update_fields=["is_active"])
    assert Caller(token).get("/api/v1/clusters").status_code == 401


def test_the_admin_shows_tokens_read_only_and_revokes_them(world: World):
    token = issue("bqt")
    stored = ApiToken.objects.get()
    superuser = make_user("quantri", is_staff=True, is_superuser=True)
    admin = client_for(superuser)
    pass_code_step(admin, superuser)  # the admin site asks for the code step
    changelist = reverse("admin:api_apitoken_changelist")
    page = admin.get(changelist).content.decode()
    assert "cổng thông tin tỉnh" in page and stored.digest not in page
    assert admin.get(reverse("admin:api_apitoken_add")).status_code == 403
    assert admin.get(reverse("admin:api_apitoken_delete", args=[stored.pk])).status_code == 403

    admin.post(changelist, {"action": "revoke", "_selected_action": [stored.pk]})
    stored.refresh_from_db()
    assert stored.revoked is not None
    assert Caller(token).get("/api/v1/clusters").status_code == 401
    assert AuditEvent.objects.filter(verb="api.token_revoked", object_id=str(stored.pk)).exists()
