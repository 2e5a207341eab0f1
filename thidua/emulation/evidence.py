"""What a scoring evidence file may be: PDF, an image or an Office file of at most 10 MB, checked by its
content (core.uploads, the one checker of uploads). Nothing is stored here; services.add_evidence stores."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from thidua.core import uploads
from thidua.core.uploads import content_type

MAX_BYTES = 10 * 1024 * 1024
ACCEPTED = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")

__all__ = ["ACCEPTED", "MAX_BYTES", "check_upload", "content_type"]


def check_upload(upload: UploadedFile) -> None:
    uploads.check_upload(upload, accepted=ACCEPTED, max_bytes=MAX_BYTES)
