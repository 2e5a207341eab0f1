"""The admin opens every model's list and record; outcomes, ballots and the audit trail stay read-only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.models import Ballot, Proposal, Review
from thidua.exchange.importer import import_exchange
from thidua.exchange.reader import read_exchange_file
from thidua.operations.demo_accounts import create_demo_accounts
from thidua.scenarios import SEED
from thidua.testing.worlds import pass_code_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client() -> Client:
    cluster_year = import_exchange(read_exchange_file(SEED), by="kiểm thử").years.get(year=2021)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp trao đổi")
    accounts = {a.username: a for a in create_demo_accounts(cluster_year)}
    client = Client()
    response = client.post(
        reverse("login"), {"username": "quantri", "password": accounts["quantri"].password}
    )
    assert response.status_code == 302
    pass_code_step(client, get_user_model().objects.get(username="quantri"))  # the admin asks for the code
    return client


def test_every_registered_model_lists_and_opens(superuser_client: Client):
    for model in admin.site._registry:
        opts = model._meta
        changelist = superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert changelist.status_code == 200, opts.label
        first = model.objects.first()
        if first is not None:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert superuser_client.get(url).status_code == 200, opts.label


def test_ballots_and_the_audit_trail_cannot_be_added_changed_or_deleted(superuser_client: Client):
    ballot = Ballot.objects.first()
    response = superuser_client.get(reverse("admin:emulation_ballot_change", args=[ballot.pk]))
    assert 'name="choices"' not in response.content.decode()
    assert superuser_client.get(reverse("admin:emulation_ballot_add")).status_code == 403
    assert superuser_client.get(reverse("admin:emulation_ballot_delete", args=[ballot.pk])).status_code == 403
    event = AuditEvent.objects.first()
    assert superuser_client.get(reverse("admin:core_auditevent_delete", args=[event.pk])).status_code == 403


def test_a_reviews_proposals_show_on_its_page_but_cannot_be_edited_there(superuser_client: Client):
    review = Review.objects.get()
    html = superuser_client.get(reverse("admin:emulation_review_change", args=[review.pk])).content.decode()
    assert Proposal.objects.filter(review=review).exists()
    assert "proposals-0-unit" not in html  # no form field for a frozen proposal
    assert "Sở Tài chính" in html


def test_every_model_of_ours_is_in_the_admin_but_the_ballot_codes():
    """Every model but the ballot codes (secret) and the registry search's word table (derived from the
    awards by their one writer, millions of rows nobody reads or edits by hand)."""
    from django.apps import apps

    ours = {m for m in apps.get_models() if m.__module__.startswith("thidua.")}
    shown = set(admin.site._registry)
    shown |= {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    missing = {m._meta.label for m in ours - shown}
    assert missing == {"emulation.BallotCode", "registry.CouncilCode", "registry.AwardeeWord"}
