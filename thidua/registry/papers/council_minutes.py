"""Biên bản họp Hội đồng Thi đua – Khen thưởng: the council's minutes with each proposal's count, the
regime it was judged under, the threshold that applied and its source, the proposals that came by the
board's written override of their eligibility, and the absent members' written votes (VOTE-1: "recorded in
the minutes"). Built with the documents' layout (Decree 30/2020 Annex I); unknown facts stay blank."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from docx.document import Document as DocxDocument

from thidua.awards.regimes import name_of
from thidua.awards.sources import readable
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
from thidua.emulation.papers.letterhead import NUMBER_GAP
from thidua.registry.actions.council import CouncilResult, council_results, member_votes
from thidua.registry.models import Council, CouncilMember

COUNCIL = gettext_lazy("EMULATION AND COMMENDATION COUNCIL")
FILENAME = "bien-ban-hop-hoi-dong-thi-dua-khen-thuong.docx"


def council_minutes(council: Council) -> bytes:
    """The minutes as a Word file."""
    doc = new_document(
        _("Minutes of the {year} Emulation and Commendation Council meeting").format(year=council.year)
    )
    organizer = council.organizer
    national_header(
        doc,
        superior=organizer.name.upper(),
        issuer=str(COUNCIL),
        number=_("No.:{gap}/BB-HDTDKT").format(gap=NUMBER_GAP),
        date_line=w.date_line(organizer.province, council.date),
    )
    centered(doc, Run(_("MINUTES"), bold=True))
    centered(
        doc,
        Run(
            _("Meeting of the Emulation and Commendation Council on the {year} commendations").format(
                year=council.year
            ),
            bold=True,
        ),
    )
    centered(doc, Run(f"({organizer.name})", italic=True), after=12)
    members = list(council.members.all())
    results = council_results(council)
    heading(doc, _("I. TIME AND ATTENDANCE"))
    body(doc, Run(_("1. Time: "), bold=True), w.short_date(council.date) + ".")
    body(doc, Run(_("2. Applicable legal texts: "), bold=True), _regimes(council, results))
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    body(
        doc,
        Run(_("3. Attendance: "), bold=True),
        ngettext(
            "The council has {members} member; {present} present, {absent} absent (voting in writing).",
            "The council has {members} members; {present} present, {absent} absent (voting in writing).",
            len(members),
        ).format(members=w.count(len(members)), present=w.count(len(present)), absent=w.count(len(absent))),
    )
    grid(
        doc,
        [pgettext("row number", "No."), _("Full name"), _("Position"), _("Attendance")],
        [
            [str(n), m.name, m.position, _("Present") if m.present else _("Absent, voted in writing")]
            for n, m in enumerate(members, 1)
        ],
        [1.2, 5.0, 6.3, 3.5],
        centered_columns=(0, 3),
    )
    heading(doc, _("II. VOTING RESULTS"))
    body(
        doc,
        _(
            "The members present voted by secret ballot on each proposal; the share agreeing is counted over "
            "all council members, including the written votes of absent members."
        )
        if council.mode == "secret"
        else _(
            "The council voted openly on each proposal; the share agreeing is counted over all council "
            "members, including the written votes of absent members."
        ),
        keep=True,
    )
    grid(
        doc,
        [
            pgettext("row number", "No."),
            _("Proposal"),
            _("Agree"),
            _("Disagree"),
            _("Threshold applied"),
            _("Result"),
        ],
        [_row(n, r) for n, r in enumerate(results, 1)],
        [1.0, 4.6, 2.0, 1.8, 4.8, 1.8],
        centered_columns=(0, 2, 3, 5),
        size=12,
    )
    sections = iter(("III", "IV"))
    _overrides(doc, results, sections)
    _written(doc, council, absent, results, sections)
    body(
        doc,
        _("The meeting closed at {hour} hours {minute} minutes the same day.").format(
            hour=w.BLANK, minute=w.BLANK
        ),
    )
    signatures(doc, Signature((_("COUNCIL SECRETARY"),)), Signature((_("COUNCIL CHAIRMAN"),)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _regimes(council: Council, results: list[CouncilResult]) -> str:
    """Each proposal is judged under its own regime (the year of the achievement, the day its dossier was
    received): the regimes of this sitting's proposals, each once."""
    names = list(dict.fromkeys(r.regime_name for r in results)) or [name_of(council.regime)]
    if len(names) == 1:
        return _("{regime}, the legal regime of the proposals.").format(regime=names[0])
    return _(
        "each proposal under its own legal regime (year of the achievement, day the dossier was received): "
        "{regimes}."
    ).format(regimes="; ".join(names))


def _row(n: int, result: CouncilResult) -> list[str]:
    proposal = result.proposal
    cluster = proposal.cluster_year.cluster.name if proposal.cluster_year_id else ""  # type: ignore[union-attr]
    subject = f"{proposal.award_name}: {proposal.subject_name}" + (f" ({cluster})" if cluster else "")
    if proposal.override_applies:
        subject = _(
            "{subject} (submitted on the override reason of the Emulation and Commendation Board)"
        ).format(subject=subject)
    agree = _("{agreeing}/{members} ({percent}%); in writing: {written}").format(
        agreeing=result.agreeing,
        members=result.members,
        percent=w.percent(result.share),
        written=result.agree_written,
    )
    rule = _("{rule}; under {regime}").format(rule=readable(result.rule), regime=result.regime_name)
    return [str(n), subject, agree, str(result.disagree), rule, result.verdict.capitalize()]


def _overrides(doc: DocxDocument, results: list[CouncilResult], sections: Iterator[str]) -> None:
    """The proposals not found eligible under their regime, and the board's written reason for each."""
    found = [r.proposal for r in results if r.proposal.standing != "eligible"]
    if not found:
        return
    heading(
        doc,
        _(
            "{number}. PROPOSALS SUBMITTED ON THE OVERRIDE REASON OF THE EMULATION AND COMMENDATION BOARD"
        ).format(number=next(sections)),
    )
    for proposal in found:
        if proposal.override_applies:
            said = _(
                "eligibility finding “{standing}” under {regime}; the Emulation and Commendation Board let "
                "it go before the council for this reason: {reason} ({by}, {time})."
            ).format(
                standing=proposal.override_standing_label,
                regime=name_of(proposal.regime),
                reason=proposal.override_reason,
                by=proposal.override_by,
                time=f"{timezone.localtime(proposal.override_at):%H:%M %d/%m/%Y}",
            )
        else:
            said = _("eligibility finding “{standing}”; no override reason in force.").format(
                standing=proposal.standing_label
            )
        body(doc, Run(f"{proposal}: ", bold=True), said)


def _written(
    doc: DocxDocument,
    council: Council,
    absent: list[CouncilMember],
    results: list[CouncilResult],
    sections: Iterator[str],
) -> None:
    """Each absent member's written vote on each proposal, by name (VOTE-1)."""
    if not absent:
        return
    heading(doc, _("{number}. WRITTEN VOTES OF ABSENT MEMBERS").format(number=next(sections)))
    votes = member_votes(council)
    words = {True: _("agree"), False: _("disagree"), None: _("sent no vote")}
    for member in absent:
        parts = [f"{r.proposal}: {words[votes.get((member.pk, r.proposal.pk))]}" for r in results]
        body(doc, Run(f"{member.name}: ", bold=True), ("; ".join(parts) or _("no proposals yet")) + ".")
