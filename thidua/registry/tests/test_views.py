"""The registry pages as each role sees them: the board sees all, a unit's officer its own unit and people,
another organizer's board nothing, and an anonymous visitor the login page."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.organisations.models import UnitEvent
from thidua.registry import queries
from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, Person
from thidua.testing import factories
from thidua.testing.workbooks import read_table
from thidua.testing.worlds import BY, Seed, client_for, decide_seed, person_at, push_through, user_with


@pytest.fixture
def nha(seed: Seed) -> Person:
    """A woman and direct labourer at Sở Tư pháp with a 2023 LĐTT on record, next to the seed's awards."""
    decide_seed(seed)
    person = person_at(seed, "STP", "Đường Thị Nhã", direct=True)
    proposal = services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=person,
        proposed_by=seed.units["STP"],
        by=BY,
    )
    push_through(proposal)
    services.decide([proposal], number="15/QĐ-STP", date=date(2022, 1, 28), signer="Giám đốc", by=BY)
    return person


def _officer(seed: Seed, code: str) -> AbstractUser:
    return user_with(f"can-bo-{code.lower()}", kind=Role.Kind.UNIT_OFFICER, unit=seed.units[code])


def test_anonymous_visitors_are_sent_to_login(nha: Person) -> None:
    for url in (reverse("registry:search"), reverse("registry:person", args=[nha.pk])):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_board_finds_a_person_without_diacritics(nha: Person, board: AbstractUser) -> None:
    response = client_for(board).get(reverse("registry:search"), {"q": "duong thi nha"})
    assert response.status_code == 200
    assert "Tìm thấy 1 khen thưởng" in response.text and "Đường Thị Nhã" in response.text


def test_a_unit_officer_sees_only_the_units_people_and_awards(seed: Seed, nha: Person) -> None:
    stp = client_for(_officer(seed, "STP"))
    page = stp.get(reverse("registry:search"))
    assert "Tìm thấy 1 khen thưởng" in page.text and "Đường Thị Nhã" in page.text
    assert stp.get(reverse("registry:person", args=[nha.pk])).status_code == 200
    assert stp.get(reverse("registry:unit", args=[seed.units["STC"].pk])).status_code == 404

    stc = client_for(_officer(seed, "STC"))
    assert stc.get(reverse("registry:person", args=[nha.pk])).status_code == 404
    assert "Đường Thị Nhã" not in stc.get(reverse("registry:search")).text


def test_another_organizers_board_finds_nothing(seed: Seed, nha: Person) -> None:
    other = user_with("ban-khac", kind=Role.Kind.BOARD, organizer=factories.OrganizerFactory())
    client = client_for(other)
    assert client.get(reverse("registry:person", args=[nha.pk])).status_code == 404
    assert client.get(reverse("registry:unit", args=[seed.units["STC"].pk])).status_code == 404
    assert "Không có khen thưởng nào" in client.get(reverse("registry:search")).text


def test_a_units_page_shows_its_predecessors_awards(seed: Seed, board: AbstractUser) -> None:
    decide_seed(seed)
    # Sở Ngoại vụ's 2021 certificate stays its own; after a (fictional) merger it shows on the successor page.
    UnitEvent.objects.create(
        unit=seed.units["SNGV"], kind="merged_into", other=seed.units["STC"], date=date(2025, 3, 1)
    )
    page = client_for(board).get(reverse("registry:unit", args=[seed.units["STC"].pk])).text
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in page
    assert "Khen thưởng của đơn vị tiền thân: Sở Ngoại vụ tỉnh Lạng Sơn" in page
    assert "246/QĐ-UBND" in page


def test_the_excel_export_holds_the_search_result(nha: Person, board: AbstractUser) -> None:
    response = client_for(board).get(
        reverse("registry:export"), {"nam": "2021", "hinh_thuc": "bang-khen-chu-tich-tinh"}
    )
    assert response.status_code == 200
    table = read_table(response.content)
    assert table.header[1] == "Tên cá nhân, tập thể"
    assert sorted(r[1] for r in table.rows) == [
        "Sở Ngoại vụ tỉnh Lạng Sơn",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lạng Sơn",
    ]
    assert all(r[6] == "246/QĐ-UBND" for r in table.rows)
    # The filters the page applied, said by the names the page shows.
    assert "Năm thành tích: 2021" in table.titles[-1]
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in table.titles[-1]


