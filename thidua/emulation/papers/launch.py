"""Kế hoạch phát động thi đua and danh sách đăng ký thi đua: the head unit's plan launching the year's
movement (its number, date, theme, targets and key tasks as recorded, the forms of commendation at stake,
the registration deadline), and the list of what each member unit registered.

Only what the launch and the registrations hold is written; a member unit that has not registered gets a
dotted line, never a guessed target.

Word templates (documents.templating): each paper's facts (plan_context, registrations_context, placeholders
in PLAN_SPEC and REGISTRATIONS_SPEC) poured into the organizer's own template or the built-in one, which the
layout module makes here.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from thidua.documents import wording as w
from thidua.documents.layout import Run, body, centered, grid, heading, new_document
from thidua.documents.templating import Context, Field, Rows, Spec, only_if, placeholder, row_loop, saved
from thidua.emulation.models import Launch
from thidua.emulation.papers.common import (
    CLUSTER_NAME,
    HEAD_FOOT,
    HEAD_TITLE,
    LINE,
    YEAR,
    head_foot_context,
    head_foot_template,
    issuer_phrase,
    line_loop,
    lines_of,
    quota_text,
)
from thidua.emulation.papers.letterhead import LETTERHEAD, letterhead_context, letterhead_template
from thidua.emulation.queries.papers import start_of_year
from thidua.emulation.queries.summary import YearSummary

PLAN = "ke-hoach-phat-dong-thi-dua"
REGISTRATIONS = "danh-sach-dang-ky-thi-dua"

PLAN_SPEC: Spec = (
    *LETTERHEAD,
    YEAR,
    CLUSTER_NAME,
    Field("trich_yeu", gettext_lazy("Subject line")),
    Field("can_cu_luat", gettext_lazy("The law in force for the year")),
    Field("can_cu_nghi_dinh", gettext_lazy("The decree in force for the year")),
    Field("ben_ban_hanh", gettext_lazy("Who issues, as a phrase")),
    Rows("chu_de", gettext_lazy("Theme, targets and key tasks as recorded, one line each"), LINE),
    Rows("hinh_thuc", gettext_lazy("Forms of commendation with their grantors and quotas"), LINE),
    HEAD_TITLE,
    Field("han_dang_ky", gettext_lazy("Registration deadline")),
    Field("ngay_ky_giao_uoc", gettext_lazy("Day the pact is signed")),
    Field("dong_thanh_vien", gettext_lazy("Sentence listing the member units")),
    *HEAD_FOOT,
)
REGISTRATION_COLUMNS = (
    Field("stt", gettext_lazy("Row number")),
    Field("don_vi", gettext_lazy("Unit name")),
    Field("chi_tieu", gettext_lazy("Registered targets, one a line")),
    Field("danh_hieu", gettext_lazy("Titles and forms registered, one a line")),
)
REGISTRATIONS_SPEC: Spec = (
    *LETTERHEAD,
    YEAR,
    CLUSTER_NAME,
    Field("theo_ke_hoach", gettext_lazy("Line citing the launch plan (empty when none is recorded)")),
    Rows("dang_ky", gettext_lazy("Member units, one row each"), REGISTRATION_COLUMNS),
    Field("ket_qua_dang_ky", gettext_lazy("Sentence counting the units that registered")),
    *HEAD_FOOT,
)


def plan_context(summary: YearSummary) -> Context:
    """The plan's facts, as its placeholders name them (PLAN_SPEC)."""
    start = start_of_year(summary.cluster_year, summary.members)
    launch = start.launch
    year = summary.cluster_year.year
    subject = _plan_subject(launch) or _("Launching the emulation movement for {year} of {cluster}").format(
        year=year, cluster=summary.cluster.name
    )
    theme = [line.strip() for line in (launch.theme if launch else "").splitlines() if line.strip()]
    tiers = summary.tiers
    forms = [
        f"- {tier.name} ({tier.grantor}): {quota_text(summary, tier)}" + ("." if i == len(tiers) - 1 else ";")
        for i, tier in enumerate(tiers)
    ]
    first = start.first_signed
    members = ngettext(
        "3. Member unit for {year} ({count}): {names}.",
        "3. Member units for {year} ({count}): {names}.",
        len(summary.members),
    ).format(year=year, count=w.count(len(summary.members)), names=w.unit_names(summary.members) or w.FILL)
    return {
        **letterhead_context(
            summary,
            kind="KH",
            day=launch.date if launch else None,
            number=launch.document_number if launch else "",
        ),
        "nam": str(year),
        "ten_cum": summary.cluster.name,
        "trich_yeu": subject,
        "can_cu_luat": summary.regime.law,
        "can_cu_nghi_dinh": summary.regime.decree,
        "ben_ban_hanh": issuer_phrase(summary),
        "chu_de": lines_of(theme or [w.FILL]),
        "hinh_thuc": lines_of(forms or [w.FILL]),
        "chuc_danh_truong": w.head_title(summary.cluster),
        "han_dang_ky": w.short_date(launch.deadline if launch else None),
        "ngay_ky_giao_uoc": w.short_date(first.signed_on if first else None),
        "dong_thanh_vien": members,
        **head_foot_context(summary),
    }


