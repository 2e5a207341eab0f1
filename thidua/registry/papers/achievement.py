"""Báo cáo thành tích: the achievement report of a collective or of a person proposed for an award, laid out
as the decree's forms (Decree 98/2023/NĐ-CP Annex I, form 02 for a collective and form 03 for a person;
Decree 152/2025/NĐ-CP keeps the same three parts [U]): I. background, II. achievements, III. the awards
already received, as two tables (titles; other forms) read from the registry. The annex of Decree
152/2025/NĐ-CP was searched for (December 2026, stored pages) and not found: the [U] stands.

What the record holds is filled in: the subject, the year, the cluster's score, rank and rating, the
person's yearly ratings and recognised initiatives, the awards on record. What only the unit can write (its
situation, its achievements in words) is a clearly marked space with dotted lines, never invented text.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument

from thidua.awards.catalogue import AWARDS
from thidua.documents import wording as w
from thidua.documents.layout import (
    Run,
    Signature,
    body,
    centered,
    grid,
    heading,
    national_header,
    new_document,
    signatures,
)
from thidua.emulation.models import ClusterYear, Membership, Rating
from thidua.emulation.queries.summary import year_summary
from thidua.organisations.models import Unit
from thidua.registry.models import Awardee, AwardProposal, Person, PersonPosting, Sex, UnitYear
from thidua.registry.queries import person_history, unit_history

FILENAME = "bao-cao-thanh-tich.docx"
# The decree's table: year, the title or form, the decision that granted it (number, date, issuer).
WIDTHS = [1.8, 6.2, 8.5]
# A dotted line across the text's width at 14 pt (three FILLs would wrap onto a second line).
LINE = "\u2026" * 31


@dataclass(frozen=True)
class Received:
    """One award already received, as a row of section III."""

    year: int
    name: str
    decision: str  # "245/QĐ-UBND ngày 15/02/2022 của Ủy ban nhân dân tỉnh Lạng Sơn", or "" when not on record
    title: bool  # a title (danh hiệu thi đua) rather than another form of commendation


def achievement_filename(proposal: AwardProposal) -> str:
    """ "bao-cao-thanh-tich-<proposal id>.docx": one report per proposal."""
    return FILENAME.replace(".docx", f"-{proposal.pk}.docx")


def proposal_report(proposal: AwardProposal) -> bytes:
    """The achievement report of a proposal's subject for the proposal's award and year."""
    if proposal.person_id is not None:
        assert proposal.person is not None
        return person_report(
            proposal.person, proposal.year, award_name=proposal.award_name, proposal=proposal
        )
    assert proposal.unit is not None
    return unit_report(
        proposal.unit,
        proposal.year,
        award_name=proposal.award_name,
        cluster_year=proposal.cluster_year,
        proposal=proposal,
    )


def _save(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _header(doc: DocxDocument, unit: Unit, award_name: str, year: int) -> None:
    superior = unit.parent.name if unit.parent is not None else unit.organizer.name
    national_header(
        doc,
        superior=superior.upper(),
        issuer=unit.name.upper(),
        number="",
        date_line=w.date_line(unit.organizer.province, None),
    )
    centered(doc, Run(_("ACHIEVEMENT REPORT"), bold=True))
    centered(doc, Run(_("Proposing the award of the {award}").format(award=award_name), bold=True))
    centered(doc, Run(_("(Achievements in {year})").format(year=year), italic=True), after=12)


def _to_write(doc: DocxDocument, hint: str) -> None:
    """Room for the unit to write what the record does not hold: the hint in italics, then dotted lines."""
    body(doc, Run(_("(For the unit to write: {hint})").format(hint=hint), italic=True))
    for _line in range(3):
        body(doc, LINE, indent=False)


def _decision_text(awardee: Awardee) -> str:
    decision = awardee.decision
    return _("{number} of {date}; {issuer}").format(
        number=decision.number,
        date=w.short_date(decision.date),
        issuer=decision.grantor or decision.organizer.name,
    )


def _is_title(award: str) -> bool:
    return award in AWARDS and AWARDS[award].form == "title"


def _from_registry(awards: list[Awardee], year: int, proposal: AwardProposal | None) -> list[Received]:
    """Awards in force up to the report's year; the proposal's own award (once decided) is not "already
    received", and a revoked award is no award."""
    own = proposal.pk if proposal is not None else None
    return [
        Received(a.year, a.decision.award_name, _decision_text(a), _is_title(a.award))
        for a in awards
        if a.year <= year and not a.revoked and (own is None or a.proposal_id != own)
    ]