def test_statistics_show_the_share_of_women_and_direct_labourers(
    seed: Seed, nha: Person, board: AbstractUser
) -> None:
    man = person_at(seed, "STP", "Hoàng Văn Nam", sex="nam")
    proposal = services.propose(
        organizer=seed.organizer,
        award="lao-dong-tien-tien",
        year=2021,
        person=man,
        proposed_by=seed.units["STP"],
        by=BY,
    )
    push_through(proposal)
    services.decide([proposal], number="16/QĐ-STP", date=date(2022, 1, 28), signer="Giám đốc", by=BY)

    page = client_for(board).get(reverse("registry:statistics")).text
    # Two 2021 person awards at Sở Tư pháp (Tham mưu tổng hợp cluster): one woman, one direct labourer.
    assert page.count("<td>2</td><td>1 (50,0%)</td><td>1 (50,0%)</td>") == 4  # year, unit, cluster, organizer
    assert "Cụm các cơ quan Tham mưu tổng hợp" in page


def test_statistics_count_collectives_and_persons_by_form(nha: Person, board: AbstractUser) -> None:
    # The seed's 2021 flag and two certificates of merit to collectives, and Nhã's LĐTT.
    found = {
        (row.award_name, row.collectives, row.persons) for row in queries.counts_by_form(Awardee.objects)
    }
    assert found == {
        ("Cờ thi đua của Ủy ban nhân dân tỉnh", 1, 0),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 2, 0),
        ("Lao động tiên tiến", 0, 1),
    }
    page = client_for(board).get(reverse("registry:statistics")).text
    assert "<td>Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh</td><td>2</td><td>0</td><td>2</td>" in page
    # The same counts drawn: by form and by year, collectives and persons stacked.
    assert "Khen thưởng theo hình thức</title>" in page and "Khen thưởng theo năm</title>" in page


def test_statistics_count_and_draw_awards_by_cluster(nha: Person, board: AbstractUser) -> None:
    # The seed's three 2021 collectives and Nhã (at Sở Tư pháp) are all of the Tham mưu tổng hợp cluster.
    rows = queries.counts_by_cluster(Awardee.objects)
    assert [(r.year, r.cluster, r.collectives, r.persons) for r in rows] == [
        (2021, "Cụm các cơ quan Tham mưu tổng hợp", 3, 1)
    ]
    page = client_for(board).get(reverse("registry:statistics") + "?nam=2021").text
    assert (
        '<td>2021</td><td>Cụm các cơ quan Tham mưu tổng hợp</td><td class="num">3</td>'
        '<td class="num">1</td><td class="num">4</td>'
    ) in page
    assert "Khen thưởng theo cụm, khối năm 2021</title>" in page
    # A year without awards says so instead of drawing an empty chart.
    empty = client_for(board).get(reverse("registry:statistics") + "?nam=2019").text
    assert "Sổ khen thưởng chưa có khen thưởng nào cho thành viên của cụm, khối." in empty
    assert "theo cụm, khối năm 2019</title>" not in empty


def test_the_shares_are_drawn_beside_their_table_without_a_target_the_law_does_not_set(
    nha: Person, board: AbstractUser
) -> None:
    page = client_for(board).get(reverse("registry:statistics")).text
    assert "Tỷ lệ khen thưởng cá nhân là nữ (%)</title>" in page
    assert "Tỷ lệ khen thưởng cá nhân là người trực tiếp lao động (%)</title>" in page
    assert "Pháp luật không quy định tỷ lệ phải đạt" in page
    # Nhã is a woman and a direct labourer: each bar says 100,0%, as the table beside it.
    assert page.count('class="chart-value">100,0%</text>') == 2


def test_statistics_are_the_boards(seed: Seed, nha: Person) -> None:
    assert client_for(_officer(seed, "STP")).get(reverse("registry:statistics")).status_code == 404
