"""The registry search page by page, as for millions of awards: a cursor in the address, never an offset;
each award exactly once from the first page to the last and back; the count stops past a cap; a unit is
typed by name, never picked from a list of every unit."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AbstractUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.models import Role
from thidua.registry import search as registry_search
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision
from thidua.registry.search import BadCursor, Key, index_awardees, page_of, search_awards
from thidua.registry.verification import new_code
from thidua.registry.views import registry as views
from thidua.testing.worlds import Seed, client_for, decide_seed, user_with

pytestmark = pytest.mark.django_db


def awards(seed: Seed, n: int, *, prefix: str = "Tập thể") -> list[Awardee]:
    """n awards of the seed's units over a few years (several in each year, so a page ends mid-year)."""
    flag, _merit = decide_seed(seed)
    decision: Decision = flag
    units = list(seed.units.values())
    made = [
        Awardee(
            decision=decision,
            unit=units[i % len(units)],
            year=2015 + i % 4,
            name=f"{prefix} số {i}",
            name_folded=fold(f"{prefix} số {i}"),
            award=decision.award,
            code=new_code(),
        )
        for i in range(n)
    ]
    written = Awardee.objects.bulk_create(made)
    index_awardees(written)  # made around the registry's writer: the search's words too
    return written


def _ids(response: Any) -> list[int]:
    return [row.pk for row in response.context["rows"]]


def _every_page(client: Client, **asked: Any) -> tuple[list[int], int, Any]:
    """The awards of every page of a search followed by its "next" links, the queries that took, and the
    count the first page showed."""
    seen: list[int] = []
    with CaptureQueriesContext(connection) as read:
        response = client.get(reverse("registry:search"), asked)
        counted = response.context["count"]
        while True:
            seen += _ids(response)
            if not response.context["next_link"]:
                break
            response = client.get(reverse("registry:search") + response.context["next_link"])
    return seen, len(read), counted


def test_following_next_then_previous_shows_each_award_exactly_once(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 7)
    awards(seed, 40)
    every = set(Awardee.objects.values_list("pk", flat=True))
    client = client_for(board)
    pages: list[list[int]] = []
    response = client.get(reverse("registry:search"))
    assert response.context["first_link"] is None and response.context["previous_link"] is None
    while True:
        pages.append(_ids(response))
        assert len(pages[-1]) <= 7
        link = response.context["next_link"]
        if link is None:
            break
        assert "sau=" in link and "trang" not in link
        response = client.get(reverse("registry:search") + link)
        assert "Trang đầu" in response.text
    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen)) == len(every) and set(seen) == every
    # Newest year first, then newest entry: the order of the index the pages are read from.
    keys = [(a.year, a.pk) for a in Awardee.objects.filter(pk__in=seen)]
    assert [k[1] for k in sorted(keys, reverse=True)] == seen
    # And back, page by page, to the first.
    back: list[list[int]] = [pages[-1]]
    while response.context["previous_link"]:
        response = client.get(reverse("registry:search") + response.context["previous_link"])
        back.append(_ids(response))
    assert back == list(reversed(pages))
    assert response.context["first_link"] is None


