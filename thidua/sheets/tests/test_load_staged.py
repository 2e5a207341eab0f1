"""The decisions import's two paths make the same rows: the staged path (sheets/staged.py, PostgreSQL: checks
in SQL, INSERT … SELECT) and the Python path (decisions.py, row by row through the registry's batch actions),
compared field by field for the same file — decisions, people, postings, awardees and audit rows — and the
same refusals in the same words."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection, models, transaction

from thidua.core.models import AuditEvent
from thidua.registry.actions import entry, history
from thidua.registry.actions.proposals import OnRecord
from thidua.registry.models import Awardee, AwardeeWord, Decision, Person, PersonPosting
from thidua.registry.verification import is_well_formed
from thidua.sheets import decisions, staged
from thidua.sheets.importer import Scope, kinds, run, summary

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the staged path is PostgreSQL's")

BY = "kiểm thử"
GRANTOR = "Chủ tịch UBND tỉnh"
HEADER = ["STT", *(column.header for column in decisions.COLUMNS)]


def _csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["DANH SÁCH KHEN THƯỞNG"])
    writer.writerow(HEADER)
    # name, subject, unit, position, code, award, year, number, date, grantor, signer
    writer.writerows([n + 1, *row] for n, row in enumerate(rows))
    return out.getvalue().encode()


def _rows() -> list[list[Any]]:
    person, unit = "Cá nhân", "Tập thể"
    return [
        [
            "Nguyễn Thị  Hồng Nhung ",
            person,
            "Sở Tư pháp",
            "Chuyên viên",
            "",
            "CSTĐCS",
            2019,
            "12/QĐ-UBND",
            "20/01/2020",
            GRANTOR,
            "Lê Văn Ký",
        ],
        [
            "Lê Văn Bình",
            person,
            "Sở Tư pháp",
            "Trưởng phòng",
            "CB001",
            "Chiến sĩ thi đua cơ sở",
            2019,
            "12/QĐ-UBND",
            "20/01/2020",
            GRANTOR,
            "",
        ],
        [
            "Le Van Binh",
            person,
            "So Tu phap",
            "",
            "CB001",
            "Lao động tiên tiến",
            2015,
            "3/QĐ-UBND",
            "2016-02-05",
            GRANTOR,
            "",
        ],
        [
            "Trần Thị Thu",
            person,
            "Sở Tư pháp",
            "",
            "",
            "Lao động tiên tiến",
            2015,
            "3/QĐ-UBND",
            "05/02/2016",
            GRANTOR,
            "",
        ],
        [
            "Tran Thi Thu",
            person,
            "Sở Tư pháp",
            "",
            "",
            "Lao động tiên tiến",
            2017,
            "9/QĐ-UBND",
            "05/02/2018",
            GRANTOR,
            "",
        ],
        [
            "Phạm Văn Cũ",
            person,
            "Sở Giáo dục và Đào tạo",
            "",
            "",
            "Giấy khen",
            2012,
            "1/QĐ-CU",
            "01/03/2013",
            GRANTOR,
            "",
        ],
        [
            "Phạm Văn Cũ",
            person,
            "Sở Giáo dục và Đào tạo",
            "",
            "",
            "Giấy khen",
            2013,
            "2/QĐ-UBND",
            "01/03/2014",
            GRANTOR,
            "",
        ],
        [
            "Sở Giáo dục và Đào tạo",
            unit,
            "",
            "",
            "",
            "Tập thể lao động xuất sắc",
            2022,
            "88/QĐ-UBND",
            "10/02/2023",
            GRANTOR,
            "",
        ],
        [
            "Văn phòng Sở Tư pháp",
            "",
            "",
            "",
            "",
            "Tập thể lao động xuất sắc",
            2022,
            "88/QĐ-UBND",
            "10/02/2023",
            GRANTOR,
            "",
        ],
        [
            "Hoàng Mai",
            person,
            "Văn phòng Sở Tư pháp",
            "Chuyên viên",
            "",
            "Bằng khen của Chủ tịch UBND tỉnh",
            2010,
            "5/QĐ-UBND",
            "10/01/2011",
            GRANTOR,
            "",
        ],
    ]


@pytest.fixture
def on_record(office):
    """Before the import: Trần Thị Thu works at Sở Tư pháp (two postings), Phạm Văn Cũ already has the
    awardee of an earlier import's decision 1/QĐ-CU."""
    thu = entry.save_person(
        None, posting=(office.sgd, "Giáo viên", dt.date(2001, 1, 1)), by=BY, name="Trần Thị Thu"
    )
    entry.save_person(thu, posting=(office.stp, "Chuyên viên chính", dt.date(2016, 1, 1)), by=BY)
    cu = entry.save_person(
        None, posting=(office.sgd, "Kế toán", dt.date(2010, 1, 1)), by=BY, name="Phạm Văn Cũ"
    )
    old = history.record_past_decision(
        organizer=office.organizer,
        number="1/QĐ-CU",
        date=dt.date(2013, 3, 1),
        grantor=GRANTOR,
        signer="",
        award="giay-khen",
        award_name="Giấy khen",
        source_file="cu.xlsx",
        by=BY,
    )
    history.add_past_awardees([OnRecord(old, year=2012, name="Phạm Văn Cũ", person=cu)], by=BY)


