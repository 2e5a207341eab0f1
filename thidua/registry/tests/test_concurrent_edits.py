"""Two people on one shared record (a proposal, a unit, a cluster, a province rule, an award of a decision):
both open its page, the first saves, the second's save is refused with who changed it and when, keeps what
the second typed where the page shows it again, and changes nothing."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.audit import record
from thidua.core.concurrency import version_of
from thidua.core.models import AuditEvent
from thidua.organisations.models import Cluster, Unit
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal, ProvinceRule, Revocation
from thidua.registry.province_rules import add_province_rule
from thidua.testing.concurrency import CHANGED, version_on
from thidua.testing.worlds import BY, Seed, World, client_for, decide_seed, user_with

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def submitted(seed: Seed) -> AwardProposal:
    flag = next(
        p for p in services.proposals_from_review(seed.year.review, by=BY) if p.award == "co-thi-dua-tinh"
    )
    services.provide_documents(flag, flag.dossier.filter(required=True).values_list("code", flat=True), by=BY)
    return services.submit(flag, by=BY, on=date(2022, 1, 25))


def test_returning_a_proposal_already_accepted_by_another_board_member_is_refused(
    seed: Seed, board: AbstractUser, submitted: AwardProposal
) -> None:
    colleague = user_with("ban-tdkt-2", kind=Role.Kind.BOARD, organizer=seed.organizer)
    first, second = client_for(colleague), client_for(board)
    page = reverse("registry:proposal", args=[submitted.pk])
    first_seen, second_seen = version_on(first, page), version_on(second, page)
    services.override_eligibility(submitted, "Đã đối chiếu hồ sơ gốc", by=colleague, seen=first_seen)

    audit = AuditEvent.objects.count()
    typed = {"reasons": "Thiếu biên bản họp bình xét", "version": second_seen}
    response = second.post(reverse("registry:act", args=[submitted.pk, "tra-lai"]), typed)
    text = _text(response)
    assert response.status_code == 400 and CHANGED in text and "ban-tdkt-2" in text
    assert "Thiếu biên bản họp bình xét</textarea>" in text
    submitted.refresh_from_db()
    assert submitted.state == "submitted" and AuditEvent.objects.count() == audit


def test_a_stale_button_press_on_a_proposal_is_refused(
    seed: Seed, board: AbstractUser, submitted: AwardProposal
) -> None:
    client = client_for(board)
    seen = version_on(client, reverse("registry:proposal", args=[submitted.pk]))
    services.override_eligibility(submitted, "Đã đối chiếu hồ sơ gốc", by=BY)
    response = client.post(
        reverse("registry:act", args=[submitted.pk, "tiep-nhan"]), {"version": seen}, follow=True
    )
    assert CHANGED in _text(response)
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_stale_correction_of_a_unit_is_refused_and_keeps_the_typing(world: World) -> None:
    colleague = user_with("ban-2", kind=Role.Kind.BOARD, organizer=world.cluster_a.organizer)
    unit = world.units["STC"]
    url = reverse("registry:setup_unit", args=[unit.pk])
    first, second = client_for(colleague), client_for(world.board)
    first_seen, second_seen = version_on(first, url), version_on(second, url)
    assert first.post(url, {"name": "Sở Tài chính tỉnh", "version": first_seen}).status_code == 302

    audit = AuditEvent.objects.count()
    response = second.post(url, {"name": "Sở Tài chính (sửa)", "short_name": "STC", "version": second_seen})
    text = _text(response)
    assert response.status_code == 400 and CHANGED in text and "ban-2" in text
    assert 'value="Sở Tài chính (sửa)"' in text
    unit.refresh_from_db()
    assert unit.name == "Sở Tài chính tỉnh" and AuditEvent.objects.count() == audit


def test_a_stale_correction_of_a_cluster_is_refused(world: World) -> None:
    colleague = user_with("ban-2", kind=Role.Kind.BOARD, organizer=world.cluster_a.organizer)
    url = reverse("registry:setup_cluster", args=[world.cluster_a.pk])
    first, second = client_for(colleague), client_for(world.board)
    first_seen, second_seen = version_on(first, url), version_on(second, url)
    assert first.post(url, {"kind": "cum", "name": "Cụm A", "version": first_seen}).status_code == 302
    response = second.post(url, {"kind": "cum", "name": "Cụm B", "version": second_seen})
    text = _text(response)
    assert response.status_code == 400 and CHANGED in text and 'value="Cụm B"' in text
    assert Cluster.objects.get(pk=world.cluster_a.pk).name == "Cụm A"


def test_a_stale_end_of_a_province_rule_is_refused(seed: Seed, board: AbstractUser) -> None:
    rule = add_province_rule(
        seed.organizer,
        award="tap-the-lao-dong-tien-tien",
        parameter="ty-le-lao-dong-tien-tien",
        value=70,
        document="Quyết định 12/2024/QĐ-UBND",
        document_date=date(2024, 3, 5),
        article="Điều 4 khoản 2",
        start=date(2024, 3, 15),
        by=BY,
    )
    colleague = user_with("ban-2", kind=Role.Kind.BOARD, organizer=seed.organizer)
    page = reverse("registry:province_rules") + f"?to_chuc={seed.organizer.pk}"
    first, second = client_for(colleague), client_for(board)
    first_seen, second_seen = version_on(first, page), version_on(second, page)
    end = reverse("registry:province_rule_end", args=[rule.pk])
    first.post(end, {"end": "31/12/2024", "version": first_seen})
    refused = second.post(end, {"end": "30/06/2025", "version": second_seen})
    text = _text(refused)
    assert refused.status_code == 400 and CHANGED in text
    # The day typed is in its row again, with the version the form was opened at: saving it again is
    # refused until the page is opened anew.
    assert 'value="30/06/2025"' in text and f'name="version" value="{second_seen}"' in text
    assert ProvinceRule.objects.get(pk=rule.pk).end == date(2024, 12, 31)


def test_a_stale_revocation_is_refused(seed: Seed, board: AbstractUser, submitted: AwardProposal) -> None:
    accepted = services.accept(services.override_eligibility(submitted, "x", by=BY), by=BY)
    decision = services.decide([accepted], number="245/QĐ-UBND", date=date(2022, 2, 15), signer="A", by=BY)
    awardee = decision.awardees.get()
    colleague = user_with("ban-2", kind=Role.Kind.BOARD, organizer=seed.organizer)
    page = reverse("registry:decision", args=[decision.pk])
    first, second = client_for(colleague), client_for(board)
    first_seen, second_seen = version_on(first, page), version_on(second, page)
    url = reverse("registry:revoke", args=[decision.pk, awardee.pk])
    first.post(url, {"number": "30/QĐ-UBND", "date": "01/03/2022", "reason": "Sai", "version": first_seen})
    refused = second.post(
        url, {"number": "31/QĐ-UBND", "date": "02/03/2022", "reason": "Trùng tên", "version": second_seen}
    )
    text = _text(refused)
    assert refused.status_code == 400 and CHANGED in text
    assert 'value="31/QĐ-UBND"' in text and 'value="02/03/2022"' in text and "Trùng tên" in text
    assert Revocation.objects.get().number == "30/QĐ-UBND"


def test_forms_without_a_version_are_not_checked(world: World) -> None:
    """A caller that opened no form (a script, an older page) is not refused: the check guards forms."""
    url = reverse("registry:setup_unit", args=[world.units["STC"].pk])
    assert client_for(world.board).post(url, {"name": "Sở Tài chính tỉnh"}).status_code == 302
    assert Unit.objects.get(pk=world.units["STC"].pk).name == "Sở Tài chính tỉnh"


def test_a_refused_revocation_keeps_what_was_typed_and_the_other_rows_their_versions(
    seed: Seed, board: AbstractUser
) -> None:
    _, merit = decide_seed(seed)
    first, second = merit.awardees.order_by("pk")
    record(BY, "admin.change", second)  # the second award has a history, the first none: versions differ
    client = client_for(board)
    page = reverse("registry:decision", args=[merit.pk])
    seen = version_on(client, page)  # the first row's
    assert seen == version_of(first) != version_of(second)
    response = client.post(
        reverse("registry:revoke", args=[merit.pk, first.pk]),
        {"number": "31/QĐ-UBND", "date": "31/02/2022", "reason": "Trùng tên", "version": seen},
    )
    text = _text(response)
    assert response.status_code == 400
    assert "dạng ngày/tháng/năm" in text
    assert 'value="31/QĐ-UBND"' in text and 'value="31/02/2022"' in text and "Trùng tên" in text
    assert not Revocation.objects.exists()
    # The other award's form is that award's own, at its own version: revoking it next is not refused.
    action = reverse("registry:revoke", args=[merit.pk, second.pk])
    other = text.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    assert f'name="version" value="{version_of(second)}"' in other
    assert 'value="31/QĐ-UBND"' not in other
