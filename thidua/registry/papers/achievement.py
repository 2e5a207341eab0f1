"""Báo cáo thành tích: the achievement report of a collective or of a person proposed for an award, laid out
as the decree's forms (Decree 98/2023/NĐ-CP Annex I, form 02 for a collective and form 03 for a person;
Decree 152/2025/NĐ-CP keeps the same three parts [U]): I. background, II. achievements, III. the awards
already received, as two tables (titles; other forms) read from the registry. The annex of Decree
152/2025/NĐ-CP was searched for (December 2026, stored pages) and not found: the [U] stands.

What the record holds is filled in: the subject, the year, the cluster's score, rank and rating, the
person's yearly ratings and recognised initiatives, the awards on record. What only the unit can write (its
situation, its achievements in words) is a clearly marked space with dotted lines, never invented text.

Two Word templates (documents.templating), one per form: the report's facts (unit_context, person_context;
placeholders in UNIT_SPEC, PERSON_SPEC) poured into the organizer's own template or the built-in one, which
the layout module makes here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
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
from thidua.documents.queries import override_content
from thidua.documents.templating import (
    Context,
    Field,
    Rendered,
    Rows,
    Spec,
    fill,
    lines,
    placeholder,
    row_loop,
    saved,
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


PAPER_UNIT = "bao-cao-thanh-tich-tap-the"
PAPER_PERSON = "bao-cao-thanh-tich-ca-nhan"

LINE_COLUMNS = (Field("noi_dung", gettext_lazy("The line's text")),)
RECEIVED_COLUMNS = (
    Field("nam", gettext_lazy("Year")),
    Field("ten", gettext_lazy("Title or form of commendation")),
    Field(
        "quyet_dinh", gettext_lazy("Number and date of the decision; issuing body (dots when not on record)")
    ),
)
HEADER_SPEC: Spec = (
    Field("co_quan_cap_tren", gettext_lazy("Direct superior, in capitals")),
    Field("co_quan_ban_hanh", gettext_lazy("The unit reporting, in capitals")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line (the day left to fill)")),
    Field("hinh_thuc_de_nghi", gettext_lazy("Form of commendation proposed")),
    Field("nam", gettext_lazy("Year of the achievements")),
)
RECEIVED_SPEC: Spec = (
    Rows("danh_hieu", gettext_lazy("Emulation titles already received, one row each"), RECEIVED_COLUMNS),
    Rows(
        "hinh_thuc_khac",
        gettext_lazy("Other forms of commendation already received, one row each"),
        RECEIVED_COLUMNS,
    ),
)
UNIT_SPEC: Spec = (
    *HEADER_SPEC,
    Field("ten_tap_the", gettext_lazy("Name of the collective proposed")),
    Rows(
        "boi_canh",
        gettext_lazy("Lines of the background from the record (the number of members)"),
        LINE_COLUMNS,
        paragraphs=True,
    ),
    Rows(
        "ket_qua",
        gettext_lazy("Lines of the year's results: place in the cluster, score, rank, rating, proposal"),
        LINE_COLUMNS,
        paragraphs=True,
    ),
    *RECEIVED_SPEC,
)
PERSON_SPEC: Spec = (
    Field(
        "co_don_vi",
        gettext_lazy("Yes when the unit the person works in is known (the header shows it)"),
        flag=True,
    ),
    *HEADER_SPEC,
    Field("ho_ten", gettext_lazy("Full name")),
    Field("nam_sinh", gettext_lazy("Year of birth (dots when not on record)")),
    Field("gioi_tinh", gettext_lazy("Sex (dots when not on record)")),
    Field("don_vi", gettext_lazy("Unit of work (dots when not on record)")),
    Field("chuc_vu", gettext_lazy("Position (dots when not on record)")),
    Rows(
        "ket_qua",
        gettext_lazy("Lines of the person's results: yearly ratings, recognised initiatives"),
        LINE_COLUMNS,
        paragraphs=True,
    ),
    *RECEIVED_SPEC,
)


def proposal_context(proposal: AwardProposal) -> Context:
    """The achievement report's facts for a proposal's subject, its award and its year."""
    if proposal.person_id is not None:
        assert proposal.person is not None
        return person_context(
            proposal.person, proposal.year, award_name=proposal.award_name, proposal=proposal
        )
    assert proposal.unit is not None
    return unit_context(
        proposal.unit,
        proposal.year,
        award_name=proposal.award_name,
        cluster_year=proposal.cluster_year,
        proposal=proposal,
    )


def render_proposal_report(proposal: AwardProposal) -> Rendered:
    """The achievement report of a proposal's subject, from the organizer's own template when it has one
    (its failure noticed, the built-in template used instead)."""
    person = proposal.person_id is not None
    paper, default = (
        (PAPER_PERSON, default_person_template) if person else (PAPER_UNIT, default_unit_template)
    )
    return fill(override_content(proposal.organizer_id, paper), default, proposal_context(proposal))


def proposal_report(proposal: AwardProposal) -> bytes:
    """The achievement report of a proposal's subject for the proposal's award and year."""
    return render_proposal_report(proposal).content


def _lines(texts: list[str]) -> list[dict[str, str]]:
    return [{"noi_dung": text} for text in texts]


def _header_context(unit: Unit | None, award_name: str, year: int) -> Context:
    superior = "" if unit is None else (unit.parent.name if unit.parent is not None else unit.organizer.name)
    return {
        "co_quan_cap_tren": superior.upper(),
        "co_quan_ban_hanh": unit.name.upper() if unit is not None else "",
        "dia_danh_ngay": w.date_line(unit.organizer.province, None) if unit is not None else "",
        "hinh_thuc_de_nghi": award_name,
        "nam": str(year),
    }


def _header(doc: DocxDocument) -> None:
    national_header(
        doc,
        superior=p("co_quan_cap_tren"),
        issuer=p("co_quan_ban_hanh"),
        number="",
        date_line=p("dia_danh_ngay"),
    )
    _title(doc)
    centered(doc, Run(_("(Achievements in {year})").format(year=p("nam")), italic=True), after=12)


def _title(doc: DocxDocument) -> None:
    centered(doc, Run(_("ACHIEVEMENT REPORT"), bold=True))
    centered(
        doc, Run(_("Proposing the award of the {award}").format(award=p("hinh_thuc_de_nghi")), bold=True)
    )


def _to_write(doc: DocxDocument, hint: str) -> None:
    """Room for the unit to write what the record does not hold: the hint in italics, then dotted lines."""
    body(doc, Run(_("(For the unit to write: {hint})").format(hint=hint), italic=True))
    for _line in range(3):
        body(doc, LINE, indent=False)


def _line_loop(doc: DocxDocument, rows: str) -> None:
    lines(doc, rows, lambda r: body(doc, p(f"{r}.noi_dung")))


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


def _received_context(received: list[Received]) -> Context:
    ordered = sorted(received, key=lambda r: (r.year, r.name))

    def rows(title: bool) -> list[dict[str, str]]:
        return [
            {"nam": str(r.year), "ten": r.name, "quyet_dinh": r.decision or w.CELL_FILL}
            for r in ordered
            if r.title == title
        ]

    return {"danh_hieu": rows(True), "hinh_thuc_khac": rows(False)}


def _awards_received(doc: DocxDocument) -> None:
    heading(doc, _("III. FORMS OF COMMENDATION ALREADY RECEIVED"))
    parts = [
        ("danh_hieu", _("1. Emulation titles:"), _("Emulation title")),
        ("hinh_thuc_khac", _("2. Forms of commendation:"), _("Form of commendation")),
    ]
    for rows, lead, column in parts:
        body(doc, Run(lead, bold=True), keep=True)
        doc.add_paragraph("{%p if " + rows + " %}")
        header = [_("Year"), column, _("Number and date of the decision; issuing body")]
        grid(
            doc,
            header,
            row_loop(rows, [c.name for c in RECEIVED_COLUMNS]),
            WIDTHS,
            centered_columns=(0,),
            size=12,
        )
        doc.add_paragraph("{%p else %}")
        body(doc, _("None on record."))
        doc.add_paragraph("{%p endif %}")


# ---- a collective ----------------------------------------------------------------------------------------


def _cluster_year_of(unit: Unit, year: int, given: ClusterYear | None) -> ClusterYear | None:
    if given is not None:
        return given
    membership = (
        Membership.objects.filter(unit=unit, cluster_year__year=year).select_related("cluster_year").first()
    )
    return membership.cluster_year if membership else None


def _cluster_results(unit: Unit, cluster_year: ClusterYear | None) -> list[str]:
    """The unit's place in its cluster's year, as the review froze it (never recomputed here)."""
    if cluster_year is None:
        return []
    summary = year_summary(cluster_year)
    cluster = summary.cluster.name
    said = [
        _("- Member of {cluster} in {year}, with {count} member units.").format(
            cluster=cluster, year=cluster_year.year, count=w.count(len(summary.members))
        )
    ]
    score = summary.scores.get(unit.code)
    if score is not None:
        said.append(_("- Emulation score: {score} points.").format(score=w.number(score)))
    place = dict((u.pk, p) for u, p in summary.ranking).get(unit.pk)
    if place is not None:
        said.append(
            _("- Ranked {place} of {count} units at the cluster's review.").format(
                place=w.count(place), count=w.count(len(summary.members))
            )
        )
    rating = summary.ratings.get(unit.code)
    if rating:
        said.append(_("- Rating: {rating}.").format(rating=Rating(rating).label))
    for line in summary.proposals:
        if line.unit.pk == unit.pk:
            said.append(
                _("- Proposed by the cluster's review for the {award} ({grantor}).").format(
                    award=line.tier.name, grantor=line.grantor
                )
            )
    return said


def unit_context(
    unit: Unit,
    year: int,
    *,
    award_name: str,
    cluster_year: ClusterYear | None = None,
    proposal: AwardProposal | None = None,
) -> Context:
    """The collective's report's facts, as its placeholders name them (UNIT_SPEC)."""
    record = UnitYear.objects.filter(unit=unit, year=year).first()
    background = []
    if record is not None and record.staff is not None:
        background.append(_("- Number of members: {count}.").format(count=w.count(record.staff)))
    results = _cluster_results(unit, _cluster_year_of(unit, year, cluster_year))
    if record is not None and record.rating:
        results.append(
            _("- Rating recorded for the year: {rating}.").format(rating=Rating(record.rating).label)
        )
    history = unit_history(unit)
    titles = [(r.year, list(r.titles)) for r in UnitYear.objects.filter(unit=unit).order_by("year")]
    return {
        **_header_context(unit, award_name, year),
        "ten_tap_the": unit.name,
        "boi_canh": _lines(background),
        "ket_qua": _lines(results),
        **_received_context(_from_registry(history.own, year, proposal) + _from_titles(titles, year)),
    }


@lru_cache(maxsize=8)
def _default_unit_template(language: str) -> bytes:
    doc = new_document(_("Achievement report – {name}").format(name=p("ten_tap_the")))
    _header(doc)
    body(doc, Run(_("Name of the collective proposed: "), bold=True), p("ten_tap_the"))
    heading(doc, _("I. BACKGROUND AND SITUATION"))
    _line_loop(doc, "boi_canh")
    _to_write(
        doc, _("head office, founding and development, main features, organisation, Party and mass bodies")
    )
    heading(doc, _("II. ACHIEVEMENTS"))
    body(doc, Run(_("1. Results of the emulation movement in {year}:").format(year=p("nam")), bold=True))
    _line_loop(doc, "ket_qua")
    body(doc, Run(_("2. Achievements in carrying out the assigned tasks:"), bold=True))
    _to_write(doc, _("the tasks, targets and results achieved, the measures and the movements applied"))
    _awards_received(doc)
    signatures(
        doc,
        Signature(
            (_("HEAD OF THE DIRECT SUPERIOR"), _("CONFIRMING AND PROPOSING")),
            hint=_("(Signature and seal)"),
        ),
        Signature((_("HEAD OF THE UNIT"),), hint=_("(Signature and seal)")),
    )
    return saved(doc)


def default_unit_template() -> bytes:
    """The built-in template of a collective's report (form 02), made by the layout module."""
    return _default_unit_template(get_language() or "")