def _value(field: models.Field[Any, Any], row: models.Model) -> Any:
    value = getattr(row, field.attname)
    if isinstance(field, models.ForeignKey) and value is not None:
        return _natural(getattr(row, field.name))
    return value


def _natural(row: models.Model) -> Any:
    """A row as a key that does not depend on the order ids were drawn in."""
    if isinstance(row, Person):
        return ("person", row.code)
    if isinstance(row, Decision):
        return ("decision", row.number)
    if isinstance(row, Awardee):
        return ("awardee", row.decision.number, row.name, row.year)
    return (row._meta.label, row.pk)


def _snapshot() -> dict[str, list[Any]]:
    """Every row the import may write, field by field, ids and random codes aside."""
    taken: dict[str, Any] = {}
    made: dict[str, list[Any]] = {}
    for model in (Decision, Person, PersonPosting, Awardee):
        rows = []
        for row in model.objects.all():
            fields = {}
            for field in model._meta.concrete_fields:
                if field.primary_key:
                    continue
                if field.name == "code" and model in (Decision, Awardee):
                    assert is_well_formed(row.code) and row.code not in taken
                    taken[row.code] = _natural(row)
                    continue
                fields[field.name] = _value(field, row)
            rows.append(sorted(fields.items(), key=str))
        made[model.__name__] = sorted(rows, key=str)
    events = []
    for event in AuditEvent.objects.all():
        model = {m._meta.label_lower: m for m in (Decision, Person, Awardee)}[event.object_type]
        data = dict(event.data)
        if "codes" in data:
            data["codes"] = sorted(str(taken[code]) for code in data["codes"])
        events.append(
            str(
                (
                    event.verb,
                    event.actor_label,
                    _natural(model.objects.get(pk=event.object_id)),
                    sorted(data.items()),
                )
            )
        )
    made["AuditEvent"] = sorted(events)
    # The search's words: an award loaded by either path is found by the same words.
    made["AwardeeWord"] = sorted(
        str((_natural(word.awardee), word.word, word.year, word.words, word.organizer_id))
        for word in AwardeeWord.objects.select_related("awardee__decision")
    )
    return made