def test_the_cursor_keeps_the_filters(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    awards(seed, 20)
    client = client_for(board)
    response = client.get(reverse("registry:search"), {"q": "tap the", "nam": "2016"})
    link = response.context["next_link"]
    assert "q=tap+the" in link and "nam=2016" in link
    seen: list[Awardee] = list(response.context["rows"])
    while link:
        response = client.get(reverse("registry:search") + link)
        seen += response.context["rows"]
        link = response.context["next_link"]
    assert {a.year for a in seen} == {2016} and len(seen) == 5


@pytest.mark.parametrize("cursor", ["abc", "2024", "2024.", ".5", "2024.-1", "٢٠٢٤.1", "2024.1" + "0" * 30])
def test_a_bad_cursor_says_so_in_vietnamese_and_shows_the_first_page(
    seed: Seed, board: AbstractUser, cursor: str
) -> None:
    awards(seed, 5)
    client = client_for(board)
    for name in ("sau", "truoc"):
        response = client.get(reverse("registry:search"), {name: cursor})
        assert response.status_code == 200
        assert "Liên kết trang không hợp lệ" in response.text
        assert response.context["page"].is_first
    with pytest.raises(BadCursor):
        page_of(search_awards(), 5, after=cursor)


def test_past_the_cap_the_count_says_more_than(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry_search, "COUNT_CAP", 10)
    monkeypatch.setattr(views, "PAGE_SIZE", 5)
    awards(seed, 30)
    response = client_for(board).get(reverse("registry:search"))
    assert "Tìm thấy hơn 10 khen thưởng" in response.text
    response = client_for(board).get(reverse("registry:search"), {"q": "so 2"})  # 2, 20…29: 11
    assert "Tìm thấy hơn 10 khen thưởng" in response.text
    response = client_for(board).get(reverse("registry:search"), {"q": "so 3"})  # 3
    assert "Tìm thấy 1 khen thưởng" in response.text


def test_the_page_runs_as_many_queries_for_30_as_for_300_awards(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    awards(seed, 30)
    client = client_for(board)

    def queries(**get: str) -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(reverse("registry:search"), get).status_code == 200
        return len(done)

    small = [queries(), queries(q="tap"), queries(sau="2016.999999999")]
    Awardee.objects.bulk_create(
        [
            Awardee(
                decision=a.decision,
                unit=a.unit,
                year=a.year,
                name=a.name,
                name_folded=a.name_folded,
                code=new_code(),
            )
            for a in Awardee.objects.filter(name__startswith="Tập thể")
            for _ in range(9)
        ]
    )
    assert Awardee.objects.count() > 300
    assert [queries(), queries(q="tap"), queries(sau="2016.999999999")] == small


def test_a_unit_is_typed_by_name_never_picked_from_every_unit(seed: Seed, board: AbstractUser) -> None:
    made = awards(seed, 12)
    client = client_for(board)
    response = client.get(reverse("registry:search"))
    assert 'name="don_vi"' in response.text and '<select name="don_vi"' not in response.text
    assert not any(
        unit.name in response.text.split("<form")[1].split("</form>")[0] for unit in seed.units.values()
    )
    unit = made[0].unit
    response = client.get(reverse("registry:search"), {"don_vi": unit.name[3:]})
    rows = response.context["rows"]
    assert rows and all(unit.pk in (a.unit_id, a.person_unit_id) for a in rows)
    assert f'value="{unit.name[3:]}"' in response.text
    # By id, as the links of other pages carry it.
    assert {a.pk for a in client.get(reverse("registry:search"), {"don_vi": unit.pk}).context["rows"]} == {
        a.pk for a in rows
    }
    response = client.get(reverse("registry:search"), {"don_vi": "không có đơn vị này"})
    assert "Không có đơn vị nào bạn được xem khớp" in response.text
    assert list(response.context["rows"]) == []


def test_a_name_matching_too_many_units_asks_for_more(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "MOST_UNITS", 2)
    awards(seed, 6)
    response = client_for(board).get(reverse("registry:search"), {"don_vi": "Sở"})
    assert "Hơn 2 đơn vị khớp" in response.text
    assert len(response.context["rows"]) == Awardee.objects.count()


def test_page_of_reads_the_same_awards_forward_and_backward(seed: Seed) -> None:
    awards(seed, 23)
    rows = search_awards()
    forward: list[int] = []
    page = page_of(rows, 4)
    while True:
        forward += [a.pk for a in page.rows]
        if page.next is None:
            break
        page = page_of(rows, 4, after=str(page.next))
    assert forward == list(rows.values_list("pk", flat=True))
    assert str(Key.parse("2019.12")) == "2019.12"


def test_an_officer_pages_only_through_its_own_unit(seed: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    made = awards(seed, 30)
    unit = made[0].unit
    officer = user_with("donvi", kind=Role.Kind.UNIT_OFFICER, unit=unit)
    client = client_for(officer)
    response = client.get(reverse("registry:search"))
    seen: list[Awardee] = []
    while True:
        seen += response.context["rows"]
        if not response.context["next_link"]:
            break
        response = client.get(reverse("registry:search") + response.context["next_link"])
    assert seen and all(unit.pk in (a.unit_id, a.person_unit_id) for a in seen)
    assert len({a.pk for a in seen}) == len(seen)


def test_the_bulk_path_writes_the_search_words_of_its_awards(seed: Seed) -> None:
    from thidua.registry.actions.proposals import OnRecord, put_many_on_record

    flag, _merit = decide_seed(seed)
    unit = seed.units["STP"]
    put_many_on_record([OnRecord(flag, 2019, "UBND xã Hồng Phong", unit=unit)])
    assert [a.name for a in search_awards("uy ban nhan dan hong")] == ["UBND xã Hồng Phong"]
    assert [a.name for a in search_awards("hong p", year=2019)] == ["UBND xã Hồng Phong"]
    assert list(search_awards("ong")) == []  # a word's start, never its middle


def _other_organizers_awards(seed: Seed, n: int) -> None:
    """n more awards named as awards() names them, decided by another organizer (a ministry)."""
    from datetime import date

    from thidua.organisations.models import Organizer

    other, _ = Organizer.objects.get_or_create(name="Bộ khác")
    decision, _ = Decision.objects.get_or_create(
        organizer=other,
        number="9/QĐ-BKT",
        defaults={
            "date": date(2018, 1, 1),
            "signer": "Người ký",
            "grantor": "Bộ trưởng Bộ khác",
            "award": "bang-khen-bo",
            "award_name": "Bằng khen của Bộ trưởng",
            "regime": "law-2003/decree-91-2017",
            "code": new_code(),
        },
    )
    unit = seed.units["STP"]
    start = Awardee.objects.filter(decision=decision).count()
    made = Awardee.objects.bulk_create(
        Awardee(
            decision=decision,
            unit=unit,
            year=2018,
            name=f"Tập thể số {i}",
            name_folded=fold(f"Tập thể số {i}"),
            award=decision.award,
            code=new_code(),
        )
        for i in range(start, start + n)
    )
    index_awardees(made)


def test_a_boards_search_reads_its_own_awards_however_many_others_match(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A province's board among a nation's awards: the others' matches are neither shown nor read one by one.
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    own = awards(seed, 3)
    _other_organizers_awards(seed, 20)
    client = client_for(board)

    seen, few, _ = _every_page(client, q="tap the so")
    assert sorted(seen) == sorted(a.pk for a in own)
    _other_organizers_awards(seed, 600)
    seen, many, _ = _every_page(client, q="tap the so")
    assert sorted(seen) == sorted(a.pk for a in own)
    assert many == few


def test_an_officers_search_finds_exactly_what_the_officer_may_see_however_many_others_match(
    seed: Seed, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A unit's officer among a nation's awards: its unit's awards and its people's, whichever unit they
    # were awarded in, read off the unit's own awards (as many queries however many other units' match).
    from datetime import date

    from thidua.registry.models import Person, PersonPosting
    from thidua.registry.rules import visible_awardees

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    made = awards(seed, 12)
    unit = seed.units["STP"]
    other_unit = next(u for u in seed.units.values() if u.pk != unit.pk)
    decision = made[0].decision
    person = Person.objects.create(organizer=decision.organizer, code="P99", name="Lê Văn Tập")
    PersonPosting.objects.create(person=person, unit=unit, start=date(2015, 1, 1))
    elsewhere = Awardee.objects.create(
        decision=decision, person=person, person_unit=other_unit, year=2016, name="Tập thể số 99"
    )
    officer = user_with("donvi", kind=Role.Kind.UNIT_OFFICER, unit=unit)
    client = client_for(officer)
    expected = sorted(a.pk for a in visible_awardees(officer) if a.name.startswith("Tập thể số"))

    seen, few, counted = _every_page(client, q="tap the so")
    assert elsewhere.pk in seen  # a person posted in the unit, awarded while in another
    assert 1 < len(seen) < 12 and sorted(seen) == expected and len(set(seen)) == len(seen) == counted
    others = Awardee.objects.bulk_create(
        Awardee(decision=decision, unit=other_unit, year=2019, name=f"Tập thể số {i}", code=new_code())
        for i in range(100, 700)
    )
    index_awardees(others)
    seen_again, many, _counted = _every_page(client, q="tap the so")
    assert sorted(seen_again) == expected
    assert many == few


def test_a_boards_page_with_no_words_shows_its_own_awards_however_many_others_there_are(
    seed: Seed, board: AbstractUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The board's awards (a year's) read off the word table's entry every award has, newest first, counted
    # there: another organizer's awards are neither shown nor read.
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    own = awards(seed, 7)
    decision = own[0].decision
    written = Awardee.objects.create(decision=decision, unit=own[0].unit, year=2016, name="Chi bộ Tân An")
    own.append(written)  # put on record by the registry's writer, not the bulk path
    client = client_for(board)

    boards = Awardee.objects.filter(decision__organizer=decision.organizer).order_by("-year", "-id")
    newest_first = list(boards.values_list("pk", flat=True))
    in_2016 = list(boards.filter(year=2016).values_list("pk", flat=True))
    assert written.pk in in_2016 and len(newest_first) >= len(own)
    seen, few, counted = _every_page(client)
    assert seen == newest_first and counted == len(newest_first)
    seen_2016, few_2016, counted_2016 = _every_page(client, nam="2016")
    assert seen_2016 == in_2016 and counted_2016 == len(in_2016)
    _other_organizers_awards(seed, 600)
    assert _every_page(client) == (newest_first, few, len(newest_first))
    assert _every_page(client, nam="2016") == (in_2016, few_2016, len(in_2016))


def test_a_search_across_organizers_merges_their_awards_newest_first(seed: Seed) -> None:
    # A search over every organizer (a system administrator's) reads each organizer's awards of a word in
    # order and merges them: the same awards, in the same order, as the awards themselves sorted.
    own = awards(seed, 9)
    _other_organizers_awards(seed, 9)
    rows = search_awards("tap the so")
    found = page_of(rows, 5)
    every = list(Awardee.objects.filter(name__startswith="Tập thể số").order_by("-year", "-id"))
    assert len(every) == 18 and len(own) == 9
    assert found.rows == every[:5]
    assert page_of(rows, 20, after=str(found.next)).rows == every[5:]
    assert registry_search.count_of(rows).exact == 18


def test_a_search_reads_the_users_roles_once(seed: Seed, board: AbstractUser) -> None:
    # The scope (what the user sees, the organizers whose words are read, an officer's units) comes from one
    # read of the roles: three reads of the same rows were two round trips more on every search.
    awards(seed, 3)
    client = client_for(board)
    for asked in ({}, {"q": "tap"}):
        with CaptureQueriesContext(connection) as done:
            assert client.get(reverse("registry:search"), asked).status_code == 200
        # The registry's scope reads the kind and organizer of the user's board and officer roles.
        roles = [q["sql"] for q in done if 'SELECT "accounts_role"."kind"' in q["sql"]]
        assert len(roles) == 1, roles


def test_a_year_that_is_not_one_is_left_out_with_a_message(seed: Seed, board: AbstractUser) -> None:
    # An address edited by hand (the box takes numbers only): every award, and a message naming the value.
    awards(seed, 3)
    response = client_for(board).get(reverse("registry:search"), {"nam": "abc"}, follow=True)
    assert response.status_code == 200
    assert "«abc» không phải là một năm; việc tìm kiếm không giới hạn theo năm." in response.content.decode()
