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


def _small_year() -> tuple[object, list[object], list[object]]:
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Giai Đoạn")
    cluster = factories.ClusterFactory(organizer=organizer, code="GD", name="Cụm thi đua Giai Đoạn")
    units = [factories.UnitFactory(organizer=organizer, code=c, name=f"Sở {c}") for c in "AB"]
    year = factories.ClusterYearFactory(cluster=cluster, year=2026)
    year_services.set_roster(year, units, by=BY)
    officers = [
        _with_mail(user_with(f"can-bo-{u.code}", kind=Role.Kind.UNIT_OFFICER, unit=u), f"{u.code}@gd.vn")
        for u in units
    ]
    return year, units, officers


def test_the_first_submitted_self_score_opens_the_appraisal_for_the_head_once(
    db: None, django_capture_on_commit_callbacks
) -> None:
    year, units, officers = _small_year()
    lead = _with_mail(user_with("cum-truong", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year), "ct@gd.vn")
    sheet = scoring.create_sheet(year, scale=Decimal(10), by=BY)
    criterion = scoring.add_criterion(
        sheet, group="I", name="Tiêu chí", kind="standard", max_points=10, by=BY
    )
    Notification.objects.all().delete()
    mail.outbox.clear()
    for unit in units:
        score = scoring.unit_score_for(sheet, unit)
        scoring.save_self_scores(score, {criterion.pk: scoring.Entry(Decimal(9))}, by=BY)
        with django_capture_on_commit_callbacks(execute=True):
            scoring.submit(score, by=BY)

    notice = Notification.objects.get(user=lead)  # once, though two units submitted
    assert notice.kind == Kind.STAGE
    assert "Sở A đã nộp bản tự chấm điểm, việc thẩm định đã mở" in notice.text
    assert notice.url == reverse("scoring:sheet", args=[year.cluster_id, 2026])
    assert not Notification.objects.filter(user__in=officers).exists()
    assert [m.to for m in mail.outbox] == [["ct@gd.vn"]]


def test_setting_the_review_meeting_tells_each_member_its_date_and_place(
    db: None, django_capture_on_commit_callbacks
) -> None:
    year, _units, officers = _small_year()
    facts = {"chair": "", "secretary": "", "board_representative": "", "present": None, "by": BY}
    day = dt.date(2099, 12, 18)
    with django_capture_on_commit_callbacks(execute=True):
        year_services.set_review_facts(year, date=day, place="Hội trường Sở A", **facts)
    for officer in officers:
        notice = Notification.objects.get(user=officer)
        assert notice.text == (
            "Cụm thi đua Giai Đoạn đã định ngày hội nghị bình xét năm 2026: "
            "ngày 18/12/2099 tại Hội trường Sở A."
        )
        assert notice.url == reverse("front:cluster_year", args=[year.cluster_id, 2026])
    assert sorted(m.to[0] for m in mail.outbox) == ["A@gd.vn", "B@gd.vn"]
    # The same facts saved again tell nobody twice; a moved meeting is news again; a past one is not.
    year_services.set_review_facts(year, date=day, place="Hội trường Sở A", **facts)
    assert Notification.objects.count() == 2
    year_services.set_review_facts(year, date=day, place="Hội trường Sở B", **facts)
    assert Notification.objects.count() == 4
    year_services.set_review_facts(year, date=dt.date(2026, 12, 1), place="Hội trường Sở B", **facts)
    assert Notification.objects.count() == 4


def test_launching_a_movement_opens_registration_for_every_units_officer(
    db: None, django_capture_on_commit_callbacks
) -> None:
    from thidua.registry.actions.movements import launch_movement

    year, _units, officers = _small_year()
    elsewhere = factories.UnitFactory(code="X", name="Sở X")
    other = user_with("can-bo-x", kind=Role.Kind.UNIT_OFFICER, unit=elsewhere)
    organizer = year.cluster.organizer
    with django_capture_on_commit_callbacks(execute=True):
        launch_movement(
            organizer, name="Chuyển đổi số", start=dt.date(2026, 3, 1), end=None, awards=[], by=BY
        )
    for officer in officers:
        notice = Notification.objects.get(user=officer)
        assert "phát động phong trào «Chuyển đổi số» ngày 01/03/2026" in notice.text
    assert not Notification.objects.filter(user=other).exists()
    assert len(mail.outbox) == 2
