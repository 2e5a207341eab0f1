"""`thidua scenario FILE --out DIR` end to end, in a separate process on its own fresh database,
as another office would run it on a cluster file of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from thidua.scenarios import SEED

HERE = Path(__file__).resolve().parent / "scenarios"


def run_scenario(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", "scenario", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def results(out: Path, *parts: str) -> dict:
    return json.loads(out.joinpath(*parts, "results.json").read_text(encoding="utf-8"))


def proposals(result: dict) -> list[tuple[str, str, int]]:
    return [(p["award"], p["unit"], p["rank"]) for p in result["proposals"]]


def reasons(result: dict) -> dict[tuple[str, str], str]:
    return {(n["award"], n["unit"]): n["reason"] for n in result["not_proposed"]}


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("seed")
    done = run_scenario(SEED, out)
    assert done.returncode == 0, done.stderr
    return results(out), out


def test_seed_flag_goes_to_the_finance_department_on_five_of_seven_ballots(seed):
    result, _ = seed
    assert result["regime"] == "law-2003/decree-91-2017"
    flag = result["proposals"][0]
    assert (flag["award"], flag["unit"], flag["rank"]) == ("co-ubnd", "STC", 1)
    assert flag["grantor"] == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert flag["basis"] == "ballot: 5 of 7 ballots cast"


def test_seed_certificates_are_split_by_score_between_equal_counts(seed):
    result, _ = seed
    assert proposals(result) == [("co-ubnd", "STC", 1), ("bk-ct", "VPDBQH", 2), ("bk-ct", "SNGV", 3)]
    tally = {(t["unit"], t["award"]): t["votes"] for t in result["tally"]}
    assert tally[("VPDBQH", "bk-ct")] == tally[("SNGV", "bk-ct")] == 5


def test_seed_void_ballot_counts_as_cast_but_not_for_its_two_flag_names(seed):
    result, _ = seed
    tally = {(t["unit"], t["award"]): t for t in result["tally"]}
    assert tally[("STC", "co-ubnd")]["votes"] == 5
    assert tally[("STC", "co-ubnd")]["share"] == 0.714
    assert tally[("VPDBQH", "co-ubnd")]["votes"] == 1  # the void ballot's second name is not counted


def test_seed_explains_every_unit_with_votes_that_is_not_proposed(seed):
    result, _ = seed
    why = reasons(result)
    assert set(why) == {("co-ubnd", "VPDBQH"), ("bk-ct", "STP"), ("bk-ct", "STC"), ("bk-ct", "SNV")}
    assert why[("bk-ct", "SNV")] == "below the approval share (1/7 < 0.5)"
    assert "higher tier" in why[("bk-ct", "STC")]


def test_seed_records_next_years_leadership_and_writes_the_documents(seed):
    result, out = seed
    assert result["next"] == {"head": "SKHDT", "deputies": ["SNGV"], "decided_by": "vote"}
    assert (result["head"], result["deputies"], result["host"]) == ("STC", ["SKHDT"], None)
    assert result["documents"][:3] == [
        "bang-tong-hop-diem.docx",
        "bien-ban-hop-binh-xet.docx",
        "to-trinh-de-nghi-khen-thuong.docx",
    ]
    minutes = "\n".join(p.text for p in Document(out / "bien-ban-hop-binh-xet.docx").paragraphs)
    assert "Sở Tài chính" in minutes


def test_block_with_three_tiers_two_deputies_and_an_uncapped_certificate(tmp_path):
    done = run_scenario(HERE / "khoi-hai-co.yaml", tmp_path)
    assert done.returncode == 0, done.stderr
    result = results(tmp_path)
    assert result["regime"] == "law-2022/decree-98-2023"
    assert (result["head"], result["deputies"], result["host"]) == ("A", ["B", "C"], "D")
    assert proposals(result) == [
        ("co-cp", "A", 1),
        ("co-bo", "B", 2),
        ("co-bo", "C", 3),
        ("bk-bo", "D", 4),
        ("bk-bo", "E", 5),
    ]
    why = reasons(result)
    assert list(why) == [("co-cp", "B"), ("co-bo", "A"), ("co-bo", "D"), ("bk-bo", "C"), ("bk-bo", "F")]
    assert "higher tier" in why[("co-bo", "A")] and "higher tier" in why[("bk-bo", "C")]
    assert why[("co-bo", "D")] == "below the approval share (1/6 < 0.5)"
    assert result["next"] == {"head": "B", "deputies": ["C", "D"], "decided_by": "decision 888/QĐ-BXD"}


def test_acclamation_takes_the_agreed_lists_and_invents_no_counts(tmp_path):
    done = run_scenario(HERE / "suy-ton.yaml", tmp_path)
    assert done.returncode == 0, done.stderr
    result = results(tmp_path)
    assert proposals(result) == [("co-mt", "MT1", 1), ("bk-mt", "MT4", 2), ("bk-mt", "MT2", 3)]
    assert {p["basis"] for p in result["proposals"]} == {"acclamation"}
    assert result["tally"] == [] and result["not_proposed"] == []
    assert result["unnamed"] == [{"award": "bk-mt", "count": 1}]
    assert (result["deputies"], result["host"], result["next"]) == ([], "MT3", None)
    assert result["status"] == "approved"


def test_score_method_places_follow_the_scores_in_each_year_of_a_changing_roster(tmp_path):
    done = run_scenario(HERE / "theo-diem.yaml", tmp_path)
    assert done.returncode == 0, done.stderr
    latest = results(tmp_path)
    assert latest["year"] == 2025 and latest["regime"] == "law-2022/decree-152-2025"
    assert latest["members"] == ["S1", "S2", "S3", "S5"]
    assert proposals(latest) == [("co", "S3", 1), ("bk", "S1", 2), ("bk", "S5", 3)]
    assert latest["ranking"] == [
        {"unit": "S3", "place": 1},
        {"unit": "S1", "place": 2},
        {"unit": "S5", "place": 3},
        {"unit": "S2", "place": 4},
    ]
    earlier = results(tmp_path, "2024")
    assert proposals(earlier) == [("co", "S2", 1), ("bk", "S1", 2), ("bk", "S4", 3)]
    assert earlier["deputies"] is None  # not recorded, not "none"
    assert earlier["next"] == {"head": "S2", "deputies": None, "decided_by": "vote"}


def test_a_rejected_file_names_the_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SEED.read_text(encoding="utf-8").replace("    head: STC\n", "    head: STC\n    heda: STC\n")
    )
    out = tmp_path / "out"
    done = run_scenario(bad, out)
    assert done.returncode != 0
    line = bad.read_text(encoding="utf-8").splitlines().index("    heda: STC") + 1
    assert f"bad.yaml:{line}" in done.stderr and "heda" in done.stderr
    assert not (out / "results.json").exists()


def test_a_second_run_on_the_same_database_gives_the_same_results(tmp_path):
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    runs = []
    for n in (1, 2):
        out = tmp_path / f"run{n}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "thidua.cli",
                "scenario",
                str(SEED),
                "--out",
                str(out),
                "--database-url",
                url,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        runs.append(results(out))
    assert runs[0] == runs[1]
    assert proposals(runs[1]) == [("co-ubnd", "STC", 1), ("bk-ct", "VPDBQH", 2), ("bk-ct", "SNGV", 3)]
