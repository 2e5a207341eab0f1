"""With a read replica (DATABASE_REPLICA_URL), the read-only pages read from it and everything else from the
main database. The test database has a second alias, `replica`, mirroring the main one (Django's TEST
MIRROR): a separate connection, so each query's alias is seen in that connection's log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.api.services import issue_token
from thidua.core.replica import REPLICA, ReplicaRouter, replica_reads
from thidua.organisations.models import Organizer, Unit
from thidua.registry.folding import fold
from thidua.registry.models import Awardee, Decision
from thidua.registry.verification import new_code

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _award() -> Awardee:
    organizer = Organizer.objects.create(name="Ủy ban nhân dân tỉnh Thử")
    unit = Unit.objects.create(organizer=organizer, code="STC", name="Sở Tài chính")
    decision = Decision.objects.create(
        organizer=organizer,
        number="7/QĐ-UBND",
        date=date(2024, 1, 15),
        signer="Chủ tịch",
        grantor="Chủ tịch Ủy ban nhân dân tỉnh",
        award="co-thi-dua-tinh",
        award_name="Cờ thi đua của Ủy ban nhân dân tỉnh",
        regime="law-2022/decree-98-2023",
    )
    return Awardee.objects.create(
        decision=decision, unit=unit, year=2023, name=unit.name, name_folded=fold(unit.name), code=new_code()
    )


def _client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("quan-tri", password="x" * 20))
    return client


def _tables(queries: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_the_registry_search_reads_the_replica(settings: Any) -> None:
    settings.REPLICA_READS = True
    _award()
    client = _client()
    with (
        CaptureQueriesContext(connections["default"]) as main,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(reverse("registry:search"), {"q": "so tai chinh"})
    assert response.status_code == 200 and "Sở Tài chính" in response.text
    assert '"registry_awardee"' in _tables(replica)
    assert '"registry_awardee"' not in _tables(main)
    # Who is logged in is read from the main database (the session itself from the cache, cached_db), never
    # from the replica, which may lag behind a sign-in just made.
    assert '"auth_user"' in _tables(main) and '"auth_user"' not in _tables(replica)
    assert '"django_session"' not in _tables(replica)


def test_the_api_registry_search_reads_the_replica(settings: Any) -> None:
    settings.REPLICA_READS = True
    _award()
    user = get_user_model().objects.create_superuser("cong-thong-tin", password="x" * 20)
    secret = issue_token(user, label="cổng thông tin tỉnh", by="kiểm thử")[1]
    with (
        CaptureQueriesContext(connections["default"]) as main,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = Client().get(
            "/api/v1/registry/awards", {"q": "so tai chinh"}, headers={"Authorization": f"Bearer {secret}"}
        )
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Sở Tài chính"]
    assert '"registry_awardee"' in _tables(replica)
    assert '"registry_awardee"' not in _tables(main)
    # The token is checked on the main database, where it was issued (and may have just been revoked).
    assert "api_apitoken" in _tables(main) and "api_apitoken" not in _tables(replica)


def test_the_public_verification_page_reads_the_replica(settings: Any) -> None:
    settings.REPLICA_READS = True
    found = _award()
    with (
        CaptureQueriesContext(connections["default"]) as main,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = Client().get(reverse("verify:award", args=[found.code]))
    assert response.status_code == 200
    assert '"registry_awardee"' in _tables(replica) and '"registry_awardee"' not in _tables(main)


def test_without_a_replica_every_page_reads_the_main_database(settings: Any) -> None:
    settings.REPLICA_READS = False
    _award()
    client = _client()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(reverse("registry:search")).status_code == 200
    assert replica.captured_queries == []


def test_writes_and_reads_inside_a_transaction_stay_on_the_main_database(settings: Any) -> None:
    settings.REPLICA_READS = True
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Awardee) == REPLICA
        assert router.db_for_write(Awardee) == "default"
        with transaction.atomic():
            assert router.db_for_read(Awardee) is None
    assert router.db_for_read(Awardee) is None  # outside a read-only page
    assert not router.allow_migrate(REPLICA, "registry")
