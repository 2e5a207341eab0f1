"""The decisions import on PostgreSQL (issue 12's large files): the file streamed by COPY into a temporary
staging table, its rows checked in SQL all at once, and, when nothing is wrong, written by INSERT … SELECT
(registry/actions/staged.py). The Python path (decisions.py, which SQLite keeps) checks each row in Python:
the same plan, the same problems in the same words, the same rows (sheets/tests/test_load_staged.py).

Every reading of a typed value is Python's, made once per distinct value and copied back as a map table:
a date (reader.as_date), a year, a subject, a unit or award form by name (Context.find_unit, Names: the same
problems and mappings), a name folded (folding.fold) and compared (names.plain). Nothing holds the whole
file: the rows go to the database as they are read, the maps come and go in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import psycopg
from django.db import connection, transaction
from django.utils.translation import gettext

from thidua.registry.actions import entry, history
from thidua.registry.actions import staged as registry
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision
from thidua.registry.verification import new_codes
from thidua.sheets import decisions as kind
from thidua.sheets.importer import CREATE, MOST_PROBLEMS, SAME, SHOWN, Context, Outcome
from thidua.sheets.names import plain
from thidua.sheets.reader import Problem, Progress, Row, as_date, as_year, read_texts

BATCH = 5000
# The transaction's memory for sorts and hashes, and for its temporary tables (tune).
WORK_MEM = "128MB"
TEMP_BUFFERS = "256MB"
# A row's key in the tables: its sheet's place in the file times SPAN, plus its number in the sheet (a sheet
# holds fewer rows than SPAN), so that the rows of a workbook's sheets sort in the order of the file.
SPAN = 1 << 21
KEYS = [column.key for column in kind.COLUMNS]
# Of the bar, the share of reading the file; the checks and the writing move it the rest of the way.
READING = 0.6
TABLES: tuple[str, ...] = (
    "st_rows",
    "st_dates",
    "st_years",
    "st_subjects",
    "st_awards",
    "st_units",
    "st_text",
)
TABLES += ("st_res", "st_problems", "st_cand", "st_match", "st_who", "st_first", "st_dec", "st_fin")
TABLES += ("st_new", "st_newcode", "st_aw", "st_fold", "st_bad")


def stages() -> bool:
    """Whether the decisions import takes this path: on PostgreSQL."""
    return connection.vendor == "postgresql"


def run(context: Context, stream: IO[bytes], name: str, progress: Progress | None) -> None:
    """Read, check and (when the import writes and nothing is wrong) write the file; a preview leaves
    nothing behind."""
    with transaction.atomic():
        staged = _Staged(context, progress)
        staged.tune()
        staged.read(stream, name)
        staged.check()
        if context.may_write() and not context.plan.problems and staged.creates:
            staged.write()
        staged.drop()
        if not context.write:
            transaction.set_rollback(True)


class _Staged:
    def __init__(self, context: Context, progress: Progress | None) -> None:
        self.context = context
        self.progress = progress
        self.rows = 0
        self.sheets: list[str | None] = []
        self.creates = 0
        self.raw = connection.connection  # psycopg's own: COPY and server-side cursors

    def _say(self, share: float) -> None:
        if self.progress is not None:
            self.progress(share, self.rows)

    def sql(self, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self.raw.cursor() as cursor:
            cursor.execute(query, list(params) or None)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def tune(self) -> None:
        """Memory for this transaction's sorts and hashes: the checks join a million rows, which at the
        server's default (4 MB) spill to disk in many batches; and for its temporary tables, when this
        session has not used one yet (PostgreSQL fixes temp_buffers at the first). SET LOCAL ends with the
        transaction; nothing about what is checked or written changes."""
        self.sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
        with transaction.atomic():  # refused once the session has touched a temporary table: kept as it is
            try:
                self.sql(f"SET LOCAL temp_buffers = '{TEMP_BUFFERS}'")
            except psycopg.errors.InvalidParameterValue:
                transaction.set_rollback(True)

    def drop(self) -> None:
        self.sql(f"DROP TABLE IF EXISTS {', '.join(TABLES)}")

    # ---- reading -----------------------------------------------------------------------------------------

    def read(self, stream: IO[bytes], name: str) -> None:
        self.drop()  # a run before this one in the same transaction (a test's)
        columns = ", ".join(f"{key} text" for key in KEYS)
        self.sql(f"CREATE TEMP TABLE st_rows (line integer, sheet integer, {columns}, vcode text)")
        plan = self.context.plan
        sheets: dict[str | None, int] = {}
        codes: Iterator[str] = iter(())
        drawing = self.context.write

        def reading(share: float, rows: int) -> None:
            if self.progress is not None:
                self.progress(share * READING, rows)

        with self.raw.cursor() as cursor, cursor.copy("COPY st_rows FROM STDIN") as copy:
            for sheet, number, texts, problems in read_texts(stream, name, kind.COLUMNS, reading):
                if problems:
                    plan.problems.extend(problems)
                    continue
                index = sheets.get(sheet)
                if index is None:
                    index = sheets[sheet] = len(sheets)
                    self.sheets.append(sheet)
                code = None
                if drawing:
                    code = next(codes, None)
                    if code is None:
                        codes = iter(new_codes(BATCH))
                        code = next(codes)
                copy.write_row((index * SPAN + number, index, *texts, code))
                self.rows += 1
        self.sql("ANALYZE st_rows")
        self._say(READING)

    def _fill(
        self, target: str, columns: str, query: str, params: Iterable[Any], each: Callable[[Any], Any]
    ) -> None:
        """A map table `target` (`columns`) from the rows of `query`, each turned by `each` into a row
        (None: left out), a batch at a time."""
        self.sql(f"CREATE TEMP TABLE IF NOT EXISTS {target} ({columns})")
        with transaction.atomic(), self.raw.cursor(name=f"read_{target}") as reader:
            reader.execute(query, list(params) or None)  # type: ignore[arg-type]
            while batch := reader.fetchmany(BATCH):
                # Turned before the COPY starts: `each` may ask the database (a free person code).
                lines = [line for found in batch if (line := each(found)) is not None]
                with self.raw.cursor() as writer, writer.copy(f"COPY {target} FROM STDIN") as copy:
                    for line in lines:
                        copy.write_row(line)
        self.sql(f"ANALYZE {target}")  # a temporary table has no statistics until told: the joins need them

    # ---- checking ----------------------------------------------------------------------------------------

    def check(self) -> None:
        context = self.context
        state = kind._state(context)
        self._fill("st_dates", "t text, d date", "SELECT DISTINCT date FROM st_rows", (), _date)
        self._fill("st_years", "t text, y integer", "SELECT DISTINCT year FROM st_rows", (), _year)
        self._fill("st_subjects", "t text, s text", "SELECT DISTINCT subject FROM st_rows", (), _subject)
        self._fill(
            "st_awards",
            "t text, code text, name text, plain text",
            "SELECT award FROM st_rows WHERE award <> '' GROUP BY award ORDER BY min(line)",
            (),
            lambda found: _award(context, state, found[0]),
        )
        self._fill(
            "st_units",
            "t text, unit_id integer, exact boolean, meaning text, message text, is_unit boolean",
            "SELECT t FROM (SELECT unit AS t, line FROM st_rows WHERE unit <> '' UNION ALL "
            "SELECT name, line FROM st_rows WHERE unit = '' AND name <> '') typed "
            "GROUP BY t ORDER BY min(line)",
            (),
            lambda found: _unit(context, found[0]),
        )
        self._fill(
            "st_text",
            "t text, plain text, folded text",
            "SELECT name FROM st_rows UNION SELECT number FROM st_rows UNION SELECT grantor FROM st_rows",
            (),
            _text,
        )
        self._say(READING + 0.05)
        self._cells()
        self._say(READING + 0.1)
        self._people()
        self._say(READING + 0.15)
        self._heads()
        self._say(READING + 0.2)
        self._outcomes()

    def _cells(self) -> None:
        """Each row's cells read through the maps, and what the Python path says of a cell (decisions._line,
        up to the person)."""
        self.sql(
            """
            CREATE TEMP TABLE st_res AS
            SELECT r.*, dd.d AS day, yy.y AS year_n, aw.code AS award_code, aw.name AS award_name,
                aw.plain AS award_plain, nm.plain AS name_plain, nm.folded AS name_folded,
                nb.plain AS number_plain, gr.plain AS grantor_plain, sb.subject_kind, uc.unit_column,
                uc.unit_typed, uu.unit_id, uu.message AS unit_message
            FROM st_rows r
            LEFT JOIN st_dates dd ON dd.t = r.date
            LEFT JOIN st_years yy ON yy.t = r.year
            LEFT JOIN st_awards aw ON aw.t = r.award
            LEFT JOIN st_text nm ON nm.t = r.name
            LEFT JOIN st_text nb ON nb.t = r.number
            LEFT JOIN st_text gr ON gr.t = r.grantor
            LEFT JOIN st_subjects ss ON ss.t = r.subject
            LEFT JOIN st_units nu ON r.unit = '' AND nu.t = r.name
            CROSS JOIN LATERAL (SELECT CASE WHEN r.subject <> '' THEN ss.s
                WHEN r.name <> '' AND r.unit = '' AND nu.is_unit THEN 'unit' ELSE 'person' END
                AS subject_kind) sb
            CROSS JOIN LATERAL (SELECT
                CASE WHEN sb.subject_kind = 'unit' AND r.name <> '' THEN
                    CASE WHEN r.unit <> '' THEN 'unit' ELSE 'name' END
                    WHEN sb.subject_kind = 'person' AND r.unit <> '' THEN 'unit' END AS unit_column,
                CASE WHEN sb.subject_kind = 'unit' AND r.name <> '' THEN
                    CASE WHEN r.unit <> '' THEN r.unit ELSE r.name END
                    WHEN sb.subject_kind = 'person' AND r.unit <> '' THEN r.unit END AS unit_typed) uc
            LEFT JOIN st_units uu ON uu.t = uc.unit_typed
            """
        )
        self.sql(
            """
            ANALYZE st_res;
            CREATE TEMP TABLE st_problems (line integer, sheet integer, seq integer, col text, kind text,
                a text, b text, c text);
            -- The rows with something wrong, found in one pass (usually none), then what is wrong with each.
            CREATE TEMP TABLE st_bad AS SELECT * FROM st_res
            WHERE number = '' OR day IS NULL OR year_n IS NULL OR grantor = '' OR award = '' OR name = ''
                OR subject_kind IS NULL OR (subject_kind = 'person' AND unit = '')
                OR (unit_column IS NOT NULL AND unit_id IS NULL);
            INSERT INTO st_problems
            SELECT line, sheet, 1, 'number', 'empty', NULL, NULL, NULL FROM st_bad WHERE number = ''
            UNION ALL SELECT line, sheet, 2, 'date', CASE WHEN date = '' THEN 'empty' ELSE 'date' END, date,
                NULL, NULL FROM st_bad WHERE day IS NULL
            UNION ALL SELECT line, sheet, 3, 'year', CASE WHEN year = '' THEN 'empty' ELSE 'year' END, year,
                NULL, NULL FROM st_bad WHERE year_n IS NULL
            UNION ALL SELECT line, sheet, 4, 'grantor', 'empty', NULL, NULL, NULL FROM st_bad
                WHERE grantor = ''
            UNION ALL SELECT line, sheet, 5, 'award', 'empty', NULL, NULL, NULL FROM st_bad WHERE award = ''
            UNION ALL SELECT line, sheet, 6, 'name', 'empty', NULL, NULL, NULL FROM st_bad WHERE name = ''
            UNION ALL SELECT line, sheet, 7, 'subject', 'subject', subject, NULL, NULL FROM st_bad
                WHERE subject_kind IS NULL
            UNION ALL SELECT line, sheet, 8, 'unit', 'unit_needed', NULL, NULL, NULL FROM st_bad
                WHERE subject_kind = 'person' AND unit = ''
            UNION ALL SELECT line, sheet, 8, unit_column, 'text', unit_message, NULL, NULL FROM st_bad
                WHERE unit_column IS NOT NULL AND unit_id IS NULL;
            ANALYZE st_problems;
            """
        )
        # The units the rows found, each noted once (Context.unit) when not written exactly.
        for typed, meaning in self.sql(
            """
            SELECT u.t, u.meaning FROM st_units u JOIN st_res s ON u.t = s.unit_typed
            WHERE u.unit_id IS NOT NULL AND NOT u.exact GROUP BY u.t, u.meaning ORDER BY min(s.line)
            """
        ):
            self.context.mapped("unit", typed, meaning)

    def _people(self) -> None:
        """The person each person's row is about (People.find): by code, else by name among the people who
        worked at the row's unit; someone not on record is a new person, one per code or name and unit."""
        organizer = self.context.scope.organizer.pk
        self.sql(
            """
            CREATE TEMP TABLE st_cand AS
            SELECT DISTINCT k.unit_id, k.name_folded AS folded, p.id, p.name
            FROM (SELECT DISTINCT unit_id, name_folded FROM st_res s WHERE subject_kind = 'person'
                AND code = '' AND NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = s.line)) k
            JOIN registry_person p ON p.organizer_id = %s AND p.name_folded = k.name_folded
            WHERE EXISTS (SELECT 1 FROM registry_personposting pp WHERE pp.person_id = p.id
                AND pp.unit_id = k.unit_id);
            """,
            [organizer],
        )
        self._fill(
            "st_text",
            "t text, plain text, folded text",
            "SELECT DISTINCT c.name FROM st_cand c "
            "WHERE NOT EXISTS (SELECT 1 FROM st_text t WHERE t.t = c.name)",
            (),
            _text,
        )
        units = list(self.context.scope.unit_ids) if self.context.scope.unit_ids is not None else None
        self.sql(
            """
            CREATE TEMP TABLE st_match AS
            SELECT c.unit_id, c.folded, t.plain AS name_plain, count(*) AS folded_count,
                min(c.id) AS folded_id, min(c.name) AS folded_name
            FROM st_cand c JOIN st_text t ON t.t = c.name GROUP BY 1, 2, 3;
            CREATE TEMP TABLE st_fold AS
            SELECT unit_id, folded, sum(folded_count) AS n, min(folded_id) AS id, min(folded_name) AS name
            FROM st_match GROUP BY 1, 2;
            ANALYZE st_match;
            ANALYZE st_fold;
            """
        )
        self.sql(
            """
            CREATE TEMP TABLE st_who AS
            SELECT z.*,
                CASE WHEN subject_kind = 'person' AND person_id IS NULL THEN
                    CASE WHEN code <> '' THEN 'c:' || code ELSE 'n:' || name_plain || '|' || unit_id END
                    END AS new_key,
                CASE WHEN subject_kind = 'unit' THEN 'u:' || unit_id WHEN code <> '' THEN 'c:' || code
                    WHEN person_id IS NOT NULL THEN 'p:' || person_id
                    ELSE 'n:' || name_plain || '|' || unit_id END AS subject_key
            FROM (SELECT y.*,
                CASE WHEN subject_kind = 'unit' THEN NULL WHEN code <> '' THEN coded_id
                    WHEN exact_count = 1 THEN exact_id
                    WHEN exact_count = 0 AND folded_count = 1 THEN folded_id
                    END AS person_id
            FROM (SELECT s.line, s.sheet, s.name, s.position, s.code, s.number, s.grantor, s.signer, s.vcode,
                s.day, s.year_n AS year, s.award_code, s.award_name, s.award_plain, s.name_plain,
                s.name_folded, s.number_plain, s.grantor_plain, s.subject_kind, s.unit_id,
                p.id AS coded_id, p.name AS coded_name, p.name_folded AS coded_folded,
                (%s::integer[] IS NULL OR EXISTS (SELECT 1 FROM registry_personposting pp
                    WHERE pp.person_id = p.id AND pp.unit_id = ANY(%s::integer[]))) AS coded_in_scope,
                COALESCE(ex.folded_count, 0) AS exact_count, ex.folded_id AS exact_id,
                COALESCE(fo.n, 0) AS folded_count, fo.id AS folded_id, fo.name AS folded_name
            FROM st_res s
            LEFT JOIN registry_person p ON s.subject_kind = 'person' AND s.code <> ''
                AND p.organizer_id = %s AND p.code = s.code
            LEFT JOIN st_match ex ON s.subject_kind = 'person' AND s.code = '' AND ex.unit_id = s.unit_id
                AND ex.folded = s.name_folded AND ex.name_plain = s.name_plain
            LEFT JOIN st_fold fo ON s.subject_kind = 'person' AND s.code = '' AND fo.unit_id = s.unit_id
                AND fo.folded = s.name_folded
            WHERE NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = s.line)) y) z
            """,
            [units, units, organizer],
        )
        self.sql(
            """
            INSERT INTO st_problems
            SELECT w.line, w.sheet, 9, 'name', 'other_code', w.code, w.coded_name, w.name FROM st_who w
                WHERE w.coded_id IS NOT NULL AND w.coded_name <> w.name AND w.coded_folded <> w.name_folded
            UNION ALL SELECT w.line, w.sheet, 9, 'name', 'not_yours', w.coded_name, NULL, NULL FROM st_who w
                WHERE w.coded_id IS NOT NULL AND (w.coded_name = w.name OR w.coded_folded = w.name_folded)
                AND NOT w.coded_in_scope
            UNION ALL SELECT w.line, w.sheet, 9, 'name', 'namesakes',
                (CASE WHEN w.exact_count > 0 THEN w.exact_count ELSE w.folded_count END)::text, w.name, u.name
                FROM st_who w JOIN organisations_unit u ON u.id = w.unit_id
                WHERE (CASE WHEN w.exact_count > 0 THEN w.exact_count ELSE w.folded_count END) > 1;
            DELETE FROM st_who w WHERE EXISTS (SELECT 1 FROM st_problems x WHERE x.line = w.line);
            ANALYZE st_who;
            """
        )
        # A name found only without its diacritics: shown to confirm (People.find).
        for typed, meaning in self.sql(
            """
            SELECT w.name, w.folded_name || ' (' || u.name || ')' FROM st_who w
            JOIN organisations_unit u ON u.id = w.unit_id
            WHERE w.code = '' AND w.exact_count = 0 AND w.folded_count = 1
            GROUP BY 1, 2 ORDER BY min(w.line)
            """
        ):
            self.context.mapped("person", typed, meaning)

    def _heads(self) -> None:
        """Every row of a decision says what its first row says, and that what the registry holds
        (decisions._agrees); an awardee once per decision; a decision made in thidua keeps its awardees."""
        self.sql(
            """
            CREATE TEMP TABLE st_first AS
            SELECT DISTINCT ON (number_plain) number_plain, line, sheet, number, day, award_code, award_name,
                award_plain, grantor, grantor_plain, signer
            FROM st_who ORDER BY number_plain, line;
            ANALYZE st_first;
            CREATE TEMP TABLE st_dec (number_plain text, decision_id integer, in_thidua boolean, number text);
            """
        )
        organizer = self.context.scope.organizer
        said: list[tuple[int, int, str]] = []
        with transaction.atomic(), self.raw.cursor(name="read_first") as reader:
            reader.execute(
                "SELECT number, day, award_code, award_name, grantor, signer, line, sheet, number_plain "
                "FROM st_first ORDER BY line"
            )
            while batch := reader.fetchmany(BATCH):
                held = {
                    d.number: d
                    for d in Decision.objects.filter(
                        organizer=organizer, issuing_unit__isnull=True, number__in=[b[0] for b in batch]
                    )
                }
                found = []
                for number, day, award, award_name, grantor, signer, line, sheet, key in batch:
                    decision = held.get(number)
                    if decision is None:
                        continue
                    found.append((key, decision.pk, not decision.imported_from, decision.number))
                    if kind.on_record_differs(decision, kind.Head(day, award, award_name, grantor, signer)):
                        said.append((line, sheet, kind.on_record_message(decision)))
                with self.raw.cursor() as writer, writer.copy("COPY st_dec FROM STDIN") as copy:
                    for row in found:
                        copy.write_row(row)
        with self.raw.cursor() as writer, writer.copy("COPY st_problems FROM STDIN") as copy:
            for line, sheet, message in said:
                copy.write_row((line, sheet, 10, "number", "text", message, None, None))
        self.sql("ANALYZE st_dec")
        self.sql(
            f"""
            INSERT INTO st_problems
            SELECT w.line, w.sheet, 11, NULL, 'heads', mod(f.line, {SPAN})::text, w.number, NULL
            FROM st_who w JOIN st_first f ON f.number_plain = w.number_plain
            WHERE (w.day, w.award_code, w.award_plain, w.grantor_plain)
                IS DISTINCT FROM (f.day, f.award_code, f.award_plain, f.grantor_plain)
                AND NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = w.line);
            ANALYZE st_problems;
            INSERT INTO st_problems
            SELECT w.line, w.sheet, 12, NULL, 'twice', w.number, mod(twice.first, {SPAN})::text, NULL
            FROM (SELECT number_plain, subject_key, min(line) AS first FROM st_who w
                WHERE NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = w.line)
                GROUP BY 1, 2 HAVING count(*) > 1) twice
            JOIN st_who w ON w.number_plain = twice.number_plain AND w.subject_key = twice.subject_key
            WHERE w.line <> twice.first AND NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = w.line);
            ANALYZE st_problems;
            CREATE TEMP TABLE st_fin AS
            SELECT w.*, d.decision_id, d.in_thidua, d.number AS decision_number,
                d.decision_id IS NOT NULL AND EXISTS (SELECT 1 FROM registry_awardee a
                    WHERE a.decision_id = d.decision_id AND a.year = w.year
                    AND a.person_id IS NOT DISTINCT FROM w.person_id
                    AND a.unit_id IS NOT DISTINCT FROM (CASE WHEN w.subject_kind = 'unit' THEN w.unit_id END))
                AS done
            FROM st_who w LEFT JOIN st_dec d ON d.number_plain = w.number_plain
            WHERE NOT EXISTS (SELECT 1 FROM st_problems x WHERE x.line = w.line);
            ANALYZE st_fin;
            INSERT INTO st_problems
            SELECT line, sheet, 13, 'number', 'thidua', decision_number, NULL, NULL FROM st_fin
            WHERE in_thidua AND NOT done;
            DELETE FROM st_fin WHERE in_thidua AND NOT done;
            """
        )

    def _outcomes(self) -> None:
        context, plan = self.context, self.context.plan
        listed = max(0, MOST_PROBLEMS - len(plan.problems))
        for line, sheet, column, what, a, b, c in self.sql(
            "SELECT line, sheet, col, kind, a, b, c FROM st_problems ORDER BY line, seq LIMIT %s", [listed]
        ):
            header = kind.COL[column].header if column else None
            plan.problems.append(Problem(_message(what, a, b, c), self.sheets[sheet], line % SPAN, header))
        ((total,),) = self.sql("SELECT count(*) FROM st_problems")
        plan.more_problems += max(0, total - listed)
        counts = dict(self.sql("SELECT done, count(*) FROM st_fin GROUP BY done"))
        self.creates = counts.get(False, 0)
        for action, done in ((CREATE, False), (SAME, True)):
            shown = self.sql(
                "SELECT line, sheet, name, award_name, year, number, day, grantor FROM st_fin "
                "WHERE done = %s "
                "ORDER BY line LIMIT %s",
                [done, SHOWN],
            )
            for line, sheet, name, award, year, number, day, grantor in shown:
                row = Row(self.sheets[sheet], line % SPAN)
                plan.outcomes.append(
                    Outcome(row, action, kind.describe(name, award, year, number, day, grantor))
                )
            if counts.get(done, 0) > len(shown):
                plan.unlisted[action] = counts[done] - len(shown)
        ((decisions, people),) = self.sql(
            "SELECT (SELECT count(*) FROM st_first f WHERE NOT EXISTS (SELECT 1 FROM st_dec d "
            "WHERE d.number_plain = f.number_plain)), "
            # Grouped, not count(DISTINCT): a hash of the new people rather than a sort of a million rows.
            "(SELECT count(*) FROM (SELECT new_key FROM st_who WHERE new_key IS NOT NULL GROUP BY 1) n)"
        )
        if decisions:
            plan.also.append(gettext("{count} new decision(s)").format(count=decisions))
        if people:
            plan.also.append(gettext("{count} new person(s)").format(count=people))
        self._say(READING + 0.25)
        del context

    # ---- writing -----------------------------------------------------------------------------------------

    def write(self) -> None:
        context = self.context
        by, organizer = context.by, context.scope.organizer
        # New decisions, from each one's first row, in the order of the file.
        with transaction.atomic(), self.raw.cursor(name="read_new") as reader:
            reader.execute(
                "SELECT f.number_plain, f.number, f.day, f.grantor, f.signer, f.award_code, f.award_name "
                "FROM st_first f "
                "WHERE NOT EXISTS (SELECT 1 FROM st_dec d WHERE d.number_plain = f.number_plain) "
                "ORDER BY f.line"
            )
            while batch := reader.fetchmany(2000):
                made = history.record_past_decisions(
                    organizer,
                    [history.PastDecision(*found[1:]) for found in batch],
                    source_file=context.plan.source,
                    by=by,
                )
                with self.raw.cursor() as writer, writer.copy("COPY st_dec FROM STDIN") as copy:
                    for found, decision in zip(batch, made, strict=True):
                        copy.write_row((found[0], decision.pk, False, decision.number))
        self.sql("ANALYZE st_dec")
        self._say(READING + 0.3)
        # New people: their first row's name, code, unit and job title, working there from their earliest
        # year.
        self.sql(
            """
            CREATE TEMP TABLE st_new AS
            SELECT DISTINCT ON (new_key) new_key, line AS first_line, name, name_folded, code, unit_id,
                position, NULL::integer AS person_id,
                make_date(min(year) OVER (PARTITION BY new_key), 1, 1) AS start
            FROM st_fin WHERE new_key IS NOT NULL ORDER BY new_key, line;
            ANALYZE st_new;
            """
        )
        # Their codes, a batch of names at a time (entry.free_codes: a query per round of namesakes).
        taken: set[str] = set()
        self.sql("CREATE TEMP TABLE st_newcode (new_key text, code text)")
        with transaction.atomic(), self.raw.cursor(name="read_uncoded") as reader:
            reader.execute("SELECT new_key, name FROM st_new WHERE code = '' ORDER BY first_line")
            while batch := reader.fetchmany(BATCH):
                codes = entry.free_codes(organizer, [name for _, name in batch], taken)
                taken.update(codes)
                with self.raw.cursor() as writer, writer.copy("COPY st_newcode FROM STDIN") as copy:
                    for (key, _), code in zip(batch, codes, strict=True):
                        copy.write_row((key, code))
        self.sql("ANALYZE st_newcode")
        self.sql("UPDATE st_new n SET code = c.code FROM st_newcode c WHERE c.new_key = n.new_key")
        registry.create_people("st_new", organizer, by=by)
        self._say(READING + 0.35)
        self._codes()
        self.sql(
            """
            CREATE TEMP TABLE st_aw AS
            SELECT f.line, d.decision_id, CASE WHEN f.subject_kind = 'unit' THEN f.unit_id END AS unit_id,
                COALESCE(f.person_id, n.person_id) AS person_id, f.year, f.name, f.name_folded,
                f.vcode AS code
            FROM st_fin f JOIN st_dec d ON d.number_plain = f.number_plain
            LEFT JOIN st_new n ON n.new_key = f.new_key
            WHERE NOT f.done;
            ANALYZE st_aw;
            """
        )
        registry.add_past_awardees("st_aw", by=by)
        self._say(1.0)

    def _codes(self) -> None:
        """Each new awardee's verification code, drawn as the file was read: drawn again for the rare one that
        another award or decision holds, or another row drew too."""
        table = connection.ops.quote_name(Awardee._meta.db_table)
        decisions = connection.ops.quote_name(Decision._meta.db_table)
        while True:
            lines = [
                line
                for (line,) in self.sql(
                    f"""
                    SELECT f.line FROM st_fin f WHERE NOT f.done AND (
                        EXISTS (SELECT 1 FROM {table} a WHERE a.code = f.vcode)
                        OR EXISTS (SELECT 1 FROM {decisions} d WHERE d.code = f.vcode))
                    UNION
                    SELECT g.line FROM (SELECT line, row_number() OVER (PARTITION BY vcode ORDER BY line) AS n
                        FROM st_fin WHERE NOT done AND vcode IN (
                            SELECT vcode FROM st_fin WHERE NOT done GROUP BY vcode HAVING count(*) > 1)) g
                    WHERE g.n > 1
                    """
                )
            ]
            if not lines:
                return
            for line, code in zip(lines, new_codes(len(lines)), strict=True):
                self.sql("UPDATE st_fin SET vcode = %s WHERE line = %s", [code, line])


