"""The organizer's council (Hội đồng Thi đua – Khen thưởng): its sittings, members, open votes by name,
secret ballots cast with one-time codes (the cluster meeting's machinery, thidua.emulation.balloting) and
the results frozen when its vote closes.

Secrecy (STYLE.md 7): a CouncilCode holds only a keyed hash; its member is erased in the UPDATE that spends
it; a CouncilBallot has a random id, its choices and a random receipt, nothing else. Who received a code is
kept apart, in CouncilCodeIssue. These models came from the former meeting app and keep its tables.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.emulation.codes import new_page_token
from thidua.emulation.models import OneTimeCode, Voting
from thidua.organisations.models import Organizer
from thidua.registry.models.awards import AwardProposal


class Council(models.Model):
    """A sitting of the organizer's Hội đồng Thi đua – Khen thưởng voting on the clusters' proposals."""

    class Mode(models.TextChoices):
        OPEN = "open", _("Open vote (recorded member by member)")
        SECRET = "secret", _("Secret ballot (one-time code, on a phone)")

    Voting = Voting

    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="councils")
    year = models.PositiveSmallIntegerField(_("emulation year"))
    date = models.DateField(_("meeting date"), null=True, blank=True)
    regime = models.CharField(_("legal regime"), max_length=64)
    mode = models.CharField(
        _("council voting method"), max_length=20, choices=Mode.choices, default=Mode.OPEN
    )
    voting = models.CharField(_("voting"), max_length=20, choices=Voting.choices, default=Voting.PREPARING)
    code_hours = models.PositiveSmallIntegerField(_("ballot code validity (hours)"), default=4)
    # The address of the published list of counted secret ballots (see Meeting.public_token).
    public_token = models.CharField(
        _("address of the counted ballots"),
        max_length=32,
        unique=True,
        default=new_page_token,
        editable=False,
    )

    class Meta:
        db_table = "meeting_council"
        ordering = ["organizer", "-year"]
        verbose_name = _("sitting of the Emulation and Commendation Council")
        verbose_name_plural = _("sittings of the Emulation and Commendation Council")

    def __str__(self) -> str:
        return gettext("Emulation and Commendation Council of {organizer}, {year}").format(
            organizer=self.organizer, year=self.year
        )

    @property
    def sealed_states(self) -> frozenset[str]:
        """Sealed while open (thidua.emulation.seal). A secret sitting stays sealed until closed, before it
        opens too: the absent members' written votes come in first, and their count alone is a partial
        result. An open sitting votes by name, in public by design."""
        if self.mode == self.Mode.SECRET:
            return frozenset({Voting.PREPARING, Voting.OPEN})
        return frozenset()

    # What the code machinery (thidua.emulation.balloting) asks of an owner of a vote.
    HOLDER = "member"

    def vote_noun(self) -> str:
        return gettext("The council sitting")

    def cast_ballots(self) -> models.QuerySet[CouncilBallot]:
        return self.ballots.all()

    def is_concluded(self) -> bool:
        return False  # a sitting has no conclusion of its own: its results freeze when its vote closes

    def locked(self) -> Council:
        return Council.objects.select_for_update().get(pk=self.pk)


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    # Absent members vote in writing (VOTE-1); their votes count toward the same share of all members.
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        db_table = "meeting_councilmember"
        ordering = ["council", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="council_member_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """As a unit's: how a code sheet or a message names the holder of a code."""
        return self.name


class CouncilVote(models.Model):
    """One member's open vote on one proposal: in the room if the member is present, else in writing.

    Open (biểu quyết công khai, recorded by name) on purpose: the council's minutes list who agreed.
    """

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="votes")
    proposal = models.ForeignKey(AwardProposal, on_delete=models.PROTECT, related_name="council_votes")
    agree = models.BooleanField(_("agree"))

    class Meta:
        db_table = "meeting_councilvote"
        verbose_name = _("council member's vote")
        verbose_name_plural = _("council members' votes")
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal"], name="one_council_vote_per_member")
        ]

    def __str__(self) -> str:
        said = (
            gettext("{member}: agrees – {proposal}")
            if self.agree
            else gettext("{member}: does not agree – {proposal}")
        )
        return said.format(member=self.member, proposal=self.proposal)


class CouncilBallot(models.Model):
    """One present member's secret ballot: {proposal id: "agree" | "disagree" | "blank"}.

    Nothing names the member or the code: random id, no timestamp, a random receipt to find it in the
    published list. Absent members' written votes stay CouncilVote rows, by name.
    """

    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        BLANK = "blank", _("Blank")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField(_("choices"), default=dict)
    receipt = models.CharField(_("receipt code"), max_length=16, unique=True)

    class Meta:
        db_table = "meeting_councilballot"
        # Random ids: listing in id order says nothing about the order of casting.
        ordering = ["id"]
        verbose_name = _("council secret ballot")
        verbose_name_plural = _("council secret ballots")

    def __str__(self) -> str:
        return gettext("Secret ballot {receipt}").format(receipt=self.receipt)


class CouncilOutcome(models.Model):
    """A proposal's result at a council, frozen when its vote closed (meeting.council): what the decision
    reads back and the minutes print, never recomputed from ballots or rules that may change later.
    Reopening the vote deletes these rows; closing it again freezes them anew (both audited)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="outcomes")
    proposal = models.ForeignKey(AwardProposal, on_delete=models.PROTECT, related_name="council_outcomes")
    regime = models.CharField(_("legal regime of the proposal"), max_length=64)
    members = models.PositiveSmallIntegerField(_("total members"))
    agree_present = models.PositiveSmallIntegerField(_("agreeing at the meeting"))
    agree_written = models.PositiveSmallIntegerField(_("agreeing in writing"))
    disagree = models.PositiveSmallIntegerField(_("disagree"))
    blank = models.PositiveSmallIntegerField(_("blank ballots"))
    share = models.CharField(_("threshold (fraction of all members)"), max_length=20)
    source = models.CharField(_("basis of the threshold"), max_length=500)
    passed = models.BooleanField(_("approved"))
    explanation = models.TextField(_("result"))

    class Meta:
        db_table = "meeting_counciloutcome"
        ordering = ["council", "id"]
        verbose_name = _("council vote result")
        verbose_name_plural = _("council vote results")
        constraints = [
            models.UniqueConstraint(fields=["council", "proposal"], name="one_council_outcome_per_proposal")
        ]

    def __str__(self) -> str:
        said = gettext("{proposal}: passed") if self.passed else gettext("{proposal}: not passed")
        return said.format(proposal=self.proposal)


class CouncilCodeIssue(models.Model):
    """That a present member received a ballot code for the sitting: participation, kept apart."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="issues")
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )

    class Meta:
        db_table = "meeting_councilcodeissue"
        verbose_name = _("member who received a ballot code")
        verbose_name_plural = _("members who received a ballot code")
        constraints = [
            models.UniqueConstraint(fields=["council", "member"], name="one_council_code_per_member")
        ]

    def __str__(self) -> str:
        return gettext("{member} received a ballot code").format(member=self.member)


class CouncilCode(OneTimeCode):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="codes")
    # The holder, set at issue and erased when the code is used.
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    HOLDER = "member"

    class Meta(OneTimeCode.Meta):
        db_table = "meeting_councilcode"
        verbose_name = _("council ballot code")
        verbose_name_plural = _("council ballot codes")

    @property
    def owner(self) -> Council:
        return self.council

    @property
    def holder(self) -> CouncilMember | None:
        return self.member
