"""The registry's batch actions for a staged import on PostgreSQL (sheets/staged.py): new people and the
awardees of past decisions written by INSERT … SELECT from the temporary tables that the import filled and
checked, with the rows and audit rows that entry.create_people and history.add_past_awardees write.

What Python derives arrives in the tables, computed by the same functions as on the Python path (a folded
name: folding.fold; a verification code: verification.new_codes; a person's code: entry's free_code). What is
derived here is the same rule written in SQL: a person's posting on the decision day (proposals'
_posting_among) and the audit rows' data; sheets/tests/test_load_staged.py compares both paths' rows field by
field. Callers run inside their transaction."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection

from thidua.core import bulk, pagecache
from thidua.core.audit import Actor
from thidua.core.models import AuditEvent
from thidua.organisations.models import Organizer, Unit
from thidua.registry import search as registry_search
from thidua.registry.models import Awardee, Decision, Person, PersonPosting


def _actor(by: Actor) -> tuple[int | None, str]:
    """record_many's actor columns."""
    return (by.pk if isinstance(by, AbstractBaseUser) else None, by if isinstance(by, str) else "")


def _table(model: type[object]) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def create_people(table: str, organizer: Organizer, *, by: Actor) -> int:
    """New people from `table` (first_line, name, name_folded, code, unit_id, position, start,
    person_id): each a Person, its first posting and the audit row entry.create_people writes, in the order
    of first_line; person_id is filled in."""
    made = bulk.insert_select(
        Person,
        {
            "organizer_id": "n.organizer_id",
            "code": "n.code",
            "name": "n.name",
            "name_folded": "n.name_folded",
        },
        f"FROM (SELECT %s AS organizer_id, * FROM {table}) n ORDER BY n.first_line",
        [organizer.pk],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} n SET person_id = p.id FROM {_table(Person)} p "
            "WHERE p.organizer_id = %s AND p.code = n.code",
            [organizer.pk],
        )
    bulk.insert_select(
        PersonPosting,
        {"person_id": "n.person_id", "unit_id": "n.unit_id", "position": "n.position", "start": "n.start"},
        f"FROM {table} n ORDER BY n.first_line",
    )
    user, label = _actor(by)
    pagecache.changed()  # the audit rows are written in SQL below, not through core.audit
    bulk.insert_select(
        AuditEvent,
        {
            "actor_id": "a.actor_id",
            "actor_label": "a.label",
            "verb": "'registry.person.create'",
            "object_type": f"'{Person._meta.label_lower}'",
            "object_id": "n.person_id::text",
            "data": "jsonb_build_object('name', n.name, 'posting', jsonb_build_object('unit', u.code, "
            "'position', n.position, 'start', to_char(n.start, 'YYYY-MM-DD')))",
            "at": "now()",
        },
        f"FROM {table} n JOIN {_table(Unit)} u ON u.id = n.unit_id, "
        "(SELECT %s::integer AS actor_id, %s::text AS label) a ORDER BY n.first_line",
        [user, label],
    )
    return made


def add_past_awardees(table: str, *, by: Actor) -> int:
    """history.add_past_awardees for the rows of `table` (line, decision_id, unit_id, person_id, year, name,
    name_folded, code): each awardee with the decision's award and the person's unit and job title on the
    decision day, no bonus worked out; one audit row per decision naming its new awardees' codes."""
    count = bulk.insert_select(
        Awardee,
        {
            "decision_id": "s.decision_id",
            "unit_id": "s.unit_id",
            "person_id": "s.person_id",
            "person_unit_id": "held.unit_id",
            "position": "COALESCE(held.position, '')",
            "year": "s.year",
            "award": "d.award",
            "name": "s.name",
            "name_folded": "s.name_folded",
            "code": "s.code",
        },
        # The posting on the decision day: started by then, not ended before; the latest start, the first
        # written among equals (proposals._posting_among).
        f"FROM {table} s JOIN {_table(Decision)} d ON d.id = s.decision_id "
        f"LEFT JOIN LATERAL (SELECT p.unit_id, p.position FROM {_table(PersonPosting)} p "
        'WHERE p.person_id = s.person_id AND p.start <= d.date AND (p."end" IS NULL OR p."end" >= d.date) '
        "ORDER BY p.start DESC, p.id LIMIT 1) held ON TRUE ORDER BY s.line",
    )
    # The search's words of the new awards (their decisions are new: a decision on record is refused).
    # Worded once per distinct name and form by the search's own index_words, joined in by the database.
    registry_search.index_selected(f"a.decision_id IN (SELECT decision_id FROM {table})")
    user, label = _actor(by)
    pagecache.changed()  # the audit rows are written in SQL below, not through core.audit
    bulk.insert_select(
        AuditEvent,
        {
            "actor_id": "a.actor_id",
            "actor_label": "a.label",
            "verb": "'registry.awardee.import'",
            "object_type": f"'{Decision._meta.label_lower}'",
            "object_id": "d.id::text",
            "data": "jsonb_build_object('decision', d.number, 'count', count(*), 'codes', "
            "jsonb_agg(s.code ORDER BY s.line), 'source_file', d.imported_from)",
            "at": "now()",
        },
        f"FROM {table} s JOIN {_table(Decision)} d ON d.id = s.decision_id, "
        "(SELECT %s::integer AS actor_id, %s::text AS label) a "
        "GROUP BY d.id, a.actor_id, a.label ORDER BY min(s.line)",
        [user, label],
    )
    return count