def unit_report(
    unit: Unit,
    year: int,
    *,
    award_name: str,
    cluster_year: ClusterYear | None = None,
    proposal: AwardProposal | None = None,
) -> Rendered:
    """The collective's report (form 02): its background, its year in its cluster, the awards on record;
    from its organizer's own template when it has one (its failure noticed)."""
    context = unit_context(unit, year, award_name=award_name, cluster_year=cluster_year, proposal=proposal)
    organizer = proposal.organizer_id if proposal is not None else unit.organizer_id
    return fill(override_content(organizer, PAPER_UNIT), default_unit_template, context)


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


def _person_facts(doc: DocxDocument) -> None:
    heading(doc, _("I. BRIEF CURRICULUM VITAE"))
    body(doc, _("- Full name: {name}.").format(name=p("ho_ten")))
    body(doc, _("- Year of birth: {born}; sex: {sex}.").format(born=p("nam_sinh"), sex=p("gioi_tinh")))
    body(doc, _("- Home town: {place}.").format(place=w.FILL))
    body(doc, _("- Unit of work: {unit}.").format(unit=p("don_vi")))
    body(doc, _("- Position: {position}.").format(position=p("chuc_vu")))
    body(doc, _("- Professional qualifications: {level}.").format(level=w.FILL))


def _person_results(person: Person, year: int) -> list[str]:
    """The yearly ratings of the last years and the recognised initiatives, as recorded."""
    said = []
    years = list(person.years.filter(year__lte=year, year__gte=year - 4).order_by("year"))
    for record in years:
        if record.rating:
            said.append(_("- {year}: {rating}.").format(year=record.year, rating=Rating(record.rating).label))
    for initiative in person.initiatives.filter(year__lte=year).order_by("year", "code"):
        level = f" ({initiative.get_level_display().lower()})" if initiative.level else ""
        said.append(
            _("- Initiative recognised in {year}: {title}{level}.").format(
                year=initiative.year, title=initiative.title or initiative.code, level=level
            )
        )
    return said


