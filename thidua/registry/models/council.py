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

from thidua.emulation.models import OneTimeCode, Voting
from thidua.organisations.models import Organizer
from thidua.registry.models.awards import AwardProposal


class Council(models.Model):
    """A sitting of the organizer's Hội đồng Thi đua – Khen thưởng voting on the clusters' proposals."""

    class Mode(models.TextChoices):
        OPEN = "open", "Biểu quyết công khai (ghi theo từng thành viên)"
        SECRET = "secret", "Bỏ phiếu kín (mã một lần, trên điện thoại)"

    Voting = Voting

    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="councils")
    year = models.PositiveSmallIntegerField("năm thi đua")
    date = models.DateField("ngày họp", null=True, blank=True)
    regime = models.CharField("chế độ pháp lý", max_length=64)
    mode = models.CharField("cách biểu quyết", max_length=20, choices=Mode.choices, default=Mode.OPEN)
    voting = models.CharField("bỏ phiếu", max_length=20, choices=Voting.choices, default=Voting.PREPARING)
    code_hours = models.PositiveSmallIntegerField("thời hạn mã phiếu (giờ)", default=4)

    class Meta:
        db_table = "meeting_council"
        ordering = ["organizer", "-year"]
        verbose_name = "phiên họp Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "phiên họp Hội đồng Thi đua – Khen thưởng"

    def __str__(self) -> str:
        return f"Hội đồng Thi đua – Khen thưởng {self.organizer} năm {self.year}"

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
        return "Phiên họp Hội đồng"

    def cast_ballots(self) -> models.QuerySet[CouncilBallot]:
        return self.ballots.all()

    def is_concluded(self) -> bool:
        return False  # a sitting has no conclusion of its own: its results freeze when its vote closes

    def locked(self) -> Council:
        return Council.objects.select_for_update().get(pk=self.pk)


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("họ và tên", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    # Absent members vote in writing (VOTE-1); their votes count toward the same share of all members.
    present = models.BooleanField("có mặt", default=True)

    class Meta:
        db_table = "meeting_councilmember"
        ordering = ["council", "id"]
        verbose_name = "thành viên Hội đồng"
        verbose_name_plural = "thành viên Hội đồng"
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
    agree = models.BooleanField("đồng ý")

    class Meta:
        db_table = "meeting_councilvote"
        verbose_name = "phiếu của thành viên Hội đồng"
        verbose_name_plural = "phiếu của thành viên Hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal"], name="one_council_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'đồng ý' if self.agree else 'không đồng ý'} – {self.proposal}"


class CouncilBallot(models.Model):
    """One present member's secret ballot: {proposal id: "agree" | "disagree" | "blank"}.

    Nothing names the member or the code: random id, no timestamp, a random receipt to find it in the
    published list. Absent members' written votes stay CouncilVote rows, by name.
    """

    class Choice(models.TextChoices):
        AGREE = "agree", "Đồng ý"
        DISAGREE = "disagree", "Không đồng ý"
        BLANK = "blank", "Để trống"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField("lựa chọn", default=dict)
    receipt = models.CharField("mã biên nhận", max_length=16, unique=True)

    class Meta:
        db_table = "meeting_councilballot"
        # Random ids: listing in id order says nothing about the order of casting.
        ordering = ["id"]
        verbose_name = "phiếu kín của Hội đồng"
        verbose_name_plural = "phiếu kín của Hội đồng"

    def __str__(self) -> str:
        return f"Phiếu kín {self.receipt}"


class CouncilOutcome(models.Model):
    """A proposal's result at a council, frozen when its vote closed (meeting.council): what the decision
    reads back and the minutes print, never recomputed from ballots or rules that may change later.
    Reopening the vote deletes these rows; closing it again freezes them anew (both audited)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="outcomes")
    proposal = models.ForeignKey(AwardProposal, on_delete=models.PROTECT, related_name="council_outcomes")
    regime = models.CharField("chế độ pháp lý của đề nghị", max_length=64)
    members = models.PositiveSmallIntegerField("tổng số thành viên")
    agree_present = models.PositiveSmallIntegerField("đồng ý tại hội nghị")
    agree_written = models.PositiveSmallIntegerField("đồng ý bằng văn bản")
    disagree = models.PositiveSmallIntegerField("không đồng ý")
    blank = models.PositiveSmallIntegerField("phiếu để trống")
    share = models.CharField("ngưỡng (phân số của tổng số thành viên)", max_length=20)
    source = models.CharField("căn cứ của ngưỡng", max_length=500)
    passed = models.BooleanField("thông qua")
    explanation = models.TextField("kết quả")

    class Meta:
        db_table = "meeting_counciloutcome"
        ordering = ["council", "id"]
        verbose_name = "kết quả biểu quyết của Hội đồng"
        verbose_name_plural = "kết quả biểu quyết của Hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["council", "proposal"], name="one_council_outcome_per_proposal")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {'đạt' if self.passed else 'không đạt'}"


class CouncilCodeIssue(models.Model):
    """That a present member received a ballot code for the sitting: participation, kept apart."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="issues")
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, related_name="+", verbose_name="thành viên"
    )

    class Meta:
        db_table = "meeting_councilcodeissue"
        verbose_name = "thành viên đã nhận mã phiếu"
        verbose_name_plural = "thành viên đã nhận mã phiếu"
        constraints = [
            models.UniqueConstraint(fields=["council", "member"], name="one_council_code_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} đã nhận mã phiếu"


class CouncilCode(OneTimeCode):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="codes")
    # The holder, set at issue and erased when the code is used.
    member = models.ForeignKey(
        CouncilMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    HOLDER = "member"

    class Meta(OneTimeCode.Meta):
        db_table = "meeting_councilcode"
        verbose_name = "mã phiếu của Hội đồng"
        verbose_name_plural = "mã phiếu của Hội đồng"

    @property
    def owner(self) -> Council:
        return self.council

    @property
    def holder(self) -> CouncilMember | None:
        return self.member
