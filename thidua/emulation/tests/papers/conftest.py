"""Cluster years for the document tests, built with the shared factories, and a reader for .docx files
that gives back what a person opening the file sees (text in reading order, tables, run formatting)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from thidua.emulation.actions import launch, scoring
from thidua.emulation.actions.review import (
    cast_ballot,
    conclude_as_reported,
    record_next_leadership,
)
from thidua.emulation.models import ClusterYear, Deputy, Method
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Cluster
from thidua.scenarios import SEED
from thidua.testing import factories

# The seed cluster's 2021 year (shared/scenarios/langson-2021-tham-muu-tong-hop.yaml), by factories.
SEED_UNITS = [
    ("STC", "Sở Tài chính tỉnh Lạng Sơn", "98.5", "xuat-sac"),
    ("SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn", "96.0", "xuat-sac"),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn", "95.0", "tot"),
    ("VPDBQH", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn", "97.0", "xuat-sac"),
    ("SNV", "Sở Nội vụ tỉnh Lạng Sơn", "94.5", "tot"),
    ("STP", "Sở Tư pháp tỉnh Lạng Sơn", "95.5", "tot"),
    ("SNGV", "Sở Ngoại vụ tỉnh Lạng Sơn", "96.5", "xuat-sac"),
]
SEED_BALLOTS = [
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "STP"]},
    {"co-ubnd": ["STC"], "bk-ct": ["SNGV", "STP"]},
    {"co-ubnd": ["VPDBQH"], "bk-ct": ["STC", "SNGV"]},
    {"co-ubnd": ["STC"], "bk-ct": ["VPDBQH", "SNGV"]},
    {"co-ubnd": ["STC", "VPDBQH"], "bk-ct": ["VPDBQH", "SNV"]},
]


def make_year(
    *,
    year: int = 2021,
    kind: str = Cluster.Kind.CUM,
    province: str = "Lạng Sơn",
    method: str = Method.BALLOT,
    head: bool = True,
) -> ClusterYear:
    """A seed-shaped cluster year: organizer, two tiers, seven members with scores; no review yet."""
    organizer = factories.OrganizerFactory(
        name=f"Ủy ban nhân dân tỉnh {province or 'Bộ Thử nghiệm'}",
        province=province,
        standing_body="Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
    )
    cluster = factories.ClusterFactory(
        organizer=organizer, code="TMTH", kind=kind, name=f"{kind_word(kind)} các cơ quan Tham mưu tổng hợp"
    )
    flag = factories.AwardTierFactory(
        organizer=organizer,
        code="co-ubnd",
        name="Cờ thi đua của Ủy ban nhân dân tỉnh",
        grantor="Ủy ban nhân dân tỉnh Lạng Sơn",
        position=0,
    )
    cert = factories.AwardTierFactory(
        organizer=organizer,
        code="bk-ct",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        grantor="Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        catalog="bang-khen-chu-tich-tinh",
        position=1,
    )
    cluster.award_tiers.set([flag, cert])
    cluster_year = factories.ClusterYearFactory(
        cluster=cluster,
        year=year,
        method=method,
        quotas={"co-ubnd": 1, "bk-ct": 2},
        tie_break=["score", "female_share"],
    )
    for position, (code, name, score, rating) in enumerate(SEED_UNITS):
        unit = factories.UnitFactory(organizer=organizer, code=code, name=name, short_name="")
        factories.MembershipFactory(
            cluster_year=cluster_year, unit=unit, position=position, score=Decimal(score), rating=rating
        )
        cluster.units.add(unit)
    if head:
        cluster_year.head = organizer.units.get(code="STC")
        cluster_year.deputies_known = True
        cluster_year.save()
        Deputy.objects.create(cluster_year=cluster_year, unit=organizer.units.get(code="SKHDT"))
    return cluster_year


def kind_word(kind: str) -> str:
    return "Khối" if kind == Cluster.Kind.KHOI else "Cụm"


@pytest.fixture
def seed_year(db) -> ClusterYear:
    """The seed year as reported: date, place, chair, ballots, next leadership, pact; concluded."""
    cluster_year = make_year()
    units = {u.code: u for u in cluster_year.cluster.units.all()}
    review = factories.ReviewFactory(
        cluster_year=cluster_year,
        date=datetime.date(2022, 1, 20),
        place="Trụ sở Sở Tài chính tỉnh Lạng Sơn",
        chair="Nguyễn Quốc Toàn, Giám đốc Sở Tài chính",
        board_representative="Vũ Thanh Thụy, Phó Trưởng Ban Thi đua – Khen thưởng, Sở Nội vụ",
        present_known=True,
        pact_signed=datetime.date(2022, 1, 20),
    )
    review.present.set(units.values())
    for choices in SEED_BALLOTS:
        cast_ballot(review, choices)
    record_next_leadership(
        review, head=units["SKHDT"], deputies=[units["SNGV"]], decided_by="vote", by="test"
    )
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    return cluster_year


@pytest.fixture
def sparse_year(db) -> ClusterYear:
    """A year whose review is known only by its agreed outcome: no date, no attendance, no ballots,
    no next leadership, no pact date."""
    cluster_year = make_year()
    factories.ReviewFactory(cluster_year=cluster_year, outcome={"co-ubnd": ["STC"], "bk-ct": ["VPDBQH"]})
    conclude_as_reported(cluster_year, by="test", source="tệp trao đổi")
    return cluster_year


@dataclass
class Opened:
    """A .docx as a reader sees it."""

    doc: DocxDocument

    def blocks(self) -> list[Paragraph | Table]:
        body = self.doc.element.body
        out: list[Paragraph | Table] = []
        for child in body.iterchildren():
            if child.tag.endswith("}p"):
                out.append(Paragraph(child, self.doc))
            elif child.tag.endswith("}tbl"):
                out.append(Table(child, self.doc))
        return out

    @property
    def lines(self) -> list[str]:
        """Every non-empty paragraph, table cells included, in reading order."""
        lines: list[str] = []
        for block in self.blocks():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                for row in block.rows:
                    for cell in _unique(row.cells):
                        lines.extend(p.text for p in cell.paragraphs)
        return [line for line in lines if line.strip()]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line_with(self, fragment: str) -> str:
        found = [line for line in self.lines if fragment in line]
        assert found, f"no line contains {fragment!r}:\n{self.text}"
        return found[0]

    def runs_of(self, fragment: str) -> list:
        """The runs whose text contains `fragment`, from every paragraph and table cell."""
        runs = []
        for paragraph in self._all_paragraphs():
            runs.extend(run for run in paragraph.runs if fragment in run.text)
        assert runs, f"no run contains {fragment!r}"
        return runs

    def table_rows(self, *headers: str) -> list[list[str]]:
        """Rows (header excluded) of every table whose header row starts with the given cells."""
        rows: list[list[str]] = []
        for table in self.doc.tables:
            header = [c.text for c in table.rows[0].cells]
            if header[: len(headers)] == list(headers):
                rows.extend([c.text for c in row.cells] for row in table.rows[1:])
        return rows

    def _all_paragraphs(self) -> list[Paragraph]:
        paragraphs = list(self.doc.paragraphs)
        for table in self.doc.tables:
            for row in table.rows:
                for cell in _unique(row.cells):
                    paragraphs.extend(cell.paragraphs)
        return paragraphs


def _unique(cells):
    seen, out = set(), []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def open_docx(content: bytes) -> Opened:
    return Opened(Document(BytesIO(content)))


# ---- real clusters from their exchange files, with the start of their year --------------------------

BLOCK_FILE = Path(__file__).resolve().parents[3] / "operations" / "tests" / "scenarios" / "khoi-hai-co.yaml"


def imported_year(path: Path, year: int, *, scored: bool = False) -> ClusterYear:
    """A cluster imported from its exchange file, its year concluded as the file reports it; `scored`:
    first scored on a locked score table that gives each unit the file's score (score_the_year)."""
    cluster = import_exchange(read_exchange_file(path), by="kiểm thử")
    cluster_year = cluster.years.get(year=year)
    if scored:
        score_the_year(cluster_year)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp trao đổi")
    return cluster_year


