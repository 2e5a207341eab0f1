"""`thidua remind`: today's deadline reminders (registration, dossiers), each written once, then mailed.
Run it once a day (cron, or a systemd timer); running it again the same day sends nothing twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.notifications import send_pending_mail
from thidua.emulation.reminders import remind_registrations
from thidua.registry.reminders import remind_dossiers


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.description = _("Write today's deadline reminders and send the pending notification e-mails.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        with transaction.atomic():
            units = remind_registrations(today)
            proposals = remind_dossiers(today)
        sent = send_pending_mail()
        self.stdout.write(
            _(
                "Reminders: {units} unit(s) to register, {proposals} dossier(s) due; e-mails sent: {sent}."
            ).format(units=units, proposals=proposals, sent=sent)
        )
