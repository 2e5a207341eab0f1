"""The review meeting: attendance rules, the voting state, one-time ballot codes; the organizer's council.

Secrecy (STYLE.md 7): a BallotCode holds only a keyed hash of its code. Its holder (the unit at a meeting,
the member at a council sitting) is kept until it is used (to refuse a vote for oneself and to reissue a
lost code) and erased in the same UPDATE that marks it used; nothing links a code to the ballot it cast
(review.Ballot and CouncilBallot have no code, no voter, no timestamp). Who received a code is stored
apart, in CodeIssue. A code belongs either to a meeting or to a council sitting: one machinery for both.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.organisations.models import Organizer, Unit
from thidua.registry.models import AwardProposal
from thidua.review.models import Review


class Voting(models.TextChoices):
    """Where the vote stands, at a meeting or a council sitting."""

    PREPARING = "preparing", "Chưa mở bỏ phiếu"
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã đóng bỏ phiếu"


class Meeting(models.Model):
    Voting = Voting

    class Mode(models.TextChoices):
        ELECTRONIC = "electronic", "Phiếu điện tử (mã một lần)"
        PAPER = "paper", "Phiếu giấy (tổ kiểm phiếu nhập)"

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="meeting", verbose_name="hội nghị bình xét"
    )
    voting = models.CharField("bỏ phiếu", max_length=20, choices=Voting.choices, default=Voting.PREPARING)
    mode = models.CharField("cách bỏ phiếu", max_length=20, choices=Mode.choices, default=Mode.ELECTRONIC)
    # Quorum: present units / members must exceed (or reach, when not strict) this share.
    quorum_share = models.DecimalField(
        "tỷ lệ dự họp tối thiểu",
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    quorum_strict = models.BooleanField("phải vượt quá tỷ lệ", default=True)
    self_vote_allowed = models.BooleanField("được bầu cho đơn vị mình", default=True)
    code_hours = models.PositiveSmallIntegerField("thời hạn mã phiếu (giờ)", default=4)

    # Sealed while open (thidua.review.seal): nothing counted shows until the chair closes the vote, and
    # again after a reopen. A meeting never opened keeps the ballots imported with its year in view.
    sealed_states = frozenset({Voting.OPEN})

    class Meta:
        verbose_name = "phiên bỏ phiếu"
        verbose_name_plural = "phiên bỏ phiếu"

    def __str__(self) -> str:
        return f"Bỏ phiếu – {self.review}"


# A code or its issue belongs to a meeting (held by a unit) or to a council sitting (held by a member).
_ONE_OWNER = models.Q(meeting__isnull=False, council__isnull=True) | models.Q(
    meeting__isnull=True, council__isnull=False
)


class CodeIssue(models.Model):
    """That a present unit (or council member) received its ballot code: participation, kept apart from
    codes and ballots."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="issues", null=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị", null=True
    )
    council = models.ForeignKey("Council", on_delete=models.CASCADE, related_name="issues", null=True)
    member = models.ForeignKey(
        "CouncilMember", on_delete=models.CASCADE, related_name="+", verbose_name="thành viên", null=True
    )

    class Meta:
        verbose_name = "người đã nhận mã phiếu"
        verbose_name_plural = "người đã nhận mã phiếu"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "unit"], name="one_code_issue_per_unit"),
            models.UniqueConstraint(fields=["council", "member"], name="one_code_issue_per_member"),
            models.CheckConstraint(condition=_ONE_OWNER, name="code_issue_has_one_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.member} đã nhận mã phiếu"


class BallotCode(models.Model):
    # Random ids, created in shuffled order: the row order says nothing about which unit got which code.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="codes", null=True)
    council = models.ForeignKey("Council", on_delete=models.CASCADE, related_name="codes", null=True)
    digest = models.CharField("mã băm", max_length=64, unique=True)
    expires_at = models.DateTimeField("hết hạn")
    used = models.BooleanField("đã dùng", default=False)
    # The holder, set at issue and erased when the code is used (see the module docstring).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        "CouncilMember", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "mã phiếu"
        verbose_name_plural = "mã phiếu"
        constraints = [models.CheckConstraint(condition=_ONE_OWNER, name="ballot_code_has_one_owner")]

    def __str__(self) -> str:
        return "Mã phiếu đã dùng" if self.used else "Mã phiếu chưa dùng"

    @property
    def owner(self) -> Meeting | Council:
        return self.meeting if self.meeting_id else self.council  # type: ignore[return-value]

    @property
    def holder(self) -> Unit | CouncilMember | None:
        return self.unit if self.meeting_id else self.member


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
        ordering = ["organizer", "-year"]
        verbose_name = "phiên họp Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "phiên họp Hội đồng Thi đua – Khen thưởng"

    def __str__(self) -> str:
        return f"Hội đồng Thi đua – Khen thưởng {self.organizer} năm {self.year}"

    @property
    def sealed_states(self) -> frozenset[str]:
        """Sealed while open (thidua.review.seal). A secret sitting stays sealed until closed, before it
        opens too: the absent members' written votes come in first, and their count alone is a partial
        result. An open sitting votes by name, in public by design."""
        if self.mode == self.Mode.SECRET:
            return frozenset({Voting.PREPARING, Voting.OPEN})
        return frozenset()


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("họ và tên", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    # Absent members vote in writing (VOTE-1); their votes count toward the same share of all members.
    present = models.BooleanField("có mặt", default=True)

    class Meta:
        ordering = ["council", "id"]
        verbose_name = "thành viên Hội đồng"
        verbose_name_plural = "thành viên Hội đồng"
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="council_member_name_once")]

    def __str__(self) -> str:
        return self.name


class CouncilVote(models.Model):
    """One member's open vote on one proposal: in the room if the member is present, else in writing.

    Open (biểu quyết công khai, recorded by name) on purpose: the council's minutes list who agreed.
    """

    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="votes")
    proposal = models.ForeignKey(AwardProposal, on_delete=models.PROTECT, related_name="council_votes")
    agree = models.BooleanField("đồng ý")

    class Meta:
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
        ordering = ["council", "id"]
        verbose_name = "kết quả biểu quyết của Hội đồng"
        verbose_name_plural = "kết quả biểu quyết của Hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["council", "proposal"], name="one_council_outcome_per_proposal")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {'đạt' if self.passed else 'không đạt'}"
