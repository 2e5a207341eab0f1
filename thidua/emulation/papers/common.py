"""What several of the cluster's papers say the same way: who issues, the quota of a form, the head's
signature block and the recipients."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Signature, body, signatures
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder
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


# Placeholders several of the cluster's papers hold.
YEAR = Field("nam", gettext_lazy("Year"))
CLUSTER_NAME = Field("ten_cum", gettext_lazy("Cluster's name"))
HEAD_TITLE = Field("chuc_danh_truong", gettext_lazy("The head's title (cluster head or block head)"))
DEPUTY_TITLE = Field("chuc_danh_pho", gettext_lazy("The deputy's title (cluster deputy or block deputy)"))
LINE = (Field("dong", gettext_lazy("As a list line")),)  # the one column of a list of lines (line_loop)


# The foot of a paper the head unit signs: "Nơi nhận:" and the head's signature block.
HEAD_FOOT: Spec = (
    Rows(
        "noi_nhan",
        gettext_lazy("Recipients, one line each"),
        LINE,
    ),
    Field("ky_thay_mat", gettext_lazy("Signing capacity")),
    Field(
        "don_vi_ky",
        gettext_lazy("Signing unit, in capitals (empty when no head is recorded)"),
    ),
)


def head_foot_context(summary: YearSummary) -> Context:
    """The foot's facts, as HEAD_FOOT names them."""
    signature = head_signature(summary)
    return {
        "noi_nhan": [{"dong": line} for line in recipients(summary)],
        "ky_thay_mat": signature.lines[0],
        "don_vi_ky": signature.lines[1] if len(signature.lines) > 1 else "",
    }


def head_foot_template(doc: DocxDocument) -> None:
    """The foot of a built-in template: the recipients, one paragraph each, and the head's block."""
    p = placeholder
    lines = ["{%p for n in noi_nhan %}", p("n.dong"), "{%p endfor %}"]
    signed = Signature((p("ky_thay_mat"), p("don_vi_ky")), hint=_("(Signature, full name and seal)"))
    foot = signatures(doc, None, signed, recipients=lines)
    only_if(foot.rows[0].cells[1].paragraphs[1], "don_vi_ky")


def lines_of(texts: list[str]) -> list[dict[str, str]]:
    """Rows of one line each ("dong"), for a `{%p for %}` loop of paragraphs."""
    return [{"dong": text} for text in texts]


def line_loop(doc: DocxDocument, rows: str) -> None:
    """In a built-in template: a body paragraph repeated for each line ("dong") of `rows`."""
    doc.add_paragraph("{%p for d in " + rows + " %}")
    body(doc, placeholder("d.dong"))
    doc.add_paragraph("{%p endfor %}")
