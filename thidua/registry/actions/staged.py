"""The registry's batch actions for a staged import on PostgreSQL (sheets/staged.py): new people and the
awardees of past decisions written by INSERT … SELECT from the temporary tables that the import filled and
checked, with the rows and audit rows that entry.create_people and history.add_past_awardees write.

What Python derives arrives in the tables, computed by the same functions as on the Python path (a folded
name: folding.fold; a verification code: verification.new_codes; a person's code: entry's free_code). The
rules are the Python path's own: a person's posting on the decision day is proposals.postings_on compiled
into the INSERT, and the audit rows' data is written by entry.new_person_data and
history.awardees_import_data from the rows read back; sheets/tests/test_load_staged.py compares both paths'
rows field by field. Callers run inside their transaction."""

from __future__ import annotations

from django.db import connection
from django.db.models import DateField, IntegerField
from django.db.models.expressions import RawSQL

from thidua.core import bulk
from thidua.core.audit import Actor, record_many
from thidua.organisations.models import Organizer, Unit
from thidua.registry import search as registry_search
from thidua.registry.actions import entry, history
from thidua.registry.actions.proposals import postings_on
from thidua.registry.models import Awardee, Decision, Person, PersonPosting


def _table(model: type[object]) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


BATCH = 5000


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
    # Their audit rows, by entry's own writer of their data, a batch at a time (nothing held whole).
    with connection.connection.cursor(name="read_new_people") as reader:
        reader.execute(
            f"SELECT n.person_id, n.name, u.code, n.position, n.start FROM {table} n "
            f"JOIN {_table(Unit)} u ON u.id = n.unit_id ORDER BY n.first_line"
        )
        while batch := reader.fetchmany(BATCH):
            record_many(
                by,
                "registry.person.create",
                (
                    (Person(pk=pk), entry.new_person_data(name, unit, position, start))
                    for pk, name, unit, position, start in batch
                ),
            )
    return made


def add_past_awardees(table: str, *, by: Actor) -> int:
    """history.add_past_awardees for the rows of `table` (line, decision_id, unit_id, person_id, year, name,
    name_folded, code): each awardee with the decision's award and the person's unit and job title on the
    decision day, no bonus worked out; one audit row per decision naming its new awardees' codes."""
    # The posting on the decision day, as proposals.postings_on defines it, compiled against the row.
    on_day = postings_on(RawSQL("d.date", (), output_field=DateField()))
    held, params = (
        on_day.filter(person_id=RawSQL("s.person_id", (), output_field=IntegerField()))
        .values("unit_id", "position")[:1]
        .query.sql_with_params()
    )
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
        f"FROM {table} s JOIN {_table(Decision)} d ON d.id = s.decision_id "
        f"LEFT JOIN LATERAL ({held}) held ON TRUE ORDER BY s.line",
        params,
    )
    # The search's words of the new awards (their decisions are new: a decision on record is refused).
    # Worded once per distinct name and form by the search's own index_words, joined in by the database.
    registry_search.index_selected(f"a.decision_id IN (SELECT decision_id FROM {table})")
    # One audit row per decision, by history's own writer of its data, a batch of decisions at a time.
    with connection.connection.cursor(name="read_gained") as reader:
        reader.execute(
            f"SELECT d.id, d.number, d.imported_from, array_agg(s.code ORDER BY s.line) FROM {table} s "
            f"JOIN {_table(Decision)} d ON d.id = s.decision_id GROUP BY d.id ORDER BY min(s.line)"
        )
        while batch := reader.fetchmany(BATCH // 100):  # a decision names up to a few hundred codes
            gained = [
                (Decision(pk=pk, number=number, imported_from=source), codes)
                for pk, number, source, codes in batch
            ]
            record_many(
                by,
                "registry.awardee.import",
                ((decision, history.awardees_import_data(decision, codes)) for decision, codes in gained),
            )
    return count
