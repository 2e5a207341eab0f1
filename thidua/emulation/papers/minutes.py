"""Biên bản họp bình xét thi đua: the minutes of a cluster's year-end review meeting.

Every fact comes from the year summary; what it does not know is never guessed. A live conclusion has
passed the gate, so its date, place, chair and secretary are always there; any other fact not on record
(and, in a draft or a historic year concluded as its file reports, any fact at all) is left as a dotted line
for a hand to fill in, never written as "not recorded".

A Word template (documents.templating): the minutes' facts (minutes_context, placeholders in SPEC) poured
into the organizer's own template or the built-in one, which the layout module makes here. The items of
part II are numbered as the record allows (no scores, no unit passed over: no item), so their titles come
numbered in the facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import lru_cache
from itertools import count

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, grid, heading, new_document, signatures
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder, row_loop, saved
from thidua.emulation.explain import decided_by_text
from thidua.emulation.models import Method, Rating
from thidua.emulation.papers.common import (
    CLUSTER_NAME,
    DEPUTY_TITLE,
    HEAD_TITLE,
    LINE,
    YEAR,
    line_loop,
    lines_of,
    quota_text,
)
from thidua.emulation.papers.letterhead import LETTERHEAD, letterhead_context, letterhead_template
from thidua.emulation.queries.summary import YearSummary
from thidua.organisations.models import Unit

PAPER = "bien-ban-hop-binh-xet"
HEADED_LINE = (
    Field("dong", gettext_lazy("The line")),
    Field("tieu_de", gettext_lazy("The line introduces a form's units (yes or no)"), flag=True),
)
SCORE_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("don_vi", gettext_lazy("Unit name")),
    Field("diem", gettext_lazy("Score")),
    Field("xep_loai", gettext_lazy("Rating")),
    Field("thu_hang", gettext_lazy("Rank")),
)
VOTE_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("don_vi", gettext_lazy("Unit name")),
    Field("so_phieu", gettext_lazy("Votes")),
    Field("ty_le", gettext_lazy("Share of the ballots cast (%)")),
)
SPEC: Spec = (
    *LETTERHEAD,
    YEAR,
    CLUSTER_NAME,
    Field("du_thao", gettext_lazy("The review is not concluded yet: a draft (yes or no)"), flag=True),
    Field("thoi_gian", gettext_lazy("Date of the review meeting (dots when not recorded)")),
    Field("dia_diem", gettext_lazy("Place of the meeting (dots when not recorded)")),
    Field("chu_tri", gettext_lazy("Chair, with the post")),
    Field("co_quan_thuong_truc", gettext_lazy("The organizer's standing body")),
    Field("dai_dien_ban", gettext_lazy("The standing body's representative")),
    HEAD_TITLE,
    DEPUTY_TITLE,
    Field("truong", gettext_lazy("The year's head unit")),
    Field("pho", gettext_lazy("The year's deputy units")),
    Field("don_vi_du_hop", gettext_lazy("Units present, counted and named")),
    Field("thu_ky", gettext_lazy("Secretary, with the post")),
    Field("muc_phuong_thuc", gettext_lazy("Numbered title of the review method item")),
    Field("phuong_thuc", gettext_lazy("Review method")),
    Field(
        "ty_le_toi_thieu", gettext_lazy("Sentence on the share of ballots needed (empty without a ballot)")
    ),
    Rows("so_luong", gettext_lazy("Number of proposals for each form"), LINE),
    Field("co_diem", gettext_lazy("Scores, ratings or ranks are on record (yes or no)"), flag=True),
    Field("muc_diem", gettext_lazy("Numbered title of the scores item (empty without scores)")),
    Rows("bang_diem", gettext_lazy("Units with their scores, ratings and ranks, by rank"), SCORE_COLUMNS),
    Field("muc_kiem_phieu", gettext_lazy("Numbered title of the count item")),
    Field("khong_kiem_phieu", gettext_lazy("Sentence when no votes are on record (empty otherwise)")),
    Field("tong_phieu", gettext_lazy("Number of ballots cast")),
    Rows(
        "kiem_phieu",
        gettext_lazy("The count of each form, with its table of votes"),
        (
            Field("muc", gettext_lazy("The form, lettered")),
            Field("hop_le", gettext_lazy("Valid and invalid ballots, as a phrase")),
            Rows("phieu", gettext_lazy("Units voted for, one row each"), VOTE_COLUMNS),
        ),
    ),
    Field("muc_ket_qua", gettext_lazy("Numbered title of the result item")),
    Rows("ket_qua", gettext_lazy("The proposals, form by form, each followed by its units"), HEADED_LINE),
    Field(
        "muc_khong_de_nghi",
        gettext_lazy("Numbered title of the item on units not proposed (empty when none)"),
    ),
    Rows("khong_de_nghi", gettext_lazy("Units with votes that were not proposed, and why"), LINE),
    Field("muc_lanh_dao", gettext_lazy("Numbered title of the item on next year's head and deputies")),
    Rows(
        "lanh_dao_nam_sau",
        gettext_lazy("Next year's head, deputies and how they were chosen (none when not recorded)"),
        LINE,
    ),
    Field("muc_giao_uoc", gettext_lazy("Numbered title of the item on next year's pact")),
    Field("ngay_ky_giao_uoc", gettext_lazy("Day next year's pact is signed")),
    Field("ten_thu_ky", gettext_lazy("Secretary's name under the signature")),
    Field("ten_chu_tri", gettext_lazy("Chair's name under the signature")),
)


def minutes_context(summary: YearSummary) -> Context:
    """The minutes' facts, as their placeholders name them (SPEC)."""
    review = summary.review
    item = count(1)
    return {
        **letterhead_context(summary, kind="BB", day=review.date if review else None),
        "nam": str(summary.cluster_year.year),
        "ten_cum": summary.cluster.name,
        "du_thao": not summary.concluded,
        **_meeting(summary),
        **_method(summary, item),
        **_scores(summary, item),
        **_count(summary, item),
        **_result(summary, item),
        **_not_proposed(summary, item),
        **_next_year(summary, item),
        "ten_thu_ky": w.person_name(review.secretary) if review and review.secretary else "",
        "ten_chu_tri": w.person_name(review.chair) if review and review.chair else "",
    }