# The table of the score tests: scale 100, two criteria, a bonus and a deduction.
CRITERIA = [
    ("I. Công tác chuyên môn", "Hoàn thành chỉ tiêu, nhiệm vụ được giao", "standard", 60),
    ("II. Công tác xây dựng", "Cải cách hành chính", "standard", 40),
    ("III. Điểm thưởng", "Sáng kiến được công nhận", "bonus", 5),
    ("IV. Điểm trừ", "Chậm gửi báo cáo", "deduction", 10),
]
CUT = "Thiếu minh chứng"  # the appraisal's reason for the first unit's lower second criterion


def score_the_year(cluster_year: ClusterYear) -> None:
    """Through the scoring actions: each member scores itself 60 + (its file score − 60) + 0 − 0 (the first
    unit 40 on the second criterion), is appraised at its file score (the first unit's cut with CUT), and
    the table is locked."""
    lead = factories.UserFactory()
    sheet = scoring.create_sheet(cluster_year, scale=Decimal(100), by=lead)
    criteria = [
        scoring.add_criterion(sheet, group=g, name=n, kind=k, max_points=Decimal(m), by=lead)
        for g, n, k, m in CRITERIA
    ]
    for i, membership in enumerate(cluster_year.memberships.select_related("unit").order_by("position")):
        rest = membership.score - 60
        unit_score = scoring.unit_score_for(sheet, membership.unit)
        own = [Decimal(60), Decimal(40) if i == 0 else rest, Decimal(0), Decimal(0)]
        scoring.save_self_scores(
            unit_score, {c.pk: scoring.Entry(p) for c, p in zip(criteria, own, strict=True)}, by=lead
        )
        scoring.submit(unit_score, by=lead)
        appraised = {c.pk: scoring.Entry(p) for c, p in zip(criteria, own, strict=True)}
        appraised[criteria[1].pk] = scoring.Entry(rest, CUT if i == 0 else "")
        scoring.appraise(unit_score, appraised, by=lead)
    scoring.lock(sheet, by=lead)


