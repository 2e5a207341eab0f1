"""Every URL as every role, from one table: the URL resolver and the API's OpenAPI schema list the URLs, so a
new one fails here until its row says who may open it. Then the same URLs with ids too large, zero,
negative and odd strings in every parameter: no 500 for anyone.

Roles (thidua/testing/matrix.py): anonymous, a member unit's officer (in) and another cluster's officer
(out), the lead of the object's year and of another year, the board of this and of another organizer, a
council member and a delegate (anonymous, holding a code), and a superuser. Each request runs in a
savepoint rolled back after it, so an empty POST that changes something leaves the world as it was.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from unittest import mock
from urllib.parse import unquote

import pytest
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from thidua.api.api import api
from thidua.testing.matrix import ROLES, MatrixWorld, build_matrix_world

# ---- the table ----------------------------------------------------------------------------------------
# One row per URL name (admin pages of every model by their kind, "admin:*_change"; the API's operations by
# their names, each checked against the OpenAPI schema): the status answered to GET and to POST (an empty
# form), one per role in the order of ROLES:
#   anonymous officer_in officer_out lead lead_other_year board board_other council_member delegate superuser
# "L" is a redirect to the login page (the admin's for admin pages); "*" differs between the admin's models.
TABLE: dict[str, tuple[str, str]] = {
    "admin:password_change": ("L L L L L L L L L 200", "L L L L L L L L L 200"),
    "admin:index": ("L L L L L L L L L 200", "L L L L L L L L L 200"),
    # The admin's own sign-in would skip the code step: it sends everyone to the site's (admin_site.py).
    "admin:login": ("L L L L L L L L L 302", "L L L L L L L L L 302"),
    "admin:logout": ("302 302 302 302 302 302 302 302 302 405", "302 302 302 302 302 302 302 302 302 L"),
    "admin:*_change": ("L L L L L L L L L *", "L L L L L L L L L *"),
    "admin:password_change_done": ("L L L L L L L L L 200", "L L L L L L L L L 405"),
    "admin:autocomplete": ("L L L L L L L L L 403", "L L L L L L L L L 405"),
    "admin:jsi18n": ("L L L L L L L L L 200", "L L L L L L L L L 405"),
    "admin:view_on_site": ("L L L L L L L L L 404", "L L L L L L L L L 404"),
    "admin:*_changelist": ("L L L L L L L L L 200", "L L L L L L L L L 200"),
    "admin:*_add": ("L L L L L L L L L *", "L L L L L L L L L *"),
    "admin:*_history": ("L L L L L L L L L *", "L L L L L L L L L *"),
    "admin:*_delete": ("L L L L L L L L L *", "L L L L L L L L L *"),
    "admin:*_object": ("L L L L L L L L L 302", "L L L L L L L L L 302"),
    "admin:app_list": ("L L L L L L L L L 200", "L L L L L L L L L 200"),
    "admin:?admin/(?P<url>.*)$": ("L L L L L L L L L 404", "L L L L L L L L L 404"),
    "login": ("200 200 200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200 200 200"),
    "logout": ("405 405 405 405 405 405 405 405 405 405", "L L L L L L L L L L"),
    # The code step leads back to sign-in without a password just given, home for a session needing none.
    "login_code": ("L 302 302 302 302 302 302 L L 302", "L 302 302 302 302 302 302 L L 302"),
    "twofactor:settings": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 400 400 L L 400"),
    "council:councils": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 200 200 L L 200"),
    "council:council": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "council:council_vote": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    "council:council_mode": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "council:council_open": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "council:council_close": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "council:council_reopen": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "council:council_issue": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 200 404 L L 200"),
    "council:council_count": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "council:council_counted": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    # The world's council has not closed its vote: no draft yet, for anyone (test_council_drafts has them).
    "council:council_draft": ("L 404 404 404 404 404 404 L L 404", "L 405 405 405 405 405 405 L L 405"),
    "council:council_draft_pdf": ("L 404 404 404 404 404 404 L L 404", "L 405 405 405 405 405 405 L L 405"),
    "council:council_minutes": ("L 404 404 404 404 302 404 L L 302", "L 405 405 405 405 405 405 L L 405"),
    "council:council_minutes_pdf": ("L 404 404 404 404 302 404 L L 302", "L 405 405 405 405 405 405 L L 405"),
    "meeting:enter_code": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "meeting:ballot": ("405 405 405 405 405 405 405 405 405 405", "200 200 200 200 200 200 200 200 200 200"),
    "meeting:chair": ("L 404 404 200 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "meeting:live_count": ("L 404 404 200 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "meeting:rules": ("L 405 405 405 405 405 405 L L 405", "L 404 404 400 404 400 404 L L 400"),
    "meeting:attendance": ("L 405 405 405 405 405 405 L L 405", "L 404 404 400 404 400 404 L L 400"),
    "meeting:open": ("L 405 405 405 405 405 405 L L 405", "L 404 404 302 404 302 404 L L 302"),
    "meeting:close": ("L 405 405 405 405 405 405 L L 405", "L 404 404 302 404 302 404 L L 302"),
    "meeting:reopen": ("L 405 405 405 405 405 405 L L 405", "L 404 404 400 404 400 404 L L 400"),
    "meeting:issue": ("L 405 405 405 405 405 405 L L 405", "L 404 404 200 404 200 404 L L 200"),
    "meeting:conclude": ("L 405 405 405 405 405 405 L L 405", "L 404 404 302 404 302 404 L L 302"),
    "meeting:next": ("L 405 405 405 405 405 405 L L 405", "L 404 404 400 404 400 404 L L 400"),
    "meeting:news_docx": ("L 404 404 302 404 302 404 L L 302", "L 405 405 405 405 405 405 L L 405"),
    "meeting:news_pdf": ("L 404 404 302 404 302 404 L L 302", "L 405 405 405 405 405 405 L L 405"),
    "meeting:paper": ("L 404 404 200 404 200 404 L L 200", "L 404 404 200 404 200 404 L L 200"),
    "meeting:counted": ("200 200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:search": ("L 200 200 200 200 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:dashboard": ("L 404 404 404 404 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:my_work": ("L 200 200 200 200 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:export": ("L 200 200 200 200 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:person": ("L 200 404 404 404 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:unit": ("L 200 404 404 404 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:statistics": ("L 404 404 404 404 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "registry:statistics_form": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:statistics_export": (
        "L 404 404 404 404 200 200 L L 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "registry:proposals": ("L 200 200 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:proposals_export": ("L 200 200 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:propose": ("L 200 200 404 404 200 404 L L 200", "L 200 200 404 404 200 404 L L 200"),
    "registry:from_review": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "registry:proposal": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:act": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    # The world's proposal is decided: its dossier's scans are closed to changes, downloaded by the board.
    "registry:scan": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:scan_add": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    "registry:scan_replace": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    "registry:scan_delete": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    "registry:decisions": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:decisions_export": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "sheets:interchange_export": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:new_decision": ("L 404 404 404 404 302 302 L L 302", "L 404 404 404 404 200 200 L L 200"),
    "registry:decision": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:achievement_docx": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:achievement_pdf": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:decision_docx": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:decision_pdf": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:revoke": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 400 404 L L 400"),
    "registry:quotas": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 200 200 L L 200"),
    "registry:movements": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 200 200 L L 200"),
    "registry:movement_edit": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "registry:province_rules": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 200 200 L L 200"),
    "registry:province_rule_end": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 400 404 L L 400"),
    "registry:person_new": ("L 200 200 404 404 200 404 L L 200", "L 200 200 404 404 200 404 L L 200"),
    "registry:person_edit": ("L 200 404 404 404 200 404 L L 200", "L 400 404 404 404 400 404 L L 400"),
    "registry:person_year": ("L 405 405 405 405 405 405 L L 405", "L 400 404 404 404 400 404 L L 400"),
    "registry:initiative": ("L 405 405 405 405 405 405 L L 405", "L 400 404 404 404 400 404 L L 400"),
    "registry:hold": ("L 405 405 405 405 405 405 L L 405", "L 400 404 404 404 400 404 L L 400"),
    "registry:unit_year": ("L 200 404 404 404 200 404 L L 200", "L 200 404 404 404 200 404 L L 200"),
    "registry:compute_staff_titles": (
        "L 405 405 405 405 405 405 L L 405",
        "L 302 404 404 404 302 404 L L 302",
    ),
    "registry:people_titles": ("L 200 404 404 404 200 404 L L 200", "L 200 404 404 404 200 404 L L 200"),
    "registry:sub_unit_new": ("L 405 405 405 405 405 405 L L 405", "L 400 404 404 404 400 404 L L 400"),
    "registry:sub_unit_title": ("L 405 405 405 405 405 405 L L 405", "L 400 404 404 404 400 404 L L 400"),
    "exchange:upload": ("L 404 404 404 404 200 200 L L 200", "L 404 404 404 404 200 200 L L 200"),
    "exchange:confirm": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 302 L L 302"),
    "exchange:export": ("L 302 404 302 302 302 404 L L 302", "L 405 405 405 405 405 405 L L 405"),
    "scoring:sheet": ("L 200 404 200 200 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "scoring:create": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 200 404 200 404 L L 200"),
    "scoring:criterion_add": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 200 404 200 404 L L 200"),
    "scoring:criteria_export": (
        "L 200 404 200 200 200 404 L L 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "scoring:scores_export": (
        "L 200 404 200 200 200 404 L L 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "scoring:lock": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 302 404 302 404 L L 302"),
    "scoring:reopen": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 302 404 302 404 L L 302"),
    "scoring:unit": ("L 200 404 200 404 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "scoring:unit_action": ("405 405 405 405 405 405 405 405 405 405", "L 302 404 404 404 404 404 L L 404"),
    "scoring:evidence": ("L 200 404 200 404 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "pact:overview": ("L 200 404 200 200 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "pact:launch": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 200 404 200 404 L L 200"),
    "pact:register": ("405 405 405 405 405 405 405 405 405 405", "L 200 404 200 404 200 404 L L 200"),
    "pact:sign": ("405 405 405 405 405 405 405 405 405 405", "L 404 404 200 404 200 404 L L 200"),
    "api:openapi-json": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "api:openapi-view": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "api:clusters": ("401 200 200 200 200 200 200 401 401 200", "405 405 405 405 405 405 405 405 405 405"),
    "api:cluster_years": (
        "401 200 404 200 200 200 404 401 401 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:year_results": (
        "401 409 404 409 409 409 404 401 401 409",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:cluster_export": (
        "401 409 404 409 409 409 404 401 401 409",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:exchange_import": (
        "405 405 405 405 405 405 405 405 405 405",
        "401 404 404 404 404 422 422 401 401 422",
    ),
    "api:registry_awards": (
        "401 200 200 200 200 200 200 401 401 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    # The importer's door for programs: an empty POST lacks its file (422) for anyone signed in.
    "api:sheets_import": (
        "405 405 405 405 405 405 405 405 405 405",
        "401 422 422 422 422 422 422 401 401 422",
    ),
    "api:eligibility": ("405 405 405 405 405 405 405 405 405 405", "401 422 422 422 422 422 422 401 401 422"),
    # The public API: open to everyone, read-only (the public pages' readings).
    "api:public_organizers": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:public_awards": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:public_award": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:public_results": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:public_models": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:public_model": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "api:api-root": ("404 404 404 404 404 404 404 404 404 404", "404 404 404 404 404 404 404 404 404 404"),
    # The public side: open to everyone; the board's publishing and the units' models behind the sign-in.
    "publication:organizers": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:home": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:registry": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:entry": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:results_list": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:results": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:models": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:model": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:news_list": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:news_rss": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:news_atom": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:news_item": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "publication:news_photo": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    # The board's news pages: its own organizer's items only; an empty edit form is refused (400).
    "publication:news_board": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "publication:news_draft": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "publication:news_edit": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 400 404 L L 400"),
    "publication:news_preview": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "publication:news_publish": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "publication:news_preview_photo": (
        "L 404 404 404 404 200 404 L L 200",
        "L 405 405 405 405 405 405 L L 405",
    ),
    "publication:board": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "publication:publish_results": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "publication:propose": ("L 200 200 404 404 200 404 L L 200", "L 200 200 404 404 200 404 L L 200"),
    "publication:model_review": ("L 200 404 404 404 200 404 L L 200", "L 404 404 404 404 302 404 L L 302"),
    # The world's model is published: its unit is sent back to the model's page (only a returned one opens).
    "publication:model_edit": ("L 302 404 404 404 302 404 L L 302", "L 302 404 404 404 302 404 L L 302"),
    "publication:evidence": ("L 200 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "front:home": ("L 302 302 302 302 302 302 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "front:clusters": ("L 200 200 200 200 200 200 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "front:cluster": ("L 200 404 200 200 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "front:cluster_export": ("L 200 404 200 200 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "front:cluster_year": ("L 200 404 200 200 200 404 L L 200", "405 405 405 405 405 405 405 405 405 405"),
    "front:document": ("L 302 404 302 302 302 404 L L 302", "405 405 405 405 405 405 405 405 405 405"),
    "front:new_year": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "front:edit_year": ("L 404 404 200 404 200 404 L L 200", "L 404 404 200 404 200 404 L L 200"),
    "front:edit_conclude": ("L 405 405 405 405 405 405 L L 405", "L 404 404 302 404 302 404 L L 302"),
    "front:edit_reopen": ("L 405 405 405 405 405 405 L L 405", "L 404 404 302 404 302 404 L L 302"),
    "front:edit_step": ("L 404 404 200 404 200 404 L L 200", "L 404 404 200 404 200 404 L L 200"),
    "accounts:notifications": ("L 200 200 200 200 200 200 L L 200", "L 302 302 302 302 302 302 L L 302"),
    "accounts:mail_settings": ("L 200 200 200 200 200 200 L L 200", "L 302 302 302 302 302 302 L L 302"),
    "jobs:jobs": ("L 200 200 200 200 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "jobs:job": ("L 404 404 404 404 200 404 L L 404", "L 405 405 405 405 405 405 L L 405"),
    "jobs:file": ("L 404 404 404 404 404 404 L L 404", "L 405 405 405 405 405 405 L L 405"),
    "registry:bulk_act": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 404 404 L L 404"),
    "registry:certificate_docx": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "registry:certificate_pdf": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "registry:setup_units": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:setup_unit_new": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "registry:setup_unit": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 400 404 L L 400"),
    "registry:setup_unit_event": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 400 404 L L 400"),
    "registry:setup_clusters": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:setup_cluster_new": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "registry:setup_cluster": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "registry:setup_accounts": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:setup_account_new": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 200 404 L L 200"),
    "registry:setup_account": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:setup_account_role": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 400 404 L L 400"),
    "registry:setup_role_revoke": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "registry:setup_papers": ("L 404 404 404 404 200 404 L L 200", "L 405 405 405 405 405 405 L L 405"),
    "registry:setup_paper": ("L 404 404 404 404 200 404 L L 200", "L 404 404 404 404 400 404 L L 400"),
    "registry:setup_paper_default": (
        "L 404 404 404 404 200 404 L L 200",
        "L 405 405 405 405 405 405 L L 405",
    ),
    "registry:setup_paper_current": (
        "L 404 404 404 404 200 404 L L 200",
        "L 405 405 405 405 405 405 L L 405",
    ),
    "registry:setup_paper_preview": (
        "L 404 404 404 404 200 404 L L 200",
        "L 405 405 405 405 405 405 L L 405",
    ),
    "registry:setup_paper_preview_pdf": (
        "L 404 404 404 404 200 404 L L 200",
        "L 405 405 405 405 405 405 L L 405",
    ),
    "registry:setup_paper_reset": ("L 405 405 405 405 405 405 L L 405", "L 404 404 404 404 302 404 L L 302"),
    "registry:setup_account_password": (
        "L 405 405 405 405 405 405 L L 405",
        "L 404 404 404 404 200 404 L L 200",
    ),
    "verify:enter": ("200 200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405 405"),
    "verify:award": ("200 200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405 405"),
    # A cluster lead (of any year) imports the score table of the years they lead (sheets/access.py).
    "sheets:load": ("L 200 200 200 200 200 200 L L 200", "L 200 200 200 200 200 200 L L 200"),
    "sheets:job_preview": ("L 404 404 404 404 404 404 L L 404", "L 405 405 405 405 405 405 L L 405"),
    "sheets:commit": ("L 405 405 405 405 405 405 L L 405", "L 302 302 302 302 302 302 L L 302"),
    "sheets:template": ("L 404 404 404 404 200 200 L L 200", "L 405 405 405 405 405 405 L L 405"),
}


ADMIN_KINDS = re.compile(r"^admin:\w+?_(changelist|add|history|delete|change)$")
ADMIN_OBJECT = re.compile(r"^admin/(\w+)/(\w+)/")
LOGIN_PAGES = ("/dang-nhap/", "/admin/login/")
# A value for each parameter no world object names (slugs and files pick a real one of theirs).
PLAIN_VALUES = {
    "step": "thanh-vien",
    "action": "tu-cham",
    "slug": "ho-so",
    "paper": "quyet-dinh-khen-thuong",
    "name": "bien-ban-hop-binh-xet.docx",
    "app_label": "registry",
    "url": "khong-co/",
}


@dataclass(frozen=True)
class Url:
    key: str  # its row in TABLE: namespace:name (admin model pages: admin:*_kind)
    route: str
    params: tuple[str, ...]

    def path(self, values: dict[str, Any]) -> str:
        def value(match: re.Match[str]) -> str:
            return str(values[match.group(1) or match.group(2)])

        route = re.sub(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", value, self.route)
        return "/" + route.replace("^", "").replace("$", "")


def _key(namespace: str, name: str | None, route: str) -> str:
    full = f"{namespace}{name}" if name else f"{namespace}?{route}"
    if ADMIN_KINDS.match(full) and ADMIN_OBJECT.match(route):
        return "admin:*_" + ADMIN_KINDS.match(full).group(1)  # type: ignore[union-attr]
    if full.startswith("admin:?") and ADMIN_OBJECT.match(route) and route.endswith("<path:object_id>/"):
        return "admin:*_object"
    return full


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Url]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        else:
            assert isinstance(entry, URLPattern)
            params = tuple(entry.pattern.regex.groupindex)
            yield Url(_key(namespace, entry.name, route), route, params)


def all_urls() -> list[Url]:
    return list(_walk(get_resolver().url_patterns))


def _admin_object_id(route: str) -> str:
    """The first row of the admin page's model, or 1."""
    from django.apps import apps

    found = ADMIN_OBJECT.match(route)
    if found is None:
        return "1"
    model = apps.get_model(found.group(1), found.group(2))
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(first or 1)