def _unknown(summary: YearSummary) -> str:
    """How a fact not on record is written (see the module docstring): a dotted line to fill by hand."""
    return w.FILL


def _meeting(summary: YearSummary) -> Context:
    review = summary.review
    unknown = _unknown(summary)
    place = review.place if review and review.place else ""
    if not place and summary.host is not None:
        place = _("{unit} (host)").format(unit=summary.host.name)
    return {
        "thoi_gian": w.short_date(review.date if review else None, unknown),
        "dia_diem": place or unknown,
        "chu_tri": review.chair if review and review.chair else unknown,
        "co_quan_thuong_truc": summary.organizer.standing_body or _("the standing body"),
        "dai_dien_ban": review.board_representative if review and review.board_representative else unknown,
        "chuc_danh_truong": w.head_title(summary.cluster),
        "chuc_danh_pho": w.deputy_title(summary.cluster),
        "truong": _unit_or_unknown(summary.head, unknown),
        "pho": _units_or_unknown(summary.deputies, unknown),
        "don_vi_du_hop": _present(summary, unknown),
        "thu_ky": review.secretary if review and review.secretary else w.FILL,
    }


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


def _method(summary: YearSummary, item: Iterator[int]) -> Context:
    minimum = ""
    if summary.method == Method.BALLOT:
        share = w.percent(Fraction(summary.cluster_year.min_approval))
        # xgettext:no-python-format
        minimum = _("A unit is proposed only with at least {share}% of the ballots cast.").format(share=share)
    return {
        "muc_phuong_thuc": _("{number}. Review method: ").format(number=next(item)),
        "phuong_thuc": summary.method_label.lower(),
        "ty_le_toi_thieu": minimum,
        "so_luong": lines_of([f"- {tier.name}: {quota_text(summary, tier)}." for tier in summary.tiers]),
    }


