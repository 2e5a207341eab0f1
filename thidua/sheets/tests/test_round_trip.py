"""Exporting the registry (registry/export.py) and importing the workbook into another organizer with the
same units gives the same registry: its export is the same, row for row."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.organisations.models import Organizer
from thidua.registry.actions import entry, history
from thidua.registry.export import workbook
from thidua.registry.models import Awardee, Person
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.names import award_name
from thidua.testing.factories import OrganizerFactory, UnitFactory
from thidua.testing.workbooks import read_table

BY = "kiểm thử"
UNITS = ("Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Văn phòng Đoàn đại biểu Quốc hội")
PEOPLE = [
    f"{a} {b} {c}" for a in ("Nguyễn", "Trần", "Lê") for b in ("Văn", "Thị") for c in ("An", "Hoa", "Đức")
]
PERSON_AWARDS = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "bang-khen-chu-tich-tinh")
UNIT_AWARDS = ("tap-the-lao-dong-xuat-sac", "co-thi-dua-tinh", "giay-khen")
OUTSIDE = "Huân chương Lao động hạng Ba"
GRANTORS = ("Chủ tịch Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ")

PERSONS = st.tuples(st.just("person"), st.sampled_from(PEOPLE), st.sampled_from(UNITS))
COLLECTIVES = st.tuples(st.just("unit"), st.just(""), st.sampled_from(UNITS))


@st.composite
def decisions(draw: st.DrawFn) -> list[dict[str, object]]:
    found = []
    for number in range(draw(st.integers(1, 4))):
        year = draw(st.integers(2003, 2024))
        kind_awards = draw(st.sampled_from(["person", "unit"]))
        awards = PERSON_AWARDS if kind_awards == "person" else UNIT_AWARDS
        award = draw(st.sampled_from([*awards, ""]))
        awardees = draw(st.lists(PERSONS if kind_awards == "person" else COLLECTIVES, min_size=1, max_size=4))
        found.append(
            {
                "number": f"{number + 1}/QĐ-UBND",
                "date": dt.date(year + 1, draw(st.integers(1, 12)), draw(st.integers(1, 28))),
                "grantor": draw(st.sampled_from(GRANTORS)),
                "award": award,
                "year": year,
                "awardees": list(dict.fromkeys(awardees)),
            }
        )
    return found


def _organizer(name: str) -> Organizer:
    organizer = OrganizerFactory(name=name)
    for number, unit in enumerate(UNITS):
        UnitFactory(organizer=organizer, name=unit, short_name="", code=f"U{number}")
    return organizer


def _fill(organizer: Organizer, drawn: list[dict[str, object]]) -> None:
    units = {unit.name: unit for unit in organizer.units.all()}
    people: dict[tuple[str, str], Person] = {}
    for d in drawn:
        code = str(d["award"])
        decision = history.record_past_decision(
            organizer=organizer,
            number=str(d["number"]),
            date=d["date"],  # type: ignore[arg-type]
            grantor=str(d["grantor"]),
            signer="",
            award=code,
            award_name=award_name(code) if code else OUTSIDE,
            source_file="so-goc.xlsx",
            by=BY,
        )
        for kind, name, unit in d["awardees"]:  # type: ignore[attr-defined]
            if kind == "unit":
                history.add_past_awardee(decision, year=d["year"], name=unit, unit=units[unit], by=BY)
                continue
            if (name, unit) not in people:
                people[(name, unit)] = entry.save_person(
                    None, posting=(units[unit], "", dt.date(2000, 1, 1)), by=BY, name=name
                )
            history.add_past_awardee(decision, year=d["year"], name=name, person=people[(name, unit)], by=BY)


def _export(organizer: Organizer) -> list[tuple[object, ...]]:
    rows = Awardee.objects.filter(decision__organizer=organizer).select_related(
        "decision", "unit", "person_unit"
    )
    return sorted(tuple(row[1:]) for row in read_table(workbook(rows)).rows)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decisions())
def test_export_then_import_is_the_identity(drawn: list[dict[str, object]]) -> None:
    with transaction.atomic():
        source, target = _organizer("Tỉnh nguồn"), _organizer("Tỉnh đích")
        _fill(source, drawn)
        exported = _export(source)
        data = BytesIO(workbook(Awardee.objects.filter(decision__organizer=source)))

        plan = run(
            kinds()["decisions"],
            data,
            "so-khen-thuong.xlsx",
            Scope(target),
            by=BY,
            write=True,
            confirmed=True,
        )

        assert plan.problems == [] and plan.written
        assert _export(target) == exported
        data.seek(0)
        again = run(
            kinds()["decisions"],
            data,
            "so-khen-thuong.xlsx",
            Scope(target),
            by=BY,
            write=True,
            confirmed=True,
        )
        assert (again.created, again.same) == (0, plan.created)
        transaction.set_rollback(True)
