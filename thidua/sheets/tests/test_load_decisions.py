"""Past decisions with their awardees, from an office's workbook: the preview, the refusals, the write, and a
second import that changes nothing."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from thidua.awards.conditions import CSTDCS
from thidua.core.models import AuditEvent
from thidua.registry.models import Awardee, Decision, Person
from thidua.registry.subjects import unit_subject
from thidua.sheets.importer import Scope, kinds, run
from thidua.sheets.tests.files import two_line_header_workbook

BY = "kiểm thử"
GRANTOR = "Chủ tịch UBND tỉnh"
GOOD = [
    [
        1,
        "Nguyễn Thị Hồng Nhung ",
        "Sở Tư pháp",
        "Chiến sĩ thi đua cơ sở",
        2019,
        "12/QĐ-UBND",
        "20/01/2020",
        GRANTOR,
    ],
    [
        2,
        "Lê Văn Bình",
        "Sở Tư pháp ",
        "Chiến sĩ thi đua cơ sở",
        2019,
        "12/QĐ-UBND",
        dt.datetime(2020, 1, 20),
        GRANTOR,
    ],
    [
        3,
        "Hoàng Thị Mai",
        "Sở Giáo dục và Đào tạo",
        "Lao động tiên tiến",
        2003,
        "45/QĐ-UBND",
        "05/02/2004",
        GRANTOR,
    ],
]


def _run(office, data: bytes, **kw):
    return run(
        kinds()["decisions"],
        BytesIO(data),
        "khen-thuong-2003-2023.xlsx",
        Scope(office.organizer),
        by=BY,
        **kw,
    )


def test_the_office_file_with_mistakes_is_refused_row_by_row_and_nothing_is_written(office):
    rows = [
        *GOOD,
        [4, "Trần Văn An", "Sở Tư pháp", "Lao động tiên tiến", 2018, "13/QĐ-UBND", "31/02/2019", GRANTOR],
        [5, "Phạm Thu", "Sở Xây dựng", "Lao động tiên tiến", 2018, "14/QĐ-UBND", "01/03/2019", GRANTOR],
        [6, "Lê Văn Bình", "Sở Tư pháp", "Chiến sĩ thi đua cơ sở", 2019, "12/QĐ-UBND", "20/01/2020", GRANTOR],
        [7, "Đỗ Hà", "Sở Tư pháp", "=D4", 2019, "15/QĐ-UBND", "20/01/2020", GRANTOR],
    ]
    plan = _run(office, two_line_header_workbook(rows), write=True, confirmed=True)

    said = [str(p) for p in plan.problems]
    assert said == [
        "Trang tính 'QĐ khen thưởng', dòng 7, cột 'Ngày quyết định': 31/02/2019 không phải là ngày",
        "Trang tính 'QĐ khen thưởng', dòng 8, cột 'Đơn vị': «Sở Xây dựng» không phải là đơn vị của "
        "Ủy ban nhân dân tỉnh Lạng Sơn.",
        "Trang tính 'QĐ khen thưởng', dòng 9: trùng người được khen của quyết định 12/QĐ-UBND ở dòng 5.",
        "Trang tính 'QĐ khen thưởng', dòng 10, cột 'Hình thức khen thưởng': ô có công thức (=D4): hãy dán "
        "giá trị thay cho công thức (Dán đặc biệt, Giá trị) rồi gửi lại tệp.",
    ]
    assert not plan.written
    assert not Decision.objects.exists() and not Person.objects.exists() and not AuditEvent.objects.exists()


def test_a_clean_file_is_previewed_then_written_as_imported_history(office):
    data = two_line_header_workbook(GOOD)

    preview = _run(office, data)
    assert (preview.created, preview.changed, preview.same, preview.problems) == (3, 0, 0, [])
    assert preview.also == ["2 quyết định mới", "3 cá nhân mới"]
    assert not Decision.objects.exists()

    plan = _run(office, data, write=True)
    assert plan.written
    decision = Decision.objects.get(number="12/QĐ-UBND")
    assert decision.imported_from == "khen-thuong-2003-2023.xlsx"
    assert (decision.date, decision.award, decision.grantor) == (dt.date(2020, 1, 20), CSTDCS, GRANTOR)
    names = sorted(
        Awardee.objects.filter(decision=decision).values_list("name", "person_unit__code", "bonus")
    )
    assert names == [("Lê Văn Bình", "STP", None), ("Nguyễn Thị Hồng Nhung", "STP", None)]
    old = Awardee.objects.get(decision__number="45/QĐ-UBND")
    assert (old.year, old.award, old.person.postings.get().unit) == (2003, "lao-dong-tien-tien", office.sgd)
    verbs = sorted(AuditEvent.objects.values_list("verb", flat=True))
    # One audit row per decision for the awardees it gained, naming them by their verification codes.
    assert verbs.count("registry.decision.import") == 2 and verbs.count("registry.awardee.import") == 2
    gained = AuditEvent.objects.get(verb="registry.awardee.import", object_id=str(decision.pk)).data
    assert (gained["count"], sorted(gained["codes"])) == (
        2,
        sorted(decision.awardees.values_list("code", flat=True)),
    )


def test_importing_the_same_file_twice_changes_nothing(office):
    data = two_line_header_workbook(GOOD)
    _run(office, data, write=True)
    events = AuditEvent.objects.count()

    again = _run(office, data, write=True)

    assert (again.created, again.changed, again.same, again.written) == (0, 0, 3, False)
    assert Awardee.objects.count() == 3 and Person.objects.count() == 3
    assert AuditEvent.objects.count() == events


def test_names_without_diacritics_are_listed_and_written_only_once_confirmed(office):
    rows = [[1, "Nguyen Van Hai", "So Tu phap", "CSTĐCS", 2020, "7/QĐ-UBND", "15/01/2021", GRANTOR]]
    data = two_line_header_workbook(rows)

    plan = _run(office, data, write=True)
    assert not plan.written and not Decision.objects.exists()
    assert {(m.typed, m.meaning) for m in plan.mappings.values()} == {
        ("So Tu phap", "Sở Tư pháp"),
        ("CSTĐCS", "Chiến sĩ thi đua cơ sở"),
    }

    assert _run(office, data, write=True, confirmed=True).written
    assert Awardee.objects.get().award == CSTDCS


def test_the_engine_reads_an_imported_collective_award_like_one_made_in_thidua(office):
    rows = [
        [
            1,
            "Sở Giáo dục và Đào tạo",
            "",
            "Tập thể lao động xuất sắc",
            2022,
            "88/QĐ-UBND",
            "10/02/2023",
            GRANTOR,
        ]
    ]
    assert _run(office, two_line_header_workbook(rows), write=True).written

    record = unit_subject(office.sgd).years[2022]
    assert "tap-the-lao-dong-xuat-sac" in record.titles


def test_a_decision_already_on_record_with_another_date_is_refused(office):
    _run(office, two_line_header_workbook(GOOD), write=True)
    rows = [[1, "Vũ Minh", "Sở Tư pháp", "Chiến sĩ thi đua cơ sở", 2019, "12/QĐ-UBND", "21/01/2020", GRANTOR]]

    plan = _run(office, two_line_header_workbook(rows), write=True)

    assert len(plan.problems) == 1
    assert "12/QĐ-UBND" in str(plan.problems[0]) and "20/01/2020" in str(plan.problems[0])
    assert Awardee.objects.count() == 3