def _from_titles(rows: list[tuple[int, list[str]]], year: int) -> list[Received]:
    """Titles a unit granted by its own decision, recorded without the decision itself: the decision's cell
    is left for a hand to fill."""
    return [
        Received(y, AWARDS[code].name if code in AWARDS else code, "", _is_title(code))
        for y, codes in rows
        if y <= year
        for code in codes
    ]


def _awards_received(doc: DocxDocument, received: list[Received]) -> None:
    heading(doc, _("III. FORMS OF COMMENDATION ALREADY RECEIVED"))
    ordered = sorted(received, key=lambda r: (r.year, r.name))
    parts = [
        (True, _("1. Emulation titles:"), _("Emulation title")),
        (False, _("2. Forms of commendation:"), _("Form of commendation")),
    ]
    for title, lead, column in parts:
        body(doc, Run(lead, bold=True), keep=True)
        rows = [[str(r.year), r.name, r.decision or w.CELL_FILL] for r in ordered if r.title == title]
        if not rows:
            body(doc, _("None on record."))
            continue
        header = [_("Year"), column, _("Number and date of the decision; issuing body")]
        grid(doc, header, rows, WIDTHS, centered_columns=(0,), size=12)


# ---- a collective ----------------------------------------------------------------------------------------


def _cluster_year_of(unit: Unit, year: int, given: ClusterYear | None) -> ClusterYear | None:
    if given is not None:
        return given
    membership = (
        Membership.objects.filter(unit=unit, cluster_year__year=year).select_related("cluster_year").first()
    )
    return membership.cluster_year if membership else None


def _cluster_results(doc: DocxDocument, unit: Unit, cluster_year: ClusterYear | None) -> None:
    """The unit's place in its cluster's year, as the review froze it (never recomputed here)."""
    if cluster_year is None:
        return
    summary = year_summary(cluster_year)
    cluster = summary.cluster.name
    body(
        doc,
        _("- Member of {cluster} in {year}, with {count} member units.").format(
            cluster=cluster, year=cluster_year.year, count=w.count(len(summary.members))
        ),
    )
    score = summary.scores.get(unit.code)
    if score is not None:
        body(doc, _("- Emulation score: {score} points.").format(score=w.number(score)))
    place = dict((u.pk, p) for u, p in summary.ranking).get(unit.pk)
    if place is not None:
        body(
            doc,
            _("- Ranked {place} of {count} units at the cluster's review.").format(
                place=w.count(place), count=w.count(len(summary.members))
            ),
        )
    rating = summary.ratings.get(unit.code)
    if rating:
        body(doc, _("- Rating: {rating}.").format(rating=Rating(rating).label))
    for line in summary.proposals:
        if line.unit.pk == unit.pk:
            body(
                doc,
                _("- Proposed by the cluster's review for the {award} ({grantor}).").format(
                    award=line.tier.name, grantor=line.grantor
                ),
            )


def unit_report(
    unit: Unit,
    year: int,
    *,
    award_name: str,
    cluster_year: ClusterYear | None = None,
    proposal: AwardProposal | None = None,
) -> bytes:
    """The collective's report (form 02): its background, its year in its cluster, the awards on record."""
    doc = new_document(_("Achievement report – {name}").format(name=unit.name))
    _header(doc, unit, award_name, year)
    body(doc, Run(_("Name of the collective proposed: "), bold=True), unit.name)
    heading(doc, _("I. BACKGROUND AND SITUATION"))
    record = UnitYear.objects.filter(unit=unit, year=year).first()
    if record is not None and record.staff is not None:
        body(doc, _("- Number of members: {count}.").format(count=w.count(record.staff)))
    _to_write(
        doc, _("head office, founding and development, main features, organisation, Party and mass bodies")
    )
    heading(doc, _("II. ACHIEVEMENTS"))
    body(doc, Run(_("1. Results of the emulation movement in {year}:").format(year=year), bold=True))
    _cluster_results(doc, unit, _cluster_year_of(unit, year, cluster_year))
    if record is not None and record.rating:
        body(doc, _("- Rating recorded for the year: {rating}.").format(rating=Rating(record.rating).label))
    body(doc, Run(_("2. Achievements in carrying out the assigned tasks:"), bold=True))
    _to_write(doc, _("the tasks, targets and results achieved, the measures and the movements applied"))
    history = unit_history(unit)
    titles = [(r.year, list(r.titles)) for r in UnitYear.objects.filter(unit=unit).order_by("year")]
    _awards_received(doc, _from_registry(history.own, year, proposal) + _from_titles(titles, year))
    signatures(
        doc,
        Signature(
            (_("HEAD OF THE DIRECT SUPERIOR"), _("CONFIRMING AND PROPOSING")),
            hint=_("(Signature and seal)"),
        ),
        Signature((_("HEAD OF THE UNIT"),), hint=_("(Signature and seal)")),
    )
    return _save(doc)


