"""What an uploaded file may be, for every upload of the product (scoring evidence, a dossier's signed scans,
an organizer's own Word and Excel templates): its extension and its content must agree (a .exe or a .zip
renamed .pdf is refused), an image must decode, a PDF may not be encrypted nor carry scripts, an Office file
may not carry macros nor unpack to a "zip bomb", and the file may not exceed the caller's limit. Nothing is
stored here; the action that keeps the file calls check_upload (or check_content, for bytes) first.

The PDF checks read the raw bytes: a script or an encryption dictionary inside a compressed object stream is
not seen (a full parser would be a new dependency); a scan from a scanner or a phone has neither."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class Kind:
    magic: bytes  # the first bytes of every such file
    mime: str  # the type served back
    member: str = ""  # a file an Office (zip) file must hold
    image: bool = False  # must decode as an image (Pillow)


KINDS: dict[str, Kind] = {
    ".pdf": Kind(b"%PDF-", "application/pdf"),
    ".jpg": Kind(b"\xff\xd8\xff", "image/jpeg", image=True),
    ".jpeg": Kind(b"\xff\xd8\xff", "image/jpeg", image=True),
    ".png": Kind(b"\x89PNG\r\n\x1a\n", "image/png", image=True),
    # RIFF is any RIFF file (a WAV too): decoding it as an image (Pillow) tells a WebP photo.
    ".webp": Kind(b"RIFF", "image/webp", image=True),
    ".docx": Kind(
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        member="word/document.xml",
    ),
    ".xlsx": Kind(
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        member="xl/workbook.xml",
    ),
}
MAX_UNPACKED_BYTES = 30 * 1024 * 1024  # an Office file that unpacks past this is refused (a "zip bomb")
# Inside a PDF: a password (the board could not read it) or scripts (nothing a scan needs).
PDF_REFUSED = (b"/Encrypt", b"/JavaScript", b"/JS", b"/Launch")


def content_type(name: str) -> str:
    kind = KINDS.get(PurePosixPath(name).suffix.lower())
    return kind.mime if kind else "application/octet-stream"


def accepted_label(suffixes: Iterable[str]) -> str:
    """ ".pdf", ".jpg", ".jpeg" → "PDF, JPEG": the names a user knows the types by."""
    labels: list[str] = []
    for suffix in suffixes:
        label = "JPEG" if suffix in (".jpg", ".jpeg") else suffix[1:].upper()
        if label not in labels:
            labels.append(label)
    return ", ".join(labels)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}".replace(".", ",")


def check_upload(upload: UploadedFile, *, accepted: Iterable[str], max_bytes: int) -> None:
    """Refuse a file whose type is not among `accepted` (extensions), whose content is not what its name
    says, which is empty or larger than `max_bytes`."""
    accepted = tuple(accepted)
    name = upload.name or ""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in accepted or suffix not in KINDS:
        raise ValidationError(
            _("File “{name}”: only {types} files are accepted.").format(
                name=name, types=accepted_label(accepted)
            )
        )
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("File “{name}” is larger than {size} MB.").format(name=name, size=megabytes(max_bytes))
        )
    if upload.size == 0:
        raise ValidationError(_("File “{name}” is empty.").format(name=name))
    kind = KINDS[suffix]
    if not _content_matches(upload, kind):
        raise ValidationError(
            _(
                "File “{name}”: the content is not a {kind} file (the file extension does not match the "
                "content)."
            ).format(name=name, kind=accepted_label([suffix]))
        )
    if kind.member:
        _check_office(upload, name)
    if suffix == ".pdf" and _pdf_holds_refused(upload):
        raise ValidationError(
            _(
                "File “{name}”: the PDF is protected by a password or contains scripts. Save or scan it "
                "again as a plain PDF."
            ).format(name=name)
        )


def check_content(content: bytes, filename: str, *, accepted: Iterable[str], max_bytes: int) -> None:
    """check_upload for a file already read (an uploaded template handed to an action as bytes)."""
    check_upload(SimpleUploadedFile(filename, content), accepted=accepted, max_bytes=max_bytes)


def _check_office(upload: UploadedFile, name: str) -> None:
    """An Office file (a zip) that unpacks too large, or that carries macros whatever its name says."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
            types = package.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    finally:
        upload.seek(0)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("File “{name}” unpacks to more than {size} MB.").format(
                name=name, size=megabytes(MAX_UNPACKED_BYTES)
            )
        )
    if b"macroEnabled" in types or any(item.lower().endswith("vbaproject.bin") for item in names):
        raise ValidationError(
            _("File “{name}” contains macros, which are not accepted: save it again without macros.").format(
                name=name
            )
        )


def _content_matches(upload: UploadedFile, kind: Kind) -> bool:
    upload.seek(0)
    head = upload.read(len(kind.magic))
    upload.seek(0)
    if head != kind.magic:
        return False
    if kind.member and not _zip_holds(upload, kind.member):
        return False
    return not kind.image or _decodes(upload)


def _zip_holds(upload: UploadedFile, member: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)


def _decodes(upload: UploadedFile) -> bool:
    """Pillow reads the whole image structure (verify): a file with an image's first bytes and anything
    after them is refused."""
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        upload.seek(0)
    return True


def _pdf_holds_refused(upload: UploadedFile) -> bool:
    upload.seek(0)
    tail = b""
    try:
        for chunk in upload.chunks():
            window = tail + chunk
            if any(marker in window for marker in PDF_REFUSED):
                return True
            tail = window[-16:]
    finally:
        upload.seek(0)
    return False
