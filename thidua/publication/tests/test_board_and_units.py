"""Behind the sign-in: the board publishes a concluded year's results (audited; refused before the review is
concluded), a member unit's officer proposes an exemplary model with its evidence (a file whose content is
not what its name says is refused, what was typed kept), the board publishes and features it; an officer of
another cluster and another organizer's board find none of it."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.publication.models import ExemplaryModel, PublishedResults
from thidua.publication.tests.conftest import PDF, PublicWorld


def test_the_board_publishes_a_concluded_year_and_not_a_live_one(public_world: PublicWorld) -> None:
    board = public_world.matrix.clients["board"]
    concluded, live = public_world.matrix.concluded, public_world.matrix.year
    PublishedResults.objects.all().delete()
    url = reverse("publication:publish_results", args=[concluded.pk])
    assert board.post(url, {"act": "publish"}).status_code == 302
    assert PublishedResults.objects.filter(cluster_year=concluded).exists()
    assert AuditEvent.objects.filter(
        verb="publication.results.publish", actor__username="matrix-ban"
    ).exists()
    page = board.post(reverse("publication:publish_results", args=[live.pk]), follow=True).content.decode()
    assert "Chưa thể công bố kết quả" in page
    assert not PublishedResults.objects.filter(cluster_year=live).exists()
    for role in ("officer_in", "officer_out", "lead", "board_other"):
        assert public_world.matrix.clients[role].post(url, {"act": "withdraw"}).status_code == 404, role
    assert PublishedResults.objects.filter(cluster_year=concluded).exists()


def _form(w: PublicWorld, **changes: Any) -> dict[str, Any]:
    return {
        "proposed_by": w.unit.pk,
        "movement": w.model.movement_id,
        "year": 2022,
        "unit": w.unit.pk,
        "title": "Tập thể đi đầu cải cách hành chính",
        "story": "Sở đã rút ngắn thời gian giải quyết hồ sơ.",
        "evidence": [SimpleUploadedFile("bao-cao.pdf", PDF)],
        **changes,
    }


def test_an_officer_proposes_and_the_board_publishes(public_world: PublicWorld, anonymous: Any) -> None:
    officer = public_world.matrix.clients["officer_in"]
    response = officer.post(reverse("publication:propose"), _form(public_world))
    assert response.status_code == 302, response.content.decode()[:2000]
    model = ExemplaryModel.objects.get(title="Tập thể đi đầu cải cách hành chính")
    assert model.state == ExemplaryModel.State.PROPOSED and model.evidence.count() == 1
    assert anonymous.get(reverse("publication:model", args=[model.token])).status_code == 404
    review = reverse("publication:model_review", args=[model.pk])
    assert officer.get(review).status_code == 200
    assert officer.post(review, {"act": "publish"}).status_code == 404  # the board's act
    for role in ("officer_out", "board_other", "lead"):
        assert public_world.matrix.clients[role].get(review).status_code == 404, role
    evidence = reverse("publication:evidence", args=[model.pk, model.evidence.get().pk])
    assert officer.get(evidence).status_code == 200
    assert public_world.matrix.clients["officer_out"].get(evidence).status_code == 404
    assert anonymous.get(evidence).status_code == 302  # to the sign-in
    board = public_world.matrix.clients["board"]
    assert board.post(review, {"act": "publish"}).status_code == 302
    assert board.post(review, {"act": "feature"}).status_code == 302
    model.refresh_from_db()
    assert model.state == ExemplaryModel.State.PUBLISHED and model.featured
    assert anonymous.get(reverse("publication:model", args=[model.token])).status_code == 200
    assert AuditEvent.objects.filter(verb="publication.model.feature").exists()


def test_a_renamed_file_is_refused_and_the_typing_kept(public_world: PublicWorld) -> None:
    officer = public_world.matrix.clients["officer_in"]
    form = _form(public_world, evidence=[SimpleUploadedFile("anh.jpg", b"MZ not an image")])
    response = officer.post(reverse("publication:propose"), form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tập thể đi đầu cải cách hành chính" in page and "anh.jpg" in page
    assert not ExemplaryModel.objects.filter(title="Tập thể đi đầu cải cách hành chính").exists()
    both = _form(public_world, person=public_world.person.pk)
    assert officer.post(reverse("publication:propose"), both).status_code == 400


def test_only_the_board_and_officers_reach_the_proposal_form(public_world: PublicWorld) -> None:
    clients = public_world.matrix.clients
    assert clients["board"].get(reverse("publication:board")).status_code == 200
    assert clients["officer_in"].get(reverse("publication:board")).status_code == 404
    assert clients["lead"].get(reverse("publication:propose")).status_code == 404


def test_the_boards_concluded_years_come_a_page_at_a_time(
    public_world: PublicWorld, monkeypatch: Any
) -> None:
    """A province concludes dozens of years each year: the board's page shows one page of them, the next
    page keeps the organizer, and together the pages list every concluded year once."""
    from thidua.emulation.models import ClusterYear
    from thidua.publication.views import board as board_views

    monkeypatch.setattr(board_views, "YEARS_PAGE_SIZE", 1)
    # A second concluded year (set directly: the page lists what is concluded, whatever concluded it).
    from django.utils import timezone

    from thidua.emulation.models import Review

    Review.objects.filter(cluster_year=public_world.matrix.year).update(concluded_at=timezone.now())
    organizer = public_world.matrix.concluded.cluster.organizer
    concluded = ClusterYear.objects.filter(cluster__organizer=organizer, review__concluded_at__isnull=False)
    assert concluded.count() >= 2, "the world needs two concluded years to page"
    client = public_world.matrix.clients["board"]
    url = reverse("publication:board") + f"?to_chuc={organizer.pk}"
    seen = []
    for number in range(1, concluded.count() + 1):
        page = client.get(f"{url}&trang={number}").content.decode()
        seen += [y.pk for y in concluded if reverse("publication:publish_results", args=[y.pk]) in page]
        if number < concluded.count():
            assert f"to_chuc={organizer.pk}&amp;trang={number + 1}" in page
    assert sorted(seen) == sorted(concluded.values_list("pk", flat=True))


def test_a_returned_model_is_corrected_by_its_unit_and_proposed_again(
    public_world: PublicWorld, anonymous: Any
) -> None:
    """The board returns a model; its proposing unit's officer corrects it, adds a file and sends it again
    (its first file kept); an officer of another unit cannot open or send the form; the board publishes
    the corrected model and the public sees the new headline."""
    w = public_world
    clients = w.matrix.clients
    board, officer = clients["board"], clients["officer_in"]
    review = reverse("publication:model_review", args=[w.model.pk])
    edit = reverse("publication:model_edit", args=[w.model.pk])
    # Before the board returns it the model is not the unit's to change.
    assert officer.get(edit).status_code == 302
    assert board.post(review, {"act": "return", "reason": "Bổ sung số liệu năm 2021"}).status_code == 302
    page = officer.get(review).content.decode()
    assert "Bổ sung số liệu năm 2021" in page and edit in page
    form = officer.get(edit)
    assert form.status_code == 200 and "Người cán bộ tư pháp tận tụy với dân" in form.content.decode()
    sent = {
        "movement": w.model.movement_id,
        "year": 2021,
        "person": w.person.pk,
        "position": "Chuyên viên chính",
        "title": "Người cán bộ tư pháp tận tụy, sáng tạo",
        "story": "Chị đã hướng dẫn 12.500 lượt người dân trong năm 2021.",
        "evidence": [SimpleUploadedFile("so-lieu.pdf", PDF)],
    }
    # Another unit's officer, a lead and another organizer's board: no such page, nothing changed.
    for role in ("officer_out", "lead", "board_other"):
        assert clients[role].get(edit).status_code == 404, role
        assert clients[role].post(edit, sent).status_code == 404, role
    w.model.refresh_from_db()
    assert w.model.state == ExemplaryModel.State.RETURNED
    assert w.model.title == "Người cán bộ tư pháp tận tụy với dân"
    # A bad file is refused with what was typed kept.
    bad = officer.post(edit, {**sent, "evidence": [SimpleUploadedFile("anh.jpg", b"MZ not an image")]})
    assert bad.status_code == 400 and "Người cán bộ tư pháp tận tụy, sáng tạo" in bad.content.decode()
    sent["evidence"] = [SimpleUploadedFile("so-lieu.pdf", PDF)]
    assert officer.post(edit, sent).status_code == 302
    w.model.refresh_from_db()
    assert w.model.state == ExemplaryModel.State.PROPOSED
    assert w.model.title == "Người cán bộ tư pháp tận tụy, sáng tạo"
    assert sorted(w.model.evidence.values_list("original_name", flat=True)) == ["bao-cao.pdf", "so-lieu.pdf"]
    assert AuditEvent.objects.filter(verb="publication.model.revise", actor__username="matrix-donvi").exists()
    # Awaiting the board again: the unit cannot change it now, the board publishes it.
    assert officer.get(edit).status_code == 302
    assert anonymous.get(reverse("publication:model", args=[w.model.token])).status_code == 404
    assert board.post(review, {"act": "publish"}).status_code == 302
    public = anonymous.get(reverse("publication:model", args=[w.model.token])).content.decode()
    assert "Người cán bộ tư pháp tận tụy, sáng tạo" in public and "12.500" in public
