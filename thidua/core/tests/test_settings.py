"""The settings fail loudly: no key in the source, a random key beside the embedded database, no start on
another database without SECRET_KEY, and `check --deploy` clean with the README's production settings."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"

# The production settings documented in the README ("Cấu hình"), as an operator would set them.
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "thiduakhenthuong.example.gov.vn",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_COOKIES": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.pop("DJANGO_SETTINGS_MODULE", None)  # the site's own settings; a browser test may have set
    # DJANGO_ALLOW_ASYNC_UNSAFE for its live server, which check --deploy rightly calls an error
    return subprocess.run(
        [sys.executable, str(MANAGE), *args, *(["--no-imports"] if args[0] == "shell" else [])],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_no_secret_key_is_written_in_the_source() -> None:
    source = (Path(settings.BASE_DIR) / "thidua" / "settings.py").read_text(encoding="utf-8")
    assert "insecure" not in source
    assert 'os.environ.get("SECRET_KEY") or "' not in source


def test_the_embedded_database_gets_a_random_key_kept_beside_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    printed = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = _manage("shell", "-c", printed, DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text(encoding="ascii").strip()
    assert len(key) >= 50 and first.stdout.strip() == key
    again = _manage("shell", "-c", printed, DATABASE_URL=url)
    assert again.stdout.strip() == key  # the same key on every start: tokens and codes keep working
    other = tmp_path / "other"
    other.mkdir()
    elsewhere = _manage("shell", "-c", printed, DATABASE_URL=f"sqlite:///{other / 'site.sqlite3'}")
    assert elsewhere.stdout.strip() != key


def test_another_database_without_secret_key_refuses_to_start() -> None:
    refused = _manage("check", DATABASE_URL="postgres://postgres@127.0.0.1:5432/nowhere", DEBUG="false")
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path: Path) -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_without_them_names_what_is_missing(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr


def test_media_and_static_folders_move_with_the_environment(tmp_path: Path) -> None:
    printed = "from django.conf import settings; print(settings.MEDIA_ROOT, settings.STATIC_ROOT)"
    result = _manage(
        "shell",
        "-c",
        printed,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "uploads"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    assert result.stdout.split() == [str(tmp_path / "uploads"), str(tmp_path / "static")]


def test_a_site_url_that_is_no_address_stops_thidua_with_its_name() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "thidua"), "check"],
        env={**env, "SITE_URL": "thiduakt.example.vn"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "SITE_URL" in done.stderr and "Traceback" not in done.stderr
