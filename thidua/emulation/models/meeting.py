"""The review meeting: attendance rules, the voting state, one-time ballot codes.

Secrecy (STYLE.md 7): a BallotCode holds only a keyed hash of its code. Its holder (the unit) is kept until
it is used (to refuse a vote for oneself and to reissue a lost code) and erased in the same UPDATE that
marks it used; nothing links a code to the ballot it cast (Ballot has no code, no voter, no timestamp). Who
received a code is stored apart, in CodeIssue. The organizer's council votes with the same machinery
(thidua.emulation.balloting) on code tables of its own (registry CouncilCode, CouncilCodeIssue).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.codes import new_page_token
from thidua.emulation.models.review import Ballot, Review
from thidua.organisations.models import Unit


class Voting(models.TextChoices):
    """Where the vote stands, at a meeting or a council sitting."""

    PREPARING = "preparing", _("Voting not open yet")
    OPEN = "open", _("Voting in progress")
    CLOSED = "closed", _("Voting closed")


class Meeting(models.Model):
    Voting = Voting

    class Mode(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic ballots (one-time codes)")
        PAPER = "paper", _("Paper ballots (entered by the tellers)")

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("review meeting")
    )
    voting = models.CharField(_("voting"), max_length=20, choices=Voting.choices, default=Voting.PREPARING)
    mode = models.CharField(_("voting mode"), max_length=20, choices=Mode.choices, default=Mode.ELECTRONIC)
    # Quorum: present units / members must exceed (or reach, when not strict) this share.
    quorum_share = models.DecimalField(
        _("minimum attendance share"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    quorum_strict = models.BooleanField(_("must exceed the share"), default=True)
    self_vote_allowed = models.BooleanField(_("may vote for its own unit"), default=True)
    code_hours = models.PositiveSmallIntegerField(_("ballot code validity (hours)"), default=4)
    # The address of the published list of counted ballots: known to those who were told it (the chair's
    # screen, each delegate's receipt), never found by counting ids.
    public_token = models.CharField(
        _("address of the counted ballots"),
        max_length=32,
        unique=True,
        default=new_page_token,
        editable=False,
    )

    # Sealed while open (thidua.emulation.seal): nothing counted shows until the chair closes the vote, and
    # again after a reopen. A meeting never opened keeps the ballots imported with its year in view.
    sealed_states = frozenset({Voting.OPEN})

    class Meta:
        db_table = "meeting_meeting"
        verbose_name = _("voting session")
        verbose_name_plural = _("voting sessions")

    def __str__(self) -> str:
        return gettext("Voting – %(review)s") % {"review": self.review}

    # What the code machinery (thidua.emulation.balloting) asks of an owner of a vote.
    HOLDER = "unit"

    def vote_noun(self) -> str:
        return gettext("The meeting")

    def cast_ballots(self) -> models.QuerySet[Ballot]:
        return self.review.ballots.all()

    def is_concluded(self) -> bool:
        return self.review.concluded_at is not None

    def locked(self) -> Meeting:
        rows = Meeting.objects.select_related("review__cluster_year__cluster")
        return rows.select_for_update(of=("self",)).get(pk=self.pk)

    def locked_for_casting(self) -> Meeting:
        """This meeting with its voting state read again under a share lock, for a cast: casts hold the lock
        together, so a meeting's delegates cast side by side, while closing, reopening or concluding
        (`locked`, exclusive) waits for the casts under way, and every cast after them reads the new state.
        One code one ballot is the conditional UPDATE's (balloting.spend), not this lock's. SQLite runs one
        writer at a time (IMMEDIATE transactions): the state is read as it is."""
        review = Review._meta.db_table
        sql = (
            f"SELECT m.voting, m.self_vote_allowed, r.concluded_at FROM {Meeting._meta.db_table} m "
            f"JOIN {review} r ON r.id = m.review_id WHERE m.id = %s"
        )
        if connection.vendor == "postgresql":
            sql += " FOR SHARE OF m"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.pk])
            self.voting, self.self_vote_allowed, concluded_at = cursor.fetchone()
        self.review.concluded_at = concluded_at
        return self


class OneTimeCode(models.Model):
    """A one-time ballot code, kept only as a keyed hash (codes.digest). Its holder is kept until the code is
    used and erased in the same UPDATE that marks it used (balloting.spend). A meeting's codes (BallotCode)
    and a council sitting's (registry CouncilCode) are this, each with its own owner and holder field."""

    # Random ids, created in shuffled order: the row order says nothing about which holder got which code.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(_("code hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used = models.BooleanField(_("used"), default=False)

    # Read with the code by balloting.usable (select_related, prefetch_related): each table names its own.
    RELATED: tuple[str, ...] = ()
    PREFETCHED: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return gettext("Ballot code used") if self.used else gettext("Ballot code not used")


class CodeIssue(models.Model):
    """That a present unit received its ballot code: participation, kept apart from codes and ballots."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="issues")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))

    class Meta:
        db_table = "meeting_codeissue"
        verbose_name = _("ballot code recipient")
        verbose_name_plural = _("ballot code recipients")
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="one_code_issue_per_unit")]

    def __str__(self) -> str:
        return gettext("%(unit)s received a ballot code") % {"unit": self.unit}


class BallotCode(OneTimeCode):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="codes")
    # The holder, set at issue and erased when the code is used.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    HOLDER = "unit"
    # What a cast reads with the code, in the same query (balloting.usable): one lookup, not one per step.
    RELATED = ("meeting__review__cluster_year__cluster", "unit")
    PREFETCHED = ("meeting__review__cluster_year__cluster__award_tiers",)

    class Meta(OneTimeCode.Meta):
        db_table = "meeting_ballotcode"
        verbose_name = _("ballot code")
        verbose_name_plural = _("ballot codes")

    @property
    def owner(self) -> Meeting:
        return self.meeting

    @property
    def holder(self) -> Unit | None:
        return self.unit