def start_the_year(
    cluster_year: ClusterYear,
    *,
    number: str,
    launched: datetime.date,
    theme: str,
    registered: dict[str, str],
    signed: dict[str, datetime.date],
) -> None:
    """The launch, the registrations (unit code → targets, one a line; each unit aims for the cluster's
    first tier) and the pact signings (unit code → day), through the actions the pages call."""
    year = cluster_year.year
    launch.record_launch(
        cluster_year,
        date=launched,
        document_number=number,
        document_title=f"Kế hoạch phát động phong trào thi đua năm {year}",
        theme=theme,
        deadline=launched + datetime.timedelta(days=30),
        by="kiểm thử",
    )
    units = {u.code: u for u in cluster_year.member_units()}
    first_tier = f"tier:{cluster_year.cluster.ordered_tiers()[0].code}"
    for code, targets in registered.items():
        launch.register(
            cluster_year, units[code], targets=targets, titles=[first_tier], by="kiểm thử", today=launched
        )
    for code, day in signed.items():
        launch.record_signing(cluster_year, signed_on=day, units=[units[code]], by="kiểm thử")


@pytest.fixture
def seed_started(db) -> ClusterYear:
    """The seed (Lạng Sơn 2021) from its file, launched, five of seven units registered, four signed."""
    cluster_year = imported_year(SEED, 2021)
    start_the_year(
        cluster_year,
        number="05/KH-CTĐ",
        launched=datetime.date(2021, 1, 15),
        theme="Đoàn kết, kỷ cương, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm 2021.\n"
        "100% đơn vị thành viên hoàn thành kế hoạch công tác năm.",
        registered={
            "STC": "Hoàn thành 100% dự toán thu ngân sách\nKhông có cán bộ vi phạm kỷ luật",
            "SKHDT": "Thu hút đầu tư đạt kế hoạch",
            "SNV": "Hoàn thành cải cách hành chính",
            "STP": "Giải quyết 100% hồ sơ đúng hạn",
            "SNGV": "Tổ chức tốt các đoàn công tác nước ngoài",
        },
        signed={code: datetime.date(2021, 1, 20) for code in ("STC", "SKHDT", "SNV", "STP")},
    )
    return cluster_year


@pytest.fixture
def block_started(db) -> ClusterYear:
    """A ministry's block of another province's units (Bộ Xây dựng, 2024), launched and registered."""
    cluster_year = imported_year(BLOCK_FILE, 2024)
    start_the_year(
        cluster_year,
        number="01/KH-KTĐ",
        launched=datetime.date(2024, 2, 1),
        theme="Thi đua thực hiện thắng lợi nhiệm vụ ngành Xây dựng năm 2024.",
        registered={"A": "Quy hoạch xây dựng đạt 100%", "B": "Cấp phép xây dựng đúng hạn"},
        signed={code: datetime.date(2024, 2, 5) for code in "ABCDEF"},
    )
    return cluster_year


@pytest.fixture
def seed_scored(db) -> ClusterYear:
    """The seed (Lạng Sơn 2021) from its file, scored on a locked table, then concluded."""
    return imported_year(SEED, 2021, scored=True)


@pytest.fixture
def block_scored(db) -> ClusterYear:
    """The ministry's block (Bộ Xây dựng 2024) scored on a locked table, then concluded."""
    return imported_year(BLOCK_FILE, 2024, scored=True)
