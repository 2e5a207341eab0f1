"""The one place for test worlds (STYLE.md 6): the people every page test needs and the data they act on.

`build_world()` (the root conftest's `world` fixture) makes two organizers, a cluster with a year
concluded by secret ballot, its lead, a member unit's officer, an officer of another cluster, the board and
another organizer's board: the owner, the member and the outsider of each page. `user_with` and
`client_for` give any other test its user with one role and a logged-in client. `build_seed()` (the
`seed` fixture) is the real Lạng Sơn 2021 cluster taken into the registry, with its helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import Role
from thidua.emulation.actions.review import (
    cast_ballot,
    conclude_as_reported,
    conclude_review,
    record_next_leadership,
)
from thidua.emulation.models import ClusterYear, Deputy, Rating, Review
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Cluster, Organizer, Unit
from thidua.registry.actions import proposals as services
from thidua.registry.models import Awardee, AwardProposal, Decision, Person, PersonPosting
from thidua.scenarios import SEED
from thidua.testing import factories
from thidua.testing.proposals import clear_the_gate

PASSWORD = factories.PASSWORD


@dataclass
class World:
    cluster_a: Cluster
    year_a: ClusterYear  # 2021, concluded by secret ballot
    year_a_before: ClusterYear  # 2020, without the officer's unit and without ballots
    cluster_b: Cluster  # same organizer, other members
    year_b: ClusterYear
    cluster_other: Cluster  # another organizer
    year_other: ClusterYear
    units: dict[str, Unit]
    lead_a: AbstractUser
    officer_a: AbstractUser
    officer_b: AbstractUser
    board: AbstractUser
    board_other: AbstractUser


def make_user(username: str, **fields: object) -> AbstractUser:
    """A user who can log in with PASSWORD."""
    user = factories.UserFactory(username=username, **fields)
    # UserFactory skips the save after set_password, so the hashed password is saved here.
    user.save(update_fields=["password"])
    return user


def user_with(username: str, **role: object) -> AbstractUser:
    """A user who can log in with PASSWORD, with one role (Role fields: kind and its scope)."""
    user = make_user(username)
    factories.RoleFactory(user=user, **role)
    return user


def _members(cluster_year: ClusterYear, units: list[Unit]) -> None:
    for unit in units:
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit)
        cluster_year.cluster.units.add(unit)


def build_world() -> World:
    """Two organizers; a concluded 2021 year of cluster A with its lead, a member's officer (STP), an
    officer of cluster B, the board and another organizer's board."""
    organizer = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Thử Nghiệm")
    flag = factories.AwardTierFactory(
        organizer=organizer, code="co", name="Cờ thi đua của Ủy ban nhân dân tỉnh", grantor="UBND tỉnh"
    )
    cert = factories.AwardTierFactory(
        organizer=organizer,
        code="bk",
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        grantor="Chủ tịch UBND tỉnh",
    )
    names = {
        "STC": "Sở Tài chính tỉnh Thử Nghiệm",
        "SKH": "Sở Kế hoạch và Đầu tư tỉnh Thử Nghiệm",
        "SNV": "Sở Nội vụ tỉnh Thử Nghiệm",
        "STP": "Sở Tư pháp tỉnh Thử Nghiệm",
        "SYT": "Sở Y tế tỉnh Thử Nghiệm",
        "SGD": "Sở Giáo dục và Đào tạo tỉnh Thử Nghiệm",
    }
    units = {
        code: factories.UnitFactory(
            organizer=organizer, code=code, name=name, short_name=name.split(" tỉnh")[0]
        )
        for code, name in names.items()
    }

    cluster_a = factories.ClusterFactory(organizer=organizer, code="TMTH", name="Cụm Tham mưu tổng hợp")
    cluster_a.award_tiers.set([flag, cert])
    year_a = factories.ClusterYearFactory(
        cluster=cluster_a,
        year=2021,
        quotas={"co": 1, "bk": 2},
        head=units["STC"],
        host=units["STC"],
        deputies_known=True,
    )
    _members(year_a, [units[c] for c in ("STC", "SKH", "SNV", "STP")])
    for code, score, rating in [("STC", 98, Rating.XUAT_SAC), ("SKH", 96, Rating.XUAT_SAC), ("SNV", 95, "")]:
        year_a.memberships.filter(unit=units[code]).update(score=Decimal(score), rating=rating)
    Deputy.objects.create(cluster_year=year_a, unit=units["SKH"])
    review = Review.objects.create(
        cluster_year=year_a,
        date=date(2022, 1, 20),
        place="Hội trường Sở Tài chính",
        chair="Nguyễn Văn Chủ Trì, Giám đốc Sở Tài chính",
        secretary="Lê Thị Thư Ký, Chuyên viên Sở Tài chính",
    )
    for choices in [
        {"co": ["STC"], "bk": ["SKH", "SNV"]},
        {"co": ["STC"], "bk": ["SKH", "STP"]},
        {"co": ["STC"], "bk": ["SKH", "SNV"]},
        {"co": ["SKH"], "bk": ["STP", "SNV", "STC"]},  # three names on a two-place tier: void there
    ]:
        cast_ballot(review, choices)
    conclude_review(year_a, by="kiểm thử")
    record_next_leadership(
        review, head=units["SKH"], deputies=[units["SNV"]], decided_by="vote", by="kiểm thử"
    )

    year_a_before = factories.ClusterYearFactory(cluster=cluster_a, year=2020, head=units["SKH"])
    _members(year_a_before, [units["STC"], units["SKH"]])

    cluster_b = factories.ClusterFactory(organizer=organizer, code="VHXH", name="Cụm Văn hóa – Xã hội")
    cluster_b.award_tiers.set([flag, cert])
    year_b = factories.ClusterYearFactory(cluster=cluster_b, year=2021, head=units["SYT"])
    _members(year_b, [units["SYT"], units["SGD"]])

    other = factories.OrganizerFactory(name="Ủy ban nhân dân tỉnh Bên Cạnh")
    cluster_other = factories.ClusterFactory(organizer=other, code="KT", name="Khối Kinh tế tỉnh bên cạnh")
    year_other = factories.ClusterYearFactory(cluster=cluster_other, year=2021)
    _members(year_other, [factories.UnitFactory(organizer=other, name="Sở Công Thương tỉnh Bên Cạnh")])

    return World(
        cluster_a=cluster_a,
        year_a=year_a,
        year_a_before=year_a_before,
        cluster_b=cluster_b,
        year_b=year_b,
        cluster_other=cluster_other,
        year_other=year_other,
        units=units,
        lead_a=user_with("cumtruong-a", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year_a),
        officer_a=user_with("donvi-a", kind=Role.Kind.UNIT_OFFICER, unit=units["STP"]),
        officer_b=user_with("donvi-b", kind=Role.Kind.UNIT_OFFICER, unit=units["SGD"]),
        board=user_with("bqt", kind=Role.Kind.BOARD, organizer=organizer),
        board_other=user_with("bqt-khac", kind=Role.Kind.BOARD, organizer=other),
    )


