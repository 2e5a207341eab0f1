"""What every page's header needs to know about the user: which links to offer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from thidua.accounts.models import Notification, Role


def roles(request: HttpRequest) -> dict[str, Any]:
    """`is_board`: the user works for an organizer's board (or is a superuser), so the board's own pages
    (proposals, decisions, the council) are offered. The pages check scope themselves; this only hides
    links that would lead nowhere."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_board": False, "unread_notifications": 0}
    return {
        "is_board": user.is_superuser or Role.objects.filter(user=user, kind=Role.Kind.BOARD).exists(),
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
