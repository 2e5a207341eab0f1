"""Tờ trình đề nghị khen thưởng: the head unit's submission letter to the organizer, with the legal
grounds of the regime in force for the year and the proposals of the review, tier by tier."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document as DocxDocument
from docx.shared import Cm

from thidua.documents import wording as w
from thidua.documents.layout import Run, body, centered, grid, signatures
from thidua.documents.layout import items as listing
from thidua.emulation.papers.common import head_signature, issuer_phrase
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import AwardTier, Cluster


def build_submission(summary: YearSummary, doc: DocxDocument) -> None:
    year = summary.cluster_year.year
    # The letter's own date is the day it is signed, which no record holds: left blank.
    letterhead(doc, summary, kind="TTr", day=None)
    tiers = _proposed_tiers(summary)
    if tiers:
        subject = _("On the proposal to award the {forms} for {year}").format(
            forms=w.forms_phrase(tiers), year=year
        )
    else:
        subject = _("On the proposal for commendation for {year}").format(year=year)
    centered(doc, Run(_("SUBMISSION"), bold=True))
    centered(doc, Run(subject, bold=True), after=12)
    _addressees(doc, summary)
    _grounds(doc, summary)
    sender = issuer_phrase(summary)
    request = _("{sender} respectfully asks {organizer} to consider the following commendations:")
    body(doc, request.format(sender=sender, organizer=summary.organizer.name), keep=True)
    _proposals(doc, summary, tiers)
    enclosed = _("(Enclosed: the minutes of the emulation review meeting for {year} of {cluster}.)")
    body(doc, enclosed.format(year=year, cluster=summary.cluster.name))
    closing = _("Respectfully submitted to {organizer} for consideration and decision./.")
    body(doc, closing.format(organizer=summary.organizer.name))
    if summary.cluster.kind == Cluster.Kind.KHOI:
        members = _("- The block's member units;")
    else:
        members = _("- The cluster's member units;")
    recipients = [_("- As above;"), members, _("- Filed: Records office.")]
    signatures(doc, None, head_signature(summary), recipients=recipients)


def _proposed_tiers(summary: YearSummary) -> list[AwardTier]:
    named = {p.tier.pk for p in summary.proposals}
    counted = {tier.pk for tier, n in summary.unnamed if n}
    return [tier for tier in summary.tiers if tier.pk in named | counted]


def _addressees(doc: DocxDocument, summary: YearSummary) -> None:
    names = [summary.organizer.name]
    if summary.organizer.standing_body:
        names.append(summary.organizer.standing_body)
    if len(names) == 1:
        centered(doc, _("To: "), names[0] + ".", after=12)
        return
    first = body(doc, _("To:"), indent=False, after=0)
    first.paragraph_format.left_indent = Cm(3)
    for i, name in enumerate(names):
        line = body(doc, f"- {name}" + (";" if i < len(names) - 1 else "."), indent=False, after=0)
        line.paragraph_format.left_indent = Cm(5)
    doc.add_paragraph()


def _grounds(doc: DocxDocument, summary: YearSummary) -> None:
    year = summary.cluster_year.year
    review = summary.review
    cluster = summary.cluster.name
    body(doc, _("Pursuant to the {law};").format(law=summary.regime.law))
    body(doc, _("Pursuant to the Government's {decree};").format(decree=summary.regime.decree))
    body(doc, _("Pursuant to the working rules of {cluster};").format(cluster=cluster))
    if review is not None and review.date is not None:
        meeting = _(
            "Pursuant to the result of the emulation review meeting for {year} of {cluster} on {date},"
        )
        body(doc, meeting.format(year=year, cluster=cluster, date=w.short_date(review.date)))
    else:
        meeting = _(
            "Pursuant to the result of the emulation review meeting for {year} of {cluster} "
            "(meeting date: {date}),"
        )
        body(doc, meeting.format(year=year, cluster=cluster, date=w.FILL))


def _proposals(doc: DocxDocument, summary: YearSummary, tiers: list[AwardTier]) -> None:
    if not tiers:
        text = _("The review meeting proposed no unit.") if summary.concluded else _("No proposals yet.")
        body(doc, text)
        return
    unnamed = {tier.pk: n for tier, n in summary.unnamed}
    counts = []
    for tier in tiers:
        named = sum(1 for p in summary.proposals if p.tier == tier)
        total = named + unnamed.get(tier.pk, 0)
        if unnamed.get(tier.pk):
            text = ngettext(
                "- {award}: {count} unit, of which {unnamed} not recorded by name",
                "- {award}: {count} units, of which {unnamed} not recorded by name",
                total,
            )
        else:
            text = ngettext("- {award}: {count} unit", "- {award}: {count} units", total)
        counts.append(
            text.format(award=tier.name, count=w.count(total), unnamed=w.count(unnamed.get(tier.pk, 0)))
        )
    listing(doc, counts)
    rows = [
        [
            str(i),
            p.unit.name,
            p.tier.name,
            p.grantor,
            _("Ranked {rank}; {basis}").format(rank=p.rank, basis=p.basis_vi),
        ]
        for i, p in enumerate(summary.proposals, start=1)
    ]
    if rows:
        header = [_("No."), _("Unit name"), _("Commendation form"), _("Granted by"), _("Grounds")]
        grid(doc, header, rows, [1.2, 4.3, 3.6, 3.2, 4.2], size=12)
