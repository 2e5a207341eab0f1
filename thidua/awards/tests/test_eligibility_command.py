"""`thidua eligibility FILE --out verdicts.json` in its own process, as another office would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

CASES = textwrap.dedent(
    """\
    format: 1
    province: "Bắc Ninh"
    lineage: inherit
    subjects:
      - code: P1
        kind: person
        name: "Nguyễn Thị An"
        years:
          2022: {rating: xuat-sac, titles: [lao-dong-tien-tien, chien-si-thi-dua-co-so],
                 initiatives: [{id: SK-2022-1, level: co-so, used_for: chien-si-thi-dua-co-so}]}
          2023: {rating: xuat-sac, titles: [lao-dong-tien-tien, chien-si-thi-dua-co-so]}
        holds:
          - {kind: discipline, level: khien-trach, from: 2024-03-01, to: 2024-09-01}
      - code: U1
        kind: unit
        name: "Sở Tư pháp"
        years:
          2024: {rating: xuat-sac, titles: [tap-the-lao-dong-xuat-sac],
                 staff: 40, staff_completed: 40,
                 staff_titles: {lao-dong-tien-tien: 28, chien-si-thi-dua-co-so: 2},
                 staff_disciplined_warning_or_above: 0, cluster_place: 1}
        holds: []
    queries:
      - {subject: P1, award: chien-si-thi-dua-tinh, year: 2024}
      - {subject: U1, award: co-thi-dua-tinh, year: 2024, decided_on: 2025-01-20}
      - {subject: U1, award: tap-the-lao-dong-xuat-sac, year: 2024}
    """
)


def run(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "thidua.cli", "eligibility", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_a_case_file_gets_one_verdict_per_query_in_order(tmp_path):
    path, out = tmp_path / "cases.yaml", tmp_path / "verdicts.json"
    path.write_text(CASES, encoding="utf-8")
    done = run(path, out)
    assert done.returncode == 0, done.stderr
    verdicts = json.loads(out.read_text(encoding="utf-8"))
    assert [(v["subject"], v["award"], v["verdict"]) for v in verdicts] == [
        ("P1", "chien-si-thi-dua-tinh", "not_eligible"),
        ("U1", "co-thi-dua-tinh", "eligible"),
        ("U1", "tap-the-lao-dong-xuat-sac", "eligible"),
    ]
    first = verdicts[0]
    assert set(first) == {"subject", "award", "year", "regime", "verdict", "rules", "reasons"}
    assert first["regime"] == "law-2022/decree-98-2023"
    assert first["rules"] == ["LAW-CSTDT", "DEC-P3"]
    assert "needs 3 consecutive years of chien-si-thi-dua-co-so ending 2024" in first["reasons"][0]


def test_a_rejected_file_writes_nothing_and_names_each_line(tmp_path):
    path, out = tmp_path / "cases.yaml", tmp_path / "verdicts.json"
    bad = CASES.replace("kind: unit", "kind: unit\n    mood: happy").replace(
        "year: 2024}", "year: 2024, by: me}", 1
    )
    path.write_text(bad, encoding="utf-8")
    done = run(path, out)
    assert done.returncode != 0
    lines = bad.splitlines()
    mood = next(n for n, line in enumerate(lines, start=1) if "mood:" in line)
    by = next(n for n, line in enumerate(lines, start=1) if "by: me" in line)
    assert f"{path}:{mood}: khóa không được biết «mood»" in done.stderr
    assert f"{path}:{by}: khóa không được biết «by»" in done.stderr
    assert "unknown key 'by'" in done.stderr
    assert not out.exists()
