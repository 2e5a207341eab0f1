"""A decision's own verification code: drawn once by the action that issues decisions, never one an award
holds, backfilled by its migration, printed with its QR code on the decision paper; the public page shows
for it the decision (number, date, grantor, form, how many awarded, revocations counted) and nothing else."""

from __future__ import annotations

import importlib
import io
from datetime import date

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from docx import Document

from thidua.registry import verification
from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, Decision
from thidua.registry.papers.decision import decision_paper
from thidua.testing.worlds import BY, Seed, decide_seed

pytestmark = pytest.mark.django_db


def _page(code: str) -> tuple[int, str]:
    response = Client().get(reverse("verify:award", args=[code]))
    return response.status_code, response.content.decode()


def test_each_decision_gets_its_own_code_unlike_any_awards(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    codes = [flag.code, merit.code]
    assert all(verification.is_well_formed(c) for c in codes) and codes[0] != codes[1]
    assert not set(codes) & set(Awardee.objects.values_list("code", flat=True))
    services.revoke(flag.awardees.get(), number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Sai", by=BY)
    flag.refresh_from_db()
    assert flag.code == codes[0]


def test_decisions_made_before_codes_existed_get_one_from_the_migration(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    Decision.objects.filter(pk=flag.pk).update(code="")
    importlib.import_module("thidua.registry.migrations.0019_decision_verification_code").draw(apps, None)
    flag.refresh_from_db()
    merit.refresh_from_db()
    assert verification.is_well_formed(flag.code) and flag.code != merit.code
    assert flag.code not in set(Awardee.objects.values_list("code", flat=True))


def test_the_public_page_shows_the_decision_and_nothing_else(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    status, page = _page(merit.code)
    assert status == 200
    assert "Quyết định này có trong sổ khen thưởng" in page
    assert "246/QĐ-UBND" in page and "15/02/2022" in page
    assert "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn" in page and merit.award_name in page
    assert "Số tập thể, cá nhân được khen thưởng</dt><dd>2" in page
    assert verification.grouped(merit.code) in page
    for awardee in merit.awardees.all():  # names, codes and bonuses stay on the certificates and the paper
        assert awardee.name not in page and awardee.code not in page
        assert f"{awardee.bonus:,}".replace(",", ".") not in page
    assert merit.signer not in page
    assert Client().get(reverse("verify:award", args=[merit.code]))["X-Robots-Tag"].startswith("noindex")


def test_a_revoked_award_is_counted_on_the_decisions_page_without_its_name_or_reason(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    revoked = merit.awardees.order_by("id").first()
    assert revoked is not None
    services.revoke(revoked, number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Kê khai không đúng", by=BY)
    _status, page = _page(merit.code)
    assert (
        "1 khen thưởng của quyết định này đã bị hủy bỏ theo Quyết định số 99/QĐ-UBND ngày 01/09/2022" in page
    )
    assert "(trong đó 1 đã bị hủy bỏ)" in page and "Kê khai không đúng" not in page
    assert revoked.name not in page
    services.revoke(flag.awardees.get(), number="100/QĐ-UBND", date=date(2022, 9, 2), reason="Sai", by=BY)
    _status, page = _page(flag.code)
    assert "Mọi khen thưởng của quyết định này đã bị hủy bỏ" in page


def test_the_code_typed_with_a_dash_in_small_letters_leads_to_the_decision(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    typed = f"{flag.code[:5].lower()}-{flag.code[5:]}"
    response = Client().get(reverse("verify:enter"), {"ma": typed}, follow=True)
    assert "245/QĐ-UBND" in response.content.decode()


def test_the_decision_paper_prints_the_decisions_code_and_its_qr_code(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    doc = Document(io.BytesIO(decision_paper(merit, site="https://thiduakt.example.vn")))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert f"Mã xác minh quyết định: {verification.grouped(merit.code)}" in text
    assert "Xác minh tại https://thiduakt.example.vn/xac-minh/" in text
    pictures = len(doc.inline_shapes)
    assert pictures == merit.awardees.count() + 1  # one QR code per award, and the decision's own


def test_a_draft_decision_has_no_code_yet(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    draft, awardees = services.draft_decision(list(merit.proposals.all()), day=date(2022, 2, 15))
    doc = Document(io.BytesIO(decision_paper(draft, awardees=awardees, site="https://x.example")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Mã xác minh quyết định" not in text and len(doc.inline_shapes) == 0
