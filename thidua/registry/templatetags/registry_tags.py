"""The registry's template helpers: money in đồng, legal sources as read, and the link bar between pages."""

from __future__ import annotations

import re
from typing import Any

from django import template

from thidua.awards.regimes import REGIMES
from thidua.registry import money, scope
from thidua.registry.worklist import VERDICTS

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    """23100000 -> "23.100.000 đ"; nothing on record -> "—"."""
    return "—" if amount is None else f"{money.thousands(amount)} đ"


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
    return VERDICTS.get(code, "Không xét được: hình thức ngoài danh mục pháp luật")


# The sources are written for the people who keep LAW.md: its row codes and confidence marks mean nothing
# to an officer reading a dossier. A sourced mark [S] is dropped; an uncertain one [U] is said in words,
# since an officer should check that figure against the text before relying on it.
_CLUSTER_RULES = re.compile(r"LAW\.md TPL-5, CL-05")
_LAW_MD = re.compile(r"LAW\.md\s*(section \d+)?[,;]?\s*")
_SOURCED = re.compile(r"\s*\[S\]")
_UNCERTAIN = re.compile(r"\s*\[U\]")


@register.filter
def legal_source(text: str) -> str:
    """'Nghị định 91/2017/NĐ-CP [U]' -> 'Nghị định 91/2017/NĐ-CP (cần đối chiếu văn bản)', for display."""
    shown = _CLUSTER_RULES.sub("Quy chế hoạt động của cụm, khối thi đua", text or "")
    shown = _UNCERTAIN.sub(" (cần đối chiếu văn bản)", _SOURCED.sub("", _LAW_MD.sub("", shown)))
    return shown.strip(" ;,")


@register.filter
def regime_name(code: str) -> str:
    """'law-2003/decree-91-2017' -> 'Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP'."""
    return next((regime.name for regime in REGIMES if regime.code == code), code)
