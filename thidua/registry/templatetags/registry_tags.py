"""The registry's template helpers: money in đồng, legal sources as read, and the link bar between pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from thidua.awards.regimes import name_of
from thidua.awards.sources import readable
from thidua.registry import money
from thidua.registry import rules as scope
from thidua.registry.worklist import VERDICTS

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    """23100000 -> "23.100.000 đ"; nothing on record -> "—"."""
    return "—" if amount is None else _("{amount} VND").format(amount=money.thousands(amount))


@register.inclusion_tag("registry/_nav.html", takes_context=True)
def registry_nav(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    match = request.resolver_match
    return {
        "current": match.url_name if match else "",
        "board": scope.board_organizers(user).exists(),
        "officer": scope.officer_units(user).exists(),
    }


@register.filter
def verdict_label(code: str) -> str:
    """The engine's verdict in Vietnamese; empty (an award outside the catalogue) says so."""
    return str(VERDICTS.get(code, _("Cannot be checked: award outside the legal catalogue")))


@register.filter
def legal_source(text: str) -> str:
    """A source as an officer reads it (awards.sources.readable)."""
    return readable(text)


@register.filter
def regime_name(code: str) -> str:
    return name_of(code)
