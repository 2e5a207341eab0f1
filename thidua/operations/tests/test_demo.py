"""`thidua demo` loads a whole province: run once for the module (it is expensive), inside a transaction
rolled back at the end, then checked as a user would find it."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from thidua.emulation.models import ClusterYear, Review
from thidua.emulation.queries.stages import YearStage, year_stages_many
from thidua.operations.province import CURRENT_YEAR, FIRST_YEAR, SEED_CODE
from thidua.organisations.models import Cluster, Unit, UnitEvent
from thidua.registry.actions.proposals import check_eligibility
from thidua.registry.models import Awardee, AwardProposal, Decision, PersonPosting, PersonYear, UnitYear
from thidua.registry.subjects import unit_subjects

pytestmark = pytest.mark.django_db
ACCOUNTS = ["bqt", "cumtruong", "cumpho", "donvi"]


def _counts() -> dict[str, int]:
    models: list[Any] = [Cluster, ClusterYear, Unit, Review, AwardProposal, Decision, Awardee, UnitYear]
    return {model.__name__: model.objects.count() for model in [*models, PersonYear]}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            printed = io.StringIO()
            call_command("demo", out=tmp_path_factory.mktemp("demo"), stdout=printed)
            first = _counts()
            again = io.StringIO()
            call_command("demo", out=tmp_path_factory.mktemp("again"), stdout=again)
            yield {"printed": printed.getvalue(), "again": again.getvalue(), "first": first}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_province_has_the_seed_among_sample_clusters_every_year(demo):
    clusters = Cluster.objects.filter(organizer__name="Ủy ban nhân dân tỉnh Lạng Sơn")
    assert clusters.count() >= 5
    samples = clusters.exclude(code=SEED_CODE)
    assert all("dữ liệu mẫu" in cluster.name for cluster in samples)
    years = set(ClusterYear.objects.filter(cluster__in=clusters).values_list("year", flat=True))
    assert years == set(range(FIRST_YEAR, CURRENT_YEAR + 1))
    seed_years = ClusterYear.objects.filter(cluster__code=SEED_CODE).values_list("year", flat=True)
    assert sorted(seed_years) == list(range(FIRST_YEAR, CURRENT_YEAR + 1))
    methods = set(ClusterYear.objects.filter(year=2023).values_list("method", flat=True))
    assert methods == {"ballot", "acclamation", "score"}
    # Rosters change from year to year.
    kte = {
        cy.year: {u.code for u in cy.member_units()} for cy in ClusterYear.objects.filter(cluster__code="KTE")
    }
    assert kte[2021] != kte[2023]


def test_the_2025_merger_is_a_dated_event_and_carries_the_lineage(demo):
    event = UnitEvent.objects.get(unit__code="SKHDT", kind="merged_into")
    assert (event.other.code, event.date) == ("STC", dt.date(2025, 3, 1))
    members = {y: {u.code for u in cy.member_units()} for y, cy in _seed_years().items()}
    assert "SKHDT" in members[2024] and "SKHDT" not in members[2025]
    # Sở Tài chính's record reads Sở Kế hoạch và Đầu tư's awards through the lineage.
    known = unit_subjects(Unit.objects.get(code="STC"))
    assert "co-thi-dua-tinh" in known["SKHDT"].years[2023].titles
    # Its people work on in Sở Tài chính from the merger's day; nobody proposes in the merged unit's name.
    moved = PersonPosting.objects.filter(unit__code="STC", start=dt.date(2025, 3, 1))
    assert moved.exists()
    assert not PersonPosting.objects.filter(unit__code="SKHDT", end__isnull=True).exists()
    assert not AwardProposal.objects.filter(year__gte=2025, proposed_by__code="SKHDT").exists()


def _seed_years() -> dict[int, ClusterYear]:
    return {cy.year: cy for cy in ClusterYear.objects.filter(cluster__code=SEED_CODE)}


def test_the_registry_holds_the_decisions_of_every_past_year(demo):
    by_year = {year: Awardee.objects.filter(year=year).count() for year in range(FIRST_YEAR, CURRENT_YEAR)}
    assert all(count > 0 for count in by_year.values()), by_year
    assert not Awardee.objects.filter(year=CURRENT_YEAR).exists()
    regimes = {d.date.year: d.regime for d in Decision.objects.all()}
    assert regimes[2022] == "law-2003/decree-91-2017"
    assert regimes[2025] == "law-2022/decree-98-2023"
    assert regimes[2026] == "law-2022/decree-152-2025"
    assert AwardProposal.objects.filter(state=AwardProposal.State.REFUSED).exists()
    assert PersonYear.objects.filter(year=2022).exists()


def test_the_registry_holds_awards_to_persons_with_their_positions_and_units(demo):
    persons = Awardee.objects.filter(person__isnull=False, year__lt=CURRENT_YEAR)
    assert {a.year for a in persons} == set(range(FIRST_YEAR, CURRENT_YEAR))
    assert {a.award for a in persons} == {"bang-khen-chu-tich-tinh", "chien-si-thi-dua-tinh"}
    assert all(a.position and a.person_unit_id for a in persons)
    # The statistics for persons have something to show: women and direct labourers among them.
    assert persons.filter(person__sex="nu").exists() and persons.filter(person__direct_labourer=True).exists()


def test_a_2023_eligibility_check_reads_the_2022_decisions(demo):
    flag = Awardee.objects.filter(year=2022, award="co-thi-dua-tinh", unit__isnull=False).select_related(
        "unit"
    )
    unit = flag.first().unit  # a Cờ thi đua of 2022, by the 2022 decision
    assert flag.first().decision.date == dt.date(2023, 3, 2)
    proposal = AwardProposal.objects.create(
        organizer=unit.organizer,
        source=AwardProposal.Source.UNIT,
        unit=unit,
        award="co-thi-dua-tinh",
        award_name="Cờ thi đua của Ủy ban nhân dân tỉnh",
        grantor="Ủy ban nhân dân tỉnh Lạng Sơn",
        year=2023,
        regime="law-2022/decree-98-2023",
    )
    check_eligibility(proposal, by="kiểm thử")
    known = unit_subjects(unit)
    assert "co-thi-dua-tinh" in known[unit.code].years[2022].titles
    proposal.refresh_from_db()
    assert proposal.verdict


def test_the_current_year_is_in_progress_not_concluded(demo):
    seed = _seed_years()[CURRENT_YEAR]
    review = Review.objects.get(cluster_year=seed)
    assert review.concluded_at is None and review.date == dt.date(2026, 12, 18)
    stages = year_stages_many([seed])[seed.pk]
    assert stages.current is not None
    assert stages.current.stage not in (YearStage.CONCLUDED, YearStage.PROPOSALS_SENT)
    assert seed.head.code == "STC"


def test_a_second_run_changes_no_count_and_resets_the_passwords(demo):
    assert _counts() == demo["first"]
    assert "đã có sẵn" in demo["again"]
    for username in ACCOUNTS:
        assert username in demo["printed"]


@pytest.mark.parametrize(
    ("username", "page", "shows"),
    [
        (
            "bqt",
            "/khen-thuong/tong-quan/",
            ["Khối Nội chính (dữ liệu mẫu)", "Cụm các cơ quan Tham mưu tổng hợp"],
        ),
        (
            "cumtruong",
            "/khen-thuong/viec-can-lam/",
            ["Cụm các cơ quan Tham mưu tổng hợp – 2026", "Hội nghị bình xét", "thư ký"],
        ),
        ("cumpho", "/khen-thuong/viec-can-lam/", ["Cụm các cơ quan Tham mưu tổng hợp – 2026"]),
        ("donvi", "/khen-thuong/viec-can-lam/", ["Sở Ngoại vụ", "Tự chấm điểm"]),
    ],
)
def test_each_demo_account_opens_on_a_page_with_its_work(demo, username, page, shows):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == page
    text = response.content.decode()
    for expected in shows:
        assert expected in text, text


def test_a_council_member_votes_with_a_printed_code_on_the_years_proposals(demo):
    council = demo["again"].split("\n\n")
    section = next(part for part in council if "04/12/2026" in part)
    codes = re.findall(r"^  ([A-Z0-9]{4}-[A-Z0-9]{4}) +(.+)$", section, flags=re.M)
    assert len(codes) == 7
    at_council = AwardProposal.objects.filter(year=CURRENT_YEAR, state=AwardProposal.State.AT_COUNCIL)
    assert at_council.count() == 3
    response = Client().post(reverse("meeting:ballot"), {"code": codes[0][0]})
    assert response.status_code == 200
    text = response.content.decode()
    for proposal in at_council.select_related("person"):
        assert proposal.person.name in text


def test_a_delegate_votes_at_the_review_meeting_with_a_printed_code(demo, tmp_path_factory):
    """The code sheet names each member unit with its code and the ballot's address; the codes printed by
    the second run work (the first run's were replaced), and the sheet is written beside the documents."""
    section = next(part for part in demo["again"].split("\n\n") if "18/12/2026" in part)
    assert "Hội trường Sở Tài chính tỉnh Lạng Sơn" in section
    rows = re.findall(r"^  ([A-Z0-9]{4}-[A-Z0-9]{4}) +(.+?) +(http\S+)$", section, flags=re.M)
    seed = _seed_years()[CURRENT_YEAR]
    assert sorted(name for _, name, _ in rows) == sorted(u.display_name for u in seed.member_units())
    code, _, link = rows[0]
    assert link.endswith(reverse("meeting:enter_code") + "#" + code)
    first = re.findall(r"^  ([A-Z0-9]{4}-[A-Z0-9]{4}) ", demo["printed"], flags=re.M)
    assert code not in first  # a plain code exists only in the run that issued it
    response = Client().post(reverse("meeting:ballot"), {"code": code})
    assert response.status_code == 200
    assert "Sở Tài chính" in response.content.decode()
    saved = re.search(r"(\S+ma-phieu-dai-bieu-2026\.txt)", demo["again"])
    assert saved is not None and code in Path(saved.group(1)).read_text(encoding="utf-8")


def test_a_visitor_finds_the_published_years_and_the_featured_model_from_the_login_page(demo):
    """The public side has real content: every concluded past year is published (never the current one),
    and the year's exemplary model is published and featured, its story saying it is made up."""
    from thidua.publication.models import ExemplaryModel, PublishedResults

    visitor = Client()
    login = visitor.get(reverse("login")).content.decode()
    assert reverse("publication:organizers") in login and reverse("verify:enter") in login
    published = PublishedResults.objects.select_related("cluster_year")
    years = {p.cluster_year.year for p in published}
    assert years and max(years) == CURRENT_YEAR - 1
    organizer = published.first().cluster_year.cluster.organizer
    results = visitor.get(reverse("publication:results_list", args=[organizer.pk])).content.decode()
    assert "Chưa có kết quả nào được công bố" not in results
    assert str(CURRENT_YEAR - 1) in results
    model = ExemplaryModel.objects.get(featured=True)
    assert model.state == ExemplaryModel.State.PUBLISHED and "dữ liệu mẫu" in model.story
    page = visitor.get(reverse("publication:models", args=[organizer.pk])).content.decode()
    assert model.name in page


def test_the_boards_dashboard_counts_the_years_quotas_by_track(demo):
    """The demo sets the year's quotas by track, so the board sees them beside the proposals they count."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="bqt"))
    text = client.get("/khen-thuong/tong-quan/").content.decode()
    assert "Chỉ tiêu theo loại đề nghị" in text
    assert "chưa đặt chỉ tiêu theo loại đề nghị" not in text
    assert text.count('data-count="track_quota"') == 2


def test_the_board_and_a_unit_officer_find_the_publishing_pages_from_their_own(demo):
    """The board reaches its publishing page from every page's menu; a unit officer reaches the proposal of
    an exemplary model from what is due for them, and the form opens."""
    board, officer = Client(), Client()
    board.force_login(get_user_model().objects.get(username="bqt"))
    officer.force_login(get_user_model().objects.get(username="donvi"))
    dashboard = board.get("/khen-thuong/tong-quan/").content.decode()
    assert reverse("publication:board") in dashboard
    assert board.get(reverse("publication:board")).status_code == 200
    due = officer.get(reverse("registry:my_work")).content.decode()
    assert reverse("publication:propose") in due
    assert f'href="{reverse("publication:board")}"' not in due  # the menu of the board only
    assert officer.get(reverse("publication:propose")).status_code == 200