def client_for(user: AbstractUser) -> Client:
    """A client logged in as `user`."""
    client = Client()
    # The first backend is axes's, which only guards logins and cannot load a user for the session.
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def pass_code_step(client: Client, user: AbstractUser) -> TOTPDevice:
    """Give `user` a device and mark the client's session as past the one-time code step, as signing in
    with a code does (the admin site asks for it)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "kiểm thử", "confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


# ---- the seed cluster into the registry --------------------------------------------------------------

BY = "kiểm thử"


@dataclass
class Seed:
    organizer: Organizer
    year: ClusterYear
    units: dict[str, Unit]


def build_seed() -> Seed:
    """The Lạng Sơn 2021 seed imported and concluded as its file reports it, ready for the registry."""
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


def department_giay_khen(seed: Seed) -> tuple[Decision, list[Awardee]]:
    """A department head's Giấy khen of 2022 (decided 20/12/2022) to three of its people: two women, one of
    them a direct labourer, and a man; what the statistics form's tests count beside the seed's decisions."""
    decision = Decision.objects.create(
        organizer=seed.organizer,
        issuing_unit=seed.units["STC"],
        number="15/QĐ-STC",
        date=date(2022, 12, 20),
        signer="Nguyễn Quốc Toàn",
        grantor="Giám đốc Sở Tài chính",
        award="giay-khen",
        award_name="Giấy khen của Giám đốc Sở Tài chính",
        regime="law-2022/decree-91-2017",
    )
    people = [
        person_at(seed, "STC", "Hoàng Thị Mai", sex="nu", direct=True),
        person_at(seed, "STC", "Lý Văn Nam", sex="nam"),
        person_at(seed, "STC", "Vi Thị Hoa", sex="nu"),
    ]
    awards = [services.put_on_record(decision, year=2022, name=p.name, person=p, pay=False) for p in people]
    return decision, awards
