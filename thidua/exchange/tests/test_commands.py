"""`thidua import` and `thidua export` as an office would run them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.emulation.models import Ballot
from thidua.exchange.reader import read_exchange_file
from thidua.exchange.tests.conftest import edited, line_of
from thidua.exchange.tests.test_reader import REJECTIONS
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_says_what_it_imported():
    said = run("import", str(SEED))
    assert "Đã nhập cụm thi đua «Cụm các cơ quan Tham mưu tổng hợp» (mã TMTH)" in said
    assert "Năm 2021: 7 đơn vị thành viên, 7 phiếu bầu." in said
    assert Ballot.objects.count() == 7


@pytest.mark.parametrize(("edit", "line_text", "words"), REJECTIONS)
def test_a_rejected_file_names_its_line_and_writes_nothing(tmp_path, seed_text, edit, line_text, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(edited(seed_text, *edit), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run("import", str(bad))
    line = line_of(bad.read_text(encoding="utf-8"), line_text.lstrip("~"), last=line_text.startswith("~"))
    assert f"bad.yaml:{line}: " in str(raised.value)
    assert all(word in str(raised.value) for word in words)
    assert not Organizer.objects.exists() and not Unit.objects.exists() and not AwardTier.objects.exists()


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="không tìm thấy tệp"):
        run("import", "/nonexistent/cum.yaml")


def test_importing_again_needs_replace(tmp_path):
    run("import", str(SEED))
    with pytest.raises(CommandError, match="--replace"):
        run("import", str(SEED))
    assert Ballot.objects.count() == 7
    changed = tmp_path / "cum.yaml"
    changed.write_text(
        edited(SEED.read_text(encoding="utf-8"), "    head: STC", "    head: STP"), encoding="utf-8"
    )
    run("import", str(changed), "--replace")
    assert Cluster.objects.get().years.get().head.code == "STP"
    assert Ballot.objects.count() == 7


def test_export_writes_a_file_that_reads_back(tmp_path):
    run("import", str(SEED))
    out = tmp_path / "xuat" / "tmth.yaml"
    said = run("export", "TMTH", "--out", str(out))
    assert str(out) in said
    assert read_exchange_file(out).years[0].next.head == "SKHDT"


def test_export_of_an_unknown_cluster_says_so():
    with pytest.raises(CommandError, match="Không có cụm, khối nào mã «NOPE»"):
        run("export", "NOPE", "--out", "x.yaml")


def test_export_asks_for_the_organizer_when_the_code_is_ambiguous(tmp_path):
    run("import", str(SEED))
    other = tmp_path / "other.yaml"
    other.write_text(
        SEED.read_text(encoding="utf-8").replace(
            'Ủy ban nhân dân tỉnh Lạng Sơn"\n  short', 'UBND tỉnh Cao Bằng"\n  short'
        ),
        encoding="utf-8",
    )
    run("import", str(other))
    with pytest.raises(CommandError, match="--organizer"):
        run("export", "TMTH", "--out", str(tmp_path / "x.yaml"))
    run("export", "TMTH", "--organizer", "UBND tỉnh Cao Bằng", "--out", str(tmp_path / "cb.yaml"))
    assert read_exchange_file(tmp_path / "cb.yaml").organizer.name == "UBND tỉnh Cao Bằng"
