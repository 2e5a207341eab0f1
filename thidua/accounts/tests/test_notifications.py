"""Notifications: the people a change concerns find it in their list and, unless they turned its kind off,
in their mail, sent only once the change has committed; a refused change notifies nobody; reminders come
once; each user sees only their own list."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import AbstractUser
from django.core import mail
from django.urls import reverse

from thidua.accounts import notifications
from thidua.accounts.models import Notification, Role
from thidua.emulation.actions import launch as pact
from thidua.emulation.actions import setup as year_services
from thidua.emulation.reminders import remind_registrations
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.registry.reminders import remind_dossiers
from thidua.testing import factories
from thidua.testing.worlds import BY, Seed, client_for, person_at, push_through, user_with

Kind = Notification.Kind


def _officer(seed: Seed, code: str, email: str = "") -> AbstractUser:
    user = user_with(f"can-bo-{code.lower()}", kind=Role.Kind.UNIT_OFFICER, unit=seed.units[code])
    user.email = email or f"{code.lower()}@langson.gov.vn"
    user.save()
    return user


def _own_proposal(seed: Seed, *, due: dt.date | None = None) -> AwardProposal:
    proposal = services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=person_at(seed, "STP", "Đường Thị Nhã"),
        proposed_by=seed.units["STP"],
        by=BY,
    )
    if due is not None:
        AwardProposal.objects.filter(pk=proposal.pk).update(due=due)
        proposal.refresh_from_db()
    return proposal


def test_a_returned_proposal_reaches_its_units_officer_in_the_list_and_by_mail(
    seed: Seed, django_capture_on_commit_callbacks
) -> None:
    officer = _officer(seed, "STP")
    other = _officer(seed, "STC")
    proposal = _own_proposal(seed)
    required = proposal.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(proposal, list(required), by=BY)
    services.submit(proposal, by=BY, on=dt.date(2022, 1, 20))

    with django_capture_on_commit_callbacks(execute=True):
        services.return_proposal(proposal, ["Thiếu báo cáo thành tích"], by=BY)

    notice = Notification.objects.get(user=officer)
    assert notice.kind == Kind.RETURNED
    assert "bị trả lại: Thiếu báo cáo thành tích" in notice.text
    assert notice.url == reverse("registry:proposal", args=[proposal.pk])
    assert not Notification.objects.filter(user=other).exists()
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Thiếu báo cáo thành tích" in mail.outbox[0].body


def test_a_refused_change_notifies_nobody(seed: Seed, django_capture_on_commit_callbacks) -> None:
    _officer(seed, "STP")
    proposal = _own_proposal(seed)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="lý do"):
        services.return_proposal(proposal, ["  "], by=BY)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_decision_reaches_the_officer_unless_that_mail_is_turned_off(
    seed: Seed, django_capture_on_commit_callbacks
) -> None:
    officer = _officer(seed, "STP")
    notifications.set_mail_kinds(officer, [Kind.RETURNED, Kind.STAGE, Kind.DEADLINE])
    proposal = push_through(_own_proposal(seed))
    with django_capture_on_commit_callbacks(execute=True):
        services.decide([proposal], number="15/QĐ-STP", date=dt.date(2022, 1, 28), signer="Giám đốc", by=BY)

    notice = Notification.objects.get(user=officer, kind=Kind.DECIDED)
    assert "Quyết định số 15/QĐ-STP ngày 28/01/2022" in notice.text
    assert mail.outbox == []  # in the list, not by mail
    assert notice.mailed_at is None


def test_a_launch_tells_every_member_units_officer_to_register(
    db: None, django_capture_on_commit_callbacks
) -> None:
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Thông Báo")
    cluster = factories.ClusterFactory(organizer=organizer, code="TB", name="Cụm thi đua Thông Báo")
    units = [factories.UnitFactory(organizer=organizer, code=c, name=f"Sở {c}") for c in "AB"]
    year = factories.ClusterYearFactory(cluster=cluster, year=2026)
    year_services.set_roster(year, units, by=BY)
    officers = [user_with(f"can-bo-{u.code}", kind=Role.Kind.UNIT_OFFICER, unit=u) for u in units]

    with django_capture_on_commit_callbacks(execute=True):
        pact.record_launch(
            year,
            date=dt.date(2026, 1, 10),
            document_number="01/KH-CTĐ",
            document_title="Kế hoạch phát động thi đua năm 2026",
            theme="Thi đua hoàn thành xuất sắc nhiệm vụ",
            deadline=dt.date(2026, 2, 28),
            by=BY,
        )

    for officer in officers:
        notice = Notification.objects.get(user=officer)
        assert notice.kind == Kind.STAGE
        assert "đăng ký thi đua trước ngày 28/02/2026" in notice.text


def test_a_dossier_reminder_comes_once_before_and_once_after_the_due_date(
    seed: Seed, django_capture_on_commit_callbacks
) -> None:
    officer = _officer(seed, "STP")
    _own_proposal(seed, due=dt.date(2026, 3, 10))

    assert remind_dossiers(dt.date(2026, 3, 1)) == 0  # too early
    for _ in range(2):
        remind_dossiers(dt.date(2026, 3, 8))
    assert Notification.objects.filter(user=officer, kind=Kind.DEADLINE).count() == 1
    for _ in range(2):
        remind_dossiers(dt.date(2026, 3, 12))
    texts = list(Notification.objects.filter(user=officer).order_by("id").values_list("text", flat=True))
    assert len(texts) == 2
    assert "cần nộp trước ngày 10/03/2026" in texts[0] and "đã quá hạn nộp ngày 10/03/2026" in texts[1]


def test_a_mail_server_down_keeps_the_mail_for_the_next_try(seed: Seed) -> None:
    officer = _officer(seed, "STP")
    notifications.notify([officer], Kind.STAGE, "Bước mới")
    with mock.patch("thidua.accounts.notifications.send_mail", side_effect=OSError("down")):
        assert notifications.send_pending_mail() == 0
    assert Notification.objects.get(user=officer).mailed_at is None
    assert notifications.send_pending_mail() == 1
    assert notifications.send_pending_mail() == 0  # never twice
    assert len(mail.outbox) == 1


def test_each_user_reads_only_their_own_list_and_marks_it_read(seed: Seed) -> None:
    officer, other = _officer(seed, "STP"), _officer(seed, "STC")
    notifications.notify([officer], Kind.STAGE, "Việc của Sở Tư pháp")
    notifications.notify([other], Kind.STAGE, "Việc của Sở Tài chính")
    client = client_for(officer)

    page = client.get(reverse("accounts:notifications")).text
    assert "Việc của Sở Tư pháp" in page and "Việc của Sở Tài chính" not in page
    assert 'aria-label="1 chưa đọc"' in page  # the badge in the header

    client.post(reverse("accounts:notifications"))
    assert Notification.objects.get(user=officer).read_at is not None
    assert Notification.objects.get(user=other).read_at is None
    assert "chưa đọc" not in client.get(reverse("accounts:notifications")).text


def test_mail_settings_are_saved_and_a_bad_value_is_refused(seed: Seed) -> None:
    officer = _officer(seed, "STP")
    client = client_for(officer)
    url = reverse("accounts:mail_settings")

    assert client.post(url, {"kinds": ["returned", "decided"]}).status_code == 302
    assert set(officer.mail_opt_outs.values_list("kind", flat=True)) == {"stage", "deadline", "job"}
    page = client.get(url).text
    assert page.count(" checked") == 2

    refused = client.post(url, {"kinds": ["returned", "xoa-het"]})
    assert refused.status_code == 400
    assert "«xoa-het» không phải là một loại thông báo." in refused.text
    assert set(officer.mail_opt_outs.values_list("kind", flat=True)) == {"stage", "deadline", "job"}


def test_anonymous_visitors_are_sent_to_log_in(db: None) -> None:
    from django.test import Client

    response = Client().get(reverse("accounts:notifications"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_unit_that_has_not_registered_is_reminded_before_and_once_after_the_deadline(db: None) -> None:
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Nhắc Hạn")
    cluster = factories.ClusterFactory(organizer=organizer, code="NH", name="Cụm thi đua Nhắc Hạn")
    units = [factories.UnitFactory(organizer=organizer, code=c, name=f"Sở {c}") for c in "AB"]
    year = factories.ClusterYearFactory(cluster=cluster, year=2026)
    year_services.set_roster(year, units, by=BY)
    officer = user_with("can-bo-a", kind=Role.Kind.UNIT_OFFICER, unit=units[0])
    pact.record_launch(
        year,
        date=dt.date(2026, 1, 10),
        document_number="01/KH-CTĐ",
        document_title="Kế hoạch phát động thi đua năm 2026",
        theme="Thi đua hoàn thành xuất sắc nhiệm vụ",
        deadline=dt.date(2026, 2, 28),
        by=BY,
    )
    launched = Notification.objects.filter(user=officer).count()

    assert remind_registrations(dt.date(2026, 2, 20)) == 0  # too early
    for _ in range(2):
        remind_registrations(dt.date(2026, 2, 26))
    for _ in range(2):
        remind_registrations(dt.date(2026, 3, 2))
    assert remind_registrations(dt.date(2026, 4, 15)) == 0  # a month late: no more noise
    texts = list(
        Notification.objects.filter(user=officer, kind=Kind.DEADLINE)
        .order_by("id")
        .values_list("text", flat=True)
    )
    assert Notification.objects.filter(user=officer).count() == launched + 2
    assert "cần đăng ký thi đua năm 2026" in texts[0] and "chưa đăng ký thi đua năm 2026" in texts[1]
