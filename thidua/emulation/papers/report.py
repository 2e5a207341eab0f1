"""Báo cáo tổng kết: the head unit's year-end summary report of the cluster's movement, with its figures
(members and leaders, launch, registrations and pact, scores and ratings, the review and its proposals) and
next year's directions and leaders.

Every figure is read from the record (the year summary, the launch's records, the locked score table);
what the record does not hold is a dotted line. Next year's directions are next year's launch as recorded,
never a written-up wish.

A Word template (documents.templating): the report's facts (report_context, placeholders in SPEC) poured
into the organizer's own template or the built-in one, which the layout module makes here.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from thidua.documents import wording as w
from thidua.documents.layout import Run, body, centered, grid, heading, new_document
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder, row_loop, saved
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Rating
from thidua.emulation.papers.common import (
    CLUSTER_NAME,
    DEPUTY_TITLE,
    HEAD_FOOT,
    HEAD_TITLE,
    LINE,
    YEAR,
    head_foot_context,
    head_foot_template,
    line_loop,
    lines_of,
)
from thidua.emulation.papers.letterhead import LETTERHEAD, letterhead_context, letterhead_template
from thidua.emulation.papers.scores import table_rows
from thidua.emulation.queries.papers import next_launch, score_papers, start_of_year
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit

PAPER = "bao-cao-tong-ket"
SCORE_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("don_vi", gettext_lazy("Unit name")),
    Field("diem", gettext_lazy("Score")),
    Field("thu_hang", gettext_lazy("Rank")),
    Field("xep_loai", gettext_lazy("Rating")),
)
SPEC: Spec = (
    *LETTERHEAD,
    YEAR,
    Field("nam_sau", gettext_lazy("The following year")),
    CLUSTER_NAME,
    Field("dong_thanh_vien", gettext_lazy("Sentence listing the member units")),
    Field("dong_lanh_dao", gettext_lazy("Sentence naming the year's head and deputies")),
    Rows(
        "phat_dong",
        gettext_lazy("Launch, registrations and pact, one line each (a dotted line when no launch)"),
        LINE,
    ),
    Field("co_diem", gettext_lazy("Scores or ratings are on record (yes or no)"), flag=True),
    Field("thang_diem", gettext_lazy("The scale the units were scored on (a dotted line when no scores)")),
    Rows("bang_diem", gettext_lazy("Units with their scores, ranks and ratings"), SCORE_COLUMNS),
    Rows("xep_loai", gettext_lazy("Number of units of each rating"), LINE),
    Field("hoi_nghi", gettext_lazy("The review meeting: day, place and method")),
    Field("tong_phieu", gettext_lazy("Sentence on the ballots cast (empty without a ballot count)")),
    Rows("de_nghi", gettext_lazy("Units proposed for each form"), LINE),
    Field("khong_de_nghi", gettext_lazy("Sentence on the units with votes not proposed (empty when none)")),
    HEAD_TITLE,
    DEPUTY_TITLE,
    Field("lanh_dao_nam_sau", gettext_lazy("Next year's head and deputies (a dotted line when not decided)")),
    Field("ngay_ky_giao_uoc_sau", gettext_lazy("Day next year's pact is signed")),
    Field(
        "ke_hoach_nam_sau",
        gettext_lazy("Next year's launch plan, as cited (empty when none is recorded)"),
    ),
    Rows("phuong_huong", gettext_lazy("Next year's directions and key tasks, one line each"), LINE),
    *HEAD_FOOT,
)


def report_context(summary: YearSummary) -> Context:
    """The report's facts, as its placeholders name them (SPEC)."""
    review = summary.review
    year = summary.cluster_year.year
    launch = next_launch(summary.cluster_year)
    return {
        **letterhead_context(summary, kind="BC", day=review.date if review else None),
        "nam": str(year),
        "nam_sau": str(year + 1),
        "ten_cum": summary.cluster.name,
        **_members(summary),
        "phat_dong": lines_of(_start(summary)),
        **_scores(summary),
        **_review(summary),
        **_proposals(summary),
        **_next_year(summary),
        "ke_hoach_nam_sau": _("as in plan No. {number} of {date}:").format(
            number=launch.document_number, date=w.short_date(launch.date)
        )
        if launch
        else "",
        "phuong_huong": lines_of(
            [f"- {line.strip()}" for line in launch.theme.splitlines() if line.strip()] if launch else []
        ),
        **head_foot_context(summary),
    }


