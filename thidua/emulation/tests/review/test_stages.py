"""The year's stages, derived from its facts by one function: a live year walked from its set-up to the
proposals sent, a historic year concluded as its file reports, and the panel on the year's page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.emulation.actions import launch as pact
from thidua.emulation.actions import meeting as meeting_services
from thidua.emulation.actions import scoring
from thidua.emulation.actions.review import conclude_as_reported, conclude_review
from thidua.emulation.models import Method
from thidua.emulation.queries.stages import StepState, YearStage, year_stages
from thidua.emulation.tests.review.conftest import TIED_BALLOTS, Live, record_facts, score_sheet
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.registry.actions import proposals as registry
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db
S = YearStage


def states(live_or_year) -> dict[str, str]:
    cluster_year = live_or_year.refresh() if isinstance(live_or_year, Live) else live_or_year
    return {step.stage.value: step.state.value for step in year_stages(cluster_year).steps}


def current(live: Live) -> YearStage | None:
    step = year_stages(live.refresh()).current
    return step.stage if step else None


def test_a_live_year_from_its_set_up_to_the_proposals_sent(live: Live):
    year, units, by = live.cluster_year, live.units, live.user
    assert states(live)["set_up"] == StepState.DONE and current(live) == S.LAUNCHED

    pact.record_launch(
        year,
        date=dt.date(2025, 1, 10),
        document_number="01/KH-CTĐ",
        document_title="Kế hoạch phát động thi đua năm 2025",
        theme="Thi đua hoàn thành xuất sắc nhiệm vụ",
        deadline=dt.date(2025, 2, 28),
        by=by,
    )
    assert current(live) == S.REGISTERED
    for unit in units.values():
        pact.register(
            year,
            unit,
            targets="Hoàn thành 100% kế hoạch",
            titles=["tier:co"],
            by=by,
            today=dt.date(2025, 2, 1),
        )
    assert current(live) == S.PACT_SIGNED
    pact.record_signing(year, signed_on=dt.date(2025, 3, 1), units=list(units.values()), by=by)
    assert (
        current(live) == S.SCORING
    )  # the ballot method could do without scoring, but nothing later happened

    sheet, criterion = score_sheet(live)
    for code, points in {"A": "95", "B": "90", "C": "85"}.items():
        unit_score = scoring.unit_score_for(sheet, units[code])
        scoring.save_self_scores(unit_score, {criterion: scoring.Entry(Decimal(points), "")}, by=by)
        scoring.submit(unit_score, by=by)
    assert current(live) == S.SCORING  # D has not submitted
    scoring.mark_not_submitted(scoring.unit_score_for(sheet, units["D"]), reason="Quá hạn", by=by)
    assert current(live) == S.APPRAISAL
    for code in "ABC":
        unit_score = scoring.unit_score_for(sheet, units[code])
        scoring.appraise(unit_score, {criterion: scoring.Entry(unit_score.items.get().self_points)}, by=by)
    assert current(live) == S.SCORES_LOCKED
    scoring.lock(sheet, by=by)
    assert current(live) == S.REVIEW_MEETING

    record_facts(live, secretary="")
    step = year_stages(live.refresh()).current
    assert step is not None and step.stage == S.REVIEW_MEETING and step.detail == "Còn thiếu: thư ký."
    assert step.next_act.startswith(
        "Cụm trưởng: ghi thông tin hội nghị (ngày họp, địa điểm, chủ trì, thư ký)"
    )
    record_facts(live)
    assert current(live) == S.VOTING_OPEN

    meeting = meeting_services.prepare_meeting(live.cluster_year, by=by)
    meeting_services.record_attendance(meeting, list(units.values()), by=by)
    meeting_services.open_voting(meeting, by=by)
    assert current(live) == S.VOTING_CLOSED
    codes = [i.code for i in meeting_services.issue_codes(meeting, by=by)]
    for code, choices in zip(codes, TIED_BALLOTS, strict=False):
        meeting_services.cast_with_code(code, choices)
    meeting_services.close_voting(meeting, by=by)
    assert current(live) == S.CONCLUDED

    review = conclude_review(live.refresh(), by=by)
    assert current(live) == S.PROPOSALS_SENT
    for proposal in registry.proposals_from_review(review, by=by):
        registry.provide_documents(proposal, [item.code for item in proposal.dossier.all()], by=by)
        registry.submit(proposal, by=by, on=dt.date(2025, 12, 12))
    stages = year_stages(live.refresh())
    assert stages.current is None and stages.reached is not None and stages.reached.stage == S.PROPOSALS_SENT
    assert set(states(live).values()) == {StepState.DONE}


def test_steps_a_cluster_does_not_use_show_as_not_used(live: Live):
    """An acclamation year with no pact and no score table: those steps and the vote are not used."""
    live.cluster_year.method = Method.ACCLAMATION
    live.cluster_year.save(update_fields=["method"])
    record_facts(live)
    found = states(live)
    for stage in ("launched", "registered", "pact_signed", "scoring", "appraisal", "scores_locked"):
        assert found[stage] == StepState.SKIPPED, stage
    assert (found["voting_open"], found["voting_closed"]) == (StepState.SKIPPED, StepState.SKIPPED)
    assert found["review_meeting"] == StepState.DONE and current(live) == S.CONCLUDED


def test_a_historic_year_is_concluded_as_reported_and_its_missing_steps_are_not_used(db: None):
    cluster_year = import_exchange(read_exchange_file(SEED), by="thidua scenario").years.get(year=2021)
    before = states(cluster_year)
    assert before["scores_locked"] == StepState.DONE  # the file's scores stand as locked
    assert before["review_meeting"] == StepState.CURRENT  # the file gives no secretary
    conclude_as_reported(cluster_year, by="thidua scenario", source="langson-2021.yaml")
    steps = {step.stage: step for step in year_stages(cluster_year).steps}
    assert steps[S.CONCLUDED].state == StepState.DONE
    assert steps[S.CONCLUDED].detail.startswith("Đã chốt theo hồ sơ báo cáo lúc")
    for stage in (S.LAUNCHED, S.REGISTERED, S.PACT_SIGNED, S.SCORING, S.REVIEW_MEETING, S.VOTING_OPEN):
        assert steps[stage].state == StepState.SKIPPED, stage
    assert steps[S.LAUNCHED].detail == "Không có trong hồ sơ báo cáo (năm chốt theo hồ sơ)."
    assert steps[S.VOTING_OPEN].detail == "Phiếu bầu theo hồ sơ báo cáo."
    assert steps[S.REVIEW_MEETING].detail == "Còn thiếu: thư ký."
    assert steps[S.PROPOSALS_SENT].state == StepState.CURRENT


def year_page(client, live: Live):
    return client.get(reverse("front:cluster_year", args=[live.cluster_year.cluster_id, live.year]))


def test_the_year_page_shows_each_step_and_who_acts_next_to_those_who_may_see_it(live: Live):
    record_facts(live, place="")
    for client in (live.lead, live.board, live.officer):
        page = year_page(client, live).content.decode()
        assert 'data-stage="review_meeting" data-state="current"' in page
        assert "Cụm trưởng: ghi thông tin hội nghị (ngày họp, địa điểm, chủ trì, thư ký)" in page
        assert 'data-stage="launched" data-state="skipped"' in page
    edit_link = reverse("front:edit_step", args=[live.cluster_year.cluster_id, live.year, "hoi-nghi"])
    assert f'href="{edit_link}"' in year_page(live.lead, live).content.decode()
    assert (
        f'href="{edit_link}"' not in year_page(live.officer, live).content.decode()
    )  # not the officer's act
    assert year_page(live.outsider, live).status_code == 404


def test_a_meeting_set_for_a_day_to_come_is_prepared_not_held(live: Live):
    coming = timezone.localdate() + dt.timedelta(days=12)
    record_facts(live, date=coming)
    step = next(s for s in year_stages(live.refresh()).steps if s.stage == S.REVIEW_MEETING)
    assert step.state != StepState.DONE
    assert f"hội nghị họp ngày {coming:%d/%m/%Y}" in step.detail

    record_facts(live, date=timezone.localdate() - dt.timedelta(days=1))
    assert states(live)["review_meeting"] == StepState.DONE