def values_for(url: Url, world: MatrixWorld) -> dict[str, Any]:
    values = {**PLAIN_VALUES, **world.values, **world.per_url.get(url.key, {})}
    if "object_id" in url.params or "id" in url.params:
        values["object_id"] = values["id"] = _admin_object_id(url.route)
    if "content_type_id" in url.params:
        values["content_type_id"] = "1"
    return values


def outcome(answer: Any) -> str:
    """The status as the table writes it: L for a redirect to a login page."""
    if answer.status_code == 302 and answer["Location"].split("?")[0] in LOGIN_PAGES:
        return "L"
    return str(answer.status_code)


def ask(client: Client, method: str, path: str, data: dict[str, str]) -> Any:
    """One request whose writes are undone after it, cookies included (a logout must not sign the role out
    of the rows after it)."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        answer = client.get(path) if method == "GET" else client.post(path, data)
        transaction.set_rollback(True)
    client.cookies = cookies
    return answer


@pytest.fixture(scope="module")
def matrix(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[MatrixWorld]:
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        # Papers as PDF need LibreOffice, seconds each: the matrix asks who gets one, not what it looks like.
        with mock.patch("thidua.documents.download.docx_to_pdf", return_value=b"%PDF-1.4 matrix"):
            world = build_matrix_world()
            for client in world.clients.values():
                client.raise_request_exception = False  # a 500 is a status in the table, seen with its path
            yield world
        transaction.set_rollback(True)


def observe(world: MatrixWorld, url: Url) -> tuple[str, str]:
    path = url.path(values_for(url, world))
    rows = []
    for method in ("GET", "POST"):
        row = []
        for role in ROLES:
            data = {"code": world.codes[role], "step": "open"} if role in world.codes else {}
            row.append(outcome(ask(world.clients[role], method, path, data)))
        rows.append(" ".join(row))
    return rows[0], rows[1]


@pytest.mark.django_db
def test_every_url_answers_each_role_as_the_table_says(matrix: MatrixWorld) -> None:
    observed: dict[str, tuple[str, str]] = {}
    wrong = []
    errors: list[str] = []

    def seen(sender: Any, request: Any, **kwargs: Any) -> None:
        errors.append(f"{request.method} {request.path}: {sys.exc_info()[1]!r}")

    got_request_exception.connect(seen)
    for url in all_urls():
        got = observe(matrix, url)
        if url.key in observed and observed[url.key] != got and url.key.startswith("admin:*"):
            got = tuple(merge(a, b) for a, b in zip(observed[url.key], got, strict=True))  # type: ignore[assignment]
        observed[url.key] = got
    for key, got in observed.items():
        if TABLE.get(key) != got:
            wrong.append(f"    {key!r}: ({got[0]!r}, {got[1]!r}),  # table: {TABLE.get(key)}")
    got_request_exception.disconnect(seen)
    assert not errors, "\n".join(errors)
    assert not wrong, "rows differ from the table (paste after checking):\n" + "\n".join(wrong)


def merge(a: str, b: str) -> str:
    """Two admin pages of one kind (two models) as one row: a status that differs between them is "*",
    except a server error, which stays."""
    return " ".join(
        x if x == y or x.startswith("5") else y if y.startswith("5") else "*"
        for x, y in zip(a.split(), b.split(), strict=True)
    )


def test_every_api_operation_of_the_openapi_schema_has_its_row() -> None:
    """The schema's operations, by their ids, are the API's rows: an operation added without one fails."""
    schema = api.get_openapi_schema()
    operations = {
        op["operationId"].rsplit("_api_", 1)[-1]
        for path in schema["paths"].values()
        for op in path.values()
        if isinstance(op, dict) and "operationId" in op
    }
    names = {key.removeprefix("api:") for key in TABLE if key.startswith("api:")}
    assert operations and operations <= names, sorted(operations - names)


# ---- the sweep: odd values in every parameter --------------------------------------------------------

ODD = [
    "99999999999999999999",  # more than any integer column holds
    "9223372036854775808",  # 2^63: 19 digits, one past the largest id
    "0",
    "-1",
    "abc",
    "%00",  # NUL
    "%ED%A0%80",  # a lone surrogate, as UTF-8 bytes
    "a" * 10_000,
    "H%C3%A0%20N%E1%BB%99i",  # "Hà Nội"
]
# The query parameters the pages read (nam: year, trang: page, to_chuc: organizer, cum: cluster…).
QUERY = ("q", "nam", "trang", "to_chuc", "cum", "don_vi", "hinh_thuc", "tinh_trang", "cap", "unit", "year")


def _swept(url: Url, values: dict[str, Any]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(path, methods): each odd value in each path parameter (GET and POST), then each of a few in every
    query parameter at once (GET)."""
    for param in url.params:
        for odd in ODD:
            yield url.path({**values, param: odd}), ("GET", "POST")
    base = url.path(values)
    for odd in (ODD[0], ODD[3], ODD[5], ODD[6], ODD[7]):
        yield base + "?" + "&".join(f"{name}={odd}" for name in QUERY), ("GET",)


