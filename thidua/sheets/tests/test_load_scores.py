"""A year's detailed score table round-trips through Excel: the score page's export imported back changes
nothing, an edited score is the one change (written through the scoring actions, by whom the unit's page
allows, while the table is open), and a file with mistakes writes nothing and says where."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.actions import scoring
from thidua.emulation.models import ClusterYear, ItemScore, UnitScore
from thidua.emulation.papers.scores import entry_workbook
from thidua.emulation.queries.papers import score_papers
from thidua.sheets.importer import Plan, Scope, kinds, run
from thidua.sheets.tests.files import office_workbook
from thidua.testing import factories
from thidua.testing.workbooks import read_table
from thidua.testing.worlds import client_for, user_with

BY = "kiểm thử"
CRITERIA = (
    ("Thực hiện nhiệm vụ chính trị", "Hoàn thành chỉ tiêu được giao", Decimal(40)),
    ("Thực hiện nhiệm vụ chính trị", "Cải cách hành chính", Decimal(30)),
    ("Công tác thi đua, khen thưởng", "Phong trào thi đua", Decimal("20.5")),
)
# Columns of the export: No., cluster, year, unit, group, criterion, max, self, note, appraised, reason.
SELF, NOTE, APPRAISED, REASON = 7, 8, 9, 10


@pytest.fixture
def year(office) -> ClusterYear:
    cluster = factories.ClusterFactory(organizer=office.organizer, name="Cụm các Sở Nội chính", code="NC")
    cluster_year = factories.ClusterYearFactory(cluster=cluster, year=2026)
    for unit in (office.stp, office.sgd):
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit)
    sheet = scoring.create_sheet(cluster_year, scale=Decimal(100), by=BY)
    for group, name, points in CRITERIA:
        scoring.add_criterion(sheet, group=group, name=name, kind="standard", max_points=points, by=BY)
    return cluster_year


def _export(year: ClusterYear, units: list | None = None) -> bytes:
    return entry_workbook(score_papers(year, units or year.member_units()), year)


def _load(scope: Scope, content: bytes, **kw: object) -> Plan:
    return run(kinds()["scores"], BytesIO(content), "diem.xlsx", scope, by=BY, **kw)  # type: ignore[arg-type]


def _officer(office) -> Scope:
    return Scope(office.organizer, frozenset({office.stp.pk}))


def _score(year: ClusterYear, unit, points: list[Decimal | None], notes: list[str]) -> UnitScore:
    unit_score = scoring.unit_score_for(year.score_sheet, unit)
    criteria = list(year.score_sheet.criteria.order_by("position"))
    entries = {c.pk: scoring.Entry(p, n) for c, p, n in zip(criteria, points, notes, strict=True)}
    scoring.save_self_scores(unit_score, entries, by=BY)  # type: ignore[arg-type]
    return unit_score


def _edited(content: bytes, changes: dict[tuple[int, int], object]) -> bytes:
    table = read_table(content)
    rows = [list(row) for row in table.rows]
    for (row, column), value in changes.items():
        rows[row][column] = value
    return office_workbook(table.header, rows)


def _points(year: ClusterYear) -> list[tuple[str, str, Decimal | None, str, Decimal | None, str]]:
    items = ItemScore.objects.filter(unit_score__sheet__cluster_year=year).select_related(
        "unit_score__unit", "criterion"
    )
    return sorted(
        (i.unit_score.unit.name, i.criterion.name, i.self_points, i.note, i.appraised_points, i.reason)
        for i in items
    )


POINTS = st.one_of(st.none(), st.decimals(min_value=0, max_value=20, places=2))
NOTES = st.sampled_from(["", "Hoàn thành 19/20 chỉ tiêu", "Có minh chứng kèm theo", "  khoảng trắng cuối  "])
UNIT = st.tuples(
    st.lists(POINTS, min_size=3, max_size=3),
    st.lists(NOTES, min_size=3, max_size=3),
    st.sampled_from(["open", "submitted", "appraised", "untouched"]),
    st.lists(st.decimals(min_value=0, max_value=20, places=2), min_size=3, max_size=3),
)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=st.tuples(UNIT, UNIT))
def test_export_then_import_is_the_identity(office, year, units) -> None:
    with transaction.atomic():
        for unit, (points, notes, state, appraised) in zip((office.stp, office.sgd), units, strict=True):
            if state == "untouched":
                continue
            if state != "open":
                points = [p if p is not None else Decimal(1) for p in points]
            unit_score = _score(year, unit, points, notes)
            if state != "open":
                scoring.submit(unit_score, by=BY)  # type: ignore[arg-type]
            if state == "appraised":
                criteria = year.score_sheet.criteria.order_by("position")
                entries = {
                    c.pk: scoring.Entry(a, "Điều chỉnh theo minh chứng")
                    for c, a in zip(criteria, appraised, strict=True)
                }
                scoring.appraise(unit_score, entries, by=BY)  # type: ignore[arg-type]
        before = _points(year)
        board_file = _export(year)
        officer_file = _export(year, [office.stp])

        for scope, exported, rows in (
            (Scope(office.organizer), board_file, 6),
            (_officer(office), officer_file, 3),
        ):
            plan = _load(scope, exported, write=True)

            assert plan.problems == [], plan.problems
            assert (plan.created, plan.changed, plan.same, plan.written) == (0, 0, rows, False)
        assert _points(year) == before
        transaction.set_rollback(True)


def test_an_officer_edits_its_self_score_and_only_that_changes(office, year) -> None:
    _score(year, office.stp, [Decimal(35), Decimal(25), None], ["", "", ""])
    exported = _export(year, [office.stp])
    edited = _edited(exported, {(0, SELF): "38,5", (0, NOTE): "Đã bổ sung minh chứng", (2, SELF): 20})

    preview = _load(_officer(office), edited)

    assert preview.problems == [] and (preview.changed, preview.same) == (2, 1)
    shown = [o.text for o in preview.outcomes if o.action == "change"]
    assert shown == [
        "Sở Tư pháp – Hoàn thành chỉ tiêu được giao; điểm tự chấm 35 → 38.5",
        "Sở Tư pháp – Phong trào thi đua; điểm tự chấm — → 20",
    ]
    assert ItemScore.objects.filter(self_points=Decimal("38.5")).count() == 0  # a preview writes nothing

    plan = _load(_officer(office), edited, write=True)

    assert plan.written
    points = {(u, c): (s, n) for u, c, s, n, _a, _r in _points(year)}
    assert points[("Sở Tư pháp", CRITERIA[0][1])] == (Decimal("38.5"), "Đã bổ sung minh chứng")
    assert points[("Sở Tư pháp", CRITERIA[2][1])] == (Decimal(20), "")
    assert AuditEvent.objects.filter(verb="scoring.self_score").count() == 2  # the set-up's, the import's
    again = _load(_officer(office), edited, write=True)
    assert (again.changed, again.same, again.written) == (0, 3, False)


def test_the_board_appraises_a_submitted_unit_with_its_reasons(office, year) -> None:
    unit_score = _score(year, office.sgd, [Decimal(40), Decimal(30), Decimal(20)], ["", "", ""])
    scoring.submit(unit_score, by=BY)  # type: ignore[arg-type]
    exported = _export(year)
    rows = {(3, APPRAISED): 36, (4, APPRAISED): 30, (5, APPRAISED): 20}

    no_reason = _load(Scope(office.organizer), _edited(exported, rows), write=True)

    said = [str(p) for p in no_reason.problems]
    assert not no_reason.written and said == [
        "Trang tính 'Danh sách', dòng 8, cột 'Lý do điều chỉnh': “Hoàn thành chỉ tiêu được giao”: điểm thẩm "
        "định khác điểm tự chấm, cần ghi lý do."
    ], said

    rows[(3, REASON)] = "Một chỉ tiêu hoàn thành chậm"
    plan = _load(Scope(office.organizer), _edited(exported, rows), write=True)

    assert plan.problems == [] and plan.written and (plan.changed, plan.same) == (3, 3)
    unit_score.refresh_from_db()
    assert unit_score.appraised_at is not None
    appraised = [(a, r) for u, _c, _s, _n, a, r in _points(year) if u == "Sở Giáo dục và Đào tạo"]
    assert sorted(appraised) == [
        (Decimal(20), ""),
        (Decimal(30), ""),
        (Decimal(36), "Một chỉ tiêu hoàn thành chậm"),
    ]


def test_refusals_say_sheet_row_and_column_and_write_nothing(office, year) -> None:
    _score(year, office.stp, [Decimal(35), Decimal(25), Decimal(10)], ["", "", ""])
    submitted = _score(year, office.sgd, [Decimal(40), Decimal(30), Decimal(20)], ["", "", ""])
    scoring.submit(submitted, by=BY)  # type: ignore[arg-type]
    exported = _export(year)
    before = _points(year)
    table = read_table(exported)
    rows = [list(row) for row in table.rows]
    rows[0][SELF] = "abc"
    rows[1][SELF] = 31  # over the maximum of 30
    rows[3][SELF] = 39  # a submitted unit's self-score
    rows[4][APPRAISED] = 28  # an officer's appraisal
    rows.append([7, "Cụm các Sở Nội chính", 2026, "Sở Tư pháp", "Nhóm khác", "Tiêu chí lạ", 5, 1, "", "", ""])
    rows.append(list(rows[2]))

    plan = _load(_officer(office), office_workbook(table.header, rows), write=True)

    said = "\n".join(str(p) for p in plan.problems)
    assert not plan.written and _points(year) == before
    assert "dòng 5, cột 'Điểm tự chấm': abc không phải là số" in said, said
    assert "dòng 6, cột 'Điểm tự chấm': 31 điểm vượt điểm tối đa 30 của tiêu chí." in said, said
    assert "dòng 8, cột 'Đơn vị': «Sở Giáo dục và Đào tạo» không thuộc các đơn vị bạn được nhập liệu." in said
    assert "dòng 11, cột 'Nội dung tiêu chí': «Nhóm khác – Tiêu chí lạ» không phải là tiêu chí" in said, said
    assert "dòng 12, cột 'Nội dung tiêu chí': trùng đơn vị và tiêu chí với dòng 7." in said, said

    board = _load(Scope(office.organizer), _edited(exported, {(0, SELF): 36, (3, SELF): 39}))
    said = "\n".join(str(p) for p in board.problems)
    assert "dòng 5, cột 'Điểm tự chấm': chỉ cán bộ của chính đơn vị mới nhập điểm tự chấm." in said, said

    scoring.appraise(
        submitted,
        {
            c.pk: scoring.Entry(p)
            for c, p in zip(year.score_sheet.criteria.order_by("position"), (40, 30, 20), strict=True)
        },
        by=BY,  # type: ignore[arg-type]
    )
    scoring.score_on_behalf(
        scoring.unit_score_for(year.score_sheet, office.stp),
        {c.pk: scoring.Entry(Decimal(1)) for c in year.score_sheet.criteria.all()},
        reason="Không nộp đúng hạn",
        by=BY,  # type: ignore[arg-type]
    )
    scoring.lock(year.score_sheet, by=factories.UserFactory())
    locked = _load(Scope(office.organizer), _edited(_export(year), {(3, APPRAISED): 39}), write=True)
    assert not locked.written
    assert [p.message for p in locked.problems] == [
        "Điểm năm này đã khóa: muốn sửa phải mở lại (kèm lý do)."
    ], locked.problems


def test_the_score_page_links_the_export_an_officer_gets_its_own_unit_and_imports_it(
    office, year, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    _score(year, office.stp, [Decimal(35), Decimal(25), None], ["", "", ""])
    officer = client_for(user_with("can-bo-stp", kind=Role.Kind.UNIT_OFFICER, unit=office.stp))
    url = reverse("scoring:scores_export", args=[year.cluster_id, 2026])
    assert url in officer.get(reverse("scoring:sheet", args=[year.cluster_id, 2026])).text

    response = officer.get(url)

    assert response.status_code == 200
    table = read_table(response.content)
    assert {row[3] for row in table.rows} == {"Sở Tư pháp"} and len(table.rows) == 3
    assert table.header[SELF] == "Điểm tự chấm" and table.rows[0][SELF] == 35
    edited = _edited(response.content, {(1, SELF): 27})
    preview = officer.post(
        reverse("sheets:load"), {"kind": "scores", "file": SimpleUploadedFile("diem.xlsx", edited)}
    )
    assert preview.status_code == 200 and "Bảng điểm chi tiết của một năm" in preview.text
    assert "điểm tự chấm 25 → 27" in preview.text
    board = client_for(user_with("ban", kind=Role.Kind.BOARD, organizer=office.organizer))
    assert len(read_table(board.get(url).content).rows) == 6
    assert board.get(reverse("sheets:template", args=["scores"])).status_code == 200


def test_the_cluster_lead_imports_the_appraisal_of_the_year_they_lead(
    office, year, settings, tmp_path
) -> None:
    """The lead of a cluster's year appraises on the score page; the score table's import lets them do the
    same from the exported file, for that year only."""
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    submitted = _score(year, office.sgd, [Decimal(40), Decimal(30), Decimal(20)], ["", "", ""])
    scoring.submit(submitted, by=BY)  # type: ignore[arg-type]
    lead = client_for(user_with("cum-truong", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year))
    exported = lead.get(reverse("scoring:scores_export", args=[year.cluster_id, 2026]))
    assert exported.status_code == 200
    edited = _edited(
        exported.content, {(3, APPRAISED): 36, (3, REASON): "Chậm một chỉ tiêu", (4, APPRAISED): 30}
    )
    edited = _edited(edited, {(5, APPRAISED): 20})

    preview = lead.post(
        reverse("sheets:load"), {"kind": "scores", "file": SimpleUploadedFile("diem.xlsx", edited)}
    )
    assert preview.status_code == 200, preview.text
    assert "Bảng điểm chi tiết của một năm" in preview.text  # 200: no problem (a problem answers 400)
    done = lead.post(reverse("sheets:commit"), {"xac_nhan": "1"})

    assert done.status_code == 302
    appraised = [(a, r) for u, _c, _s, _n, a, r in _points(year) if u == "Sở Giáo dục và Đào tạo"]
    assert sorted(appraised) == [(Decimal(20), ""), (Decimal(30), ""), (Decimal(36), "Chậm một chỉ tiêu")]
    # The lead imports scores, nothing else: no other kind's template.
    assert lead.get(reverse("sheets:template", args=["decisions"])).status_code == 404


def test_a_cluster_lead_may_not_import_another_cluster_or_year(office, year) -> None:
    submitted = _score(year, office.sgd, [Decimal(40), Decimal(30), Decimal(20)], ["", "", ""])
    scoring.submit(submitted, by=BY)  # type: ignore[arg-type]
    rows = {(3, APPRAISED): 39, (3, REASON): "Vượt", (4, APPRAISED): 30, (5, APPRAISED): 20}
    edited = _edited(_export(year), rows)
    before = _points(year)
    other = factories.ClusterYearFactory(
        cluster=factories.ClusterFactory(organizer=office.organizer, name="Cụm Kinh tế", code="KT"), year=2026
    )
    factories.MembershipFactory(cluster_year=other, unit=factories.UnitFactory(organizer=office.organizer))
    last_year = factories.ClusterYearFactory(cluster=year.cluster, year=2025)
    for unit in (office.stp, office.sgd):
        factories.MembershipFactory(cluster_year=last_year, unit=unit)
    from thidua.sheets.access import scope_for

    for led in (other, last_year):
        scope, allowed = scope_for(
            user_with(f"lead-{led.pk}", kind=Role.Kind.CLUSTER_LEAD, cluster_year=led), None
        )
        assert [k.code for k in allowed] == ["scores"]
        plan = _load(scope, edited, write=True)
        said = "\n".join(str(p) for p in plan.problems)
        assert not plan.written and _points(year) == before
        if led == other:  # another cluster's units
            assert "cột 'Đơn vị': «Sở Giáo dục và Đào tạo» không thuộc các đơn vị bạn được nhập liệu." in said
        else:  # the same units, a year they do not lead
            assert (
                "cột 'Điểm thẩm định': chỉ Ban Thi đua – Khen thưởng hoặc cụm trưởng mới thẩm định điểm."
                in said
            ), said
