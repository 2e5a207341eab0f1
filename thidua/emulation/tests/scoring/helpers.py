"""A cluster-year with two member units, their officers, a lead and small valid evidence files."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thidua.accounts.models import Role
from thidua.testing import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@dataclass
class Year:
    cluster_year: Any
    a: Any
    b: Any
    officer_a: Client
    officer_b: Client
    lead: Client
    lead_user: Any
    officer_a_user: Any

    def url(self, tail: str = "") -> str:
        return f"/cham-diem/{self.cluster_year.cluster_id}/{self.cluster_year.year}/{tail}"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_year() -> Year:
    cluster_year = factories.ClusterYearFactory(quotas={"co": 1}, tie_break=["score"], min_approval=0)
    organizer = cluster_year.cluster.organizer
    flag = factories.AwardTierFactory(organizer=organizer, code="co", name="Cờ thi đua", grantor="UBND tỉnh")
    cluster_year.cluster.award_tiers.set([flag])
    units = []
    for code in ("A", "B"):
        unit = factories.UnitFactory(organizer=organizer, code=code, name=f"Sở {code}")
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit)
        cluster_year.cluster.units.add(unit)
        units.append(unit)
    officer_a = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=units[0]).user
    officer_b = factories.RoleFactory(kind=Role.Kind.UNIT_OFFICER, unit=units[1]).user
    lead = factories.RoleFactory(kind=Role.Kind.CLUSTER_LEAD, cluster_year=cluster_year).user
    return Year(
        cluster_year,
        units[0],
        units[1],
        client_for(officer_a),
        client_for(officer_b),
        client_for(lead),
        lead,
        officer_a,
    )


def make_table(year: Year) -> dict[str, int]:
    """Scale 100: two criteria (60 + 40), a bonus of up to 5 and a deduction of up to 10."""
    year.lead.post(year.url("tao/"), {"scale": "100"})
    ids = {}
    for key, group, name, kind, most in [
        ("k1", "I. Công tác chuyên môn", "Hoàn thành chỉ tiêu", "standard", "60"),
        ("k2", "II. Công tác xây dựng", "Cải cách hành chính", "standard", "40"),
        ("thuong", "III. Điểm thưởng", "Sáng kiến", "bonus", "5"),
        ("tru", "IV. Điểm trừ", "Chậm báo cáo", "deduction", "10"),
    ]:
        year.lead.post(
            year.url("tieu-chi/"), {"group": group, "name": name, "kind": kind, "max_points": most}
        )
        from thidua.emulation.models import Criterion

        ids[key] = Criterion.objects.get(sheet__cluster_year=year.cluster_year, name=name).pk
    return ids
