"""The settings of the test suite: the site's own (thidua.settings), with a random key for the run.

A run on PostgreSQL has no key file beside its database and DEBUG is off, where the site's settings rightly
refuse to start without SECRET_KEY; a test run gets a fresh random key instead (never a fixed one).
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", f"tests-{secrets.token_urlsafe(48)}")

from thidua.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tasks run at once inside the test (the worker's loop is tested on its own; a test of the queue itself
# overrides TASKS with the database backend): the mail outbox is read as soon as the change commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Each test starts from an empty cache (the root conftest clears it); a run's cache is its own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A second database alias as the read replica, mirroring the test database (Django's TEST MIRROR): a test of
# the router (core/tests/test_replica.py) turns REPLICA_READS on; every other test reads `default` as the
# site without a replica does.
if "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
    DATABASE_ROUTERS = ["thidua.core.replica.ReplicaRouter"]
    REPLICA_READS = False

# Tests build their worlds with factories, which write no audit row, so a part kept (core/pagecache.py) would
# hide what a test adds between two pages. Nothing is kept here; the tests of the cache turn it on.
PAGE_CACHE_SECONDS = 0
