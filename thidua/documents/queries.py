"""Reads of the organizers' paper templates."""

from __future__ import annotations

from thidua.documents.models import PaperTemplate


def template_in_use(organizer_id: int, paper: str) -> PaperTemplate | None:
    return PaperTemplate.objects.filter(
        organizer_id=organizer_id, paper=paper, retired_at__isnull=True
    ).first()


def override_content(organizer_id: int, paper: str) -> bytes | None:
    """The organizer's own template for `paper`, or None for the built-in one."""
    content = (
        PaperTemplate.objects.filter(organizer_id=organizer_id, paper=paper, retired_at__isnull=True)
        .values_list("content", flat=True)
        .first()
    )
    return bytes(content) if content is not None else None
