"""One settings module, driven by the environment (STYLE.md 9).

DATABASE_URL picks the database (SQLite file in the project by default, PostgreSQL through psycopg 3),
SECRET_KEY and DEBUG come from the environment; helpers below fail loudly on a malformed value. No secret
is written here: the embedded database keeps a random key in a file beside it, any other database needs
SECRET_KEY (the process refuses to start without it). The production settings (HTTPS, HSTS, secure
cookies, proxy header, media and static folders) come from the variables listed in the README.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name}={raw!r}: expected true/false")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected a whole number") from None
    if value < minimum:
        raise ValueError(f"{name}={raw!r}: expected at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    if not raw:
        return default
    path = Path(raw).expanduser()
    if not path.is_absolute():
        raise ValueError(f"{name}={raw!r}: expected an absolute path")
    return path


def env_proxy_header(name: str) -> tuple[str, str] | None:
    """`HTTP_X_FORWARDED_PROTO,https`: the header a trusted proxy sets and the value that means HTTPS."""
    raw = os.environ.get(name)
    if not raw:
        return None
    header, _, value = (part.strip() for part in raw.partition(","))
    if not header.startswith("HTTP_") or not value:
        raise ValueError(f"{name}={raw!r}: expected HTTP_X_FORWARDED_PROTO,https (header, value)")
    return header, value


SECRET_KEY_FILE_NAME = "secret_key"


def embedded_secret_key(database_file: Path) -> str:
    """The key kept beside the embedded database: made at random on first run, readable by its owner only
    (0600), never in the source nor in git (var/ is ignored). Rotating it (deleting the file) invalidates
    API tokens, unused ballot codes and sessions."""
    path = database_file.parent / SECRET_KEY_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) < 50:
            raise ImproperlyConfigured(
                f"{path}: the secret key file is damaged (shorter than 50 characters); delete it to make "
                "a new one (API tokens and unused ballot codes will stop working) or set SECRET_KEY."
            ) from None
        return key
    key = secrets.token_urlsafe(64)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The public address printed in certificates' QR codes (https://thiduakt.example.gov.vn); empty: the address
# the request came to (papers made outside a request then point at the local address).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
# Behind a proxy every request comes from the proxy's address: the header in which the proxy passes the
# client's own address (HTTP_X_REAL_IP), read only when set, for the per-client limits (core/client.py: wrong
# verification codes, wrong ballot codes, failed sign-ins).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "").strip()
if CLIENT_IP_HEADER and not CLIENT_IP_HEADER.startswith("HTTP_"):
    raise ImproperlyConfigured(
        f"CLIENT_IP_HEADER={CLIENT_IP_HEADER!r}: expected a header such as HTTP_X_REAL_IP"
    )
if SITE_URL and not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r}: expected the site's public address, starting with https:// or http://"
    )

DEFAULT_SQLITE = BASE_DIR / "var" / "thidua.sqlite3"
DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# A read replica of the main PostgreSQL (docs/DEPLOYMENT.md): read-only pages read from it (core/replica.py).
# Unset: one database, as before.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
    # Tests (which make their own database) read the copy through the main one's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["thidua.core.replica.ReplicaRouter"]
# The real server (`thidua serve`, gunicorn): worker processes, threads in each, the address it listens on.
# One process per core plus one keeps both cores busy while a request waits on the disk; eight threads a
# process give a meeting's worth of phones a thread each soon, and more wait in the listen queue (2,048
# connections), never reset.
SERVER_BIND = os.environ.get("THIDUA_BIND") or "127.0.0.1:8000"
SERVER_WORKERS = env_int("THIDUA_WORKERS", (os.cpu_count() or 1) + 1, minimum=1)
SERVER_THREADS = env_int("THIDUA_THREADS", 8, minimum=1)
# `thidua serve` runs the background worker (the task queue's) beside the web server; a deployment that runs
# `thidua db_worker` as a service of its own turns this off.
SERVER_TASK_WORKER = env_bool("THIDUA_TASK_WORKER", True)
# An import file larger than this is read and written by the background worker, with a progress bar.
SHEETS_BACKGROUND_BYTES = env_int("THIDUA_SHEETS_BACKGROUND_BYTES", 2 * 1024 * 1024, minimum=0)

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the product's queries are short, and the planner, which cannot guess the rows of
    # JSON functions (the count of a nation's ballots), would spend half a second compiling a query that runs
    # in less.
    for _alias in ("default", "replica"):
        if _alias in DATABASES and DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
            DATABASES[_alias].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # psycopg's pool in each server process (Django 5.1+): a request borrows a connection and returns it,
    # so PostgreSQL sees at most workers × DB_POOL_MAX connections however many phones cast at once (one
    # connection per thread ran out of "max_connections"). A request waits up to DB_POOL_TIMEOUT seconds
    # for a free connection rather than failing. DB_POOL_MAX=0 turns the pool off (CONN_MAX_AGE applies).
    _pool_max = env_int("DB_POOL_MAX", SERVER_THREADS)
    if _pool_max:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections; Django must not
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": min(2, _pool_max),
            "max_size": _pool_max,
            "timeout": env_int("DB_POOL_TIMEOUT", 30, minimum=1),
        }
        if "replica" in DATABASES and DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
            DATABASES["replica"]["CONN_MAX_AGE"] = 0  # a pool of its own, sized as the main one's
            DATABASES["replica"].setdefault("OPTIONS", {})["pool"] = dict(
                DATABASES["default"]["OPTIONS"]["pool"]
            )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Busy timeout: wait up to 20 s for the writer ahead instead of failing at once.
            "timeout": 20,
            # Every transaction takes the write lock when it begins (Django 5.1+). A deferred one that
            # reads before it writes (spending a ballot code does) cannot wait for a lock it must upgrade
            # and fails at once with "database is locked"; an immediate one waits its turn.
            "transaction_mode": "IMMEDIATE",
            # Readers do not block the writer nor wait for it. `synchronous` stays FULL: a ballot whose
            # receipt was shown must survive a power cut.
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
    # Tests run on a file, as the site does: an in-memory database shares one cache between threads and
    # refuses concurrent writers outright, so concurrent casting could not be tested on it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}

# The ballot-code digests, API tokens and sessions are keyed with it (emulation/codes.py, api/auth.py).
EMBEDDED_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if os.environ.get("SECRET_KEY"):
    SECRET_KEY = os.environ["SECRET_KEY"]
elif EMBEDDED_DATABASE:
    _name = str(DATABASES["default"].get("NAME") or "")
    SECRET_KEY = embedded_secret_key(
        Path(_name) if _name and _name != ":memory:" and not _name.startswith("file:") else DEFAULT_SQLITE
    )
elif DEBUG:
    # A developer's own PostgreSQL: the key of the embedded database's folder (var/), never a fixed one.
    SECRET_KEY = embedded_secret_key(DEFAULT_SQLITE)
else:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With a database other than the embedded SQLite (DATABASE_URL="
        f"{DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}) and DEBUG=false, set SECRET_KEY to a long "
        "random value kept secret (for example: python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"
        "). It keys API tokens, ballot codes and sessions: keep it the same across restarts and servers."
    )

INSTALLED_APPS = [
    # Django's admin on a site that asks for the one-time code first (accounts/admin_site.py).
    "thidua.accounts.admin_config.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    # Two-step sign-in (accounts/twofactor.py): one-time codes of an authenticator app (TOTP).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # ninja in the apps makes its docs page use its own static files (swagger-ui), not a CDN.
    "ninja",
    # Background work (imports of large files, batches of certificates, mail): a queue kept in the database,
    # so the embedded default needs no broker; `thidua serve` starts its worker beside the web server.
    "django_tasks",
    "django_tasks_db",
    # Each app imports only apps above it (thidua/core/tests/test_layout.py checks it).
    "thidua.core",
    "thidua.organisations",
    "thidua.awards",
    "thidua.documents",
    "thidua.accounts",
    "thidua.emulation",
    "thidua.registry",
    "thidua.publication",
    "thidua.exchange",
    "thidua.sheets",
    "thidua.api",
    "thidua.operations",
    # Migration history only: their models moved to emulation and registry, tables kept.
    "thidua.legacy.review",
    "thidua.legacy.meeting",
    "thidua.legacy.scoring",
    "thidua.legacy.pact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The main signed-in pages kept whole until the data changes (issue 13); see its docstring for the order.
    "thidua.core.pagecache.WholePageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): this session passed the one-time code step.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# `make bench` only (bench_pages.py): the site's addresses plus a bare view, the floor the main pages are
# measured against on the same server. Never set in a deployment.
BENCH_BARE_VIEW = env_bool("THIDUA_BENCH_BARE_VIEW", False)
ROOT_URLCONF = "thidua.bench_urls" if BENCH_BARE_VIEW else "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "thidua" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.accounts.context_processors.roles",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The interface's one language, whatever the browser asks for (an office PC often says en-US): Vietnamese,
# or English for a demonstration (LANGUAGE_CODE=en); the text comes from thidua/locale.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE") or "vi"
if LANGUAGE_CODE not in {"vi", "en"}:
    raise ValueError(f"LANGUAGE_CODE={LANGUAGE_CODE!r}: expected vi or en")
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "thidua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates as dd/mm/yyyy everywhere (Decree 30/2020 writes dates this way).
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "/static/"
# Collected static files and uploads (evidence): outside the source tree in production.
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "var" / "static")
# whitenoise scans it at start-up and warns when it is missing (collectstatic has not run: demo, tests).
with contextlib.suppress(OSError):  # a read-only production folder is collectstatic's business
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# `thidua serve` collects the static files first and starts the server with STATIC_COLLECTED=true: whitenoise
# then serves them from var/static with hashed names, compressed (gzip, brotli when installed) and cached by
# browsers for a year. Without it (tests, `thidua runserver`) they are served straight from the app folders.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "var" / "media")
# The largest signed scan a unit may attach to a proposal's dossier (registry.actions.dossier), in MB: a
# many-page report scanned at 300 dpi is a few MB; the limit keeps one upload from filling the disk.
DOSSIER_SCAN_MAX_MB = env_int("DOSSIER_SCAN_MAX_MB", 20, minimum=1)

# Notifications by e-mail (accounts/notifications.py): printed on the console unless EMAIL_HOST names an SMTP
# server; sent after the change commits, by the task queue's worker so no request waits for the mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")

# Counts of wrong ballot codes (emulation/attempts.py) must be the same for every worker of `thidua serve`:
# files in one folder, shared by the processes of one server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

CACHES = {
    "default": {
        # Django's file cache with culling bounded and an atomic `add` (core/filecache.py); several servers
        # need one shared cache instead (docs/DEPLOYMENT.md).
        "BACKEND": "thidua.core.filecache.FileCache",
        "LOCATION": str(env_path("CACHE_DIR", BASE_DIR / "var" / "cache")),
        # Room for the signed-in pages' kept parts (core/pagecache.py) of a nation's cluster-years; past it
        # Django drops a third of the files at random, the generation perhaps (then every part is rebuilt).
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
}
# The signed-in pages' kept parts (core/pagecache.py): dropped at once by any change of the data; this many
# seconds at most for a change made outside the product (SQL typed by hand). 0: nothing kept.
PAGE_CACHE_SECONDS = env_int("THIDUA_PAGE_CACHE_SECONDS", 300)

# Requests a minute for each API access token before it is answered 429 (0: no limit).
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 120)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
# Sessions read from the cache first, written to both (issue 13: a signed-in page served whole costs a session
# read, which was a database query on every request). Signing out deletes both. Several application servers
# must then share one cache (docs/DEPLOYMENT.md), as the pages' generation (core/pagecache.py) already needs.
# A kept page is served after reading the session straight from the default cache, with the page, in one read
# (core/pagecache.WholePageMiddleware refuses to start with sessions anywhere else).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Production behind HTTPS (README, "Cấu hình"): all off by default so `make demo` works on plain HTTP.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Only behind a proxy that always sets (and strips from clients) this header.
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The name an authenticator app shows beside the code; the device's secret never shows in the admin.
OTP_TOTP_ISSUER = "thidua"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Locked by account (guessing one person's password from many addresses) and by address (one machine trying
# many accounts), each after AXES_FAILURE_LIMIT failures within the cool-off.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as every per-client limit reads it (behind a proxy: CLIENT_IP_HEADER).
AXES_CLIENT_IP_CALLABLE = "thidua.core.client.client_address"
# Axes has no Vietnamese catalogue: our own page tells a locked-out user what happened.
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
