"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from thidua.accounts.models import Role
from thidua.emulation.models import ClusterYear, Membership, Review
from thidua.organisations.models import AwardTier, Cluster, Organizer, Unit

PASSWORD = "mat-khau-thu-nghiem"


class OrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organizer
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân tỉnh Số {n}")
    short_name = "UBND tỉnh"
    province = factory.Sequence(lambda n: f"Tỉnh Số {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organizer = factory.SubFactory(OrganizerFactory)
    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"Sở Thứ {n}")
    short_name = factory.LazyAttribute(lambda unit: unit.name)
    female_share = Decimal("0.5")


class AwardTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardTier

    organizer = factory.SubFactory(OrganizerFactory)
    code = factory.Sequence(lambda n: f"tier-{n}")
    name = "Cờ thi đua của Ủy ban nhân dân tỉnh"
    grantor = "Ủy ban nhân dân tỉnh"
    catalog = "co-thi-dua-tinh"
    position = factory.Sequence(int)


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    organizer = factory.SubFactory(OrganizerFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")


class ClusterYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClusterYear

    cluster = factory.SubFactory(ClusterFactory)
    year = 2021
    tie_break = factory.LazyFunction(lambda: ["score"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster_year = factory.SubFactory(ClusterYearFactory)
    unit = factory.SubFactory(
        UnitFactory, organizer=factory.SelfAttribute("..cluster_year.cluster.organizer")
    )
    position = factory.Sequence(int)


# What a live conclusion needs to know of its meeting (review.services.conclusion_gaps).
MEETING_FACTS = {
    "date": datetime.date(2022, 1, 20),
    "place": "Hội trường Sở Tài chính",
    "chair": "Nguyễn Văn Chủ Trì, Giám đốc Sở Tài chính",
    "secretary": "Lê Thị Thư Ký, Chuyên viên Sở Tài chính",
}


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    cluster_year = factory.SubFactory(ClusterYearFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(user, create, value, **kwargs):
        user.set_password(value or PASSWORD)
        if create:
            user.save(update_fields=["password"])


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.UNIT_OFFICER
