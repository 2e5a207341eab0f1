"""The board's writes on its papers' templates (STYLE.md 2): each one transaction, checked first, audited."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from thidua.core.audit import Actor, record
from thidua.documents.models import PaperTemplate
from thidua.documents.templating import WORD, Format, Spec
from thidua.organisations.models import Organizer


def _user(by: Actor) -> Any:
    """The acting user for a foreign key; a command's label leaves it empty."""
    return by if isinstance(by, AbstractBaseUser) else None


def _retire(organizer: Organizer, paper: str, by: Actor) -> PaperTemplate | None:
    current = (
        PaperTemplate.objects.select_for_update()
        .filter(organizer=organizer, paper=paper, retired_at__isnull=True)
        .first()
    )
    if current is not None:
        current.retired_at = timezone.now()
        current.retired_by = _user(by)
        current.save(update_fields=["retired_at", "retired_by"])
    return current


def upload_template(
    organizer: Organizer,
    paper: str,
    spec: Spec,
    *,
    filename: str,
    content: bytes,
    by: Actor,
    template_format: Format = WORD,
) -> PaperTemplate:
    """The organizer's own template for `paper`, in use from now on. Refused (ValidationError, in
    Vietnamese, nothing saved) when it is not a file of the paper's format (.docx, or .xlsx for a
    workbook), has macros or a syntax error, or uses a placeholder the paper's facts lack."""
    template_format.check(content, spec, filename)
    with transaction.atomic():
        replaced = _retire(organizer, paper, by)
        template = PaperTemplate.objects.create(
            organizer=organizer,
            paper=paper,
            filename=filename[:255],
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=_user(by),
            uploaded_at=timezone.now(),
        )
        record(
            by,
            "documents.template.upload",
            template,
            paper=paper,
            filename=template.filename,
            sha256=template.sha256,
            replaced=replaced.pk if replaced else None,
        )
    return template


def reset_template(organizer: Organizer, paper: str, *, by: Actor) -> PaperTemplate | None:
    """Back to the built-in template: the organizer's own one is retired (kept, no longer used)."""
    with transaction.atomic():
        retired = _retire(organizer, paper, by)
        if retired is not None:
            record(by, "documents.template.reset", retired, paper=paper, filename=retired.filename)
    return retired
