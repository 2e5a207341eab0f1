"""The law as a gate, walked on the board's pages for a flag of 2025 (Decree 152/2025): refused at each
step for what it lacks, taken on by the board's written override, passed by a council under the threshold
the province entered, decided with the bonus of its regime; the override stays on the dossier and in the
council's minutes."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.urls import reverse
from docx import Document

from thidua.awards.catalogue import ANY_AWARD, COUNCIL_SHARE
from thidua.core.models import AuditEvent
from thidua.registry.actions import proposals as services
from thidua.registry.models import Council, Decision
from thidua.testing.worlds import Seed, client_for

DEC_152 = "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP"
FIRST = "Sở đã có văn bản xếp loại năm 2025 của Tỉnh ủy, chờ nhập vào sổ"
SECOND = "Tỉnh ủy chỉ đạo khen đơn vị dẫn đầu phong trào chuyển đổi số (Công văn 45-CV/TU ngày 05/01/2026)"


def test_an_ineligible_flag_is_refused_overridden_passed_decided_and_the_override_stays(
    seed: Seed, board: AbstractUser
) -> None:
    client = client_for(board)
    unit = seed.units["STP"]

    def act(slug: str, data: dict[str, str] | None = None) -> str:
        url = reverse("registry:act", args=[flag.pk, slug])
        return client.post(url, data or {}, follow=True).content.decode()

    def state() -> str:
        flag.refresh_from_db()
        return flag.state

    # The unit proposes itself; its dossier reaches the board on 10/01/2026: Decree 152/2025 applies.
    flag = services.propose(
        organizer=seed.organizer, award="co-thi-dua-tinh", year=2025, unit=unit, proposed_by=unit, by="đơn vị"
    )
    services.provide_documents(flag, flag.dossier.values_list("code", flat=True), by="đơn vị")
    flag = services.submit(flag, by="đơn vị", on=date(2026, 1, 10))
    assert flag.regime == "law-2022/decree-152-2025"

    # 1. Checked: the 2025 facts are not on record. Accepting is refused; the board overrides in writing.
    act("xet-dieu-kien")
    refused = act("tiep-nhan")
    assert f"thiếu thông tin để xét điều kiện theo {DEC_152}" in refused and state() == "submitted"
    act("vuot-qua", {"reason": FIRST})
    act("tiep-nhan")
    assert state() == "accepted"

    # 2. The rating is entered, "hoàn thành tốt": checked again, the flag is not eligible and the first
    #    override no longer applies. Sending it to the council and deciding it are refused.
    client.post(reverse("registry:unit_year", args=[unit.pk]), {"year": 2025, "rating": "tot"})
    page = act("xet-dieu-kien")
    assert "không còn áp dụng" in page
    refused = act("trinh-hoi-dong")
    assert f"không đủ điều kiện theo {DEC_152}" in refused and "nếu vẫn trình Hội đồng" in refused
    assert state() == "accepted"
    form = (
        reverse("registry:new_decision") + f"?hinh_thuc=co-thi-dua-tinh&nam=2025&to_chuc={seed.organizer.pk}"
    )
    typed = {"proposals": [flag.pk], "number": "88/QĐ-UBND", "date": "01/03/2026", "signer": "Hồ Tiến Thiệu"}
    refused = client.post(form, typed).content.decode()
    assert "nếu vẫn quyết định khen thưởng" in refused and "chưa có kết quả Hội đồng thông qua" in refused
    assert not Decision.objects.exists()

    # 3. The board overrides again, with its reason, and sends the flag to the council.
    act("vuot-qua", {"reason": SECOND})
    act("trinh-hoi-dong")
    assert state() == "at_council"

    # 4. The council: Decree 152/2025 sets no threshold, so its vote does not open until the province's is in.
    client.post(
        reverse("council:councils"),
        {
            "organizer": seed.organizer.pk,
            "year": 2025,
            "date": "2026-02-10",
            "present": "Nguyễn Văn An, Chủ tịch Hội đồng\nTrần Thị Bình, Phó Chủ tịch\nLê Văn Cường, Ủy viên",
            "absent": "Hoàng Thị Dung, Ủy viên",
        },
    )
    council = Council.objects.get()
    opened = client.post(reverse("council:council_open", args=[council.pk]), follow=True).content.decode()
    assert "Chưa mở bỏ phiếu được: chưa có ngưỡng thông qua" in opened and DEC_152 in opened
    client.post(
        reverse("registry:province_rules") + f"?to_chuc={seed.organizer.pk}",
        {
            "award": ANY_AWARD,
            "parameter": COUNCIL_SHARE,
            "value": "75",
            "document": "Quyết định 15/2025/QĐ-UBND",
            "document_date": "01/08/2025",
            "article": "Điều 8 khoản 2",
            "start": "15/08/2025",
            "end": "",
        },
    )
    client.post(reverse("council:council_open", args=[council.pk]))
    members = list(council.members.order_by("pk"))
    votes = {f"member-{m.pk}": "agree" for m in members}  # three in the room, one in writing
    client.post(reverse("council:council_vote", args=[council.pk, flag.pk]), votes)
    client.post(reverse("council:council_close", args=[council.pk]))
    council.refresh_from_db()
    assert council.voting == "closed" and council.outcomes.get().passed

    # 5. The decision: the flag's regime, its coefficient (8.0) and the base salary of 01/03/2026.
    decided = client.post(form, typed, follow=True).content.decode()
    decision = Decision.objects.get(number="88/QĐ-UBND")
    awardee = decision.awardees.get()
    assert (decision.regime, awardee.bonus) == ("law-2022/decree-152-2025", 18_720_000)
    assert "Nghị định 152/2025/NĐ-CP, Điều 49–50" in awardee.bonus_note and DEC_152 in decided
    assert state() == "decided"

    # 6. The override stays on the dossier, in the council's minutes and in the audit trail.
    dossier = client.get(reverse("registry:proposal", args=[flag.pk])).content.decode()
    assert "Ban Thi đua – Khen thưởng cho đề nghị đi tiếp dù kết quả «Không đủ điều kiện»" in dossier
    assert SECOND in dossier and "Thông qua" in dossier and "4/4 thành viên Hội đồng đồng ý" in dossier
    minutes = client.get(reverse("council:council_minutes", args=[council.pk]))
    doc = Document(io.BytesIO(minutes.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "ĐỀ NGHỊ TRÌNH THEO LÝ DO VƯỢT QUA CỦA BAN THI ĐUA – KHEN THƯỞNG" in text and SECOND in text
    assert "«Không đủ điều kiện»" in text and DEC_152 in text
    assert "cần ≥ 75% tổng số thành viên Hội đồng (quy định của tỉnh" in cells
    assert "Quyết định 15/2025/QĐ-UBND ngày 01/08/2025, Điều 8 khoản 2" in cells
    assert "(trình theo lý do vượt qua của Ban Thi đua – Khen thưởng)" in cells
    overrides = AuditEvent.objects.filter(verb="registry.proposal.override", object_id=str(flag.pk))
    assert [e.data["reason"] for e in overrides.order_by("id")] == [FIRST, SECOND]
    assert all(e.actor == board for e in overrides)
    assert "Ghi lý do vượt qua kết quả xét điều kiện" in dossier
