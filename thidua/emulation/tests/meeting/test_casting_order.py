"""Stored ballots carry nothing from which the casting order can be read, once voting is closed: the rows'
physical order (SQLite's rowid, PostgreSQL's ctid) no longer follows casting, and on PostgreSQL every
ballot was written by the same transaction (one xmin). At a cluster meeting and at a secret council
sitting; choices and receipts are kept, so the published list and the count do not change."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.db.models import Model

from thidua.emulation.actions import meeting as services
from thidua.emulation.actions.review import cast_ballot
from thidua.emulation.models import Ballot
from thidua.emulation.tests.meeting.council_secret_helpers import member_codes, secret_council
from thidua.registry.actions.council import cast_council_ballot, close_council_voting
from thidua.registry.models import CouncilBallot

CAST = 30

pytestmark = pytest.mark.django_db(transaction=True)


def physical(model: type[Model]) -> list[tuple[str, str]]:
    """(receipt, inserting transaction) of each row, in the order the database stores them."""
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor == "postgresql":
        sql = f"SELECT receipt, xmin::text FROM {table} ORDER BY ctid"
    else:
        sql = f"SELECT receipt, '' FROM {table} ORDER BY rowid"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


def check_rewritten(model: type[Model], receipts: list[str], close: Callable[[], object]) -> None:
    before = physical(model)
    assert [receipt for receipt, _ in before] == receipts  # what the close has to hide
    stored = {b.receipt: (b.pk, b.choices) for b in model._default_manager.all()}  # type: ignore[attr-defined]
    close()
    after = physical(model)
    assert [receipt for receipt, _ in after] != receipts
    assert sorted(receipt for receipt, _ in after) == sorted(receipts)
    kept = {b.receipt: (b.pk, b.choices) for b in model._default_manager.all()}  # type: ignore[attr-defined]
    assert {r: choices for r, (_, choices) in kept.items()} == {r: c for r, (_, c) in stored.items()}
    assert not {pk for pk, _ in kept.values()} & {pk for pk, _ in stored.values()}  # new random ids
    if connection.vendor == "postgresql":
        assert len({xmin for _, xmin in before}) == CAST
        assert len({xmin for _, xmin in after}) == 1


def test_closing_a_meeting_rewrites_its_ballots_out_of_casting_order(open_meeting):
    receipts = [f"R{n:03d}" for n in range(CAST)]
    for n, receipt in enumerate(receipts):
        cast_ballot(open_meeting.review, {"co-ubnd": ["STC" if n % 2 else "SNV"]}, receipt=receipt)
    check_rewritten(Ballot, receipts, lambda: services.close_voting(open_meeting, by="chủ trì"))


def test_closing_a_secret_sitting_rewrites_its_ballots_out_of_casting_order(organizer, flag):
    council = secret_council(organizer, present=CAST, absent=0)
    receipts = [
        cast_council_ballot(code, {flag.pk: "agree" if n % 3 else "disagree"}).receipt
        for n, code in enumerate(member_codes(council))
    ]
    check_rewritten(CouncilBallot, receipts, lambda: close_council_voting(council, by="chủ tịch"))
