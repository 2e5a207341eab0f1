"""The importer enters a year through the same actions as the year's web pages: each step leaves its audit
row, and what a page would refuse the file is refused too, by the year's line, with nothing written."""

from __future__ import annotations

from collections import Counter

import pytest

from thidua.core.models import AuditEvent
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import parse_exchange
from thidua.exchange.tests.conftest import edited, line_of
from thidua.organisations.models import Cluster, Unit

pytestmark = pytest.mark.django_db


def test_each_step_of_the_year_leaves_the_audit_row_of_its_action(seed_text: str):
    import_exchange(parse_exchange(seed_text, "seed.yaml"), by="kiểm thử")

    verbs = Counter(AuditEvent.objects.values_list("verb", flat=True))
    for verb in (
        "cluster_year.create",
        "cluster_year.rules",
        "cluster_year.roster",
        "cluster_year.leadership",
        "cluster_year.ratings",
        "scoring.reported",
        "review.facts",
        "meeting.attendance",
        "review.outcome",
        "review.next_leadership",
        "review.reported",
        "exchange.import",
    ):
        assert verbs[verb] >= 1, verb
    assert set(AuditEvent.objects.values_list("actor_label", flat=True)) == {"kiểm thử"}
    reported = AuditEvent.objects.get(verb="review.reported")
    assert reported.data == {"ranking": [], "status": "proposed", "pact_signed": "2022-01-20"}


def test_a_meeting_date_before_the_year_is_refused_by_the_years_line_and_nothing_is_written(seed_text: str):
    early = edited(seed_text, "      date: 2022-01-20", "      date: 2020-12-30")

    with pytest.raises(ExchangeFileInvalid) as raised:
        import_exchange(parse_exchange(early, "som.yaml"), by="kiểm thử")

    [error] = raised.value.errors
    assert error.line == line_of(early, "  - year: 2021")
    assert error.vi == "năm 2021: Ngày họp 30/12/2020 trước năm thi đua 2021."
    assert error.en == "year 2021: refused by the year's checks (date_before_year)"
    assert not Cluster.objects.exists() and not Unit.objects.exists() and not AuditEvent.objects.exists()


def test_every_year_refused_is_reported_at_once(seed_text: str):
    both = edited(seed_text, "    deputies: [SKHDT]", "    deputies: [SKHDT, STC]")
    both += "  - year: 2022\n    members: [STC, SNV]\n    head: SNV\n    deputies: [SNV]\n"

    with pytest.raises(ExchangeFileInvalid) as raised:
        import_exchange(parse_exchange(both, "hai.yaml"), by="kiểm thử")

    assert [(error.line, error.vi) for error in raised.value.errors] == [
        (
            line_of(both, "  - year: 2021"),
            "năm 2021: Sở Tài chính không thể vừa là cụm trưởng vừa là cụm phó.",
        ),
        (line_of(both, "  - year: 2022"), "năm 2022: Sở Nội vụ không thể vừa là cụm trưởng vừa là cụm phó."),
    ]
    assert not Cluster.objects.exists()
