"""The public side's world: the access matrix's (an open meeting with its ballot codes, a secret council,
the seed's 2021 year decided in the registry) with, beside what is public, everything that must never be:
a proposal not yet decided, a hold, ratings, birth years, a revocation's reason. Its 2021 results and one
exemplary model are published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.emulation.models import Membership, Rating
from thidua.organisations.models import Organizer, Unit
from thidua.publication import actions
from thidua.publication.models import ExemplaryModel, PublishedResults
from thidua.registry.actions import proposals as services
from thidua.registry.actions.movements import launch_movement
from thidua.registry.models import Awardee, Hold, Person, PersonPosting, PersonYear
from thidua.testing.matrix import MatrixWorld, build_matrix_world
from thidua.testing.worlds import BY, push_through

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BIRTH_YEAR = 1937
UNDECIDED = "Lê Chưa Quyết Định"
HELD = "Trần Đang Kỷ Luật"
REVOCATION_REASON = "Lý do thu hồi nội bộ không công bố"


@dataclass
class PublicWorld:
    matrix: MatrixWorld
    organizer: Organizer
    person: Person  # decided award, published model
    person_award: Awardee
    revoked: Awardee
    results: PublishedResults
    model: ExemplaryModel
    unit: Unit


def _person(organizer: Organizer, unit: Unit, name: str) -> Person:
    person = Person.objects.create(organizer=organizer, code=name, name=name, sex="nu", birth_year=BIRTH_YEAR)
    PersonPosting.objects.create(
        person=person, unit=unit, position="Chuyên viên chính", start=date(2015, 1, 1)
    )
    PersonYear.objects.create(person=person, year=2021, rating=Rating.XUAT_SAC)
    return person


def build_public_world() -> PublicWorld:
    matrix = build_matrix_world()
    organizer = matrix.concluded.cluster.organizer
    unit = Unit.objects.get(organizer=organizer, code="STP")
    Person.objects.filter(organizer=organizer).update(birth_year=BIRTH_YEAR)
    Membership.objects.filter(cluster_year=matrix.concluded).update(rating=Rating.TOT)
    movement = launch_movement(
        organizer, name="Phong trào Dân vận khéo", start=date(2021, 1, 1), end=None, awards=[], by=BY
    )
    person = _person(organizer, unit, "Hoàng Thị Điển Hình")
    proposal = services.propose(
        organizer=organizer,
        award="bang-khen-chu-tich-tinh",
        year=2021,
        proposed_by=unit,
        person=person,
        by=BY,
    )
    decision = services.decide(
        [push_through(proposal)], number="300/QĐ-UBND", date=date(2022, 3, 1), signer="Hồ Tiến Thiệu", by=BY
    )
    person_award = decision.awardees.get()
    # Not yet decided: a proposal sent to the board, and a person under discipline.
    undecided = _person(organizer, unit, UNDECIDED)
    services.propose(
        organizer=organizer,
        award="bang-khen-chu-tich-tinh",
        year=2022,
        proposed_by=unit,
        person=undecided,
        by=BY,
    )
    held = _person(organizer, unit, HELD)
    Hold.objects.create(person=held, kind=Hold.Kind.DISCIPLINE, level="khiển trách", start=date(2022, 1, 1))
    revoked = matrix.decision.awardees.order_by("pk").first()
    assert revoked is not None
    services.revoke(revoked, number="999/QĐ-UBND", date=date(2023, 1, 5), reason=REVOCATION_REASON, by=BY)
    results = actions.publish_results(matrix.concluded, by=BY)
    model = actions.propose_model(
        unit,
        movement=movement,
        year=2021,
        person=person,
        unit=None,
        position="Chuyên viên chính",
        title="Người cán bộ tư pháp tận tụy với dân",
        story="Chị Hoàng Thị Điển Hình đã hướng dẫn hàng nghìn lượt người dân.\n\nMô hình được nhân rộng.",
        evidence=[SimpleUploadedFile("bao-cao.pdf", PDF)],
        by=BY,
    )
    model = actions.publish_model(model, by=BY)
    return PublicWorld(matrix, organizer, person, person_award, revoked, results, model, unit)


@pytest.fixture
def public_world(db: None) -> PublicWorld:
    return build_public_world()


@pytest.fixture
def anonymous() -> Any:
    from django.test import Client

    return Client()