def _import(
    office, data: bytes, *, sql: bool, monkeypatch, **kw: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The plan's summary and the rows the import left, by one path; undone after."""
    monkeypatch.setattr(staged, "stages", lambda: sql)
    with transaction.atomic():
        plan = run(
            kinds()["decisions"], io.BytesIO(data), "khen-thuong.csv", Scope(office.organizer), by=BY, **kw
        )
        shown, rows = summary(plan), _snapshot()
        # The names to confirm, in whichever order each path met them.
        shown["mappings"] = sorted(shown["mappings"], key=str)
        transaction.set_rollback(True)
    return shown, rows


def test_both_paths_make_the_same_rows_field_by_field(office, on_record, monkeypatch):
    data = _csv(_rows())
    python_plan, python_rows = _import(
        office, data, sql=False, monkeypatch=monkeypatch, write=True, confirmed=True
    )
    sql_plan, sql_rows = _import(office, data, sql=True, monkeypatch=monkeypatch, write=True, confirmed=True)

    assert python_plan["written"] and python_plan["problem_count"] == 0, python_plan["problems"]
    assert (python_plan["created"], python_plan["same"]) == (9, 1)
    for table in python_rows:
        assert sql_rows[table] == python_rows[table], table
    assert sql_plan == python_plan


def test_both_paths_preview_alike_with_the_same_names_to_confirm(office, on_record, monkeypatch):
    data = _csv(_rows())
    python_plan, _ = _import(office, data, sql=False, monkeypatch=monkeypatch)
    sql_plan, rows = _import(office, data, sql=True, monkeypatch=monkeypatch)
    assert sql_plan == python_plan
    assert {m["typed"] for m in sql_plan["mappings"]} >= {"So Tu phap", "CSTĐCS", "Tran Thi Thu"}
    assert len(rows["Awardee"]) == 1  # only the one on record: a preview writes nothing


def test_both_paths_refuse_the_same_rows_in_the_same_words(office, on_record, monkeypatch):
    rows = _rows()
    rows[1][8] = "31/02/2020"  # no such day
    rows[3][2] = "Sở Xây dựng"  # no such unit
    rows[4][7] = "3/QĐ-UBND"  # Trần Thị Thu twice on decision 3
    rows[6][6] = "năm ngoái"  # not a year
    rows[9][1] = "Đơn vị"  # neither a person nor a collective
    rows.append(
        ["Vũ Minh", "Cá nhân", "Sở Tư pháp", "", "", "Giấy khen", 2012, "1/QĐ-CU", "02/03/2013", GRANTOR, ""]
    )
    rows.append(
        ["Lê Văn Bình", "Cá nhân", "", "", "", "Giấy khen", 2019, "12/QĐ-UBND", "20/01/2020", GRANTOR, ""]
    )
    data = _csv(rows)
    python_plan, _ = _import(office, data, sql=False, monkeypatch=monkeypatch, write=True, confirmed=True)
    sql_plan, after = _import(office, data, sql=True, monkeypatch=monkeypatch, write=True, confirmed=True)

    assert python_plan["problem_count"] >= 6 and not python_plan["written"]
    assert sql_plan["problems"] == python_plan["problems"]
    assert "Dòng 4, cột 'Ngày quyết định': 31/02/2020 không phải là ngày" in sql_plan["problems"]
    assert not sql_plan["written"] and len(after["Awardee"]) == 1


def test_a_second_import_of_the_same_file_changes_nothing(office, on_record, monkeypatch):
    monkeypatch.setattr(staged, "stages", lambda: True)
    data = _csv(_rows())
    first = run(
        kinds()["decisions"],
        io.BytesIO(data),
        "khen-thuong.csv",
        Scope(office.organizer),
        by=BY,
        write=True,
        confirmed=True,
    )
    assert first.written
    before = _snapshot()
    again = run(
        kinds()["decisions"],
        io.BytesIO(data),
        "khen-thuong.csv",
        Scope(office.organizer),
        by=BY,
        write=True,
        confirmed=True,
    )
    assert (again.created, again.same, again.written) == (0, 10, False)
    assert _snapshot() == before
    imported = Decision.objects.exclude(number="1/QĐ-CU")
    assert set(imported.values_list("imported_from", flat=True)) == {"khen-thuong.csv"}
