"""Proposal bases and not-proposed reasons in words, Vietnamese for people and English for results.json.

The stored dicts are language-neutral (see tally.py); this is the one place that words them.
`names` maps tier codes to tier names so the Vietnamese text can say "Cờ thi đua…" rather than a code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override, pgettext, pgettext_lazy

CRITERIA = {
    "score": pgettext_lazy("tie-break criterion", "score"),
    "female_share": pgettext_lazy("tie-break criterion", "female share"),
}
METHODS = {
    "acclamation": gettext_lazy("acclamation"),
    "ballot": gettext_lazy("ballot, counts not published"),
    "score": gettext_lazy("score, agreed list"),
}


def _pct(votes: int, cast: int) -> str:
    return f"{votes / cast * 100:.1f}".replace(".", ",") + "%" if cast else "—"


def _decimal(number: str) -> str:
    """A decimal as stored ("98.5"), with the language's decimal separator ("98,5" in Vietnamese): the
    results.json text keeps the stored point, whatever the project's number formats say."""
    return number.replace(".", pgettext("decimal separator", "."))


def basis_text(basis: Mapping[str, Any], lang: str = "vi", names: Mapping[str, str] | None = None) -> str:
    with override(lang):
        return _basis(basis)


def _basis(basis: Mapping[str, Any]) -> str:
    kind = basis.get("kind")
    if kind == "ballot":
        votes, cast = basis["votes"], basis["cast"]
        by = basis.get("tie_break")
        if not by:
            # Translators: {percent} (the share of the ballots cast, "71,4%") may be shown too.
            # xgettext:no-python-brace-format
            text = _("ballot: {votes} of {cast} ballots cast")
        else:
            # Translators: {percent} (the share of the ballots cast, "71,4%") may be shown too.
            # xgettext:no-python-brace-format
            text = _("ballot: {votes} of {cast} ballots cast; equal votes, placed by {criterion}")
        return text.format(
            votes=votes, cast=cast, percent=_pct(votes, cast), criterion=CRITERIA.get(by or "", by)
        )
    if kind == "agreed":
        return str(METHODS.get(basis["method"], basis["method"]))
    if kind == "score":
        return _("score: {score} (place {place})").format(
            score=_decimal(str(basis["score"])), place=basis["place"]
        )
    return str(dict(basis))


def reason_text(reason: Mapping[str, Any], lang: str = "vi", names: Mapping[str, str] | None = None) -> str:
    with override(lang):
        return _reason(reason, names or {})


def _reason(reason: Mapping[str, Any], names: Mapping[str, str]) -> str:
    kind = reason.get("kind")
    if kind == "higher_tier":
        tier = reason["tier"]
        return _("proposed on a higher tier ({tier})").format(tier=names.get(tier, tier))
    if kind == "below_share":
        return _("below the approval share ({votes}/{cast} < {least})").format(
            votes=reason["votes"], cast=reason["cast"], least=_decimal(reason["min"])
        )
    if kind == "quota_full":
        return _("quota full ({quota})").format(quota=reason["quota"])
    if kind == "lost_tie_break":
        by = reason.get("by") or ""
        criterion = CRITERIA.get(by, gettext_lazy("the tie-break"))
        return _("lost the tie-break on {criterion} (equal at {votes} votes)").format(
            criterion=criterion, votes=reason["votes"]
        )
    if kind == "tie_unresolved":
        return _(
            "lost the tie-break: tied at {votes} votes for {places} remaining place(s), not separated by the "
            "tie-break rules"
        ).format(votes=reason["votes"], places=reason["places"])
    if kind == "not_agreed":
        return _("not on the agreed list")
    return str(dict(reason))


# How next year's leadership was decided: FORMAT.md's words, free text may follow ("decision 888/QĐ-UBND").
DECIDED_BY = {
    "vote": gettext_lazy("Vote at the meeting"),
    "acclamation": gettext_lazy("Acclamation at the meeting"),
    "decision": gettext_lazy("By decision of the organizer"),
}


def decided_by_text(decided_by: str) -> str:
    """ "decision 888/QĐ-BXD" -> "Theo quyết định của cơ quan tổ chức (888/QĐ-BXD)"; other text as written."""
    word, _, rest = decided_by.strip().partition(" ")
    label = DECIDED_BY.get(word.lower())
    if label is None:
        return decided_by.strip()
    return f"{label} ({rest.strip()})" if rest.strip() else str(label)