def _scores(summary: YearSummary, item: Iterator[int]) -> Context:
    """The appraised scores, ratings and places, when any are on record."""
    places = {unit.code: place for unit, place in summary.ranking}
    if not (summary.scores or summary.ratings or places):
        return {"co_diem": False, "muc_diem": "", "bang_diem": []}
    order = {unit.code: i for i, unit in enumerate(summary.members)}
    units = sorted(summary.members, key=lambda u: (places.get(u.code, len(order) + 1), order[u.code]))
    rows = [
        {
            "stt": str(i),
            "don_vi": unit.name,
            "diem": w.number(summary.scores.get(unit.code)),
            "xep_loai": str(Rating(summary.ratings[unit.code]).label) if unit.code in summary.ratings else "",
            "thu_hang": str(places[unit.code]) if unit.code in places else "",
        }
        for i, unit in enumerate(units, start=1)
    ]
    title = _("{number}. Scores and ratings:").format(number=next(item))
    return {"co_diem": True, "muc_diem": title, "bang_diem": rows}


def _count(summary: YearSummary, item: Iterator[int]) -> Context:
    cast = summary.ballots_cast
    if summary.method == Method.BALLOT:
        title = _("{number}. Result of the count:")
    else:
        title = _("{number}. How the result was reached:")
    facts: Context = {
        "muc_kiem_phieu": title.format(number=next(item)),
        "khong_kiem_phieu": "",
        "tong_phieu": "",
        "kiem_phieu": [],
    }
    if cast is None:
        if summary.method == Method.ACCLAMATION:
            facts["khong_kiem_phieu"] = _(
                "The meeting chose by acclamation; the votes of each unit were not recorded."
            )
        elif summary.method == Method.SCORE:
            facts["khong_kiem_phieu"] = _("The meeting ranked the units by their scores; no vote was held.")
        else:
            facts["khong_kiem_phieu"] = _("The votes of each unit were not published.")
        return facts
    facts["tong_phieu"] = w.count(cast)
    for letter, tier in zip("abcdefghijklmnopqrstuvwxyz", summary.tiers, strict=False):
        void = summary.void.get(tier.code, 0)
        votes = [
            {"stt": str(i), "don_vi": line.unit.name, "so_phieu": str(line.votes), "ty_le": line.percent}
            for i, line in enumerate(summary.tally_for(tier), start=1)
        ]
        facts["kiem_phieu"].append(
            {
                "muc": f"{letter}) {tier.name}",
                "hop_le": _(": valid ballots {valid}, invalid ballots {void}.").format(
                    valid=w.count(cast - void), void=w.count(void)
                ),
                "phieu": votes,
            }
        )
    return facts


def _result(summary: YearSummary, item: Iterator[int]) -> Context:
    unnamed = dict((tier.code, n) for tier, n in summary.unnamed)
    lines: list[dict[str, object]] = []
    for tier in summary.tiers:
        proposed = [p for p in summary.proposals if p.tier == tier]
        extra = unnamed.get(tier.code, 0)
        if not proposed and not extra:
            continue
        total = len(proposed) + extra
        proposal = ngettext(
            "- Propose that {grantor} award the {award} to {count} unit:",
            "- Propose that {grantor} award the {award} to {count} units:",
            total,
        )
        text = proposal.format(grantor=tier.grantor, award=tier.name, count=w.count(total))
        lines.append({"dong": text, "tieu_de": True})
        ranked = _("+ {unit}: ranked {rank}; {basis}")
        items = [ranked.format(unit=p.unit.name, rank=p.rank, basis=p.basis_vi) for p in proposed]
        if extra:
            others = ngettext(
                "+ {count} other unit (the unit's name was not recorded)",
                "+ {count} other units (the units' names were not recorded)",
                extra,
            )
            items.append(others.format(count=w.count(extra)))
        lines.extend({"dong": line, "tieu_de": False} for line in _ended(items))
    if not lines:
        text = _("No unit was proposed.") if summary.concluded else _("No proposals yet.")
        lines.append({"dong": text, "tieu_de": False})
    return {"muc_ket_qua": _("{number}. Result of the review: ").format(number=next(item)), "ket_qua": lines}


