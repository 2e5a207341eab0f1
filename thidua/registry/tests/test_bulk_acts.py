"""The board acts on many proposals of its year at once from the list: each through its own action and audit
row, all or none, the ticks and the reasons kept when one is refused; nobody else can."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import AwardProposal
from thidua.testing import factories
from thidua.testing.proposals import clear_the_gate
from thidua.testing.worlds import BY, Seed, client_for, person_at, user_with

State = AwardProposal.State


@pytest.fixture
def submitted(seed: Seed) -> list[AwardProposal]:
    """The seed's three proposals from its review, with their dossiers, submitted and past the law's gate."""
    found = services.proposals_from_review(seed.year.review, by=BY)
    for proposal in found:
        required = proposal.dossier.filter(required=True).values_list("code", flat=True)
        services.provide_documents(proposal, list(required), by=BY)
        services.submit(proposal, by=BY, on=date(2022, 1, 25))
        clear_the_gate(proposal, by=BY)
    return sorted(found, key=lambda p: p.pk)


def _post(
    user: AbstractUser | Client, seed: Seed, act: str, proposals: list[AwardProposal], reasons: str = ""
):
    client = user if isinstance(user, Client) else client_for(user)
    return client.post(
        reverse("registry:bulk_act"),
        {
            "to_chuc": seed.organizer.pk,
            "nam": 2021,
            "act": act,
            "proposals": [p.pk for p in proposals],
            "reasons": reasons,
            "back": "nam=2021&tinh_trang=submitted",
        },
    )


def _states(proposals: list[AwardProposal]) -> list[str]:
    return [AwardProposal.objects.get(pk=p.pk).state for p in proposals]


def test_the_board_accepts_the_ticked_proposals_each_audited(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    before = AuditEvent.objects.filter(verb="registry.proposal.accepted").count()
    client = client_for(board)
    response = _post(client, seed, "accept", submitted)

    assert response.status_code == 302
    assert response["Location"].endswith("?nam=2021&tinh_trang=submitted")
    assert _states(submitted) == [State.ACCEPTED] * 3
    assert AuditEvent.objects.filter(verb="registry.proposal.accepted").count() == before + 3
    assert "Đã tiếp nhận 3 đề nghị." in client.get(response["Location"]).text


def test_one_refusal_changes_none_and_keeps_the_ticks_and_reasons(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    services.accept(submitted[0], by=BY)
    services.send_to_council(submitted[0], by=BY)  # at the council: it cannot be returned from the list

    response = _post(board, seed, "return", submitted, reasons="Thiếu báo cáo thành tích\nSai tên đơn vị")

    assert response.status_code == 400
    assert _states(submitted) == [State.AT_COUNCIL, State.SUBMITTED, State.SUBMITTED]
    page = response.text
    assert "Chưa thay đổi đề nghị nào." in page and submitted[0].subject_name in page
    assert "Thiếu báo cáo thành tích\nSai tên đơn vị</textarea>" in page
    for proposal in submitted:
        assert f'value="{proposal.pk}" id="de-nghi-{proposal.pk}" checked' in page


def test_returning_many_needs_a_reason_then_returns_them_all(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    refused = _post(board, seed, "return", submitted)
    assert refused.status_code == 400
    assert "Trả lại đề nghị cần nêu ít nhất một lý do." in refused.text
    assert _states(submitted) == [State.SUBMITTED] * 3

    assert _post(board, seed, "return", submitted, reasons="Bổ sung hồ sơ").status_code == 302
    assert _states(submitted) == [State.RETURNED] * 3
    assert AwardProposal.objects.get(pk=submitted[1].pk).returned_reasons == ["Bổ sung hồ sơ"]


def test_nothing_ticked_or_no_act_chosen_is_said_plainly(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    assert "Hãy đánh dấu ít nhất một đề nghị" in _post(board, seed, "accept", []).text
    assert "Hãy chọn việc cần làm" in _post(board, seed, "", submitted).text
    assert _states(submitted) == [State.SUBMITTED] * 3


def test_a_proposal_of_another_organizer_cannot_be_slipped_in(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    other = factories.OrganizerFactory()
    theirs = user_with("ban-khac", kind=Role.Kind.BOARD, organizer=other)
    assert _post(theirs, seed, "accept", submitted).status_code == 404

    stranger = services.propose(
        organizer=other,
        award="lao-dong-tien-tien",
        year=2021,
        person=person_at(seed, "STP", "Đường Thị Nhã"),
        proposed_by=seed.units["STP"],
        by=BY,
    )
    response = _post(board, seed, "accept", [*submitted, stranger])
    assert response.status_code == 400
    assert "không còn trong danh sách này" in response.text
    assert _states(submitted) == [State.SUBMITTED] * 3


def test_a_unit_officer_has_no_bulk_act(seed: Seed, submitted: list[AwardProposal]) -> None:
    officer = user_with("can-bo-stc", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STC"])
    assert _post(officer, seed, "accept", submitted).status_code == 404
    page = client_for(officer).get(reverse("registry:proposals") + "?nam=2021").text
    assert 'name="proposals"' not in page
    assert _states(submitted) == [State.SUBMITTED] * 3


def test_the_list_shows_dossier_completeness_in_a_bounded_number_of_queries(
    seed: Seed, board: AbstractUser, submitted: list[AwardProposal]
) -> None:
    client = client_for(board)
    url = reverse("registry:proposals") + f"?to_chuc={seed.organizer.pk}&nam=2021"
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).text
    required = submitted[0].dossier.filter(required=True).count()
    assert f"{required}/{required}</td>" in page
    for n in range(8):
        services.propose(
            organizer=seed.organizer,
            award="lao-dong-tien-tien",
            year=2021,
            person=person_at(seed, "STP", f"Người thứ {n}", code=f"N{n}"),
            proposed_by=seed.units["STP"],
            by=BY,
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).text
    assert page.count('name="proposals"') == 3 + 8
    assert len(many) == len(few)
