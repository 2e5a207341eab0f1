"""Biên bản họp Hội đồng Thi đua – Khen thưởng: the council's minutes with each proposal's count, the
regime it was judged under, the threshold that applied and its source, the proposals that came by the
board's written override of their eligibility, and the absent members' written votes (VOTE-1: "recorded in
the minutes"). Built with the documents' layout (Decree 30/2020 Annex I); unknown facts stay blank.

A Word template (documents.templating): the minutes' facts (council_minutes_context, placeholders in SPEC)
poured into the organizer's own template or the built-in one, which the layout module makes here."""

from __future__ import annotations

from functools import lru_cache

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

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
from thidua.emulation.papers.letterhead import NUMBER_GAP
from thidua.registry.actions.council import CouncilResult, council_results, member_votes
from thidua.registry.models import Council, CouncilMember

COUNCIL = gettext_lazy("EMULATION AND COMMENDATION COUNCIL")
FILENAME = "bien-ban-hop-hoi-dong-thi-dua-khen-thuong.docx"
PAPER = "bien-ban-hop-hoi-dong"

MEMBER_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("ho_ten", gettext_lazy("Full name")),
    Field("chuc_vu", gettext_lazy("Position")),
    Field("co_mat", gettext_lazy("Attendance")),
)
RESULT_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("de_nghi", gettext_lazy("Proposal")),
    Field("tan_thanh", gettext_lazy("Agree: count over all members, share, written votes")),
    Field("khong_tan_thanh", gettext_lazy("Disagree")),
    Field("nguong", gettext_lazy("Threshold applied, with its source and regime")),
    Field("ket_qua", gettext_lazy("Result")),
)
SPEC: Spec = (
    Field("co_quan_cap_tren", gettext_lazy("Organizer, in capitals")),
    Field("co_quan_ban_hanh", gettext_lazy("Issuing body, in capitals")),
    Field("so_ky_hieu", gettext_lazy("Number line, room left for the register")),
    Field("dia_danh_ngay", gettext_lazy("Place and date line")),
    Field("nam", gettext_lazy("Year of the commendations")),
    Field("co_quan_to_chuc", gettext_lazy("Organizer")),
    Field("ngay_hop", gettext_lazy("Date of the meeting, short")),
    Field("van_ban_ap_dung", gettext_lazy("Applicable legal texts")),
    Field("thanh_phan", gettext_lazy("Attendance sentence: members, present, absent")),
    Field("cach_bieu_quyet", gettext_lazy("How the council voted")),
    Rows("thanh_vien", gettext_lazy("Council members, one row each"), MEMBER_COLUMNS),
    Rows("ket_qua", gettext_lazy("Voting results, one row per proposal"), RESULT_COLUMNS),
    Field("muc_vuot_qua", gettext_lazy("Number of the section on overrides (III)")),
    Rows(
        "vuot_qua",
        gettext_lazy("Proposals submitted on the board's override reason (empty when none)"),
        (Field("de_nghi", gettext_lazy("Proposal")), Field("noi_dung", gettext_lazy("Finding and reason"))),
        paragraphs=True,
    ),
    Field("muc_phieu_van_ban", gettext_lazy("Number of the section on written votes (III or IV)")),
    Rows(
        "phieu_van_ban",
        gettext_lazy("Written votes of absent members, one paragraph per member (empty when none)"),
        (
            Field("ho_ten", gettext_lazy("Full name")),
            Field("noi_dung", gettext_lazy("Vote on each proposal")),
        ),
        paragraphs=True,
    ),
)


