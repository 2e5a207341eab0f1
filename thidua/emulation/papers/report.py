"""Báo cáo tổng kết: the head unit's year-end summary report of the cluster's movement, with its figures
(members and leaders, launch, registrations and pact, scores and ratings, the review and its proposals) and
next year's directions and leaders.

Every figure is read from the record (the year summary, the launch's records, the locked score table);
what the record does not hold is a dotted line. Next year's directions are next year's launch as recorded,
never a written-up wish.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, body, centered, grid, heading, signatures
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Rating
from thidua.emulation.papers.common import head_signature, recipients
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.papers.scores import table_rows
from thidua.emulation.queries.papers import next_launch, score_papers, start_of_year
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit


def build_report(summary: YearSummary, doc: DocxDocument) -> None:
    review = summary.review
    year = summary.cluster_year.year
    letterhead(doc, summary, kind="BC", day=review.date if review else None)
    centered(doc, Run(_("REPORT"), bold=True))
    subject = _("Summary of the emulation movement for {year} of {cluster}; directions for {following}")
    subject = subject.format(year=year, cluster=summary.cluster.name, following=year + 1)
    centered(doc, Run(subject, bold=True), after=12)
    heading(doc, _("I. MEMBERS AND LEADERSHIP"))
    _members(doc, summary)
    heading(doc, _("II. RESULTS OF THE EMULATION MOVEMENT"))
    _start(doc, summary)
    _scores(doc, summary)
    _review(doc, summary)
    heading(doc, _("III. PROPOSALS FOR COMMENDATION"))
    _proposals(doc, summary)
    heading(doc, _("IV. DIRECTIONS AND TASKS FOR {year}").format(year=year + 1))
    _next_year(doc, summary)
    signatures(doc, None, head_signature(summary), recipients=recipients(summary))


def _names(units: list[Unit] | None) -> str:
    if units is None:
        return w.FILL
    return w.unit_names(units) if units else _("none")


def _members(doc: DocxDocument, summary: YearSummary) -> None:
    year = summary.cluster_year.year
    count = len(summary.members)
    members = ngettext(
        "1. In {year} {cluster} had {count} member unit: {names}.",
        "1. In {year} {cluster} had {count} member units: {names}.",
        count,
    )
    body(
        doc,
        members.format(
            year=year, cluster=summary.cluster.name, count=w.count(count), names=_names(summary.members)
        ),
    )
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    leaders = _("2. {head}: {unit}; {deputy}: {deputies}.").format(
        head=head,
        unit=summary.head.name if summary.head else w.FILL,
        deputy=deputy.lower(),
        deputies=_names(summary.deputies),
    )
    body(doc, leaders)


def _start(doc: DocxDocument, summary: YearSummary) -> None:
    start = start_of_year(summary.cluster_year, summary.members)
    launch, total = start.launch, len(start.members)
    body(doc, Run(_("1. Launch, registration and pact: "), bold=True), keep=True)
    if launch is None:
        body(doc, w.FILL)  # on its own line: after the long title a justified line would be stretched
        return
    launched = _("- The movement was launched by plan No. {number} of {date}: {title}.")
    body(
        doc,
        launched.format(
            number=launch.document_number, date=w.short_date(launch.date), title=launch.document_title
        ),
    )
    registered = sum(1 for unit in start.members if unit.pk in start.registrations)
    body(
        doc,
        _("- Units registered: {count}/{total} (deadline {date});").format(
            count=w.count(registered), total=w.count(total), date=w.short_date(launch.deadline)
        ),
    )
    first = start.first_signed
    body(
        doc,
        _("- Units that signed the pact: {count}/{total} (first signed on {date}).").format(
            count=w.count(len(start.signings)),
            total=w.count(total),
            date=w.short_date(first.signed_on if first else None),
        ),
    )


def _scores(doc: DocxDocument, summary: YearSummary) -> None:
    title = Run(_("2. Scores and ratings: "), bold=True)
    if not (summary.scores or summary.ratings):
        body(doc, title, w.FILL)
        return
    papers = score_papers(summary.cluster_year, summary.members)
    text = ""
    if papers.sheet is not None:
        text = _("scored on a scale of {scale} points.").format(scale=w.number(papers.sheet.scale))
    body(doc, title, text, keep=True)
    rows = [
        [
            str(i),
            unit.name,
            w.number(summary.scores.get(unit.code)),
            str(place) if place else "",
            str(Rating(summary.ratings[unit.code]).label) if unit.code in summary.ratings else "",
        ]
        for i, (unit, _self, place) in enumerate(table_rows(summary, papers), start=1)
    ]
    header = [_("No."), _("Unit name"), _("Score"), _("Rank"), _("Rating")]
    grid(doc, header, rows, [1.2, 5.6, 1.5, 1.6, 6.6], centered_columns=(0, 2, 3), size=12)
    counted = Counter(summary.ratings.values())
    for rating in Rating:
        if counted[rating.value]:
            line = ngettext("- {rating}: {count} unit;", "- {rating}: {count} units;", counted[rating.value])
            body(doc, line.format(rating=rating.label, count=w.count(counted[rating.value])))


def _review(doc: DocxDocument, summary: YearSummary) -> None:
    review = summary.review
    title = Run(_("3. Year-end review: "), bold=True)
    if review is None:
        body(doc, title, w.FILL)
        return
    place = review.place or (summary.host.name if summary.host else "") or w.FILL
    text = _("held on {date} at {place}; review method: {method}.").format(
        date=w.short_date(review.date), place=place, method=summary.method_label.lower()
    )
    body(doc, title, text)
    if summary.ballots_cast is not None:
        body(doc, _("Ballots cast: {count}.").format(count=w.count(summary.ballots_cast)))


def _proposals(doc: DocxDocument, summary: YearSummary) -> None:
    unnamed = {tier.pk: n for tier, n in summary.unnamed}
    said = False
    for tier in summary.tiers:
        lines = [p for p in summary.proposals if p.tier == tier]
        total = len(lines) + unnamed.get(tier.pk, 0)
        if not total:
            continue
        said = True
        text = ngettext(
            "- {award} ({grantor}): {count} unit: {names};",
            "- {award} ({grantor}): {count} units: {names};",
            total,
        )
        names = w.unit_names([p.unit for p in lines])
        if unnamed.get(tier.pk):
            others = ngettext(
                "{count} unit not recorded by name", "{count} units not recorded by name", unnamed[tier.pk]
            ).format(count=w.count(unnamed[tier.pk]))
            names = ", ".join(part for part in (names, others) if part)
        body(doc, text.format(award=tier.name, grantor=tier.grantor, count=w.count(total), names=names))
    if not said:
        body(doc, _("No unit was proposed.") if summary.concluded else _("No proposals yet."))
    passed = len(summary.not_proposed)
    if passed:
        body(
            doc,
            _("Units with votes that were not proposed: {count} (reasons in the minutes).").format(
                count=w.count(passed)
            ),
        )


def _next_year(doc: DocxDocument, summary: YearSummary) -> None:
    following = summary.cluster_year.year + 1
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    title = _("1. {head}, {deputy} for {year}: ").format(head=head, deputy=deputy.lower(), year=following)
    if summary.next_known:
        leaders = _("{head}: {unit}; {deputy}: {deputies}").format(
            head=head,
            unit=summary.next_head.name if summary.next_head else w.FILL,
            deputy=deputy.lower(),
            deputies=_names(summary.next_deputies),
        )
        how = decided_by_text(summary.next_decided_by)
        body(doc, Run(title, bold=True), leaders + (f" ({how})." if how else "."))
    else:
        body(doc, Run(title, bold=True), w.FILL)
    pact = _("2. Signing of the emulation pact for {year}: ").format(year=following)
    body(doc, Run(pact, bold=True), w.short_date(summary.pact_signed) + ".")
    launch = next_launch(summary.cluster_year)
    directions = Run(_("3. Directions and key tasks: "), bold=True)
    if launch is None:
        body(doc, directions, w.FILL)
        return
    under = _("as in plan No. {number} of {date}:").format(
        number=launch.document_number, date=w.short_date(launch.date)
    )
    body(doc, directions, under, keep=True)
    for line in launch.theme.splitlines():
        if line.strip():
            body(doc, f"- {line.strip()}")
