import os

from thidua.cli import _take_database_url


def test_database_url_is_taken_out_of_the_arguments():
    rest, url = _take_database_url(["scenario", "f.yaml", "--database-url", "postgres://x/y", "--out", "d"])
    assert rest == ["scenario", "f.yaml", "--out", "d"]
    assert url == "postgres://x/y"


def test_database_url_in_equals_form():
    rest, url = _take_database_url(["import", "--database-url=sqlite:///tmp/a.db", "f.yaml"])
    assert rest == ["import", "f.yaml"]
    assert url == "sqlite:///tmp/a.db"
    assert "DATABASE_URL" not in os.environ or os.environ["DATABASE_URL"] != "sqlite:///tmp/a.db"
