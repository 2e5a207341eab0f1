"""A province's award list as an office would bring it (the registry's export shape, sheets/decisions.py):
deterministic, with Vietnamese names, a few hundred units, a few thousand decisions and about four awards per
person over the years. Written line by line (never held whole), for `make bench`'s bulk load and for the tests
of a big-ish file. Data, not interface text."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from thidua.bench_names import FAMILY, GIVEN, MIDDLE

MORE_FAMILY = ["Ngô", "Dương", "Lý", "Hồ", "Võ", "Đinh", "Trịnh", "Lương", "Nông", "Hà", "Lưu", "Triệu"]
MORE_MIDDLE = ["Thanh", "Hồng", "Xuân", "Mạnh", "Kim", "Bảo", "Công", "Thùy"]
MORE_GIVEN = ["Hương", "Tuấn", "Thảo", "Khánh", "Linh", "Trung", "Nghĩa", "Hiếu", "Huyền", "Đạt", "Giang"]
PERSON_AWARDS = [
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Giấy khen",
]
GRANTORS = ["Chủ tịch UBND tỉnh", "Giám đốc Sở Nội vụ"]
HEADERS = [
    "STT",
    "Họ và tên",
    "Đơn vị công tác",
    "Mã cán bộ",
    "Chức danh",
    "Hình thức khen thưởng",
    "Năm thành tích",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp khen",
]
PER_DECISION = 300  # awardees on one decision: a few thousand decisions for a million rows
AWARDS_PER_PERSON = 4


def unit_names(count: int) -> list[str]:
    return [f"Phòng Nghiệp vụ số {n + 1} (dữ liệu đo)" for n in range(count)]


@dataclass(frozen=True)
class AwardList:
    rows: int
    units: int = 200
    seed: int = 12

    @property
    def people(self) -> int:
        return max(PER_DECISION, self.rows // AWARDS_PER_PERSON)

    @property
    def decisions(self) -> int:
        return -(-self.rows // PER_DECISION)

    def names(self) -> list[str]:
        """Each person's name, drawn from the seed alone: the same every time."""
        draw = random.Random(self.seed)
        return [
            " ".join(
                (
                    draw.choice(FAMILY + MORE_FAMILY),
                    draw.choice(MIDDLE + MORE_MIDDLE),
                    draw.choice(GIVEN + MORE_GIVEN),
                )
            )
            for _ in range(self.people)
        ]

    def lines(self) -> Iterator[list[object]]:
        rng = random.Random(self.seed)
        units = unit_names(self.units)
        names = self.names()
        written = 0
        for number in range(self.decisions):
            year = 2003 + number * 21 // self.decisions  # back to 2003, in order of the decisions
            award = PERSON_AWARDS[number % len(PERSON_AWARDS)]
            day = f"{1 + number % 28:02d}/{1 + number % 3:02d}/{year + 1}"
            decision = f"{number + 1}/QĐ-KT"
            grantor = GRANTORS[number % len(GRANTORS)]
            first = number * PER_DECISION
            for offset in range(min(PER_DECISION, self.rows - written)):
                index = (first + offset) % self.people
                name = names[index]
                written += 1
                position = "Chuyên viên" if rng.random() < 0.8 else "Trưởng phòng"
                yield [
                    written,
                    name,
                    units[index % len(units)],
                    f"CB{index:07d}",
                    position,
                    award,
                    year,
                    decision,
                    day,
                    grantor,
                ]

    def write_csv(self, out: IO[str]) -> None:
        writer = csv.writer(out)
        writer.writerow(["DANH SÁCH KHEN THƯỞNG (dữ liệu đo)"])
        writer.writerow(HEADERS)
        writer.writerows(self.lines())
