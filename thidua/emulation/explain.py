"""Proposal bases and not-proposed reasons in words, Vietnamese for people and English for results.json.

The stored dicts are language-neutral (see tally.py); this is the one place that words them.
`names` maps tier codes to tier names so the Vietnamese text can say "Cờ thi đua…" rather than a code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CRITERIA = {
    "score": ("điểm chấm", "score"),
    "female_share": ("tỷ lệ nữ", "female share"),
}
METHODS = {
    "acclamation": ("suy tôn", "acclamation"),
    "ballot": ("bỏ phiếu, không công bố số phiếu", "ballot, counts not published"),
    "score": ("theo điểm chấm, danh sách đã thống nhất", "score, agreed list"),
}


def _pct(votes: int, cast: int) -> str:
    return f"{votes / cast * 100:.1f}".replace(".", ",") + "%" if cast else "—"


def basis_text(basis: Mapping[str, Any], lang: str = "vi", names: Mapping[str, str] | None = None) -> str:
    kind = basis.get("kind")
    vi = lang == "vi"
    if kind == "ballot":
        votes, cast = basis["votes"], basis["cast"]
        text = (
            f"bỏ phiếu kín: {votes}/{cast} phiếu ({_pct(votes, cast)})"
            if vi
            else f"ballot: {votes} of {cast} ballots cast"
        )
        if basis.get("tie_break"):
            vi_c, en_c = CRITERIA.get(basis["tie_break"], (basis["tie_break"], basis["tie_break"]))
            text += f"; bằng phiếu, xếp trên nhờ {vi_c}" if vi else f"; equal votes, placed by {en_c}"
        return text
    if kind == "agreed":
        vi_m, en_m = METHODS.get(basis["method"], (basis["method"], basis["method"]))
        return vi_m if vi else en_m
    if kind == "score":
        score = str(basis["score"])
        if vi:
            return f"theo điểm chấm: {score.replace('.', ',')} điểm, xếp thứ {basis['place']}"
        return f"score: {score} (place {basis['place']})"
    return str(dict(basis))


def reason_text(reason: Mapping[str, Any], lang: str = "vi", names: Mapping[str, str] | None = None) -> str:
    kind = reason.get("kind")
    vi = lang == "vi"
    if kind == "higher_tier":
        tier = reason["tier"]
        if vi:
            return f"đã được đề nghị hình thức cao hơn ({(names or {}).get(tier, tier)})"
        return f"proposed on a higher tier ({tier})"
    if kind == "below_share":
        votes, cast, least = reason["votes"], reason["cast"], reason["min"]
        if vi:
            return f"không đạt tỷ lệ phiếu tối thiểu ({votes}/{cast} < {least.replace('.', ',')})"
        return f"below the approval share ({votes}/{cast} < {least})"
    if kind == "quota_full":
        quota = reason["quota"]
        return f"đã đủ số lượng được đề nghị ({quota})" if vi else f"quota full ({quota})"
    if kind == "lost_tie_break":
        by = reason.get("by")
        vi_c, en_c = CRITERIA.get(by or "", ("tiêu chí phụ", "the tie-break"))
        if vi:
            return f"bằng {reason['votes']} phiếu nhưng xếp sau theo {vi_c}"
        return f"lost the tie-break on {en_c} (equal at {reason['votes']} votes)"
    if kind == "tie_unresolved":
        if vi:
            return (
                f"bằng {reason['votes']} phiếu với đơn vị khác cho {reason['places']} suất còn lại, "
                "tiêu chí phụ không phân định được: hội nghị quyết định"
            )
        return (
            f"lost the tie-break: tied at {reason['votes']} votes for {reason['places']} remaining place(s), "
            "not separated by the tie-break rules"
        )
    if kind == "not_agreed":
        return "không có trong danh sách hội nghị thống nhất" if vi else "not on the agreed list"
    return str(dict(reason))


# How next year's leadership was decided: FORMAT.md's words, free text may follow ("decision 888/QĐ-UBND").
DECIDED_BY = {
    "vote": "Bỏ phiếu tại hội nghị",
    "acclamation": "Suy tôn tại hội nghị",
    "decision": "Theo quyết định của cơ quan tổ chức",
}


def decided_by_text(decided_by: str) -> str:
    """ "decision 888/QĐ-BXD" -> "Theo quyết định của cơ quan tổ chức (888/QĐ-BXD)"; other text as written."""
    word, _, rest = decided_by.strip().partition(" ")
    label = DECIDED_BY.get(word.lower())
    if label is None:
        return decided_by.strip()
    return f"{label} ({rest.strip()})" if rest.strip() else label