def _ended(texts: list[str]) -> list[str]:
    """A list in administrative style (layout.items): each item ends with a semicolon, the last a stop."""
    return [text + ("." if i == len(texts) - 1 else ";") for i, text in enumerate(texts)]


def _not_proposed(summary: YearSummary, item: Iterator[int]) -> Context:
    if not summary.not_proposed:
        return {"muc_khong_de_nghi": "", "khong_de_nghi": []}
    title = _("{number}. Units with votes that were not proposed, and why:").format(number=next(item))
    texts = [f"- {n.unit.name} ({n.tier.name}): {n.reason_vi}" for n in summary.not_proposed]
    return {"muc_khong_de_nghi": title, "khong_de_nghi": lines_of(_ended(texts))}


def _next_year(summary: YearSummary, item: Iterator[int]) -> Context:
    head, deputy = w.head_title(summary.cluster), w.deputy_title(summary.cluster)
    following = summary.cluster_year.year + 1
    unknown = _unknown(summary)
    leaders = _("{number}. {head}, {deputy} for {year}:").format(
        number=next(item), head=head, deputy=deputy.lower(), year=following
    )
    lines = []
    if summary.next_known:
        decided_by = decided_by_text(summary.next_decided_by) or unknown
        lines = [
            f"- {head}: {_unit_or_unknown(summary.next_head, unknown)};",
            f"- {deputy}: {_units_or_unknown(summary.next_deputies, unknown)};",
            _("- Decided by: {how}.").format(how=decided_by),
        ]
    pact = _("{number}. Signing of the emulation pact for {year}: ").format(number=next(item), year=following)
    return {
        "muc_lanh_dao": leaders,
        "lanh_dao_nam_sau": lines_of(lines),
        "muc_giao_uoc": pact,
        "ngay_ky_giao_uoc": w.short_date(summary.pact_signed, unknown),
    }


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    p = placeholder
    title = _("{title} for {year} – {cluster}").format(
        title=_("Minutes of the emulation review meeting"), year=p("nam"), cluster=p("ten_cum")
    )
    doc = new_document(title)
    letterhead_template(doc)
    centered(doc, Run(_("MINUTES"), bold=True))
    subject = _("Emulation review meeting for {year} of {cluster}").format(
        year=p("nam"), cluster=p("ten_cum")
    )
    centered(doc, Run(subject, bold=True), after=12)
    draft = centered(doc, Run(_("(Draft: the review's results are not final yet)"), italic=True), after=6)
    only_if(draft, "du_thao")
    _meeting_template(doc)
    heading(doc, _("II. PROCEEDINGS AND RESULTS OF THE REVIEW"))
    body(doc, Run(p("muc_phuong_thuc"), bold=True), p("phuong_thuc") + ".")
    only_if(body(doc, p("ty_le_toi_thieu")), "ty_le_toi_thieu")
    body(doc, _("Number of proposals for each form:"))
    line_loop(doc, "so_luong")
    doc.add_paragraph("{%p if co_diem %}")
    body(doc, Run(p("muc_diem"), bold=True), keep=True)
    header = [_("No."), _("Unit name"), _("Score"), _("Rating"), _("Rank")]
    rows = row_loop("bang_diem", [c.name for c in SCORE_COLUMNS])
    grid(doc, header, rows, [1.3, 5.4, 1.7, 6.0, 2.1], centered_columns=(0, 2, 4), size=12)
    doc.add_paragraph("{%p endif %}")
    _count_template(doc)
    body(doc, Run(p("muc_ket_qua"), bold=True), _("The meeting agreed to propose:"), keep=True)
    doc.add_paragraph("{%p for d in ket_qua %}")
    doc.add_paragraph("{%p if d.tieu_de %}")
    body(doc, p("d.dong"), keep=True)
    doc.add_paragraph("{%p else %}")
    body(doc, p("d.dong"))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p if khong_de_nghi %}")
    body(doc, Run(p("muc_khong_de_nghi"), bold=True))
    line_loop(doc, "khong_de_nghi")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p if lanh_dao_nam_sau %}")
    body(doc, Run(p("muc_lanh_dao"), bold=True), keep=True)
    line_loop(doc, "lanh_dao_nam_sau")
    doc.add_paragraph("{%p else %}")
    body(doc, Run(p("muc_lanh_dao"), bold=True), f" {w.FILL}.")
    doc.add_paragraph("{%p endif %}")
    body(doc, Run(p("muc_giao_uoc"), bold=True), p("ngay_ky_giao_uoc") + ".")
    body(
        doc,
        _("The meeting closed at {hour} h {minute} min the same day.").format(hour=w.BLANK, minute=w.BLANK),
    )
    signatures(
        doc,
        Signature((_("SECRETARY"),), name=p("ten_thu_ky")),
        Signature((_("CHAIR"),), name=p("ten_chu_tri")),
    )
    return saved(doc)