def registrations_context(summary: YearSummary) -> Context:
    """The registration list's facts, as its placeholders name them (REGISTRATIONS_SPEC)."""
    start = start_of_year(summary.cluster_year, summary.members)
    launch = start.launch
    rows = []
    for i, unit in enumerate(start.members, start=1):
        registration = start.registrations.get(unit.pk)
        if registration is None:
            rows.append({"stt": str(i), "don_vi": unit.name, "chi_tieu": w.FILL, "danh_hieu": w.CELL_FILL})
            continue
        targets = "\n".join(f"- {line.strip()}" for line in registration.target_lines())
        titles = "\n".join(registration.title_names())
        rows.append({"stt": str(i), "don_vi": unit.name, "chi_tieu": targets, "danh_hieu": titles})
    registered = sum(1 for unit in start.members if unit.pk in start.registrations)
    done = ngettext(
        "{registered}/{total} member unit registered",
        "{registered}/{total} member units registered",
        len(start.members),
    ).format(registered=w.count(registered), total=w.count(len(start.members)))
    attached = ""
    if launch is not None:
        done += _(" (deadline {date})").format(date=w.short_date(launch.deadline))
        attached = _("(Under plan No. {number} of {date})").format(
            number=launch.document_number, date=w.short_date(launch.date)
        )
    return {
        **letterhead_context(summary, kind="DS", day=None),
        "nam": str(summary.cluster_year.year),
        "ten_cum": summary.cluster.name,
        "theo_ke_hoach": attached,
        "dang_ky": rows,
        "ket_qua_dang_ky": done + ".",
        **head_foot_context(summary),
    }


def _title(title: str) -> str:
    """The Word file's own title, filled with the year and the cluster's name."""
    return _("{title} for {year} – {cluster}").format(
        title=title, year=placeholder("nam"), cluster=placeholder("ten_cum")
    )


@lru_cache(maxsize=8)
def _plan_template(language: str) -> bytes:
    p = placeholder
    doc = new_document(_title(_("Plan launching the emulation movement")))
    letterhead_template(doc)
    centered(doc, Run(_("PLAN"), bold=True))
    centered(doc, Run(p("trich_yeu"), bold=True), after=12)
    body(doc, _("Pursuant to the {law};").format(law=p("can_cu_luat")))
    body(doc, _("Pursuant to the Government's {decree};").format(decree=p("can_cu_nghi_dinh")))
    body(doc, _("Pursuant to the working rules of {cluster};").format(cluster=p("ten_cum")))
    intro = _("{issuer} issues the plan launching the emulation movement for {year} as follows:")
    body(doc, intro.format(issuer=p("ben_ban_hanh"), year=p("nam")))
    heading(doc, _("I. THEME, TARGETS AND KEY TASKS OF THE MOVEMENT"))
    line_loop(doc, "chu_de")
    heading(doc, _("II. EMULATION TITLES AND FORMS OF COMMENDATION"))
    body(doc, _("At the year-end review the cluster considers and proposes:"), keep=True)
    line_loop(doc, "hinh_thuc")
    heading(doc, _("III. ORGANISATION"))
    register = _(
        "1. Each member unit registers its targets and the titles it aims for with the {head} by {date}."
    )
    body(doc, register.format(head=p("chuc_danh_truong|lower"), date=p("han_dang_ky")))
    pact = _("2. The member units sign the emulation pact for {year} on {date}.")
    body(doc, pact.format(year=p("nam"), date=p("ngay_ky_giao_uoc")))
    body(doc, p("dong_thanh_vien"))
    head_foot_template(doc)
    return saved(doc)


@lru_cache(maxsize=8)
def _registrations_template(language: str) -> bytes:
    p = placeholder
    doc = new_document(_title(_("Emulation registration list")))
    letterhead_template(doc)
    centered(doc, Run(_("LIST"), bold=True))
    subject = _("Emulation registrations for {year} of {cluster}").format(year=p("nam"), cluster=p("ten_cum"))
    centered(doc, Run(subject, bold=True), after=6)
    only_if(centered(doc, Run(p("theo_ke_hoach"), italic=True), after=12), "theo_ke_hoach")
    header = [_("No."), _("Unit name"), _("Registered targets"), _("Titles and forms registered")]
    columns = [c.name for c in REGISTRATION_COLUMNS]
    grid(doc, header, row_loop("dang_ky", columns), [1.2, 4.6, 6.6, 4.1], size=12)
    body(doc, p("ket_qua_dang_ky"))
    head_foot_template(doc)
    return saved(doc)


def plan_template() -> bytes:
    """The built-in template of the plan, made by the layout module."""
    return _plan_template(get_language() or "")


def registrations_template() -> bytes:
    """The built-in template of the registration list, made by the layout module."""
    return _registrations_template(get_language() or "")


def _plan_subject(launch: Launch | None) -> str:
    """The recorded summary under "KẾ HOẠCH", without a leading "Kế hoạch" that would say it twice."""
    if launch is None:
        return ""
    text = launch.document_title.strip()
    word = _("Plan")
    if text.lower().startswith(word.lower() + " "):
        text = text[len(word) + 1 :].strip()
        text = text[:1].upper() + text[1:]
    return text