# ---- what a distinct value reads as (the Python path's own functions) ------------------------------------


def _date(found: tuple[str]) -> tuple[str, dt.date | None]:
    return found[0], as_date(found[0])


def _year(found: tuple[str]) -> tuple[str, int | None]:
    return found[0], as_year(found[0])


def _subject(found: tuple[str]) -> tuple[str, str | None]:
    return found[0], kind.subject_of(found[0]) if found[0] else None


def _award(context: Context, state: Any, typed: str) -> tuple[str, str, str, str]:
    code, name = kind._award(context, state, typed) or ("", typed)
    return typed, code, name, plain(name)


def _text(found: tuple[str]) -> tuple[str, str, str]:
    return found[0], plain(found[0]), fold(found[0])


def _unit(context: Context, typed: str) -> tuple[Any, ...]:
    unit, found, message = context.find_unit(typed)
    return (
        typed,
        unit.pk if unit else None,
        found.exact if found else None,
        unit.name if unit else None,
        message,
        bool(context.names.unit(typed)),
    )


def _message(what: str, a: str | None, b: str | None, c: str | None) -> str:
    """A problem the checks found, in the Python path's words."""
    if what == "empty":
        return gettext("the cell is empty; this column must be filled in.")
    if what == "date":
        return gettext("{value} is not a date").format(value=a)
    if what == "year":
        return gettext("{value} is not a year").format(value=a)
    if what == "subject":
        return kind.not_a_subject(a or "")
    if what == "unit_needed":
        return gettext("a person's row needs the unit where they worked.")
    if what == "other_code":
        return gettext("code {code} belongs to {person}, not to {name}.").format(code=a, person=b, name=c)
    if what == "not_yours":
        return gettext("{name} is not one of the people of the units you enter for.").format(name=a)
    if what == "namesakes":
        return gettext(
            "{count} people named {name} worked at {unit}: add the column with each person's code."
        ).format(count=a, name=b, unit=c)
    if what == "heads":
        return gettext(
            "row {other} gives decision {number} another date, form or grantor: every row of one "
            "decision must say the same."
        ).format(other=a, number=b)
    if what == "twice":
        return gettext("the same awardee of decision {number} as row {other}.").format(number=a, other=b)
    if what == "thidua":
        return gettext(
            "decision {number} was made in thidua: an import does not change its awardees."
        ).format(number=a)
    return a or ""
