"""What an evidence file may be: its extension and its first bytes must agree (a .exe renamed .pdf is
refused), and it may not exceed 10 MB. Nothing is stored here; services.add_evidence stores."""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

# Extension -> (magic bytes at the start, member an Office file must hold, MIME type served back).
KINDS: dict[str, tuple[bytes, str, str]] = {
    ".pdf": (b"%PDF-", "", "application/pdf"),
    ".jpg": (b"\xff\xd8\xff", "", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "", "image/jpeg"),
    ".png": (b"\x89PNG\r\n\x1a\n", "", "image/png"),
    ".docx": (
        b"PK\x03\x04",
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": (
        b"PK\x03\x04",
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
ACCEPTED = "PDF, JPEG, PNG, DOCX, XLSX"


def content_type(name: str) -> str:
    kind = KINDS.get(PurePosixPath(name).suffix.lower())
    return kind[2] if kind else "application/octet-stream"


def check_upload(upload: UploadedFile) -> None:
    """Refuse a file whose type is not accepted, whose content is not what its name says, or too big."""
    name = upload.name or ""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in KINDS:
        raise ValidationError(
            _("File “{name}”: only {types} files are accepted.").format(name=name, types=ACCEPTED)
        )
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(_("File “{name}” is larger than 10 MB.").format(name=name))
    if upload.size == 0:
        raise ValidationError(_("File “{name}” is empty.").format(name=name))
    magic, member, _mime = KINDS[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic or (member and not _zip_holds(upload, member)):
        raise ValidationError(
            _(
                "File “{name}”: the content is not a {kind} file (the file extension does not match the "
                "content)."
            ).format(name=name, kind=suffix[1:].upper())
        )


def _zip_holds(upload: UploadedFile, member: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
