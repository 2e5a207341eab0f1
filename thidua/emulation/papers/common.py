"""What several of the cluster's papers say the same way: who issues, the quota of a form, the head's
signature block and the recipients."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.documents import wording as w
from thidua.documents.layout import Signature
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import AwardTier, Cluster


def issuer_phrase(summary: YearSummary) -> str:
    """ "Sở Tài chính, cụm trưởng Cụm … năm 2021," or the cluster's name when no head is recorded."""
    if summary.head is None:
        return summary.cluster.name
    return _("{unit}, {head} of {cluster} for {year},").format(
        unit=summary.head.name,
        head=w.head_title(summary.cluster).lower(),
        cluster=summary.cluster.name,
        year=summary.cluster_year.year,
    )


def quota_text(summary: YearSummary, tier: AwardTier) -> str:
    quota = summary.quotas.get(tier.code)
    if quota is None:
        return _("no limit on the number")
    return ngettext("at most {count} unit", "at most {count} units", quota).format(count=w.count(quota))


def head_signature(summary: YearSummary) -> Signature:
    """The head unit signs for the cluster (TM. CỤM TRƯỞNG), its name under the capacity line."""
    lines = [_("ON BEHALF OF THE {head}").format(head=w.head_title(summary.cluster).upper())]
    if summary.head is not None:
        lines.append(summary.head.name.upper())
    return Signature(tuple(lines), hint=_("(Signature, full name and seal)"))


def recipients(summary: YearSummary) -> list[str]:
    """The organizer and its standing body, the members, the file."""
    if summary.cluster.kind == Cluster.Kind.KHOI:
        members = _("- The block's member units;")
    else:
        members = _("- The cluster's member units;")
    lines = [f"- {summary.organizer.name};"]
    if summary.organizer.standing_body:
        lines.append(f"- {summary.organizer.standing_body};")
    return [*lines, members, _("- Filed: Records office.")]