def _resolves(path: str) -> bool:
    try:
        resolve(unquote(path.split("?")[0]))
    except Resolver404:
        return False
    return True


@pytest.mark.django_db
def test_odd_values_in_every_parameter_are_never_a_server_error(matrix: MatrixWorld) -> None:
    failures: list[str] = []
    asked = 0
    urls = [url for url in all_urls() if not url.key.startswith("admin:*")]
    # The admin's model pages, one model each kind, for the superuser (Django's own code past the login).
    admin = {url.key: url for url in all_urls() if url.key.startswith("admin:*")}
    for url in [*urls, *admin.values()]:
        roles = ROLES if not url.key.startswith("admin:") else ("anonymous", "superuser")
        for path, methods in _swept(url, values_for(url, matrix)):
            # A value the URL's converters refuse is the resolver's 404 whoever asks: asked once.
            reaches_view = _resolves(path)
            for role in roles if reaches_view else ("anonymous",):
                for method in methods:
                    data = {"code": matrix.codes[role]} if role in matrix.codes else {}
                    status = ask(matrix.clients[role], method, path, data).status_code
                    asked += 1
                    if status >= 500:
                        failures.append(f"{role} {method} {path[:120]}: {status}")
    print(f"sweep: {asked} requests")
    assert asked > 5_000
    assert not failures, "\n".join(failures)
