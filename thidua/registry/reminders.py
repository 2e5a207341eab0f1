"""Deadline reminders of the board's side: a proposal still being drafted (or returned) is reminded to its
unit three days before its dossier is due and once after the due date has passed (each once: its key)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.notifications import Kind, notify, officers_of, reminder_window
from thidua.registry.models import AwardProposal

State = AwardProposal.State


def remind_dossiers(today: dt.date) -> int:
    """Write the dossier reminders due on `today`; returns how many proposals were reminded."""
    rows = AwardProposal.objects.filter(
        state__in=(State.DRAFT, State.RETURNED),
        due__range=reminder_window(today),
    ).select_related("proposed_by", "unit", "person")
    for proposal in rows:
        assert proposal.due is not None  # filtered above
        late = proposal.due < today
        text = (
            _("The dossier of «{proposal}» was due on {due} and has not been sent.")
            if late
            else _("The dossier of «{proposal}» is due on {due}.")
        ).format(proposal=proposal, due=f"{proposal.due:%d/%m/%Y}")
        notify(
            officers_of([proposal.proposed_by]),
            Kind.DEADLINE,
            text,
            reverse("registry:proposal", args=[proposal.pk]),
            key=f"deadline:proposal:{proposal.pk}:{'passed' if late else 'near'}",
        )
    return len(rows)
