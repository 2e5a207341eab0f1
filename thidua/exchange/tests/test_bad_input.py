"""A file nested a thousand deep (or with an unknown tag) is refused by every door of the exchange file,
the upload page and `thidua import`, with its line, instead of a server error or a traceback."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.reader import parse_exchange
from thidua.exchange.tests.test_views import LANG_SON, board_user, upload
from thidua.organisations.models import Cluster, Unit
from thidua.scenarios import SEED

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000


def deep_seed() -> str:
    return SEED.read_text(encoding="utf-8").replace("source: ", f"source: {DEEP}\nignored: ", 1)


def test_the_reader_refuses_deep_nesting_with_its_line():
    with pytest.raises(ExchangeFileInvalid) as raised:
        parse_exchange(deep_seed(), "cum.yaml")
    [error] = raised.value.errors
    assert error.line == 10 and "lồng nhau quá 20 cấp" in error.vi


def test_the_upload_page_shows_the_refusal(db: None):
    client = Client()
    client.force_login(board_user(LANG_SON))
    response = upload(client, deep_seed())
    assert response.status_code == 200
    assert "lồng nhau quá 20 cấp" in response.content.decode()
    assert not Cluster.objects.exists()


def test_the_import_command_says_what_is_wrong_without_a_traceback(tmp_path):
    path = tmp_path / "cum.yaml"
    path.write_text(deep_seed(), encoding="utf-8")
    with pytest.raises(CommandError, match="lồng nhau quá 20 cấp"):
        call_command("import", str(path))
    tagged = tmp_path / "the.yaml"
    tagged.write_text(SEED.read_text(encoding="utf-8").replace("code: STP", "code: !!binary U1RQ", 1))
    with pytest.raises(CommandError, match=r"thẻ YAML không được hỗ trợ 'tag:yaml\.org,2002:binary'"):
        call_command("import", str(tagged))
    assert not Unit.objects.exists()


def test_a_lone_surrogate_in_an_unknown_key_shows_on_the_upload_page_as_a_replacement_character(db: None):
    """The refusal quotes the key; a lone surrogate in it could not be sent in the page (it was a 500)."""
    client = Client()
    client.force_login(board_user(LANG_SON))
    text = SEED.read_text(encoding="utf-8").replace("source: ", '"\\ud800x": 1\nsource: ', 1)
    response = upload(client, text)
    assert response.status_code == 200
    assert "«\ufffdx»" in response.content.decode()
    assert not Cluster.objects.exists()
