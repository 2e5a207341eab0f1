"""Verification codes: every decided award gets one, once, from the action that records it; the public page
/xac-minh/ shows for a code only the award as its decision published it (or its revocation), answers 404 in
Vietnamese to an unknown or malformed code, and slows a client that keeps guessing."""

from __future__ import annotations

import importlib
import io
from datetime import date

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from docx import Document

from thidua.emulation.models import Rating
from thidua.registry import verification
from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, Hold, PersonYear
from thidua.registry.papers.decision import decision_paper
from thidua.registry.views.verify import GUESSES
from thidua.testing.worlds import BY, Seed, decide_seed, person_at, push_through

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_guess_counts() -> None:
    cache.clear()


def _person_award(seed: Seed) -> Awardee:
    """Hoàng Thị Đào, Chuyên viên of the Sở Tư pháp, Lao động tiên tiến 2024; afterwards the registry also
    holds her birth year, her rating and a case under review, none of which is public."""
    person = person_at(seed, "STP", "Hoàng Thị Đào")
    proposal = services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2024,
        person=person,
        proposed_by=person.postings.get().unit,
        by=BY,
    )
    push_through(proposal, on=date(2025, 1, 10))
    decision = services.decide(
        [proposal], number="10/QĐ-STP", date=date(2025, 1, 20), signer="Giám đốc", by=BY
    )
    person.birth_year = 1978
    person.save()
    PersonYear.objects.create(person=person, year=2024, rating=Rating.XUAT_SAC, titles=[])
    Hold.objects.create(person=person, kind=Hold.Kind.INVESTIGATION, level="Đang thanh tra ABCXYZ")
    return decision.awardees.get()


