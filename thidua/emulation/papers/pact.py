"""Giao ước thi đua: the pact the member units sign at the start of the year, with the movement's
commitments as the launch records them, each unit's registered targets and titles, and one signature
block per unit of the year's roster (with the day it signed, when recorded).

Nothing is added that the launch, the registrations and the signings do not hold: a unit that has not
registered gets a dotted line, a pact not yet signed a blank date.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.document import Document as DocxDocument

from thidua.documents import wording as w
from thidua.documents.layout import Run, Signature, body, centered, heading, signature_grid
from thidua.emulation.models import Signing
from thidua.emulation.papers.letterhead import letterhead
from thidua.emulation.queries.papers import start_of_year
from thidua.emulation.queries.summary import YearSummary


def build_pact(summary: YearSummary, doc: DocxDocument) -> None:
    start = start_of_year(summary.cluster_year, summary.members)
    launch, first = start.launch, start.first_signed
    year = summary.cluster_year.year
    signed_on = first.signed_on if first else None
    # Translators: abbreviation of "emulation pact" in a document's number, as in "No.: /EP-EC".
    letterhead(doc, summary, kind=_("EP"), day=signed_on)
    centered(doc, Run(_("EMULATION PACT"), bold=True))
    subject = _("For {year} of {cluster}").format(year=year, cluster=summary.cluster.name)
    centered(doc, Run(subject, bold=True), after=12)
    if launch is not None:
        under = _("Carrying out plan No. {number} of {date} launching the emulation movement for {year},")
        body(doc, under.format(number=launch.document_number, date=w.short_date(launch.date), year=year))
    members = len(start.members)
    parties = ngettext(
        "The {count} member unit of {cluster} for {year} signs the emulation pact as follows:",
        "The {count} member units of {cluster} for {year} sign the emulation pact as follows:",
        members,
    )
    body(doc, parties.format(count=w.count(members), cluster=summary.cluster.name, year=year))
    heading(doc, _("I. COMMON COMMITMENTS"))
    theme = [line.strip() for line in (launch.theme if launch else "").splitlines() if line.strip()]
    for line in theme or [w.FILL]:
        body(doc, f"- {line}")
    heading(doc, _("II. EACH MEMBER UNIT'S COMMITMENTS"))
    for i, unit in enumerate(start.members, start=1):
        registration = start.registrations.get(unit.pk)
        body(doc, Run(f"{i}. {unit.name}:", bold=True), keep=True)
        if registration is None:
            body(doc, w.FILL)
            continue
        for line in registration.target_lines():
            body(doc, f"- {line.strip()}")
        titles = ", ".join(registration.title_names())
        body(doc, _("- Titles and forms registered: {titles}.").format(titles=titles))
    heading(doc, _("III. ORGANISATION"))
    copies = ngettext(
        "The pact is made in {count} copy, one kept by each member unit.",
        "The pact is made in {count} copies, one kept by each member unit.",
        members,
    )
    body(doc, copies.format(count=w.count(members)))
    signature_grid(doc, [_block(unit.name, start.signings.get(unit.pk)) for unit in start.members])


def _block(name: str, signing: Signing | None) -> Signature:
    note = ""
    if signing is not None:
        note = _("(Signed on {date})").format(date=w.short_date(signing.signed_on))
    return Signature((name.upper(),), hint=_("(Signature, full name and seal)"), note=note)
