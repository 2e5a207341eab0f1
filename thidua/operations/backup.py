"""Backup and restore of the whole database as one zip: Django's serialized JSON, a manifest, the media.

The zip holds `manifest.json` (format version, versions, database vendor, time, rows per model, sha256 of
the data), `data.json` (loaddata format, natural keys for content types and permissions, which a fresh
database recreates on migrate with its own ids) and `media/…` (the uploaded files, when there are any).

A restore goes into a freshly migrated, empty database only: the office restores onto a new server, never
over live data. It is all or nothing: the data is checked against its sha256 before anything is written,
loaded in one transaction, and the rows per model are compared with the manifest before committing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.operations import exact_json

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
# Rows a fresh `migrate` writes itself; the data refers to them by natural key, never by id.
RECREATED_BY_MIGRATE: tuple[type[models.Model], ...] = (ContentType, Permission)
EXCLUDED = ["contenttypes", "auth.permission"]


class BackupInvalid(Exception):
    """A backup that cannot be restored (damaged, foreign, or a database that is not empty); Vietnamese."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    counts: dict[str, int]
    media_files: int


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model of every installed app, except the rows migrate recreates."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model not in RECREATED_BY_MIGRATE
    ]


def row_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.count() for model in backed_up_models()}


def thidua_version() -> str:
    try:
        return package_version("thidua")
    except PackageNotFoundError:
        return "unknown"


def backup(out: Path, *, media_root: Path | None = None) -> BackupSummary:
    """Write a consistent snapshot of the database (and the media folder, if any) to the zip `out`."""
    media = Path(settings.MEDIA_ROOT) if media_root is None else media_root
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="thidua-backup-") as work:
        data_path = Path(work) / DATA
        # Times to the microsecond (exact_json); data.json is still read back as Django's "json".
        serializers.register_serializer(exact_json.NAME, exact_json.__name__)
        with transaction.atomic():
            _read_only_snapshot()
            counts = row_counts()
            call_command(
                "dumpdata",
                format=exact_json.NAME,
                exclude=EXCLUDED,
                natural_foreign=True,
                output=str(data_path),
                verbosity=0,
            )
        manifest = {
            "format": FORMAT,
            "thidua": thidua_version(),
            "django": django.get_version(),
            "database": connection.vendor,
            "created_at": timezone.now().isoformat(),
            "counts": counts,
            "sha256": _sha256(data_path),
        }
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        # Written beside the target, then renamed: a half-written zip never carries the final name.
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
            archive.write(data_path, DATA)
            for file in media_files:
                archive.write(file, MEDIA + file.relative_to(media).as_posix())
        partial.replace(out)
    return BackupSummary(out, counts, len(media_files))


# ---- scheduled backups into a folder, the newest kept ------------------------------------------------

# The names `backup_into` gives: the time in UTC, then a counter for a second backup in the same second.
SCHEDULED_NAME = re.compile(r"^thidua-backup-(\d{8}T\d{6}Z)(?:-(\d+))?\.zip$")


@dataclass(frozen=True)
class ScheduledBackup:
    summary: BackupSummary
    pruned: list[Path]


def backup_into(
    directory: Path, *, keep: int | None, now: dt.datetime | None = None, media_root: Path | None = None
) -> ScheduledBackup:
    """A backup named after its time in `directory`, then (with `keep`) only the newest `keep` of the
    backups this function wrote there are kept. A file is taken for one of them only when its name has the
    form it gives and it is a thidua backup (manifest.json readable); anything else is never touched."""
    if keep is not None and keep < 1:
        raise ValueError("keep must be at least 1")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or timezone.now()).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path, counter = directory / f"thidua-backup-{stamp}.zip", 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        path, counter = directory / f"thidua-backup-{stamp}-{counter}.zip", counter + 1
    summary = backup(path, media_root=media_root)
    return ScheduledBackup(summary, [] if keep is None else prune(directory, keep=keep))