def _meeting_template(doc: DocxDocument) -> None:
    p = placeholder
    heading(doc, _("I. TIME, PLACE, ATTENDANCE"))
    body(doc, Run(_("1. Time: "), bold=True), p("thoi_gian") + ".")
    body(doc, Run(_("2. Place: "), bold=True), p("dia_diem") + ".")
    body(doc, Run(_("3. Attendance:"), bold=True))
    body(doc, _("- Chair: {name}.").format(name=p("chu_tri")))
    body(
        doc,
        _("- Representative of {body}: {name}.").format(
            body=p("co_quan_thuong_truc"), name=p("dai_dien_ban")
        ),
    )
    role = _("- {role} for {year}: {units}.")
    body(doc, role.format(role=p("chuc_danh_truong"), year=p("nam"), units=p("truong")))
    body(doc, role.format(role=p("chuc_danh_pho"), year=p("nam"), units=p("pho")))
    body(doc, _("- Units present: {units}").format(units=p("don_vi_du_hop")))
    body(doc, _("- Secretary: {name}").format(name=p("thu_ky")))


def _count_template(doc: DocxDocument) -> None:
    """The count: a sentence when no votes are on record, else the ballots cast and each form's table."""
    p = placeholder
    body(doc, Run(p("muc_kiem_phieu"), bold=True), keep=True)
    doc.add_paragraph("{%p if khong_kiem_phieu %}")
    body(doc, p("khong_kiem_phieu"))
    doc.add_paragraph("{%p else %}")
    body(doc, _("Ballots cast: {count}.").format(count=p("tong_phieu")))
    doc.add_paragraph("{%p for k in kiem_phieu %}")
    body(doc, Run(p("k.muc"), italic=True), p("k.hop_le"), keep=True)
    doc.add_paragraph("{%p if k.phieu %}")
    header = [_("No."), _("Unit name"), _("Votes"), _("Share (%)")]
    rows = row_loop("k.phieu", [c.name for c in VOTE_COLUMNS], loop="v")
    grid(doc, header, rows, [1.4, 9.6, 2.5, 2.5], centered_columns=(0, 2, 3))
    doc.add_paragraph("{%p else %}")
    body(doc, _("No unit was voted for."))
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    body(doc, _("Shares are of the ballots cast."), indent=True)
    doc.add_paragraph("{%p endif %}")


def default_template() -> bytes:
    """The built-in template of the minutes, made by the layout module."""
    return _default_template(get_language() or "")
