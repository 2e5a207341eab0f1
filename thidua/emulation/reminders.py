"""Deadline reminders of the cluster's year: a member unit that has not registered is reminded three days
before the launch's registration deadline and once after it has passed (each reminder once: its key)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.notifications import Kind, notify, officers_of, reminder_window
from thidua.emulation.models import Launch, Membership, Registration


def remind_registrations(today: dt.date) -> int:
    """Write the registration reminders due on `today`; returns how many units were reminded."""
    reminded = 0
    launches = Launch.objects.filter(deadline__range=reminder_window(today)).select_related(
        "cluster_year__cluster"
    )
    for launch in launches:
        year = launch.cluster_year
        registered = Registration.objects.filter(cluster_year=year).values("unit_id")
        late = launch.deadline < today
        url = reverse("pact:overview", args=[year.cluster_id, year.year])
        for membership in Membership.objects.filter(cluster_year=year).exclude(unit_id__in=registered):
            text = (
                _("{unit} has not registered for {cluster}'s {year} movement: the deadline was {deadline}.")
                if late
                else _("{unit} has still to register for {cluster}'s {year} movement by {deadline}.")
            ).format(
                unit=membership.unit.name,
                cluster=year.cluster.name,
                year=year.year,
                deadline=f"{launch.deadline:%d/%m/%Y}",
            )
            key = f"deadline:registration:{year.pk}:{membership.unit_id}:{'passed' if late else 'near'}"
            notify(officers_of([membership.unit]), Kind.DEADLINE, text, url, key=key)
            reminded += 1
    return reminded