def prune(directory: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest `keep` scheduled backups in `directory` (newest by the time in the name);
    returns the files deleted, oldest first."""
    ours = []
    for path in directory.iterdir():
        found = SCHEDULED_NAME.match(path.name)
        if found and path.is_file() and not path.is_symlink() and _is_backup(path):
            ours.append(((found[1], int(found[2] or 0)), path))
    ours.sort(reverse=True)
    pruned = [path for _, path in reversed(ours[keep:])]
    for path in pruned:
        path.unlink()
    return pruned


def _is_backup(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(manifest, dict) and {"format", "counts", "sha256"} <= set(manifest)


def _read_only_snapshot() -> None:
    """On PostgreSQL every query of the backup sees the same snapshot. SQLite needs nothing more: its read
    transaction holds the database still (or sees one snapshot in WAL mode) until it ends. Inside an
    outer transaction (tests) the level is the outer one's and cannot be changed any more."""
    if connection.vendor == "postgresql" and not connection.savepoint_ids:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def restore(path: Path, *, media_root: Path | None = None) -> dict[str, int]:
    """Load the backup `path` into this empty, migrated database; all or nothing. Returns the rows per
    model. Raises BackupInvalid, with nothing written, for a damaged or foreign zip or a database
    that is not empty."""
    media = Path(settings.MEDIA_ROOT) if media_root is None else media_root
    with _open_backup(path) as archive:
        manifest = _manifest(archive, path)
        members = _media_members(archive, path)
        with tempfile.TemporaryDirectory(prefix="thidua-restore-") as work:
            data_path = Path(work) / DATA
            with archive.open(DATA) as source, data_path.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            if _sha256(data_path) != manifest["sha256"]:
                raise BackupInvalid(
                    _(
                        "The backup file {file} is damaged: its data does not match the sha256 checksum "
                        "recorded in manifest.json. Nothing was restored."
                    ).format(file=path.name)
                )
            _require_empty(media, members)
            counts = _load(data_path, manifest["counts"], path)
        for name in members:
            file = media / PurePosixPath(name).relative_to(MEDIA.rstrip("/"))
            file.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as source, file.open("wb") as out:
                shutil.copyfileobj(source, out)
    return counts


def _open_backup(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
        damaged = archive.testzip()
    except FileNotFoundError:
        raise BackupInvalid(_("There is no backup file {path}.").format(path=path)) from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BackupInvalid(
            _("The file {file} is not a readable backup zip (damaged or of another kind).").format(
                file=path.name
            )
        ) from None
    if damaged is not None:
        archive.close()
        raise BackupInvalid(
            _("The backup file {file} is damaged at the entry {entry}. Nothing was restored.").format(
                file=path.name, entry=damaged
            )
        )
    return archive


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    names = set(archive.namelist())
    if MANIFEST not in names or DATA not in names:
        raise BackupInvalid(
            _("The file {file} is not a thidua backup: {manifest} or {data} is missing.").format(
                file=path.name, manifest=MANIFEST, data=DATA
            )
        )
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupInvalid(
            _("The file {file}: {manifest} cannot be read (it is not JSON).").format(
                file=path.name, manifest=MANIFEST
            )
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise BackupInvalid(
            _(
                "The file {file}: a backup in format {found}, this version only restores format {format}."
            ).format(file=path.name, found=repr(found), format=FORMAT)
        )
    counts, digest = manifest.get("counts"), manifest.get("sha256")
    if (
        not isinstance(counts, dict)
        or not all(isinstance(v, int) for v in counts.values())
        or not isinstance(digest, str)
    ):
        raise BackupInvalid(
            _("The file {file}: {manifest} lacks the row counts (counts) or the sha256 checksum.").format(
                file=path.name, manifest=MANIFEST
            )
        )
    return manifest


def _media_members(archive: zipfile.ZipFile, path: Path) -> list[str]:
    members = [n for n in archive.namelist() if n.startswith(MEDIA) and not n.endswith("/")]
    for name in members:
        parts = PurePosixPath(name).parts
        if ".." in parts or name.startswith("/") or "\\" in name:
            raise BackupInvalid(
                _("The file {file} holds an invalid file path: {name}. Nothing was restored.").format(
                    file=path.name, name=name
                )
            )
    return members


def _require_empty(media: Path, members: list[str]) -> None:
    filled = {label: n for label, n in row_counts().items() if n}
    if filled:
        listed = ", ".join(f"{label} ({n})" for label, n in sorted(filled.items())[:5])
        raise BackupInvalid(
            _(
                "A backup is only restored into a new, empty database (after `thidua migrate`); this "
                "database already holds data: {tables}. Nothing was restored."
            ).format(tables=f"{listed}{', …' if len(filled) > 5 else ''}")
        )
    clashes = [n for n in members if (media / PurePosixPath(n).relative_to("media")).exists()]
    if clashes:
        raise BackupInvalid(
            _(
                "The attachments folder {folder} already holds {file}: a backup is only restored into an "
                "empty folder. Nothing was restored."
            ).format(folder=media, file=clashes[0])
        )


def _load(data_path: Path, expected: dict[str, int], path: Path) -> dict[str, int]:
    try:
        with transaction.atomic():
            call_command("loaddata", str(data_path), verbosity=0)
            _reset_sequences()
            counts = row_counts()
            wrong = {
                label: (expected.get(label, 0), counts.get(label, 0))
                for label in set(expected) | set(counts)
                if expected.get(label, 0) != counts.get(label, 0)
            }
            if wrong:
                listed = ", ".join(
                    _("{table}: {expected} expected, {found} found").format(
                        table=label, expected=want, found=got
                    )
                    for label, (want, got) in sorted(wrong.items())
                )
                raise BackupInvalid(
                    _(
                        "The backup file {file}: the row counts after loading do not match the manifest "
                        "({counts}). Cancelled, nothing was written."
                    ).format(file=path.name, counts=listed)
                )
    except BackupInvalid:
        raise
    except (DatabaseError, DeserializationError, LookupError) as error:
        raise BackupInvalid(
            _(
                "The backup file {file} cannot be loaded into this database ({error}). Cancelled, nothing "
                "was written."
            ).format(file=path.name, error=error)
        ) from None
    return counts


def _reset_sequences() -> None:
    """Rows came with their ids: the next id PostgreSQL hands out must follow them (sqlsequencereset)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(apps.get_models()))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
