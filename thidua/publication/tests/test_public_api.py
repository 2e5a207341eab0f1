"""The public API (/api/v1/public/…): without an account, read-only, the public pages' own readings."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thidua.publication import actions
from thidua.publication.tests.conftest import UNDECIDED, PublicWorld
from thidua.testing.worlds import BY


def _awards(client: Any, w: PublicWorld, query: str = "") -> Any:
    return client.get(f"/api/v1/public/organizers/{w.organizer.pk}/awards{query}")


def test_the_honour_roll_is_searched_without_diacritics_by_year_form_and_unit(
    public_world: PublicWorld, anonymous: Any
) -> None:
    w = public_world
    found = _awards(anonymous, w, "?q=hoang+thi+dien+hinh").json()
    assert [i["name"] for i in found["items"]] == [w.person_award.name]
    item = found["items"][0]
    assert item["decision_number"] == "300/QĐ-UBND" and item["decision_date"] == "2022-03-01"
    assert item["url"] == reverse("publication:entry", args=[w.person_award.code])
    assert found["count"] == 1 and found["count_is_exact"]
    # A proposal not yet decided is nowhere, whatever is typed.
    assert _awards(anonymous, w, "?q=" + UNDECIDED.replace(" ", "+")).json()["items"] == []
    by_year = _awards(anonymous, w, "?year=2022").json()["items"]
    assert by_year == [] or all(i["year"] == 2022 for i in by_year)
    by_unit = _awards(anonymous, w, f"?unit={w.unit.pk}&year=2021").json()["items"]
    assert w.person_award.name in [i["name"] for i in by_unit]
    by_form = _awards(anonymous, w, "?award=bang-khen-chu-tich-tinh").json()["items"]
    assert w.person_award.name in [i["name"] for i in by_form]
    other_form = _awards(anonymous, w, "?award=chien-si-thi-dua-co-so").json()["items"]
    assert w.person_award.name not in [i["name"] for i in other_form]


def test_the_honour_roll_is_paged_by_a_cursor(public_world: PublicWorld, anonymous: Any) -> None:
    first = _awards(anonymous, public_world, "?page_size=1").json()
    assert len(first["items"]) == 1 and first["next"]
    second = _awards(anonymous, public_world, f"?page_size=1&after={first['next']}").json()
    assert second["items"] and second["items"][0]["code"] != first["items"][0]["code"]
    refused = _awards(anonymous, public_world, "?after=nonsense")
    assert refused.status_code == 422 and "cursor" not in refused.json()["detail"].lower()


def test_a_revoked_award_is_answered_as_revoked_with_its_decision(
    public_world: PublicWorld, anonymous: Any
) -> None:
    answer = anonymous.get(f"/api/v1/public/awards/{public_world.revoked.code}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["revoked"] is True
    assert body["revoked_number"] == "999/QĐ-UBND" and body["revoked_date"] == "2023-01-05"
    # Typed as on paper (lower case, grouped with a dash) it is the same award; an unknown code is a 404.
    code = public_world.revoked.code
    assert anonymous.get(f"/api/v1/public/awards/{code[:5].lower()}-{code[5:]}").json() == body
    missing = anonymous.get("/api/v1/public/awards/AAAAAAAAAA")
    assert missing.status_code == 404 and missing.json()["detail"]


def test_results_of_a_year_only_once_published(public_world: PublicWorld, anonymous: Any) -> None:
    w = public_world
    url = f"/api/v1/public/organizers/{w.organizer.pk}/results/2021"
    published = anonymous.get(url).json()
    assert [r["token"] for r in published] == [w.results.token]
    assert published[0]["year"] == 2021 and published[0]["ranking"]
    assert "score" not in str(published[0]).lower()
    actions.withdraw_results(w.matrix.concluded, by=BY)
    assert anonymous.get(url).json() == []


def test_models_only_once_published_and_filters(public_world: PublicWorld, anonymous: Any) -> None:
    w = public_world
    models = f"/api/v1/public/organizers/{w.organizer.pk}/models"
    listed = anonymous.get(f"{models}?year=2021&movement={w.model.movement_id}").json()
    assert [m["token"] for m in listed] == [w.model.token]
    assert listed[0]["movement"] == "Phong trào Dân vận khéo"
    assert anonymous.get(f"{models}?year=2019&movement={w.model.movement_id}").json() == []
    detail = anonymous.get(f"/api/v1/public/models/{w.model.token}").json()
    assert detail["story"][0].startswith("Chị Hoàng Thị Điển Hình")
    assert [a["code"] for a in detail["awards"]] == [w.person_award.code]
    actions.return_model(w.model, reason="Thiếu minh chứng", by=BY)
    assert anonymous.get(f"/api/v1/public/models/{w.model.token}").status_code == 404
    assert w.model.token not in anonymous.get(models).content.decode()


def test_bad_parameters_are_refused_in_vietnamese(public_world: PublicWorld, anonymous: Any) -> None:
    w = public_world
    for query in ("?year=abc", "?unit=0", "?q=a%00b", "?unit=999999"):
        answer = _awards(anonymous, w, query)
        assert answer.status_code == 422, query
        assert answer.json()["detail"]
    assert anonymous.get("/api/v1/public/organizers/999999/awards").status_code == 404
    assert anonymous.get("/api/v1/public/organizers/1/awards", REQUEST_METHOD="POST").status_code == 405


def test_the_openapi_schema_describes_the_public_operations_without_a_token() -> None:
    from thidua.api.api import api

    schema = api.get_openapi_schema()
    public = {path: ops for path, ops in schema["paths"].items() if path.startswith("/api/v1/public/")}
    assert len(public) == 6
    for ops in public.values():
        assert "security" not in ops["get"]
