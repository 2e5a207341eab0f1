"""Paper mode: tellers enter each paper ballot; the same checks, and the seed's own count with its void."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.emulation import tally
from thidua.emulation.actions import meeting as services
from thidua.emulation.actions.review import rules_of
from thidua.emulation.models import Ballot, Meeting, Method
from thidua.emulation.queries.summary import year_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper_meeting(meeting):
    services.set_meeting_rules(
        meeting,
        method=Method.BALLOT,
        mode=Meeting.Mode.PAPER,
        quorum_share=Decimal("0.5"),
        quorum_strict=True,
        self_vote_allowed=True,
        by="chủ trì",
    )
    return services.open_voting(meeting, by="chủ trì")


def test_tellers_enter_the_seed_ballots_and_get_the_seeds_count(paper_meeting, seed_year, seed_ballots):
    for ballot in seed_ballots:
        over = any(len(units) > seed_year.quotas.get(tier, 99) for tier, units in ballot.items())
        if over:
            with pytest.raises(ValidationError, match="quá số lượng"):
                services.enter_paper_ballot(paper_meeting, ballot, by="tổ kiểm phiếu")
        services.enter_paper_ballot(paper_meeting, ballot, accept_void=over, by="tổ kiểm phiếu")
    services.close_voting(paper_meeting, by="chủ trì")
    summary = year_summary(seed_year)
    expected = tally.count_ballots(
        seed_ballots, [u.code for u in seed_year.member_units()], rules_of(seed_year)
    )
    assert summary.ballots_cast == expected.cast == len(seed_ballots)
    assert summary.void == expected.void and summary.void["co-ubnd"] == 1
    shown = {(t.tier.code, t.unit.code): t.votes for t in summary.tally}
    assert shown == {
        (tier, unit): n for tier, votes in expected.votes.items() for unit, n in votes.items() if n
    }
    entries = AuditEvent.objects.filter(verb="meeting.paper_ballot")
    assert entries.count() == len(seed_ballots)
    assert all(str(b.id) not in str(e.data) for e in entries for b in Ballot.objects.all())


def test_no_more_paper_ballots_than_units_present(paper_meeting):
    for _ in range(7):
        services.enter_paper_ballot(paper_meeting, {}, by="tổ kiểm phiếu")
    with pytest.raises(ValidationError, match="đủ 7 phiếu"):
        services.enter_paper_ballot(paper_meeting, {}, by="tổ kiểm phiếu")
    assert Ballot.objects.count() == 7


def test_paper_mode_issues_no_codes_and_a_closed_vote_takes_no_paper(paper_meeting):
    with pytest.raises(ValidationError, match="phiếu giấy"):
        services.issue_codes(paper_meeting, by="chủ trì")
    services.close_voting(paper_meeting, by="chủ trì")
    with pytest.raises(ValidationError, match="đã đóng"):
        services.enter_paper_ballot(paper_meeting, {}, by="tổ kiểm phiếu")
    assert not Ballot.objects.exists()


def test_the_tellers_form_enters_a_ballot(client, paper_meeting, seed_year):
    from thidua.accounts.models import Role
    from thidua.testing import factories

    user = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=seed_year).user
    user.refresh_from_db()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/hop/{seed_year.cluster_id}/{seed_year.year}/phieu-giay/"
    refused = client.post(url, {"tier-co-ubnd": ["STC", "SNV"]}).content.decode()
    assert "chỉ được chọn tối đa 1 đơn vị" in refused and not Ballot.objects.exists()
    entered = client.post(url, {"tier-co-ubnd": ["STC"], "tier-bk-ct": ["SNV"]}, follow=True).content.decode()
    assert [b.choices for b in Ballot.objects.all()] == [{"co-ubnd": ["STC"], "bk-ct": ["SNV"]}]
    assert '<strong id="paper-count">1/7</strong>' in entered