def _page(code: str, client: Client | None = None) -> tuple[int, str]:
    response = (client or Client()).get(reverse("verify:award", args=[code]))
    return response.status_code, response.content.decode()


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_each_award_gets_one_well_formed_code_that_never_changes(seed: Seed) -> None:
    flag, merit = decide_seed(seed)
    awardees = list(Awardee.objects.filter(decision__in=[flag, merit]))
    codes = [a.code for a in awardees]
    assert len(codes) == 3 and len(set(codes)) == 3
    assert all(verification.is_well_formed(c) for c in codes)
    assert not set("01ILOUV") & set("".join(codes))
    first = awardees[0]
    services.revoke(first, number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Sai sót", by=BY)
    first.refresh_from_db()
    assert first.code == codes[0]
    assert sorted(Awardee.objects.values_list("code", flat=True)) == sorted(codes)


def test_codes_drawn_in_bulk_are_well_formed_distinct_and_use_the_whole_alphabet() -> None:
    # The bulk import draws a million codes at once (new_codes): each must read as one new_code would.
    codes = verification.new_codes(3000)
    assert len(codes) == 3000 and len(set(codes)) == 3000
    assert all(verification.is_well_formed(c) for c in codes)
    assert set("".join(codes)) == set(verification.ALPHABET)
    assert verification.new_codes(0) == []


def test_the_decisions_annex_prints_each_code(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    text = _docx_text(decision_paper(merit, site="https://thiduakt.example.vn"))
    for awardee in merit.awardees.all():
        assert verification.grouped(awardee.code) in text
    assert "Mã xác minh" in text


def test_awards_recorded_before_codes_existed_get_one_from_the_migration(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    old = flag.awardees.get()
    Awardee.objects.filter(pk=old.pk).update(code="")
    others = dict(Awardee.objects.exclude(pk=old.pk).values_list("pk", "code"))
    importlib.import_module("thidua.registry.migrations.0011_awardee_verification_code").draw(apps, None)
    old.refresh_from_db()
    assert verification.is_well_formed(old.code)
    assert dict(Awardee.objects.exclude(pk=old.pk).values_list("pk", "code")) == others


def test_a_decided_award_shows_as_its_decision_published_it(seed: Seed) -> None:
    _flag, merit = decide_seed(seed)
    awardee = merit.awardees.order_by("id").first()
    assert awardee is not None
    status, page = _page(awardee.code)
    assert status == 200
    assert "đang có hiệu lực" in page
    assert awardee.name in page and merit.award_name in page
    assert "246/QĐ-UBND" in page and "15/02/2022" in page
    assert "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn" in page
    assert verification.grouped(awardee.code) in page
    other = merit.awardees.exclude(pk=awardee.pk).get()
    assert other.name not in page and other.code not in page
    assert "Tiền thưởng" not in page and f"{awardee.bonus:,}".replace(",", ".") not in page
    assert Client().get(reverse("verify:award", args=[awardee.code]))["X-Robots-Tag"].startswith("noindex")


def test_a_persons_award_shows_name_title_and_unit_and_nothing_private(seed: Seed) -> None:
    awardee = _person_award(seed)
    status, page = _page(awardee.code)
    assert status == 200
    assert "Hoàng Thị Đào" in page and "Chuyên viên" in page and "Sở Tư pháp tỉnh Lạng Sơn" in page
    assert "10/QĐ-STP" in page and "20/01/2025" in page and "Lao động tiên tiến" in page
    for private in ("1978", "Năm sinh", "Đang thanh tra ABCXYZ", str(Hold.Kind.INVESTIGATION.label),
                    str(Rating.XUAT_SAC.label), "Nữ", "Đề nghị", str(awardee.bonus)):  # fmt: skip
        assert private not in page, private


def test_the_code_typed_in_any_case_with_spaces_or_a_dash_leads_to_the_award(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    code = flag.awardees.get().code
    typed = f" {code[:5].lower()}-{code[5:]} "
    response = Client().get(reverse("verify:enter"), {"ma": typed})
    assert response.status_code == 302 and response["Location"] == reverse("verify:award", args=[code])
    assert Client().get(reverse("verify:enter")).status_code == 200


def test_a_revoked_award_shows_as_revoked_with_the_revoking_decision_but_not_its_reason(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    awardee = flag.awardees.get()
    services.revoke(awardee, number="99/QĐ-UBND", date=date(2022, 9, 1), reason="Kê khai không đúng", by=BY)
    status, page = _page(awardee.code)
    assert status == 200
    assert "đã bị hủy bỏ" in page and "99/QĐ-UBND" in page and "01/09/2022" in page
    assert "Kê khai không đúng" not in page and "đang có hiệu lực" not in page
    assert awardee.name in page and "245/QĐ-UBND" in page


def test_an_unknown_code_is_not_found_in_vietnamese_without_a_hint(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    real = flag.awardees.get().code
    unknown = ("2" if real[0] != "2" else "3") + real[1:]
    status, page = _page(unknown)
    assert status == 404
    assert "Không có khen thưởng hay quyết định nào" in page
    assert all(a.name not in page for a in Awardee.objects.all())
    assert real not in page and "245/QĐ-UBND" not in page and "246/QĐ-UBND" not in page


@pytest.mark.parametrize("typed", ["ABC", "0OIL1UVABC", "A" * 80, "<script>x</script>", "ĐĐĐĐĐĐĐĐĐĐ"])
def test_a_malformed_code_is_not_found_in_vietnamese(seed: Seed, typed: str) -> None:
    response = Client().get(reverse("verify:enter"), {"ma": typed})
    assert response.status_code == 404
    page = response.content.decode()
    assert "không phải mã xác minh" in page and "<script>x" not in page


def test_a_client_that_keeps_guessing_is_refused_for_a_while_others_are_not(seed: Seed) -> None:
    flag, _merit = decide_seed(seed)
    real = flag.awardees.get().code
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(GUESSES):
        assert _page(verification.new_code(), guesser)[0] == 404, n
    status, page = _page(real, guesser)
    assert status == 429 and "Vui lòng chờ 15 phút" in page
    assert flag.awardees.get().name not in page
    assert _page(real, Client(REMOTE_ADDR="198.51.100.2"))[0] == 200


def test_the_decision_page_links_each_award_to_its_public_page(seed: Seed, board) -> None:  # type: ignore[no-untyped-def]
    from thidua.testing.worlds import client_for

    flag, _merit = decide_seed(seed)
    page = client_for(board).get(reverse("registry:decision", args=[flag.pk])).content.decode()
    assert reverse("verify:award", args=[flag.awardees.get().code]) in page
    assert reverse("registry:certificate_pdf", args=[flag.pk]) in page


def test_the_qr_address_is_the_site_setting_or_the_requests_own(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://thiduakt.example.vn"
    assert verification.verify_url("K7QF2MXPAB", verification.site_url()) == (
        "https://thiduakt.example.vn/xac-minh/K7QF2MXPAB/"
    )
    settings.SITE_URL = ""
    request = Client().get("/xac-minh/").wsgi_request
    assert verification.site_url(request) == "http://testserver"


def test_a_persons_award_recorded_before_job_titles_were_kept_gets_the_title_of_the_decision_day(
    seed: Seed,
) -> None:
    awardee = _person_award(seed)
    assert awardee.position == "Chuyên viên"
    Awardee.objects.filter(pk=awardee.pk).update(position="")
    importlib.import_module("thidua.registry.migrations.0012_awardee_position_as_decided").fill(apps, None)
    awardee.refresh_from_db()
    assert awardee.position == "Chuyên viên"


def test_behind_a_proxy_the_limit_counts_each_client_by_the_proxys_header(seed: Seed, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    flag, _merit = decide_seed(seed)
    real = flag.awardees.get().code
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    for _n in range(GUESSES):
        _page(verification.new_code(), guesser)
    assert _page(real, guesser)[0] == 429
    assert _page(real, Client(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2"))[0] == 200
