"""`thidua export national`: an organizer's year in the interchange format (docs/INTERCHANGE.md), read back
with `thidua load interchange` into a registry without those decisions gives the same decisions and
awardees, marked as imported from the file; a file of a later version is refused whole, in Vietnamese."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.registry.models import Awardee, Decision
from thidua.sheets import interchange
from thidua.sheets.tests.test_interchange import _carried
from thidua.sheets.tests.test_round_trip import _fill, _organizer

pytestmark = pytest.mark.django_db

DRAWN = [
    {
        "number": "12/QĐ-UBND",
        "date": dt.date(2022, 1, 20),
        "grantor": "Chủ tịch Ủy ban nhân dân tỉnh",
        "award": "chien-si-thi-dua-co-so",
        "year": 2021,
        "awardees": [("person", "Nguyễn Thị Hoa", "Sở Tư pháp"), ("person", "Trần Văn Đức", "Sở Tư pháp")],
    },
    {
        "number": "13/QĐ-UBND",
        "date": dt.date(2022, 2, 3),
        "grantor": "Chủ tịch Ủy ban nhân dân tỉnh",
        "award": "co-thi-dua-tinh",
        "year": 2021,
        "awardees": [("unit", "", "Sở Giáo dục và Đào tạo")],
    },
    {
        "number": "14/QĐ-UBND",
        "date": dt.date(2022, 3, 1),
        "grantor": "Giám đốc Sở Nội vụ",
        "award": "",  # a form outside the catalogue, by its name
        "year": 2021,
        "awardees": [("person", "Lê Văn An", "Văn phòng Đoàn đại biểu Quốc hội")],
    },
]


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_national_then_load_gives_the_same_decisions_marked_imported(
    tmp_path: Path, kind: str
) -> None:
    source, target = _organizer("Tỉnh nguồn"), _organizer("Tỉnh đích")
    _fill(source, DRAWN)
    out = tmp_path / f"quoc-gia-2021.{kind}"

    said = _run(
        "export",
        "national",
        "--organizer",
        "Tỉnh nguồn",
        "--year",
        "2021",
        "--format",
        kind,
        "--out",
        str(out),
    )

    assert "Đã xuất 4 khen thưởng của Tỉnh nguồn năm 2021" in said, said
    if kind == "json":
        document = json.loads(out.read_text(encoding="utf-8"))
        assert (document["dinh_dang"], document["phien_ban"]) == (interchange.FORMAT, interchange.VERSION)
    _run("load", "interchange", str(out), "--organizer", "Tỉnh đích", "--commit", "--confirm-names")

    assert _carried(target, 2021) == _carried(source, 2021) and len(_carried(target, 2021)) == 4
    made = Decision.objects.filter(organizer=target)
    assert made.count() == 3 and set(made.values_list("imported_from", flat=True)) == {out.name}
    again = _run("load", "interchange", str(out), "--organizer", "Tỉnh đích", "--commit")
    assert ": 0 dòng sẽ thêm, 0 dòng sẽ sửa, 4 dòng đã có." in again, again
    assert Awardee.objects.filter(decision__organizer=target).count() == 4


def test_printed_without_out_and_a_later_version_is_refused_in_vietnamese(tmp_path: Path, capsys) -> None:
    source, target = _organizer("Tỉnh nguồn"), _organizer("Tỉnh đích")
    _fill(source, DRAWN)
    call_command("export", "national", "--organizer", "Tỉnh nguồn", "--year", "2021", "--format", "json")
    document = json.loads(capsys.readouterr().out)
    assert len(document["khen_thuong"]) == 4
    document["phien_ban"] = "2.0"
    later = tmp_path / "phien-ban-2.json"
    later.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load", "interchange", str(later), "--organizer", "Tỉnh đích", "--commit", stderr=err)

    assert "Tệp phien-ban-2.json không phải là phiên bản 1 của định dạng thidua-khen-thuong" in err.getvalue()
    assert not Decision.objects.filter(organizer=target).exists()
    with pytest.raises(CommandError, match="--year"):
        call_command("export", "national", "--organizer", "Tỉnh nguồn")
