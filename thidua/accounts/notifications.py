"""Notices to the people a change concerns: a row in their list, written in the same transaction as the
change (a refused or rolled-back change leaves none), and an e-mail sent only after the change commits, by the
task queue's worker, so that no request waits for the mail server. A user can turn a kind of e-mail off.

`thidua send-mail` sends whatever is still pending (after a mail server was down, say); `thidua remind`
writes the deadline reminders, each once (its key).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from thidua.accounts.models import MailOptOut, Notification, Role
from thidua.organisations.models import Organizer, Unit

Kind = Notification.Kind
log = logging.getLogger(__name__)

# A deadline is reminded from three days before it, and once after it has passed while it is less than a
# month old (an older one would only be noise).
REMIND_BEFORE = dt.timedelta(days=3)
REMIND_AFTER = dt.timedelta(days=30)


def reminder_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The deadlines (first, last) that call for a reminder on `today`."""
    return today - REMIND_AFTER, today + REMIND_BEFORE


def officers_of(units: Iterable[Unit | None]) -> QuerySet[Any]:
    """The active accounts of the units' emulation officers."""
    ids = [unit.pk for unit in units if unit is not None]
    return (
        get_user_model()
        .objects.filter(is_active=True, roles__kind=Role.Kind.UNIT_OFFICER, roles__unit_id__in=ids)
        .distinct()
    )


def officers_under(organizer: Organizer) -> QuerySet[Any]:
    """The active accounts of the emulation officers of every unit of the organizer."""
    return (
        get_user_model()
        .objects.filter(is_active=True, roles__kind=Role.Kind.UNIT_OFFICER, roles__unit__organizer=organizer)
        .distinct()
    )


def leads_of(cluster_year_id: int) -> QuerySet[Any]:
    """The active accounts of a cluster-year's head and deputy units' officers (who appraise the scores)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, roles__kind=Role.Kind.CLUSTER_LEAD, roles__cluster_year_id=cluster_year_id
        )
        .distinct()
    )


def board_of(organizer: Organizer) -> QuerySet[Any]:
    """The active accounts of the organizer's board."""
    return (
        get_user_model()
        .objects.filter(is_active=True, roles__kind=Role.Kind.BOARD, roles__organizer=organizer)
        .distinct()
    )


def notify(users: Iterable[Any], kind: str, text: str, url: str = "", *, key: str = "") -> None:
    """One notice per user (each user once); with a `key`, a user who already has that notice gets no
    other. Call it inside the action's transaction."""
    rows = [
        Notification(user_id=user_id, kind=kind, text=text[:1000], url=url[:500], key=key[:200])
        for user_id in sorted({user.pk for user in users})
    ]
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    transaction.on_commit(mail_task.enqueue)


@task()
def mail_task() -> None:
    """The queue's worker sends what is pending (a mail server down now is tried again by the next notice
    or by `thidua send-mail`)."""
    send_pending_mail()


def pending_mail() -> QuerySet[Notification]:
    """Notices still to be mailed: their user has an address and has not turned their kind off."""
    opted_out = MailOptOut.objects.filter(user=OuterRef("user"), kind=OuterRef("kind"))
    return (
        Notification.objects.filter(mailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(Exists(opted_out))
        .select_related("user")
        .order_by("id")
    )


def send_pending_mail(limit: int = 500) -> int:
    """Mail the pending notices; each is claimed before it is sent, so two senders never send one twice,
    and given back if the mail server refuses it. Returns how many were sent."""
    sent = 0
    for notice in pending_mail()[:limit]:
        claimed = Notification.objects.filter(pk=notice.pk, mailed_at__isnull=True).update(
            mailed_at=timezone.now()
        )
        if not claimed:
            continue
        link = f"{settings.SITE_URL}{notice.url}" if notice.url else ""
        try:
            send_mail(
                _("[thidua] {text}").format(text=notice.text[:120]),
                "\n\n".join(part for part in (notice.text, link) if part),
                None,
                [notice.user.email],
            )
        except OSError as error:
            Notification.objects.filter(pk=notice.pk).update(mailed_at=None)
            log.warning("mail to %s not sent: %s", notice.user.email, error)
            break  # the server is down: the rest waits for the next try
        sent += 1
    return sent


@transaction.atomic
def mark_read(user: Any) -> int:
    """The user has seen their list: every unread notice becomes read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_mail_kinds(user: Any, wanted: Iterable[str]) -> None:
    """The kinds of notice the user wants by e-mail; the others are turned off."""
    wanted = set(wanted)
    MailOptOut.objects.filter(user=user, kind__in=wanted).delete()
    MailOptOut.objects.bulk_create(
        [MailOptOut(user=user, kind=kind) for kind in Kind.values if kind not in wanted],
        ignore_conflicts=True,
    )
