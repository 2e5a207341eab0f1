"""The seed cluster taken through its 2021 review into the registry, and the people who look at it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Organizer, Unit
from thidua.registry import services
from thidua.registry.models import AwardProposal, Decision, Person, PersonPosting
from thidua.review.services import conclude_as_reported
from thidua.scenarios import SEED
from thidua.testing import factories
from thidua.testing.proposals import clear_the_gate

BY = "kiểm thử"


@dataclass
class Seed:
    organizer: Organizer
    year: ClusterYear
    units: dict[str, Unit]


@pytest.fixture
def seed(db: None) -> Seed:
    cluster = import_exchange(read_exchange_file(SEED), by=BY)
    year = cluster.years.get(year=2021)
    conclude_as_reported(year, by=BY, source="tệp trao đổi")
    units = {u.code: u for u in Unit.objects.filter(organizer=cluster.organizer)}
    return Seed(cluster.organizer, year, units)


def push_through(proposal: AwardProposal, *, on: date = date(2022, 1, 25)) -> AwardProposal:
    """A proposal with its whole dossier, submitted, past the law's gate and accepted."""
    required = proposal.dossier.filter(required=True).values_list("code", flat=True)
    services.provide_documents(proposal, list(required), by=BY)
    services.submit(proposal, by=BY, on=on)
    return services.accept(clear_the_gate(proposal, by=BY), by=BY)


def decide_seed(seed: Seed) -> tuple[Decision, Decision]:
    """The seed's 2021 proposals accepted and decided: the flag, then the two certificates of merit."""
    proposals = services.proposals_from_review(seed.year.review, by=BY)
    for proposal in proposals:
        push_through(proposal)
    flags = [p for p in proposals if p.award == "co-thi-dua-tinh"]
    certificates = [p for p in proposals if p.award == "bang-khen-chu-tich-tinh"]
    flag = services.decide(flags, number="245/QĐ-UBND", date=date(2022, 2, 15), signer="Hồ Tiến Thiệu", by=BY)
    merit = services.decide(
        certificates, number="246/QĐ-UBND", date=date(2022, 2, 15), signer="Hồ Tiến Thiệu", by=BY
    )
    return flag, merit


def person_at(
    seed: Seed, unit_code: str, name: str, *, sex: str = "nu", direct: bool = False, code: str = ""
) -> Person:
    person = Person.objects.create(
        organizer=seed.organizer, code=code or name, name=name, sex=sex, direct_labourer=direct
    )
    PersonPosting.objects.create(
        person=person, unit=seed.units[unit_code], position="Chuyên viên", start=date(2015, 1, 1)
    )
    return person


def user_with(username: str, **role: object) -> AbstractUser:
    user = factories.UserFactory(username=username)
    factories.RoleFactory(user=user, **role)
    return user


def client_for(user: AbstractUser) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def board(seed: Seed) -> AbstractUser:
    return user_with("ban-tdkt", kind=Role.Kind.BOARD, organizer=seed.organizer)