def _names(units: list[Unit] | None) -> str:
    if units is None:
        return w.FILL
    return w.unit_names(units) if units else _("none")


def _members(summary: YearSummary) -> Context:
    year = summary.cluster_year.year
    count = len(summary.members)
    members = ngettext(
        "1. In {year} {cluster} had {count} member unit: {names}.",
        "1. In {year} {cluster} had {count} member units: {names}.",
        count,
    ).format(year=year, cluster=summary.cluster.name, count=w.count(count), names=_names(summary.members))
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    leaders = _("2. {head}: {unit}; {deputy}: {deputies}.").format(
        head=head,
        unit=summary.head.name if summary.head else w.FILL,
        deputy=deputy.lower(),
        deputies=_names(summary.deputies),
    )
    return {"dong_thanh_vien": members, "dong_lanh_dao": leaders}


def _start(summary: YearSummary) -> list[str]:
    start = start_of_year(summary.cluster_year, summary.members)
    launch, total = start.launch, len(start.members)
    if launch is None:
        return [w.FILL]  # on its own line: after the long title a justified line would be stretched
    launched = _("- The movement was launched by plan No. {number} of {date}: {title}.").format(
        number=launch.document_number, date=w.short_date(launch.date), title=launch.document_title
    )
    registered = sum(1 for unit in start.members if unit.pk in start.registrations)
    registrations = _("- Units registered: {count}/{total} (deadline {date});").format(
        count=w.count(registered), total=w.count(total), date=w.short_date(launch.deadline)
    )
    first = start.first_signed
    signed = _("- Units that signed the pact: {count}/{total} (first signed on {date}).").format(
        count=w.count(len(start.signings)),
        total=w.count(total),
        date=w.short_date(first.signed_on if first else None),
    )
    return [launched, registrations, signed]


def _scores(summary: YearSummary) -> Context:
    if not (summary.scores or summary.ratings):
        return {"co_diem": False, "thang_diem": w.FILL, "bang_diem": [], "xep_loai": []}
    papers = score_papers(summary.cluster_year, summary.members)
    scale = ""
    if papers.sheet is not None:
        scale = _("scored on a scale of {scale} points.").format(scale=w.number(papers.sheet.scale))
    rows = [
        {
            "stt": str(i),
            "don_vi": unit.name,
            "diem": w.number(summary.scores.get(unit.code)),
            "thu_hang": str(place) if place else "",
            "xep_loai": str(Rating(summary.ratings[unit.code]).label) if unit.code in summary.ratings else "",
        }
        for i, (unit, _self, place) in enumerate(table_rows(summary, papers), start=1)
    ]
    counted = Counter(summary.ratings.values())
    ratings = [
        ngettext("- {rating}: {count} unit;", "- {rating}: {count} units;", counted[rating.value]).format(
            rating=rating.label, count=w.count(counted[rating.value])
        )
        for rating in Rating
        if counted[rating.value]
    ]
    return {"co_diem": True, "thang_diem": scale, "bang_diem": rows, "xep_loai": lines_of(ratings)}


def _review(summary: YearSummary) -> Context:
    review = summary.review
    if review is None:
        return {"hoi_nghi": w.FILL, "tong_phieu": ""}
    place = review.place or (summary.host.name if summary.host else "") or w.FILL
    held = _("held on {date} at {place}; review method: {method}.").format(
        date=w.short_date(review.date), place=place, method=summary.method_label.lower()
    )
    cast = summary.ballots_cast
    ballots = _("Ballots cast: {count}.").format(count=w.count(cast)) if cast is not None else ""
    return {"hoi_nghi": held, "tong_phieu": ballots}


def _proposals(summary: YearSummary) -> Context:
    unnamed = {tier.pk: n for tier, n in summary.unnamed}
    lines = []
    for tier in summary.tiers:
        proposed = [p for p in summary.proposals if p.tier == tier]
        total = len(proposed) + unnamed.get(tier.pk, 0)
        if not total:
            continue
        text = ngettext(
            "- {award} ({grantor}): {count} unit: {names};",
            "- {award} ({grantor}): {count} units: {names};",
            total,
        )
        names = w.unit_names([p.unit for p in proposed])
        if unnamed.get(tier.pk):
            others = ngettext(
                "{count} unit not recorded by name", "{count} units not recorded by name", unnamed[tier.pk]
            ).format(count=w.count(unnamed[tier.pk]))
            names = ", ".join(part for part in (names, others) if part)
        lines.append(text.format(award=tier.name, grantor=tier.grantor, count=w.count(total), names=names))
    if not lines:
        lines.append(_("No unit was proposed.") if summary.concluded else _("No proposals yet."))
    passed = len(summary.not_proposed)
    passed_line = (
        _("Units with votes that were not proposed: {count} (reasons in the minutes).").format(
            count=w.count(passed)
        )
        if passed
        else ""
    )
    return {"de_nghi": lines_of(lines), "khong_de_nghi": passed_line}


