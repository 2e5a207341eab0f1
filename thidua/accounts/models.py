"""Roles give a user a scope: an organizer's board, one cluster-year's lead, or one unit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.organisations.models import Organizer, Unit


class Role(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", _("Emulation and Commendation Board officer")
        CLUSTER_LEAD = "cluster_lead", _("Officer of the cluster head or deputy unit")
        UNIT_OFFICER = "unit_officer", _("Emulation officer of the unit")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    organizer = models.ForeignKey(
        Organizer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizer"),
    )
    # By name: accounts sits below the year's home (emulation), which reads roles to scope its pages.
    cluster_year = models.ForeignKey(
        "emulation.ClusterYear",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("emulation year"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="role_scope_matches_kind",
                condition=(
                    models.Q(
                        kind="board", organizer__isnull=False, cluster_year__isnull=True, unit__isnull=True
                    )
                    | models.Q(
                        kind="cluster_lead",
                        organizer__isnull=True,
                        cluster_year__isnull=False,
                        unit__isnull=True,
                    )
                    | models.Q(
                        kind="unit_officer",
                        organizer__isnull=True,
                        cluster_year__isnull=True,
                        unit__isnull=False,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        scope = self.organizer or self.cluster_year or self.unit
        return f"{self.user} – {self.get_kind_display()} ({scope})"

    def clean(self) -> None:
        if self.kind not in self.Kind.values:
            return  # no role chosen, or an unknown one: the field's own validation says so
        required = {
            self.Kind.BOARD: "organizer",
            self.Kind.CLUSTER_LEAD: "cluster_year",
            self.Kind.UNIT_OFFICER: "unit",
        }[self.Kind(self.kind)]
        for field in ("organizer", "cluster_year", "unit"):
            value = getattr(self, f"{field}_id")
            if field == required and value is None:
                raise ValidationError({field: gettext("This role needs a scope.")})
            if field != required and value is not None:
                raise ValidationError({field: gettext("This role does not use this scope.")})


class Notification(models.Model):
    """A notice for one user: shown in the product's list and, unless the user turned its kind off, sent by
    e-mail after the change that made it has been committed (accounts/notifications.py)."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("A stage of the year opens")
        DEADLINE = "deadline", _("A deadline nears or has passed")
        RETURNED = "returned", _("A proposal is returned")
        DECIDED = "decided", _("A proposal is decided")
        JOB = "job", _("Background work finishes")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=1000)
    url = models.CharField(_("address"), max_length=500, blank=True)
    # A reminder's key ("deadline:proposal:12:passed") makes sending it again a no-op.
    key = models.CharField(_("key"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="one_notification_per_key"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text


class MailOptOut(models.Model):
    """A kind of notification the user does not want by e-mail (it still shows in the product)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Notification.Kind.choices)

    class Meta:
        verbose_name = _("e-mail turned off")
        verbose_name_plural = _("e-mails turned off")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"


class Job(models.Model):
    """A piece of background work a user started (a large import, a batch of certificates): what it is,
    how far it has got and what came of it, shown on its page (accounts/jobs.py runs it)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("started by")
    )
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    phase = models.CharField(_("step"), max_length=200, blank=True)
    phase_started = models.DateTimeField(_("step started"), null=True, blank=True)
    # 0 to 1 of the current step, and the rows or items handled so far (what the page says in words).
    progress = models.FloatField(_("progress"), default=0)
    handled = models.PositiveBigIntegerField(_("handled"), default=0)
    # What the work needs (JSON: a file's stored path, ids) and what it gave (a message, a page, a file).
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return self.title

    @property
    def over(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
