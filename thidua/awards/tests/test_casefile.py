"""Reading the eligibility case file: strict, every error with its line, in Vietnamese and English."""

from __future__ import annotations

import textwrap

import pytest

from thidua.awards.casefile import CaseFileInvalid, answer, parse_case_file

GOOD = textwrap.dedent(
    """\
    format: 1
    province: "Bắc Ninh"
    lineage: inherit
    subjects:
      - code: U1
        kind: unit
        years:
          2024: {rating: xuat-sac, titles: []}
        holds: []
        events: [{kind: merged_into, other: U2, date: 2025-03-01}]
      - code: U2
        kind: unit
        years:
          2025: {rating: xuat-sac, titles: []}
        holds: []
    queries:
      - {subject: U2, award: bang-khen-chu-tich-tinh, year: 2025}
      - {subject: U2, award: bang-khen-chu-tich-tinh, year: 2025, decided_on: 2025-06-30}
    """
)


def errors_of(text: str) -> list[str]:
    with pytest.raises(CaseFileInvalid) as raised:
        parse_case_file(text, "ca.yaml")
    return raised.value.errors


def test_a_valid_file_is_answered_in_order_through_the_lineage():
    verdicts = answer(parse_case_file(GOOD, "ca.yaml"))
    assert [(v.subject, v.verdict, v.regime) for v in verdicts] == [
        ("U2", "eligible", "law-2022/decree-152-2025"),
        ("U2", "eligible", "law-2022/decree-98-2023"),
    ]


def test_every_error_is_reported_with_its_line_not_just_the_first():
    bad = GOOD.replace("lineage: inherit", "lineage: maybe").replace(
        "rating: xuat-sac, titles: []}\n    holds: []\n    events",
        "rating: great, titles: []}\n    holds: []\n    events",
    )
    bad = bad.replace("award: bang-khen-chu-tich-tinh, year: 2025}", "award: bang-khen-vang, year: 2025}", 1)
    errors = errors_of(bad)
    assert errors[0].startswith("ca.yaml:3: ") and "lineage" in errors[0]
    assert any(e.startswith("ca.yaml:8: ") and "great" in e for e in errors)
    assert any(e.startswith("ca.yaml:17: ") and "bang-khen-vang" in e for e in errors)
    assert len(errors) == 3


@pytest.mark.parametrize(
    ("change", "line", "vietnamese", "english"),
    [
        (
            ("kind: unit\n    years:\n      2024", "kind: unit\n    colour: red\n    years:\n      2024"),
            7,
            "khóa không được biết «colour»",
            "unknown key 'colour'",
        ),
        (
            ("  - code: U2\n", "  - name: X\n"),
            11,
            "thiếu khóa bắt buộc «code»",
            "missing required key 'code'",
        ),
        (("date: 2025-03-01", "date: 2025-02-30"), 10, "không phải ngày hợp lệ", "not a valid date"),
        (
            (
                "{subject: U2, award: bang-khen-chu-tich-tinh, year: 2025}",
                "{subject: U9, award: giay-khen, year: 2025}",
            ),
            17,
            "không có đối tượng mã «U9»",
            "unknown subject code 'U9'",
        ),
        (
            (
                "{subject: U2, award: bang-khen-chu-tich-tinh, year: 2025}",
                "{subject: U2, award: lao-dong-tien-tien, year: 2025}",
            ),
            17,
            "không xét tặng cho tập thể",
            "not given to a unit",
        ),
        (("{subject: U2", "{subject: U7"), 17, "không có đối tượng mã «U7»", "unknown subject code 'U7'"),
        (("format: 1", "format: 2"), 1, "chỉ hỗ trợ format: 1", "only format: 1"),
    ],
)
def test_a_bad_file_names_line_and_problem_in_both_languages(change, line, vietnamese, english):
    errors = errors_of(GOOD.replace(*change, 1))
    assert any(e.startswith(f"ca.yaml:{line}: ") and vietnamese in e and english in e for e in errors), errors


def test_broken_yaml_names_its_line():
    errors = errors_of("format: 1\nsubjects: [\n  - code: P1\n")
    assert len(errors) == 1 and errors[0].startswith("ca.yaml:") and "YAML" in errors[0]


def test_an_absent_fact_stays_unknown():
    text = (
        "format: 1\nsubjects:\n  - {code: P1, kind: person}\n"
        "queries:\n  - {subject: P1, award: lao-dong-tien-tien, year: 2024}\n"
    )
    (verdict,) = answer(parse_case_file(text, "ca.yaml"))
    assert verdict.verdict == "missing_information"
    assert any("not on record" in str(r) for r in verdict.reasons)


def test_a_lineage_event_may_name_a_unit_the_file_does_not_describe():
    # The contract's own example: U1 merged into U2, and U2 is not among the subjects.
    case_file = parse_case_file(
        GOOD.replace("  - code: U2", "  - code: U9", 1).replace("subject: U2", "subject: U9"), "f.yaml"
    )
    assert [e.other for e in case_file.subjects["U1"].events] == ["U2"]
