"""The people every page test needs (STYLE.md 6): a cluster's lead, a member unit's officer, an officer of
another cluster, the organizer's board and another organizer's board, over one concluded review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear, Deputy, Rating
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.organisations.models import Cluster, Unit
from thidua.review.models import Review
from thidua.review.services import (
    cast_ballot,
    conclude_as_reported,
    conclude_review,
    record_next_leadership,
)
from thidua.scenarios import SEED
from thidua.testing import factories

PASSWORD = "mat-khau-thu-nghiem"


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


def _user(username: str, **role: object) -> AbstractUser:
    user = make_user(username)
    factories.RoleFactory(user=user, **role)
    return user


def _members(cluster_year: ClusterYear, units: list[Unit]) -> None:
    for unit in units:
        factories.MembershipFactory(cluster_year=cluster_year, unit=unit)
        cluster_year.cluster.units.add(unit)


@pytest.fixture
def world(db: None) -> World:
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
        lead_a=_user("cumtruong-a", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year_a),
        officer_a=_user("donvi-a", kind=Role.Kind.UNIT_OFFICER, unit=units["STP"]),
        officer_b=_user("donvi-b", kind=Role.Kind.UNIT_OFFICER, unit=units["SGD"]),
        board=_user("bqt", kind=Role.Kind.BOARD, organizer=organizer),
        board_other=_user("bqt-khac", kind=Role.Kind.BOARD, organizer=other),
    )


@pytest.fixture
def seed_year(db: None) -> ClusterYear:
    """The Lạng Sơn 2021 seed cluster-year, imported as `thidua demo` does and concluded."""
    cluster = import_exchange(read_exchange_file(SEED), by="kiểm thử")
    cluster_year = cluster.years.get(year=2021)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp trao đổi")
    return cluster_year


def client_for(user: AbstractUser) -> Client:
    client = Client()
    # The first backend is axes's, which only guards logins and cannot load a user for the session.
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