def _next_year(summary: YearSummary) -> Context:
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    leaders = w.FILL
    if summary.next_known:
        named = _("{head}: {unit}; {deputy}: {deputies}").format(
            head=head,
            unit=summary.next_head.name if summary.next_head else w.FILL,
            deputy=deputy.lower(),
            deputies=_names(summary.next_deputies),
        )
        how = decided_by_text(summary.next_decided_by)
        leaders = named + (f" ({how})." if how else ".")
    return {
        "chuc_danh_truong": head,
        "chuc_danh_pho": deputy,
        "lanh_dao_nam_sau": leaders,
        "ngay_ky_giao_uoc_sau": w.short_date(summary.pact_signed),
    }


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    p = placeholder
    title = _("{title} for {year} – {cluster}").format(
        title=_("Year-end summary report"), year=p("nam"), cluster=p("ten_cum")
    )
    doc = new_document(title)
    letterhead_template(doc)
    centered(doc, Run(_("REPORT"), bold=True))
    subject = _("Summary of the emulation movement for {year} of {cluster}; directions for {following}")
    subject = subject.format(year=p("nam"), cluster=p("ten_cum"), following=p("nam_sau"))
    centered(doc, Run(subject, bold=True), after=12)
    heading(doc, _("I. MEMBERS AND LEADERSHIP"))
    body(doc, p("dong_thanh_vien"))
    body(doc, p("dong_lanh_dao"))
    heading(doc, _("II. RESULTS OF THE EMULATION MOVEMENT"))
    body(doc, Run(_("1. Launch, registration and pact: "), bold=True), keep=True)
    line_loop(doc, "phat_dong")
    scores = Run(_("2. Scores and ratings: "), bold=True)
    doc.add_paragraph("{%p if co_diem %}")
    body(doc, scores, p("thang_diem"), keep=True)
    header = [_("No."), _("Unit name"), _("Score"), _("Rank"), _("Rating")]
    columns = [c.name for c in SCORE_COLUMNS]
    grid(
        doc,
        header,
        row_loop("bang_diem", columns),
        [1.2, 5.6, 1.5, 1.6, 6.6],
        centered_columns=(0, 2, 3),
        size=12,
    )
    line_loop(doc, "xep_loai")
    doc.add_paragraph("{%p else %}")
    body(doc, scores, p("thang_diem"))
    doc.add_paragraph("{%p endif %}")
    body(doc, Run(_("3. Year-end review: "), bold=True), p("hoi_nghi"))
    only_if(body(doc, p("tong_phieu")), "tong_phieu")
    heading(doc, _("III. PROPOSALS FOR COMMENDATION"))
    line_loop(doc, "de_nghi")
    only_if(body(doc, p("khong_de_nghi")), "khong_de_nghi")
    heading(doc, _("IV. DIRECTIONS AND TASKS FOR {year}").format(year=p("nam_sau")))
    leaders = _("1. {head}, {deputy} for {year}: ").format(
        head=p("chuc_danh_truong"), deputy=p("chuc_danh_pho|lower"), year=p("nam_sau")
    )
    body(doc, Run(leaders, bold=True), p("lanh_dao_nam_sau"))
    pact = _("2. Signing of the emulation pact for {year}: ").format(year=p("nam_sau"))
    body(doc, Run(pact, bold=True), p("ngay_ky_giao_uoc_sau") + ".")
    directions = Run(_("3. Directions and key tasks: "), bold=True)
    doc.add_paragraph("{%p if ke_hoach_nam_sau %}")
    body(doc, directions, p("ke_hoach_nam_sau"), keep=True)
    line_loop(doc, "phuong_huong")
    doc.add_paragraph("{%p else %}")
    body(doc, directions, w.FILL)
    doc.add_paragraph("{%p endif %}")
    head_foot_template(doc)
    return saved(doc)


def default_template() -> bytes:
    """The built-in template of the report, made by the layout module."""
    return _default_template(get_language() or "")
