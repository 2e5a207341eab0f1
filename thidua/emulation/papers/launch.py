"""Kế hoạch phát động thi đua and danh sách đăng ký thi đua: the head unit's plan launching the year's
movement (its number, date, theme, targets and key tasks as recorded, the forms of commendation at stake,
the registration deadline), and the list of what each member unit registered.

Only what the launch and the registrations hold is written; a member unit that has not registered gets a
dotted line, never a guessed target.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, body, centered, grid, heading, signatures
from thidua.emulation.models import Launch
from thidua.emulation.papers.common import head_signature, issuer_phrase, quota_text, recipients
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.papers import start_of_year
from thidua.emulation.queries.summary import YearSummary


def build_launch_plan(summary: YearSummary, doc: DocxDocument) -> None:
    start = start_of_year(summary.cluster_year, summary.members)
    launch = start.launch
    year = summary.cluster_year.year
    letterhead(
        doc,
        summary,
        kind="KH",
        day=launch.date if launch else None,
        number=launch.document_number if launch else "",
    )
    centered(doc, Run(_("PLAN"), bold=True))
    subject = _plan_subject(launch) or _("Launching the emulation movement for {year} of {cluster}").format(
        year=year, cluster=summary.cluster.name
    )
    centered(doc, Run(subject, bold=True), after=12)
    body(doc, _("Pursuant to the {law};").format(law=summary.regime.law))
    body(doc, _("Pursuant to the Government's {decree};").format(decree=summary.regime.decree))
    body(doc, _("Pursuant to the working rules of {cluster};").format(cluster=summary.cluster.name))
    intro = _("{issuer} issues the plan launching the emulation movement for {year} as follows:")
    body(doc, intro.format(issuer=issuer_phrase(summary), year=year))
    heading(doc, _("I. THEME, TARGETS AND KEY TASKS OF THE MOVEMENT"))
    lines = [line.strip() for line in (launch.theme if launch else "").splitlines() if line.strip()]
    for line in lines or [w.FILL]:
        body(doc, line)
    heading(doc, _("II. EMULATION TITLES AND FORMS OF COMMENDATION"))
    body(doc, _("At the year-end review the cluster considers and proposes:"), keep=True)
    tiers = summary.tiers
    for i, tier in enumerate(tiers):
        end = "." if i == len(tiers) - 1 else ";"
        body(doc, f"- {tier.name} ({tier.grantor}): {quota_text(summary, tier)}{end}")
    if not tiers:
        body(doc, w.FILL)
    heading(doc, _("III. ORGANISATION"))
    deadline = w.short_date(launch.deadline if launch else None)
    register = _(
        "1. Each member unit registers its targets and the titles it aims for with the {head} by {date}."
    )
    body(doc, register.format(head=w.head_title(summary.cluster).lower(), date=deadline))
    first = start.first_signed
    body(
        doc,
        _("2. The member units sign the emulation pact for {year} on {date}.").format(
            year=year, date=w.short_date(first.signed_on if first else None)
        ),
    )
    members = ngettext(
        "3. Member unit for {year} ({count}): {names}.",
        "3. Member units for {year} ({count}): {names}.",
        len(summary.members),
    )
    names = w.unit_names(summary.members) or w.FILL
    body(doc, members.format(year=year, count=w.count(len(summary.members)), names=names))
    signatures(doc, None, head_signature(summary), recipients=recipients(summary))


def build_registrations(summary: YearSummary, doc: DocxDocument) -> None:
    start = start_of_year(summary.cluster_year, summary.members)
    year = summary.cluster_year.year
    letterhead(doc, summary, kind="DS", day=None)
    centered(doc, Run(_("LIST"), bold=True))
    subject = _("Emulation registrations for {year} of {cluster}").format(
        year=year, cluster=summary.cluster.name
    )
    centered(doc, Run(subject, bold=True), after=6)
    launch = start.launch
    if launch is not None:
        attached = _("(Under plan No. {number} of {date})").format(
            number=launch.document_number, date=w.short_date(launch.date)
        )
        centered(doc, Run(attached, italic=True), after=12)
    rows = []
    for i, unit in enumerate(start.members, start=1):
        registration = start.registrations.get(unit.pk)
        if registration is None:
            rows.append([str(i), unit.name, w.FILL, w.CELL_FILL])
            continue
        targets = "\n".join(f"- {line.strip()}" for line in registration.target_lines())
        rows.append([str(i), unit.name, targets, "\n".join(registration.title_names())])
    header = [_("No."), _("Unit name"), _("Registered targets"), _("Titles and forms registered")]
    grid(doc, header, rows, [1.2, 4.6, 6.6, 4.1], size=12)
    registered = sum(1 for unit in start.members if unit.pk in start.registrations)
    done = ngettext(
        "{registered}/{total} member unit registered",
        "{registered}/{total} member units registered",
        len(start.members),
    ).format(registered=w.count(registered), total=w.count(len(start.members)))
    if launch is not None:
        done += _(" (deadline {date})").format(date=w.short_date(launch.deadline))
    body(doc, done + ".")
    signatures(doc, None, head_signature(summary), recipients=recipients(summary))


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