def council_minutes_context(council: Council) -> Context:
    """The minutes' facts, as the paper's placeholders name them (SPEC)."""
    organizer = council.organizer
    members = list(council.members.all())
    results = council_results(council)
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    overrides = _overrides(results)
    written = _written(council, absent, results)
    sections = iter(("III", "IV"))
    return {
        "co_quan_cap_tren": organizer.name.upper(),
        "co_quan_ban_hanh": str(COUNCIL),
        "so_ky_hieu": _("No.:{gap}/BB-HDTDKT").format(gap=NUMBER_GAP),
        "dia_danh_ngay": w.date_line(organizer.province, council.date),
        "nam": str(council.year),
        "co_quan_to_chuc": organizer.name,
        "ngay_hop": w.short_date(council.date),
        "van_ban_ap_dung": _regimes(council, results),
        "thanh_phan": ngettext(
            "The council has {members} member; {present} present, {absent} absent (voting in writing).",
            "The council has {members} members; {present} present, {absent} absent (voting in writing).",
            len(members),
        ).format(members=w.count(len(members)), present=w.count(len(present)), absent=w.count(len(absent))),
        "cach_bieu_quyet": _(
            "The members present voted by secret ballot on each proposal; the share agreeing is counted over "
            "all council members, including the written votes of absent members."
        )
        if council.mode == "secret"
        else _(
            "The council voted openly on each proposal; the share agreeing is counted over all council "
            "members, including the written votes of absent members."
        ),
        "thanh_vien": [
            {
                "stt": str(n),
                "ho_ten": m.name,
                "chuc_vu": m.position,
                "co_mat": _("Present") if m.present else _("Absent, voted in writing"),
            }
            for n, m in enumerate(members, 1)
        ],
        "ket_qua": [
            dict(zip([c.name for c in RESULT_COLUMNS], _row(n, r), strict=True))
            for n, r in enumerate(results, 1)
        ],
        "muc_vuot_qua": next(sections) if overrides else "",
        "vuot_qua": overrides,
        "muc_phieu_van_ban": next(sections) if written else "",
        "phieu_van_ban": written,
    }


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    doc = new_document(
        _("Minutes of the {year} Emulation and Commendation Council meeting").format(year=p("nam"))
    )
    national_header(
        doc,
        superior=p("co_quan_cap_tren"),
        issuer=p("co_quan_ban_hanh"),
        number=p("so_ky_hieu"),
        date_line=p("dia_danh_ngay"),
    )
    centered(doc, Run(_("MINUTES"), bold=True))
    centered(
        doc,
        Run(
            _("Meeting of the Emulation and Commendation Council on the {year} commendations").format(
                year=p("nam")
            ),
            bold=True,
        ),
    )
    centered(doc, Run("(" + p("co_quan_to_chuc") + ")", italic=True), after=12)
    heading(doc, _("I. TIME AND ATTENDANCE"))
    body(doc, Run(_("1. Time: "), bold=True), p("ngay_hop") + ".")
    body(doc, Run(_("2. Applicable legal texts: "), bold=True), p("van_ban_ap_dung"))
    body(doc, Run(_("3. Attendance: "), bold=True), p("thanh_phan"))
    grid(
        doc,
        [pgettext("row number", "No."), _("Full name"), _("Position"), _("Attendance")],
        row_loop("thanh_vien", [c.name for c in MEMBER_COLUMNS]),
        [1.2, 5.0, 6.3, 3.5],
        centered_columns=(0, 3),
    )
    heading(doc, _("II. VOTING RESULTS"))
    body(doc, p("cach_bieu_quyet"), keep=True)
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
        row_loop("ket_qua", [c.name for c in RESULT_COLUMNS]),
        [1.0, 4.6, 2.0, 1.8, 4.8, 1.8],
        centered_columns=(0, 2, 3, 5),
        size=12,
    )
    doc.add_paragraph("{%p if vuot_qua %}")
    heading(
        doc,
        _(
            "{number}. PROPOSALS SUBMITTED ON THE OVERRIDE REASON OF THE EMULATION AND COMMENDATION BOARD"
        ).format(number=p("muc_vuot_qua")),
    )
    lines(doc, "vuot_qua", lambda r: body(doc, Run(p(f"{r}.de_nghi") + ": ", bold=True), p(f"{r}.noi_dung")))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if phieu_van_ban %}")
    heading(doc, _("{number}. WRITTEN VOTES OF ABSENT MEMBERS").format(number=p("muc_phieu_van_ban")))
    lines(
        doc, "phieu_van_ban", lambda r: body(doc, Run(p(f"{r}.ho_ten") + ": ", bold=True), p(f"{r}.noi_dung"))
    )
    doc.add_paragraph("{%p endif %}")
    body(
        doc,
        _("The meeting closed at {hour} hours {minute} minutes the same day.").format(
            hour=w.BLANK, minute=w.BLANK
        ),
    )
    signatures(doc, Signature((_("COUNCIL SECRETARY"),)), Signature((_("COUNCIL CHAIRMAN"),)))
    return saved(doc)


def default_template() -> bytes:
    """The built-in template of the council's minutes, made by the layout module (Decree 30/2020)."""
    return _default_template(get_language() or "")


def render_council_minutes(council: Council) -> Rendered:
    """The minutes as a Word file, from the organizer's own template when it has one (its failure noticed,
    the built-in template used instead)."""
    return fill(
        override_content(council.organizer_id, PAPER), default_template, council_minutes_context(council)
    )


def council_minutes(council: Council) -> bytes:
    """The minutes as a Word file."""
    return render_council_minutes(council).content


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


def _overrides(results: list[CouncilResult]) -> list[dict[str, str]]:
    """The proposals not found eligible under their regime, and the board's written reason for each."""
    found = [r.proposal for r in results if r.proposal.standing != "eligible"]
    rows = []
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
        rows.append({"de_nghi": str(proposal), "noi_dung": said})
    return rows


def _written(
    council: Council, absent: list[CouncilMember], results: list[CouncilResult]
) -> list[dict[str, str]]:
    """Each absent member's written vote on each proposal, by name (VOTE-1)."""
    if not absent:
        return []
    votes = member_votes(council)
    words = {True: _("agree"), False: _("disagree"), None: _("sent no vote")}
    rows = []
    for member in absent:
        parts = [f"{r.proposal}: {words[votes.get((member.pk, r.proposal.pk))]}" for r in results]
        rows.append({"ho_ten": member.name, "noi_dung": ("; ".join(parts) or _("no proposals yet")) + "."})
    return rows


def p(name: str) -> str:
    return placeholder(name)
