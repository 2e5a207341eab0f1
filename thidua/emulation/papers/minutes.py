"""Biên bản họp bình xét thi đua: the minutes of a cluster's year-end review meeting.

Every fact comes from the year summary; what it does not know is never guessed. A live conclusion has
passed the gate, so its date, place, chair and secretary are always there; any other fact not on record
(and, in a draft or a historic year concluded as its file reports, any fact at all) is left as a dotted line
for a hand to fill in, never written as "not recorded".
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import count

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, grid, heading, signatures
from thidua.documents.layout import items as listing
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Method, Rating
from thidua.emulation.papers.common import quota_text
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit


def build_minutes(summary: YearSummary, doc: DocxDocument) -> None:
    review = summary.review
    letterhead(doc, summary, kind="BB", day=review.date if review else None)
    centered(doc, Run(_("MINUTES"), bold=True))
    title = _("Emulation review meeting for {year} of {cluster}").format(
        year=summary.cluster_year.year, cluster=summary.cluster.name
    )
    centered(doc, Run(title, bold=True), after=12)
    if not summary.concluded:
        centered(doc, Run(_("(Draft: the review's results are not final yet)"), italic=True), after=6)
    _meeting(doc, summary)
    heading(doc, _("II. PROCEEDINGS AND RESULTS OF THE REVIEW"))
    item = count(1)
    _method(doc, summary, item)
    _scores(doc, summary, item)
    _count(doc, summary, item)
    _result(doc, summary, item)
    _not_proposed(doc, summary, item)
    _next_year(doc, summary, item)
    body(
        doc,
        _("The meeting closed at {hour} h {minute} min the same day.").format(hour=w.BLANK, minute=w.BLANK),
    )
    chair = w.person_name(review.chair) if review and review.chair else ""
    secretary = w.person_name(review.secretary) if review and review.secretary else ""
    signatures(doc, Signature((_("SECRETARY"),), name=secretary), Signature((_("CHAIR"),), name=chair))


def _unknown(summary: YearSummary) -> str:
    """How a fact not on record is written (see the module docstring): a dotted line to fill by hand."""
    return w.FILL


def _meeting(doc: DocxDocument, summary: YearSummary) -> None:
    review = summary.review
    year = summary.cluster_year.year
    heading(doc, _("I. TIME, PLACE, ATTENDANCE"))
    unknown = _unknown(summary)
    body(doc, Run(_("1. Time: "), bold=True), w.short_date(review.date if review else None, unknown) + ".")
    place = review.place if review and review.place else ""
    if not place and summary.host is not None:
        place = _("{unit} (host)").format(unit=summary.host.name)
    body(doc, Run(_("2. Place: "), bold=True), (place or unknown) + ".")
    body(doc, Run(_("3. Attendance:"), bold=True))
    chair = review.chair if review and review.chair else unknown
    board = review.board_representative if review and review.board_representative else unknown
    standing_body = summary.organizer.standing_body or _("the standing body")
    body(doc, _("- Chair: {name}.").format(name=chair))
    body(doc, _("- Representative of {body}: {name}.").format(body=standing_body, name=board))
    head = _unit_or_unknown(summary.head, unknown)
    deputies = _units_or_unknown(summary.deputies, unknown)
    role = _("- {role} for {year}: {units}.")
    body(doc, role.format(role=w.head_title(summary.cluster), year=year, units=head))
    body(doc, role.format(role=w.deputy_title(summary.cluster), year=year, units=deputies))
    body(doc, _("- Units present: {units}").format(units=_present(summary, unknown)))
    secretary = review.secretary if review and review.secretary else w.FILL
    body(doc, _("- Secretary: {name}").format(name=secretary))


def _present(summary: YearSummary, unknown: str) -> str:
    review = summary.review
    if review is None or not review.present_known:
        return unknown + "."
    order = {unit.pk: i for i, unit in enumerate(summary.members)}
    present = sorted(review.present.all(), key=lambda unit: (order.get(unit.pk, len(order)), unit.code))
    return ngettext(
        "{present}/{total} member unit: {names}.",
        "{present}/{total} member units: {names}.",
        len(summary.members),
    ).format(present=len(present), total=len(summary.members), names=w.unit_names(present))


def _unit_or_unknown(unit: Unit | None, unknown: str) -> str:
    return unit.name if unit is not None else unknown


def _units_or_unknown(units: list[Unit] | None, unknown: str) -> str:
    if units is None:
        return unknown
    return w.unit_names(units) if units else _("none")


def _method(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    title = _("{number}. Review method: ").format(number=next(item))
    body(doc, Run(title, bold=True), summary.method_label.lower() + ".")
    if summary.method == Method.BALLOT:
        share = w.percent(Fraction(summary.cluster_year.min_approval))
        # xgettext:no-python-format
        minimum = _("A unit is proposed only with at least {share}% of the ballots cast.")
        body(doc, minimum.format(share=share))
    body(doc, _("Number of proposals for each form:"))
    for tier in summary.tiers:
        body(doc, f"- {tier.name}: {quota_text(summary, tier)}.")


def _scores(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    """The appraised scores, ratings and places, when any are on record."""
    places = {unit.code: place for unit, place in summary.ranking}
    if not (summary.scores or summary.ratings or places):
        return
    body(doc, Run(_("{number}. Scores and ratings:").format(number=next(item)), bold=True), keep=True)
    order = {unit.code: i for i, unit in enumerate(summary.members)}
    units = sorted(summary.members, key=lambda u: (places.get(u.code, len(order) + 1), order[u.code]))
    rows = [
        [
            str(i),
            unit.name,
            w.number(summary.scores.get(unit.code)),
            Rating(summary.ratings[unit.code]).label if unit.code in summary.ratings else "",
            str(places[unit.code]) if unit.code in places else "",
        ]
        for i, unit in enumerate(units, start=1)
    ]
    header = [_("No."), _("Unit name"), _("Score"), _("Rating"), _("Rank")]
    grid(doc, header, rows, [1.3, 5.4, 1.7, 6.0, 2.1], centered_columns=(0, 2, 4), size=12)


def _count(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    cast = summary.ballots_cast
    if summary.method == Method.BALLOT:
        title = _("{number}. Result of the count:")
    else:
        title = _("{number}. How the result was reached:")
    body(doc, Run(title.format(number=next(item)), bold=True), keep=True)
    if cast is None:
        if summary.method == Method.ACCLAMATION:
            body(doc, _("The meeting chose by acclamation; the votes of each unit were not recorded."))
        elif summary.method == Method.SCORE:
            body(doc, _("The meeting ranked the units by their scores; no vote was held."))
        else:
            body(doc, _("The votes of each unit were not published."))
        return
    body(doc, _("Ballots cast: {count}.").format(count=w.count(cast)))
    for letter, tier in zip("abcdefghijklmnopqrstuvwxyz", summary.tiers, strict=False):
        void = summary.void.get(tier.code, 0)
        body(
            doc,
            Run(f"{letter}) {tier.name}", italic=True),
            _(": valid ballots {valid}, invalid ballots {void}.").format(
                valid=w.count(cast - void), void=w.count(void)
            ),
            keep=True,
        )
        lines = summary.tally_for(tier)
        if not lines:
            body(doc, _("No unit was voted for."))
            continue
        rows = [
            [str(i), line.unit.name, str(line.votes), line.percent] for i, line in enumerate(lines, start=1)
        ]
        grid(
            doc,
            [_("No."), _("Unit name"), _("Votes"), _("Share (%)")],
            rows,
            [1.4, 9.6, 2.5, 2.5],
            centered_columns=(0, 2, 3),
        )
    body(doc, _("Shares are of the ballots cast."), indent=True)


def _result(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    title = _("{number}. Result of the review: ").format(number=next(item))
    body(doc, Run(title, bold=True), _("The meeting agreed to propose:"), keep=True)
    unnamed = dict((tier.code, n) for tier, n in summary.unnamed)
    said = False
    for tier in summary.tiers:
        lines = [p for p in summary.proposals if p.tier == tier]
        extra = unnamed.get(tier.code, 0)
        if not lines and not extra:
            continue
        said = True
        total = len(lines) + extra
        proposal = ngettext(
            "- Propose that {grantor} award the {award} to {count} unit:",
            "- Propose that {grantor} award the {award} to {count} units:",
            total,
        )
        body(doc, proposal.format(grantor=tier.grantor, award=tier.name, count=w.count(total)), keep=True)
        ranked = _("+ {unit}: ranked {rank}; {basis}")
        items = [ranked.format(unit=p.unit.name, rank=p.rank, basis=p.basis_vi) for p in lines]
        if extra:
            others = ngettext(
                "+ {count} other unit (the unit's name was not recorded)",
                "+ {count} other units (the units' names were not recorded)",
                extra,
            )
            items.append(others.format(count=w.count(extra)))
        listing(doc, items)
    if not said:
        text = _("No unit was proposed.") if summary.concluded else _("No proposals yet.")
        body(doc, text)


def _not_proposed(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    if not summary.not_proposed:
        return
    title = _("{number}. Units with votes that were not proposed, and why:")
    body(doc, Run(title.format(number=next(item)), bold=True))
    listing(doc, [f"- {n.unit.name} ({n.tier.name}): {n.reason_vi}" for n in summary.not_proposed])


def _next_year(doc: DocxDocument, summary: YearSummary, item: Iterator[int]) -> None:
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    following = summary.cluster_year.year + 1
    unknown = _unknown(summary)
    leaders = _("{number}. {head}, {deputy} for {year}:").format(
        number=next(item), head=head, deputy=deputy.lower(), year=following
    )
    title = Run(leaders, bold=True)
    if not summary.next_known:
        body(doc, title, f" {unknown}.")
    else:
        body(doc, title, keep=True)
        body(doc, f"- {head}: {_unit_or_unknown(summary.next_head, unknown)};")
        body(doc, f"- {deputy}: {_units_or_unknown(summary.next_deputies, unknown)};")
        decided_by = decided_by_text(summary.next_decided_by) or unknown
        body(doc, _("- Decided by: {how}.").format(how=decided_by))
    signed = summary.pact_signed
    body(
        doc,
        Run(
            _("{number}. Signing of the emulation pact for {year}: ").format(
                number=next(item), year=following
            ),
            bold=True,
        ),
        w.short_date(signed, unknown) + ".",
    )
