"""The interchange format of a year's decisions and awardees (docs/INTERCHANGE.md): the board downloads a
year as CSV or JSON with the catalogue's codes, and either file read back through the decisions import
changes nothing in the same registry, and gives the same awards in another with the same units."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.accounts.models import Role
from thidua.organisations.models import Organizer
from thidua.registry.models import Awardee
from thidua.sheets import interchange
from thidua.sheets.importer import Plan, Scope, kinds, run
from thidua.sheets.tests.test_round_trip import _fill, _organizer, decisions
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, user_with

# What a file carries into the registry; the rest (verification code, bonus, job title) is reported only.
CARRIED = (
    "so_quyet_dinh",
    "ngay_quyet_dinh",
    "cap_quyet_dinh",
    "ma_hinh_thuc",
    "ten_hinh_thuc",
    "nam_thanh_tich",
    "doi_tuong",
    "ten",
    "ten_don_vi",
    "tinh_trang",
)


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _load(organizer: Organizer, content: bytes, name: str, **kw: object) -> Plan:
    return run(kinds()["interchange"], BytesIO(content), name, Scope(organizer), by=BY, **kw)  # type: ignore[arg-type]


def _carried(organizer: Organizer, year: int) -> list[tuple[str, ...]]:
    rows = _rows(interchange.as_csv(interchange.awardees_of(organizer, year)))
    return sorted(tuple(row[k] for k in CARRIED) for row in rows)


def test_the_board_downloads_a_year_as_csv_and_json_with_catalogue_codes(seed: Seed) -> None:
    decide_seed(seed)
    board = user_with("ban", kind=Role.Kind.BOARD, organizer=seed.organizer)
    client = client_for(board)
    assert reverse("sheets:interchange_export") in client.get(reverse("registry:decisions")).text

    response = client.get(reverse("sheets:interchange_export"), {"nam": 2021})

    assert response.status_code == 200 and "khen-thuong-2021.csv" in response["Content-Disposition"]
    rows = _rows(response.content)
    assert list(rows[0]) == list(interchange.FIELDS)
    assert {(r["so_quyet_dinh"], r["ma_hinh_thuc"], r["doi_tuong"]) for r in rows} == {
        ("245/QĐ-UBND", "co-thi-dua-tinh", "tap_the"),
        ("246/QĐ-UBND", "bang-khen-chu-tich-tinh", "tap_the"),
    }
    assert {r["ngay_quyet_dinh"] for r in rows} == {"2022-02-15"} and len(rows) == 3
    assert all(r["dinh_dang"] == "thidua-khen-thuong/1.0" and len(r["ma_xac_minh"]) == 10 for r in rows)
    document = json.loads(
        client.get(reverse("sheets:interchange_export"), {"nam": 2021, "dinh_dang": "json"}).content
    )
    assert (document["dinh_dang"], document["phien_ban"], len(document["khen_thuong"])) == (
        "thidua-khen-thuong",
        "1.0",
        3,
    )
    assert _rows(client.get(reverse("sheets:interchange_export"), {"nam": 2019}).content) == []
    officer = user_with("can-bo", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"])
    assert client_for(officer).get(reverse("sheets:interchange_export")).status_code == 404


def test_a_years_export_read_back_into_the_same_registry_changes_nothing(seed: Seed) -> None:
    decide_seed(seed)
    awardees = interchange.awardees_of(seed.organizer, 2021)
    before = Awardee.objects.count()
    for content, name in (
        (interchange.as_csv(awardees), "khen-thuong-2021.csv"),
        (interchange.as_json(awardees, seed.organizer, 2021), "khen-thuong-2021.json"),
    ):
        plan = _load(seed.organizer, content, name, write=True, confirmed=True)
        assert plan.problems == [] and (plan.created, plan.same, plan.written) == (0, 3, False), plan.problems
    assert Awardee.objects.count() == before


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=decisions(), as_json=st.booleans())
def test_export_then_import_elsewhere_is_the_identity(drawn: list[dict[str, object]], as_json: bool) -> None:
    with transaction.atomic():
        source, target = _organizer("Tỉnh nguồn"), _organizer("Tỉnh đích")
        _fill(source, drawn)
        for year in sorted({int(d["year"]) for d in drawn}):  # type: ignore[call-overload]
            awardees = interchange.awardees_of(source, year)
            content = interchange.as_json(awardees, source, year) if as_json else interchange.as_csv(awardees)
            name = f"khen-thuong-{year}.{'json' if as_json else 'csv'}"

            plan = _load(target, content, name, write=True, confirmed=True)

            assert plan.problems == [], plan.problems
            assert _carried(target, year) == _carried(source, year)
            again = _load(target, content, name, write=True, confirmed=True)
            assert (again.created, again.written) == (0, False)
        transaction.set_rollback(True)


def test_a_wrong_file_is_refused_with_what_is_wrong(seed: Seed) -> None:
    header = ",".join(interchange.FIELDS)
    tail = ",,2021,tap_the,Sở Tư pháp,,,,,Sở Tư pháp,,,hieu_luc,,\n"
    bad_code = f"{header}\nthidua-khen-thuong/1.0,1/QĐ,2022-01-05,Chủ tịch UBND tỉnh,,khong-co,{tail}"
    plan = _load(seed.organizer, bad_code.encode(), "sai.csv", write=True)
    assert not plan.written and any("«khong-co» không phải là mã" in str(p) for p in plan.problems)
    future = f"{header}\nthidua-khen-thuong/2.0,1/QĐ,2022-01-05,Chủ tịch UBND tỉnh,,,Giấy khen{tail}"
    assert any("phiên bản 1" in str(p) for p in _load(seed.organizer, future.encode(), "moi.csv").problems)
    not_json = _load(seed.organizer, b"{khong phai json", "sai.json")
    assert [str(p) for p in not_json.problems] == ["Tệp sai.json không phải là văn bản JSON."]
    other = json.dumps({"dinh_dang": "khac", "phien_ban": "1.0", "khen_thuong": []}).encode()
    assert "docs/INTERCHANGE.md" in str(_load(seed.organizer, other, "khac.json").problems[0])


def test_revoked_awards_are_reported_and_left_aside(seed: Seed) -> None:
    header = ",".join(interchange.FIELDS)
    text = (
        f"{header}\nthidua-khen-thuong/1.0,9/QĐ,2022-01-05,Chủ tịch UBND tỉnh,,giay-khen,,,2021,tap_the,"
        f"Sở Tư pháp,,,,,Sở Tư pháp,,,huy_bo,10/QĐ,2022-06-01\n"
    )
    plan = _load(seed.organizer, text.encode(), "huy.csv", write=True)
    assert plan.problems == [] and plan.created == 0 and not plan.written
    assert any("đã bị hủy bỏ" in also for also in plan.also), plan.also
    assert dt.date(2022, 1, 5) not in set(Awardee.objects.values_list("decision__date", flat=True))


def test_the_web_import_reads_the_json_file_and_every_kind_has_its_template(
    seed: Seed, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    decide_seed(seed)
    board = client_for(user_with("ban", kind=Role.Kind.BOARD, organizer=seed.organizer))
    content = interchange.as_json(interchange.awardees_of(seed.organizer, 2021), seed.organizer, 2021)

    preview = board.post(
        reverse("sheets:load"),
        {"kind": "interchange", "file": SimpleUploadedFile("khen-thuong-2021.json", content)},
    )

    assert preview.status_code == 200 and "Đã có, giữ nguyên: 3" in preview.text
    for kind in kinds():
        assert board.get(reverse("sheets:template", args=[kind])).status_code == 200
