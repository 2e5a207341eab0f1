"""A live cluster year (no exchange file): members, head, tiers, and helpers to walk it through its stages
with the same services the pages call; plus the people of the triad for its pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from thidua.accounts.models import Role
from thidua.emulation.actions import meeting as meeting_services
from thidua.emulation.actions import scoring
from thidua.emulation.actions import setup as year_services
from thidua.emulation.models import ClusterYear
from thidua.organisations.models import Unit
from thidua.testing import factories

FACTS = {
    "date": dt.date(2025, 12, 10),
    "place": "Hội trường Sở Tài chính",
    "chair": "Nguyễn Văn Chủ Trì, Giám đốc Sở Tài chính",
    "secretary": "Lê Thị Thư Ký, Chuyên viên Sở Tài chính",
    "board_representative": "",
}


@dataclass
class Live:
    cluster_year: ClusterYear
    units: dict[str, Unit]
    user: Any  # a lead's user account, for the services that record who acted
    lead: Client
    board: Client
    officer: Client  # officer of member unit C
    outsider: Client  # board of another organizer

    @property
    def year(self) -> int:
        return self.cluster_year.year

    def refresh(self) -> ClusterYear:
        self.cluster_year = ClusterYear.objects.get(pk=self.cluster_year.pk)
        return self.cluster_year


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def live(db: None) -> Live:
    """2025: four members A–D (A heads), a flag for one and certificates for two, ballot with the score
    then the female share as tie-breaks; nothing of the year done yet beyond its set-up."""
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Trực Tiếp", province="Trực Tiếp")
    cluster = factories.ClusterFactory(organizer=organizer, code="TT", name="Cụm thi đua Trực Tiếp")
    flag = factories.AwardTierFactory(organizer=organizer, code="co", name="Cờ thi đua", position=0)
    cert = factories.AwardTierFactory(organizer=organizer, code="bk", name="Bằng khen", position=1)
    cluster.award_tiers.set([flag, cert])
    units = {
        code: factories.UnitFactory(
            organizer=organizer, code=code, name=f"Sở {code}", short_name=f"Sở {code}"
        )
        for code in "ABCD"
    }
    cluster_year = factories.ClusterYearFactory(
        cluster=cluster, year=2025, quotas={"co": 1, "bk": 2}, tie_break=["score", "female_share"]
    )
    lead_user = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year).user
    year_services.set_roster(cluster_year, list(units.values()), by=lead_user)
    year_services.set_leadership(cluster_year, head=units["A"], deputies=[], host=None, by=lead_user)
    other = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Khác")
    return Live(
        cluster_year=ClusterYear.objects.get(pk=cluster_year.pk),
        units=units,
        user=lead_user,
        lead=client_for(lead_user),
        board=client_for(factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user),
        officer=client_for(factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=units["C"]).user),
        outsider=client_for(factories.RoleFactory(kind=Role.Kind.BOARD, organizer=other).user),
    )


def record_facts(live: Live, **changes: Any) -> None:
    facts = {**FACTS, **changes}
    year_services.set_review_facts(live.refresh(), present=None, by=live.user, **facts)


def score_sheet(live: Live) -> tuple[Any, int]:
    """A one-criterion table on 100 points: (the sheet, the criterion's id)."""
    sheet = scoring.create_sheet(live.cluster_year, scale=Decimal(100), by=live.user)
    criterion = scoring.add_criterion(
        sheet,
        group="I. Chuyên môn",
        name="Hoàn thành nhiệm vụ",
        kind="standard",
        max_points=Decimal(100),
        by=live.user,
    )
    return sheet, criterion.pk


def score_all(live: Live, points: dict[str, str], *, lock: bool = True) -> Any:
    """Every unit self-scores, submits and is appraised as it scored itself; then the table is locked."""
    sheet, criterion = score_sheet(live)
    for code, value in points.items():
        unit_score = scoring.unit_score_for(sheet, live.units[code])
        entries = {criterion: scoring.Entry(Decimal(value), "báo cáo kèm theo")}
        scoring.save_self_scores(unit_score, entries, by=live.user)
        scoring.submit(unit_score, by=live.user)
        scoring.appraise(unit_score, entries, by=live.user)
    if lock:
        scoring.lock(sheet, by=live.user)
    return sheet


def vote(live: Live, ballots: list[dict[str, list[str]]]) -> None:
    """Every member present, codes issued, one ballot cast per entry, voting closed."""
    meeting = meeting_services.prepare_meeting(live.refresh(), by=live.user)
    meeting_services.record_attendance(meeting, list(live.units.values()), by=live.user)
    meeting_services.open_voting(meeting, by=live.user)
    codes = [i.code for i in meeting_services.issue_codes(meeting, by=live.user)]
    for code, choices in zip(codes, ballots, strict=False):
        meeting_services.cast_with_code(code, choices)
    meeting_services.close_voting(meeting, by=live.user)


# The flag to A. Two certificates: B leads with four votes; C and D are equal at two for the one place
# left, so the score decides between them (the female share is the same for every unit).
TIED_BALLOTS = [
    {"co": ["A"], "bk": ["B", "C"]},
    {"co": ["A"], "bk": ["B", "D"]},
    {"co": ["A"], "bk": ["B", "C"]},
    {"co": ["B"], "bk": ["B", "D"]},
]