# ---- a person --------------------------------------------------------------------------------------------


def _posting(person: Person, year: int) -> PersonPosting | None:
    """Where the person worked at the end of the report's year (the latest posting begun by then)."""
    end = datetime.date(year, 12, 31)
    return (
        person.postings.select_related("unit__organizer", "unit__parent")
        .filter(start__lte=end)
        .order_by("-start", "-id")
        .first()
    )


def _person_facts(doc: DocxDocument, person: Person, posting: PersonPosting | None) -> None:
    heading(doc, _("I. BRIEF CURRICULUM VITAE"))
    body(doc, _("- Full name: {name}.").format(name=person.name))
    born = str(person.birth_year) if person.birth_year else w.BLANK
    sex = str(Sex(person.sex).label) if person.sex else w.BLANK
    body(doc, _("- Year of birth: {born}; sex: {sex}.").format(born=born, sex=sex))
    body(doc, _("- Home town: {place}.").format(place=w.FILL))
    unit = posting.unit.name if posting else w.FILL
    body(doc, _("- Unit of work: {unit}.").format(unit=unit))
    position = posting.position if posting and posting.position else w.FILL
    body(doc, _("- Position: {position}.").format(position=position))
    body(doc, _("- Professional qualifications: {level}.").format(level=w.FILL))


def _person_results(doc: DocxDocument, person: Person, year: int) -> None:
    """The yearly ratings of the last years and the recognised initiatives, as recorded."""
    years = list(person.years.filter(year__lte=year, year__gte=year - 4).order_by("year"))
    for record in years:
        if record.rating:
            body(
                doc,
                _("- {year}: {rating}.").format(year=record.year, rating=Rating(record.rating).label),
            )
    for initiative in person.initiatives.filter(year__lte=year).order_by("year", "code"):
        level = f" ({initiative.get_level_display().lower()})" if initiative.level else ""
        body(
            doc,
            _("- Initiative recognised in {year}: {title}{level}.").format(
                year=initiative.year, title=initiative.title or initiative.code, level=level
            ),
        )


def person_report(
    person: Person, year: int, *, award_name: str, proposal: AwardProposal | None = None
) -> bytes:
    """The person's report (form 03): curriculum vitae, achievements, the awards on record."""
    posting = _posting(person, year)
    doc = new_document(_("Achievement report – {name}").format(name=person.name))
    unit = posting.unit if posting else None
    if unit is None:
        unit = proposal.proposed_by if proposal is not None and proposal.proposed_by else None
    if unit is not None:
        _header(doc, unit, award_name, year)
    else:
        centered(doc, Run(_("ACHIEVEMENT REPORT"), bold=True))
        centered(doc, Run(_("Proposing the award of the {award}").format(award=award_name), bold=True))
    _person_facts(doc, person, posting)
    heading(doc, _("II. ACHIEVEMENTS"))
    body(doc, Run(_("1. Powers and tasks assigned:"), bold=True))
    _to_write(doc, _("the post held and the tasks assigned"))
    body(doc, Run(_("2. Achievements of the person:"), bold=True), keep=True)
    _person_results(doc, person, year)
    _to_write(doc, _("the results achieved, the measures and the initiatives applied"))
    titles = [(r.year, list(r.titles)) for r in person.years.order_by("year")]
    received = _from_registry(list(person_history(person)), year, proposal) + _from_titles(titles, year)
    _awards_received(doc, received)
    signatures(
        doc,
        Signature((_("HEAD OF THE UNIT"), _("CONFIRMING AND PROPOSING")), hint=_("(Signature and seal)")),
        Signature((_("THE PERSON REPORTING"),), name=person.name),
    )
    return _save(doc)
