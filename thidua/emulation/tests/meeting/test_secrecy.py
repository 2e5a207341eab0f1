"""After casting, nothing stored or logged ties a ballot to the code that cast it: at a cluster meeting
and at a secret council sitting."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps

from thidua.core.models import AuditEvent
from thidua.emulation import codes
from thidua.emulation.actions import meeting as services
from thidua.emulation.models import Ballot, BallotCode
from thidua.emulation.tests.meeting.council_secret_helpers import secret_council
from thidua.emulation.tests.meeting.helpers import issued_codes
from thidua.registry.actions.council import (
    cast_council_ballot,
    close_council_voting,
    issue_council_codes,
)
from thidua.registry.models import CouncilBallot, CouncilCode

pytestmark = pytest.mark.django_db


def every_stored_value(*, but=None) -> str:
    """Every row of every table (but one), as text."""
    parts = []
    for model in apps.get_models(include_auto_created=True):
        if model is but:
            continue
        for row in model._base_manager.values():
            parts.append(repr(row))
    return "\n".join(parts)


def forms_of(code: str) -> list[str]:
    raw = code.replace("-", "")
    return [code, raw, code.lower(), raw.lower()]


def test_nothing_stored_or_logged_contains_a_code_or_links_it_to_its_ballot(open_meeting, caplog):
    caplog.set_level(logging.DEBUG)
    issued = issued_codes(open_meeting)
    receipts = []
    for unit, code in issued.items():
        receipts.append(services.cast_with_code(code, {"co-ubnd": ["STC"] if unit != "STC" else []}).receipt)
    services.close_voting(open_meeting, by="chủ trì")

    stored = every_stored_value()
    logged = caplog.text
    for code in issued.values():
        for form in forms_of(code):
            assert form not in stored
            assert form not in logged
        assert codes.digest(code) not in logged
    # The ballot row has its choices and receipt only; a used code row names no unit.
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "review", "choices", "receipt"}
    assert not BallotCode.objects.filter(used=True, unit__isnull=False).exists()
    # No other table holds a ballot's id or receipt (no audit row per ballot).
    others = every_stored_value(but=Ballot)
    for ballot in Ballot.objects.all():
        assert str(ballot.id) not in others and ballot.id.hex not in others
        assert ballot.receipt not in others
    assert sorted(receipts) == sorted(Ballot.objects.values_list("receipt", flat=True))


def test_nothing_stored_or_logged_ties_a_secret_council_ballot_to_its_code_or_member(organizer, flag, caplog):
    caplog.set_level(logging.DEBUG)
    council = secret_council(organizer, present=4, absent=1)
    issued = issue_council_codes(council, by="Ban Thi đua – Khen thưởng")
    names = {i.code: i.holder.name for i in issued}
    for n, item in enumerate(issued):
        cast_council_ballot(item.code, {flag.pk: "agree" if n % 2 else "disagree"})
    close_council_voting(council, by="chủ tịch")

    stored, logged = every_stored_value(), caplog.text
    for code in names:
        assert not any(form in stored or form in logged for form in forms_of(code))
        assert codes.digest(code) not in logged
    # The ballot row: its sitting, choices and receipt only; no column names a member or a code.
    assert {f.name for f in CouncilBallot._meta.get_fields()} == {"id", "council", "choices", "receipt"}
    assert not CouncilCode.objects.filter(council=council).exclude(used=True, member=None).exists()
    # No other table holds a ballot's id or receipt, and no audit row names who cast which.
    others = every_stored_value(but=CouncilBallot)
    for ballot in CouncilBallot.objects.all():
        assert str(ballot.id) not in others and ballot.id.hex not in others and ballot.receipt not in others
    cast_rows = AuditEvent.objects.filter(verb__startswith="council.").exclude(
        verb__in=["council.create", "council.mode", "council.open", "council.issue_codes", "council.close"]
    )
    assert not cast_rows.exists()
