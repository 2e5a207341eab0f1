"""A large import's new people get their codes in a few queries, not one each (entry.free_codes): the same
codes save_person would give one at a time, namesakes numbered, codes on record skipped."""

from __future__ import annotations

import datetime as dt

from thidua.registry.actions import entry
from thidua.registry.models import Person

BY = "kiểm thử"


def _new(office, name: str) -> entry.NewPerson:
    return entry.NewPerson(name, "", office.stp, "Chuyên viên", dt.date(2020, 1, 1))


def test_namesakes_are_numbered_past_the_codes_on_record(office):
    entry.save_person(None, posting=(office.stp, "", dt.date(2019, 1, 1)), by=BY, name="Nguyễn Văn An")
    entry.save_person(None, posting=(office.stp, "", dt.date(2019, 1, 1)), by=BY, name="Nguyen Van An")
    entry.save_person(
        None, posting=(office.sgd, "", dt.date(2019, 1, 1)), by=BY, name="Lê Thị Hoa", code="le-thi-hoa-2"
    )

    made = entry.create_people(
        [_new(office, n) for n in ("Nguyễn Văn An", "Lê Thị Hoa", "Lê Thị Hoa", "Nguyễn văn  an", "Đỗ Minh")],
        by=BY,
    )

    assert [p.code for p in made] == [
        "nguyen-van-an-3",
        "le-thi-hoa",
        "le-thi-hoa-3",
        "nguyen-van-an-4",
        "do-minh",
    ]
    assert Person.objects.filter(code__startswith="nguyen-van-an").count() == 4


def test_a_thousand_new_people_cost_a_few_queries_for_their_codes(office, django_assert_max_num_queries):
    names = [f"Người Thứ {n % 300}" for n in range(1000)]  # 300 names, each three or four times
    with django_assert_max_num_queries(8):
        codes = entry.free_codes(office.organizer, names)
    assert len(set(codes)) == 1000
    assert codes[:2] == ["nguoi-thu-0", "nguoi-thu-1"] and codes[300] == "nguoi-thu-0-2"
    # One at a time gives the same first code.
    assert entry.free_code(office.organizer, names[0]) == codes[0]