def person_context(
    person: Person, year: int, *, award_name: str, proposal: AwardProposal | None = None
) -> Context:
    """The person's report's facts, as its placeholders name them (PERSON_SPEC)."""
    posting = _posting(person, year)
    unit = posting.unit if posting else None
    if unit is None:
        unit = proposal.proposed_by if proposal is not None and proposal.proposed_by else None
    titles = [(r.year, list(r.titles)) for r in person.years.order_by("year")]
    received = _from_registry(list(person_history(person)), year, proposal) + _from_titles(titles, year)
    return {
        "co_don_vi": unit is not None,
        **_header_context(unit, award_name, year),
        "ho_ten": person.name,
        "nam_sinh": str(person.birth_year) if person.birth_year else w.BLANK,
        "gioi_tinh": str(Sex(person.sex).label) if person.sex else w.BLANK,
        "don_vi": posting.unit.name if posting else w.FILL,
        "chuc_vu": posting.position if posting and posting.position else w.FILL,
        "ket_qua": _lines(_person_results(person, year)),
        **_received_context(received),
    }


@lru_cache(maxsize=8)
def _default_person_template(language: str) -> bytes:
    doc = new_document(_("Achievement report – {name}").format(name=p("ho_ten")))
    doc.add_paragraph("{%p if co_don_vi %}")
    _header(doc)
    doc.add_paragraph("{%p else %}")
    _title(doc)
    doc.add_paragraph("{%p endif %}")
    _person_facts(doc)
    heading(doc, _("II. ACHIEVEMENTS"))
    body(doc, Run(_("1. Powers and tasks assigned:"), bold=True))
    _to_write(doc, _("the post held and the tasks assigned"))
    body(doc, Run(_("2. Achievements of the person:"), bold=True), keep=True)
    _line_loop(doc, "ket_qua")
    _to_write(doc, _("the results achieved, the measures and the initiatives applied"))
    _awards_received(doc)
    signatures(
        doc,
        Signature((_("HEAD OF THE UNIT"), _("CONFIRMING AND PROPOSING")), hint=_("(Signature and seal)")),
        Signature((_("THE PERSON REPORTING"),), name=p("ho_ten")),
    )
    return saved(doc)


def default_person_template() -> bytes:
    """The built-in template of a person's report (form 03), made by the layout module."""
    return _default_person_template(get_language() or "")


def person_report(
    person: Person, year: int, *, award_name: str, proposal: AwardProposal | None = None
) -> bytes:
    """The person's report (form 03): curriculum vitae, achievements, the awards on record; from the
    organizer's own template when it has one."""
    context = person_context(person, year, award_name=award_name, proposal=proposal)
    organizer = proposal.organizer_id if proposal is not None else _organizer_of(person, year)
    return fill(
        override_content(organizer, PAPER_PERSON) if organizer else None, default_person_template, context
    ).content


def _organizer_of(person: Person, year: int) -> int | None:
    posting = _posting(person, year)
    return posting.unit.organizer_id if posting else None


def p(name: str) -> str:
    return placeholder(name)
