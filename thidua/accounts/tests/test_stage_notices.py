"""Stages that open through an action tell the people who act next, in their list and by mail after the
change commits: the score table opened (each member's officer), a proposal sent (the board), a proposal put
before the council (the proposing unit's officer). A refused step tells nobody."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.accounts.models import Notification, Role
from thidua.emulation.actions import scoring
from thidua.emulation.actions import setup as year_services
from thidua.registry.actions import proposals as services
from thidua.testing import factories
from thidua.testing.proposals import clear_the_gate
from thidua.testing.worlds import BY, Seed, person_at, user_with

Kind = Notification.Kind


def _with_mail(user, address: str):
    user.email = address
    user.save()
    return user


def test_opening_the_score_table_tells_every_member_units_officer(
    db: None, django_capture_on_commit_callbacks
) -> None:
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Giai Đoạn")
    cluster = factories.ClusterFactory(organizer=organizer, code="GD", name="Cụm thi đua Giai Đoạn")
    units = [factories.UnitFactory(organizer=organizer, code=c, name=f"Sở {c}") for c in "AB"]
    outsider = factories.UnitFactory(organizer=organizer, code="C", name="Sở C")
    year = factories.ClusterYearFactory(cluster=cluster, year=2026)
    year_services.set_roster(year, units, by=BY)
    officers = [
        _with_mail(user_with(f"can-bo-{u.code}", kind=Role.Kind.UNIT_OFFICER, unit=u), f"{u.code}@gd.vn")
        for u in units
    ]
    other = user_with("can-bo-c", kind=Role.Kind.UNIT_OFFICER, unit=outsider)

    with django_capture_on_commit_callbacks(execute=True):
        scoring.create_sheet(year, scale=Decimal(100), by=BY)

    for officer in officers:
        notice = Notification.objects.get(user=officer)
        assert notice.kind == Kind.STAGE
        assert (
            notice.text == "Cụm thi đua Giai Đoạn đã mở bảng chấm điểm năm 2026: các đơn vị có thể tự chấm."
        )
        assert notice.url == reverse("scoring:sheet", args=[cluster.pk, 2026])
    assert not Notification.objects.filter(user=other).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["A@gd.vn", "B@gd.vn"]
    # A second table for the same year is refused and tells nobody again.
    with pytest.raises(ValidationError):
        scoring.create_sheet(year, scale=Decimal(100), by=BY)
    assert Notification.objects.count() == 2


@pytest.mark.usefixtures("db")
def test_a_sent_proposal_tells_the_board_and_the_council_step_tells_the_unit(
    seed: Seed, django_capture_on_commit_callbacks
) -> None:
    board = _with_mail(user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer), "ban@ls.vn")
    officer = _with_mail(
        user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"]), "stp@ls.vn"
    )
    proposal = services.propose(
        organizer=seed.organizer,
        award="bang-khen-chu-tich-tinh",
        year=2021,
        person=person_at(seed, "STP", "Đường Thị Nhã"),
        proposed_by=seed.units["STP"],
        by=BY,
    )
    required = proposal.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(proposal, list(required), by=BY)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit(proposal, by=BY, on=dt.date(2022, 1, 20))
    sent = Notification.objects.get(user=board)
    assert sent.kind == Kind.STAGE and "Sở Tư pháp tỉnh Lạng Sơn đã gửi đề nghị" in sent.text
    assert sent.url == reverse("registry:proposal", args=[proposal.pk])
    assert not Notification.objects.filter(user=officer).exists()

    proposal = services.accept(clear_the_gate(proposal, by=BY), by=BY)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_to_council(proposal, by=BY)
    before = Notification.objects.get(user=officer)
    assert before.kind == Kind.STAGE and "đang được trình Hội đồng Thi đua – Khen thưởng" in before.text
    assert [m.to for m in mail.outbox] == [["ban@ls.vn"], ["stp@ls.vn"]]
