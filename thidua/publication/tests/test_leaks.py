"""The leak test: every public page, rendered for a visitor without an account in a world that holds a
proposal not yet decided, a hold, ratings, an open vote's ballot codes, a council's codes, birth years and a
revocation's reason, shows none of them — and shows what is public (the decided awards, the revocation's
decision, the published results and model)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from thidua.emulation.models import Rating
from thidua.publication import news
from thidua.publication.tests.conftest import (
    BIRTH_YEAR,
    HELD,
    REVOCATION_REASON,
    UNDECIDED,
    PublicWorld,
)
from thidua.registry.models import Awardee, Hold


def public_pages(w: PublicWorld) -> list[str]:
    org = w.organizer.pk
    codes = list(Awardee.objects.filter(decision__organizer=w.organizer).values_list("code", flat=True))
    return [
        reverse("publication:organizers"),
        reverse("publication:home", args=[org]),
        reverse("publication:registry", args=[org]),
        reverse("publication:registry", args=[org]) + "?q=Hoang",
        reverse("publication:registry", args=[org]) + "?nam=2021&hinh_thuc=bang-khen-chu-tich-tinh",
        reverse("publication:registry", args=[org]) + f"?don_vi={w.unit.pk}",
        reverse("publication:registry", args=[org]) + "?q=Le+Chua+Quyet+Dinh",
        *[reverse("publication:entry", args=[code]) for code in codes],
        reverse("publication:results_list", args=[org]),
        reverse("publication:results", args=[w.results.token]),
        reverse("publication:models", args=[org]),
        reverse("publication:models", args=[org]) + f"?phong_trao={w.model.movement_id}&nam=2021",
        reverse("publication:model", args=[w.model.token]),
        reverse("publication:news_list", args=[org]),
        reverse("publication:news_rss", args=[org]),
        reverse("publication:news_atom", args=[org]),
        *[reverse("publication:news_item", args=[a.slug]) for a in news.public_news(w.organizer)],
    ]


def public_api(w: PublicWorld) -> list[str]:
    """Every operation of the public API (tag "public"), with and without its filters."""
    org = w.organizer.pk
    codes = list(Awardee.objects.filter(decision__organizer=w.organizer).values_list("code", flat=True))
    awards = f"/api/v1/public/organizers/{org}/awards"
    return [
        "/api/v1/public/organizers",
        awards,
        awards + "?q=Hoang",
        awards + "?q=Le+Chua+Quyet+Dinh",
        awards + "?q=Tran+Dang+Ky+Luat",
        awards + "?year=2021&award=bang-khen-chu-tich-tinh",
        awards + f"?unit={w.unit.pk}",
        awards + "?page_size=1",
        *[f"/api/v1/public/awards/{code}" for code in codes],
        f"/api/v1/public/organizers/{org}/results/2021",
        f"/api/v1/public/organizers/{org}/results/2022",
        f"/api/v1/public/organizers/{org}/models",
        f"/api/v1/public/organizers/{org}/models?movement={w.model.movement_id}&year=2021",
        f"/api/v1/public/models/{w.model.token}",
    ]


def forbidden(w: PublicWorld) -> list[str]:
    """What must never appear: names and facts of what is not public."""
    ratings = [gettext(str(label)) for label in Rating.labels]
    holds = [gettext(str(label)) for label in Hold.Kind.labels]
    return [
        UNDECIDED,
        HELD,
        str(BIRTH_YEAR),
        REVOCATION_REASON,
        *w.matrix.codes.values(),  # the open vote's and the council's ballot codes
        *ratings,
        *holds,
        "phiếu",
        "bao-cao.pdf",  # the model's evidence is for the board only
    ]


def test_no_public_page_shows_what_is_not_public(public_world: PublicWorld, anonymous: Any) -> None:
    pages = public_pages(public_world)
    bad = forbidden(public_world)
    seen = ""
    # A news item is the board's own text, checked by its editor before publishing: the review's draft
    # tells how many units earned each rating and each proposal's tally, as the seed's item does. No
    # person's rating, hold, undecided proposal, ballot code or birth year can come into it all the same.
    authored = {gettext(str(label)).lower() for label in Rating.labels} | {"phiếu"}
    items = {
        reverse("publication:news_item", args=[a.slug]) for a in news.public_news(public_world.organizer)
    }
    for url in pages:
        response = anonymous.get(url, follow=True)
        assert response.status_code == 200, url
        text = response.content.decode()
        for word in bad:
            if url in items and word.lower() in authored:
                continue
            assert word.lower() not in text.lower(), f"{word!r} on {url}"
        seen += text
    # And what is public is there: the decided awards, the revocation's decision, results, the model.
    assert public_world.person_award.name in seen
    assert "300/QĐ-UBND" in seen and "999/QĐ-UBND" in seen
    assert public_world.model.title in seen
    # The 2021 review's news item (published in the world) and its feeds.
    assert news.public_news(public_world.organizer).get().title in seen


def test_a_news_item_not_yet_public_shows_nowhere(public_world: PublicWorld, anonymous: Any) -> None:
    """A draft, a scheduled item and an unpublished one: no page, no photo, not in a list or a feed."""
    import datetime as dt

    from django.utils import timezone

    article = news.public_news(public_world.organizer).get()
    photo = article.photos.get()
    org = public_world.organizer.pk
    lists = [
        reverse(name, args=[org])
        for name in (
            "publication:news_list",
            "publication:news_rss",
            "publication:news_atom",
            "publication:home",
        )
    ]
    for step in ("scheduled", "unpublished"):
        if step == "scheduled":
            news.publish(article, at=timezone.now() + dt.timedelta(hours=2), by="kiểm thử")
        else:
            news.unpublish(article, by="kiểm thử")
        assert anonymous.get(reverse("publication:news_item", args=[article.slug])).status_code == 404, step
        assert (
            anonymous.get(reverse("publication:news_photo", args=[article.slug, photo.pk])).status_code == 404
        )
        for url in lists:
            assert article.title not in anonymous.get(url).content.decode(), (step, url)


def test_nothing_before_the_board_publishes(public_world: PublicWorld, anonymous: Any) -> None:
    from thidua.publication import actions

    token = public_world.results.token
    actions.withdraw_results(public_world.matrix.concluded, by="kiểm thử")
    assert anonymous.get(reverse("publication:results", args=[token])).status_code == 404
    listed = anonymous.get(reverse("publication:results_list", args=[public_world.organizer.pk]))
    assert token not in listed.content.decode()
    # The live 2022 year (its vote open) cannot be published at all.
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.publish_results(public_world.matrix.year, by="kiểm thử")


def test_a_model_not_yet_published_is_not_found(public_world: PublicWorld, anonymous: Any) -> None:
    from thidua.publication import actions

    actions.return_model(public_world.model, reason="Thiếu minh chứng", by="kiểm thử")
    assert anonymous.get(reverse("publication:model", args=[public_world.model.token])).status_code == 404
    page = anonymous.get(reverse("publication:models", args=[public_world.organizer.pk])).content.decode()
    assert public_world.model.title not in page


def test_no_public_api_answer_shows_what_is_not_public(public_world: PublicWorld, anonymous: Any) -> None:
    bad = forbidden(public_world)
    seen = ""
    for url in public_api(public_world):
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        text = response.content.decode()
        for word in bad:
            assert word.lower() not in text.lower(), f"{word!r} in {url}"
        seen += text
    # What is public is there, the revoked award with its revoking decision, the results and the model.
    assert public_world.person_award.name in seen
    assert "300/QĐ-UBND" in seen and "999/QĐ-UBND" in seen
    assert public_world.model.title in seen
    assert public_world.results.token in seen


def test_the_public_api_answers_the_public_pages_fields_and_no_other(
    public_world: PublicWorld, anonymous: Any
) -> None:
    from dataclasses import fields

    from thidua.registry.verification import PublicAward

    org = public_world.organizer.pk
    items = anonymous.get(f"/api/v1/public/organizers/{org}/awards").json()["items"]
    assert items
    # One reading of an award for the public: PublicAward's fields (not its organizer's id), revoked, url.
    expected = {f.name for f in fields(PublicAward)} - {"organizer_id"} | {"revoked", "url"}
    for item in items:
        assert set(item) == expected, set(item) ^ expected
    model = anonymous.get(f"/api/v1/public/models/{public_world.model.token}").json()
    assert set(model) == {
        "token", "name", "position", "collective", "title", "movement", "year", "featured", "story", "awards"
    }  # fmt: skip
    assert "story" not in anonymous.get(f"/api/v1/public/organizers/{org}/models").json()[0]
