"""A secret council sitting over HTTP: the board chooses secret voting, opens it and prints the codes;
members vote on their phones without an account from the same ballot pages as the cluster meeting; the
board enters the absent members' written votes by name; the result and the published list follow."""

from __future__ import annotations

import re
from datetime import date

import pytest

from thidua.accounts.models import Role
from thidua.core.models import AuditEvent
from thidua.emulation.tests.meeting.council_helpers import council_of
from thidua.emulation.tests.meeting.test_views import login
from thidua.registry.actions.council import council_results
from thidua.registry.models import Council, CouncilBallot
from thidua.testing import factories

pytestmark = pytest.mark.django_db


def vote_on_phone(client, code: str, choice: dict[str, str]) -> str:
    """A member with no account: open the ballot (as the QR link's page posts the code), choose, review,
    cast; returns the page after casting."""
    client.logout()
    opened = client.post("/hop/phieu/bo/", {"code": code, "step": "open"}).content.decode()
    assert "Phiếu kín Hội đồng Thi đua – Khen thưởng năm 2024" in opened
    review = client.post("/hop/phieu/bo/", {"code": code, "step": "confirm", **choice}).content.decode()
    assert "Xác nhận phiếu kín" in review
    return client.post("/hop/phieu/bo/", {"code": code, "step": "cast", **choice}).content.decode()


def test_a_secret_council_vote_end_to_end(client, organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=7, absent=3)
    board = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    login(client, board)
    base = f"/hop/hoi-dong/{council.pk}/"
    client.post(base + "cach-bieu-quyet", {"mode": "secret"})
    client.post(base + "mo")
    page = client.get(base).content.decode()
    assert "Đang bỏ phiếu" in page and "bỏ phiếu kín bằng mã một lần" in page
    # The written votes are entered by name, and the page says they are not secret.
    assert "phiếu có chữ ký nên tự nó không bí mật" in page
    absent = list(council.members.filter(present=False))
    client.post(
        base + f"bieu-quyet/{flag.pk}",
        {
            f"member-{absent[0].pk}": "agree",
            f"member-{absent[1].pk}": "disagree",
            f"member-{absent[2].pk}": "",
        },
    )

    sheet = client.post(base + "cap-ma").content.decode()
    shown = re.findall(r'class="code" data-unit="(\d+)">([\w-]+)<', sheet)
    assert len(shown) == 7 and sheet.count("<svg") == 7
    present_ids = {str(pk) for pk in council.members.filter(present=True).values_list("pk", flat=True)}
    assert {member for member, _ in shown} == present_ids

    receipts = []
    for n, (_, code) in enumerate(shown):
        page = vote_on_phone(client, code, {f"p-{flag.pk}": "agree" if n < 6 else "disagree"})
        receipts.append(re.search(r'id="receipt">(\w+)<', page).group(1))
    replay = client.post("/hop/phieu/bo/", {"code": shown[0][1], "step": "cast", f"p-{flag.pk}": "agree"})
    assert "Mã phiếu này đã được dùng" in replay.content.decode()
    assert CouncilBallot.objects.count() == 7

    login(client, board)
    assert client.get(base + "so-phieu").content.decode() == "7/7"
    client.post(base + "dong")
    assert Council.objects.get(pk=council.pk).voting == "closed"
    page = client.get(base).content.decode()
    row = re.search(rf'<tr data-proposal="{flag.pk}">(.*?)</tr>', page, re.S).group(1)
    # Six secret ballots and one written vote agree: 7 of 10, under the decree's 80%.
    assert "7/10" in row and "1 bằng văn bản" in row and "Không đạt" in row
    (result,) = council_results(council)
    assert (result.agree_present, result.agree_written, result.disagree) == (6, 1, 2)

    # After closing, anyone finds their receipt in the published list, sorted by receipt.
    client.logout()
    counted = client.get(f"/hop/hoi-dong/phieu-da-kiem/{council.public_token}/").content.decode()
    listed = re.findall(r'<td class="code">(\w+)</td>', counted)
    assert listed == sorted(receipts)
    closed = client.post("/hop/phieu/bo/", {"code": shown[-1][1], "step": "open"}).content.decode()
    assert "Mã phiếu này đã được dùng" in closed
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"council.mode", "council.open", "council.issue_codes", "council.close"} <= verbs


def test_an_over_long_or_strange_choice_is_refused_on_the_page_and_the_code_stays_usable(
    client, organizer, flag
):
    council = council_of(organizer, date(2025, 3, 1), present=1, absent=0)
    board = factories.RoleFactory(kind=Role.Kind.BOARD, organizer=organizer).user
    login(client, board)
    base = f"/hop/hoi-dong/{council.pk}/"
    client.post(base + "cach-bieu-quyet", {"mode": "secret"})
    client.post(base + "mo")
    code = re.search(r'class="code" data-unit="\d+">([\w-]+)<', client.post(base + "cap-ma").content.decode())
    client.logout()
    page = client.post("/hop/phieu/bo/", {"code": code.group(1), "step": "cast", f"p-{flag.pk}": "yes"})
    assert "lựa chọn «yes» không hợp lệ" in page.content.decode()
    assert not CouncilBallot.objects.exists()
    # Typed by hand on the entry page, in lower case: the same code opens the council's ballot.
    typed = client.post("/hop/phieu/bo/", {"code": code.group(1).lower(), "step": "open"}).content.decode()
    assert "Phiếu kín Hội đồng" in typed


def test_the_counted_list_is_published_only_after_closing(client, organizer, flag):
    council = council_of(organizer, date(2025, 3, 1), present=1, absent=0)
    page = client.get(f"/hop/hoi-dong/phieu-da-kiem/{council.public_token}/").content.decode()
    assert "Danh sách được công bố sau khi đóng bỏ phiếu." in page
