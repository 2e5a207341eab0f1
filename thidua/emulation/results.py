"""results.json for a cluster-year, exactly the keys of FORMAT.md (it is the contract: no extras)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from thidua.emulation.models import ClusterYear
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.seal import SEALED


def results_for(cluster_year: ClusterYear, documents: list[str]) -> dict[str, Any]:
    """The year's results; refused (ValidationError, code "sealed") while its vote is sealed."""
    s = year_summary(cluster_year)
    if s.sealed:
        raise ValidationError(SEALED, code="sealed")
    return {
        "format": 1,
        "cluster": s.cluster.code,
        "year": cluster_year.year,
        "regime": s.regime.code,
        "members": [u.code for u in s.members],
        "head": s.head.code if s.head else None,
        "deputies": [u.code for u in s.deputies] if s.deputies is not None else None,
        "host": s.host.code if s.host else None,
        "status": s.status,
        "tally": [
            {
                "unit": line.unit.code,
                "award": line.tier.code,
                "votes": line.votes,
                "share": round(float(line.share), 3),
            }
            for line in s.tally
        ],
        "ranking": [{"unit": unit.code, "place": place} for unit, place in s.ranking],
        "proposals": [
            {
                "unit": p.unit.code,
                "award": p.tier.code,
                "rank": p.rank,
                "grantor": p.grantor,
                "basis": p.basis_en,
            }
            for p in s.proposals
        ],
        "unnamed": [{"award": tier.code, "count": count} for tier, count in s.unnamed],
        "not_proposed": [
            {"unit": n.unit.code, "award": n.tier.code, "reason": n.reason_en} for n in s.not_proposed
        ],
        "next": (
            {
                "head": s.next_head.code if s.next_head else None,
                "deputies": [u.code for u in s.next_deputies] if s.next_deputies is not None else None,
                "decided_by": s.next_decided_by or None,
            }
            if s.next_known
            else None
        ),
        "documents": list(documents),
    }
