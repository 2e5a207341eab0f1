"""The published lists of counted ballots answer at an unguessable address: a visitor who was not told it
cannot list the clusters or councils of every organizer by counting ids; old links answer 404."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from thidua.emulation.models import Meeting
from thidua.emulation.tests.meeting.council_secret_helpers import member_codes, secret_council
from thidua.emulation.tests.meeting.helpers import issued_codes
from thidua.emulation.tests.meeting.test_views import cast_over_http

pytestmark = pytest.mark.django_db


def test_the_delegates_receipt_leads_to_the_list_at_the_meetings_token(open_meeting, seed_year):
    client = Client()
    code = next(iter(issued_codes(open_meeting).values()))
    receipt = cast_over_http(client, code, {"co-ubnd": ["STC"]})
    token = Meeting.objects.get(pk=open_meeting.pk).public_token
    assert len(token) >= 20
    assert f'href="/hop/phieu-da-kiem/{token}/"' in receipt
    assert client.get(f"/hop/phieu-da-kiem/{token}/").status_code == 200
    # The address by the cluster's id and year, which anyone could count through, is gone.
    assert client.get(f"/hop/{seed_year.cluster_id}/{seed_year.year}/phieu-da-kiem/").status_code == 404
    # A wrong or a shortened token finds nothing, and the answer names no meeting.
    for wrong in (token[:-1], token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 200):
        answer = client.get(f"/hop/phieu-da-kiem/{wrong}/")
        assert answer.status_code == 404 and seed_year.cluster.name not in answer.content.decode()


def test_a_council_members_receipt_leads_to_the_list_at_the_sittings_token(organizer, flag):
    council = secret_council(organizer, present=1, absent=0)
    client = Client()
    code = member_codes(council)[0]
    page = client.post(
        "/hop/phieu/bo/", {"code": code, "step": "cast", f"p-{flag.pk}": "agree"}
    ).content.decode()
    link = re.search(r'href="(/hop/hoi-dong/phieu-da-kiem/[\w-]+/)"', page)
    assert link is not None and council.public_token in link.group(1)
    assert client.get(link.group(1)).status_code == 200
    assert client.get(f"/hop/hoi-dong/{council.pk}/phieu-da-kiem/").status_code == 404
    assert client.get("/hop/hoi-dong/phieu-da-kiem/khong-dung-ma-nay/").status_code == 404


def test_two_sittings_have_different_addresses(organizer):
    first = secret_council(organizer, present=1, absent=0)
    second = secret_council(organizer, present=1, absent=0)
    assert first.public_token != second.public_token
