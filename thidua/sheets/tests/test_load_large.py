"""A big-ish award list (the bench's generator, 5,000 rows over a few chunks): every row lands exactly once,
a second import changes nothing, a mistake far down the file undoes the chunks already written and names its
row, the reading says how far it has got, and a file wrong on every line is counted, not listed whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest

from thidua.bench_awards import AwardList, unit_names
from thidua.core.models import AuditEvent
from thidua.organisations.models import Unit
from thidua.registry.models import Awardee, Decision, Person, PersonPosting
from thidua.sheets import decisions
from thidua.sheets.importer import MOST_PROBLEMS, Scope, kinds, run, summary

BY = "kiểm thử"
LIST = AwardList(5000, units=20)


@pytest.fixture
def units(office) -> list[Unit]:
    return [
        Unit.objects.create(organizer=office.organizer, code=f"PNV{n}", name=name, short_name="")
        for n, name in enumerate(unit_names(LIST.units))
    ]


def _file(edit: dict[int, dict[int, str]] | None = None) -> bytes:
    """The list as CSV; `edit`: spreadsheet row number -> {column position: new text}."""
    out = io.StringIO()
    LIST.write_csv(out)
    if not edit:
        return out.getvalue().encode()
    lines = list(csv.reader(io.StringIO(out.getvalue())))
    for number, cells in edit.items():
        for position, text in cells.items():
            lines[number - 1][position] = text
    again = io.StringIO()
    csv.writer(again).writerows(lines)
    return again.getvalue().encode()


def _run(office, data: bytes, **kw):
    return run(
        kinds()["decisions"], io.BytesIO(data), "khen-thuong-lon.csv", Scope(office.organizer), by=BY, **kw
    )


def test_a_big_file_lands_row_for_row_and_a_second_import_changes_nothing(office, units):
    assert LIST.rows > 2 * decisions.CHUNK  # written over several chunks
    preview = _run(office, _file())
    assert (preview.created, preview.same, preview.problem_count) == (5000, 0, 0)
    assert preview.also == [f"{LIST.decisions} quyết định mới", f"{LIST.people} cá nhân mới"]
    assert not Awardee.objects.exists() and not Person.objects.exists()
    # The abbreviated form of some rows is shown as read, to confirm: nothing is written before that.
    assert [m["typed"] for m in summary(preview)["mappings"]] == ["Bằng khen của Chủ tịch UBND tỉnh"]
    assert not _run(office, _file(), write=True).written and not Awardee.objects.exists()

    plan = _run(office, _file(), write=True, confirmed=True)

    assert plan.written and plan.created == 5000
    assert (Decision.objects.count(), Person.objects.count(), PersonPosting.objects.count()) == (
        LIST.decisions,
        LIST.people,
        LIST.people,
    )
    on_record = set(
        Awardee.objects.values_list(
            "decision__number", "year", "person__code", "name", "name_folded", "person_unit__name", "award"
        )
    )
    expected = {
        (line[7], line[6], line[3], line[1], line[1], line[2]) for line in LIST.lines()
    }  # number, year, code, name, unit
    assert len(on_record) == 5000
    assert {(n, y, c, name, unit) for n, y, c, name, _f, unit, _a in on_record} == {
        (n, y, c, name, unit) for n, y, c, name, _same, unit in expected
    }
    sample = Awardee.objects.select_related("decision").get(
        decision__number="1/QĐ-KT", person__code="CB0000000"
    )
    assert (sample.name_folded, sample.award, sample.decision.imported_from) == (
        "dinh thanh huyen",
        "lao-dong-tien-tien",
        "khen-thuong-lon.csv",
    )
    assert len(set(Awardee.objects.values_list("code", flat=True))) == 5000  # a verification code each
    # An audit row per new person and decision, and per decision for the awardees each chunk gave it,
    # naming them by their verification codes.
    verbs = Counter(AuditEvent.objects.values_list("verb", flat=True))
    assert (verbs["registry.decision.import"], verbs["registry.person.create"]) == (
        LIST.decisions,
        LIST.people,
    )
    gained = AuditEvent.objects.filter(verb="registry.awardee.import")
    assert {e.object_id for e in gained} == {str(pk) for pk in Decision.objects.values_list("pk", flat=True)}
    assert sorted(code for e in gained for code in e.data["codes"]) == sorted(
        Awardee.objects.values_list("code", flat=True)
    )

    again = _run(office, _file(), write=True, confirmed=True)

    assert (again.created, again.changed, again.same, again.written) == (0, 0, 5000, False)
    assert again.also == []
    assert Awardee.objects.count() == 5000 and Person.objects.count() == LIST.people
    assert AuditEvent.objects.count() == sum(verbs.values())


def test_a_mistake_in_row_4321_undoes_the_rows_written_before_it_and_names_the_row(office, units):
    plan = _run(office, _file({4321: {8: "31/02/2019"}}), write=True, confirmed=True)

    assert not plan.written and plan.problem_count == 1
    assert str(plan.problems[0]) == "Dòng 4321, cột 'Ngày quyết định': 31/02/2019 không phải là ngày"
    # Two chunks were checked (and written) before row 4321 was read: nothing of them is kept.
    assert not Awardee.objects.exists() and not Decision.objects.exists() and not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_reading_reports_its_progress(office, units):
    heard: list[tuple[float, int]] = []
    _run(office, _file(), progress=lambda share, rows: heard.append((share, rows)))
    # The rows as they are read; on PostgreSQL the checks in SQL move the bar on after the reading.
    rows = [rows for _share, rows in heard]
    assert rows[:5] == list(range(1000, 5001, 1000)) and set(rows[5:]) <= {5000}
    shares = [share for share, _rows in heard]
    assert shares == sorted(shares) and 0 < shares[0] < 1 and shares[-1] <= 1


def test_a_file_wrong_on_every_line_is_counted_not_listed_whole(office, units):
    wrong = {number: {6: "năm ngoái"} for number in range(3, 3 + MOST_PROBLEMS + 500)}
    plan = _run(office, _file(wrong))
    assert len(plan.problems) == MOST_PROBLEMS and plan.problem_count == MOST_PROBLEMS + 500
    assert str(plan.problems[0]) == "Dòng 3, cột 'Năm thành tích': năm ngoái không phải là năm"


def test_someone_met_again_in_a_later_chunk_with_an_earlier_year_worked_there_from_then(office, units):
    lines = list(LIST.lines())
    code = lines[4500 - 3][3]  # row 4500, in the third chunk; its person was first named in the first
    plan = _run(office, _file({4500: {6: "1999"}}), write=True, confirmed=True)
    assert plan.written
    posting = PersonPosting.objects.get(person__code=code)
    assert (posting.start, posting.unit.name) == (dt.date(1999, 1, 1), lines[4500 - 3][2])
