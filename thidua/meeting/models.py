"""The review meeting: attendance rules, the voting state, one-time ballot codes; the organizer's council.

Secrecy (STYLE.md 7): a BallotCode holds only a keyed hash of its code. The unit it was issued to is kept
until it is used (to refuse a vote for oneself and to reissue a lost code) and erased in the same UPDATE
that marks it used; nothing links a code to the Ballot it cast (review.Ballot has no code, no timestamp).
Which units received a code is stored apart, in CodeIssue.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.organisations.models import Organizer, Unit
from thidua.registry.models import AwardProposal
from thidua.review.models import Review


class Meeting(models.Model):
    class Voting(models.TextChoices):
        PREPARING = "preparing", "Chưa mở bỏ phiếu"
        OPEN = "open", "Đang bỏ phiếu"
        CLOSED = "closed", "Đã đóng bỏ phiếu"

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

    class Meta:
        verbose_name = "phiên bỏ phiếu"
        verbose_name_plural = "phiên bỏ phiếu"

    def __str__(self) -> str:
        return f"Bỏ phiếu – {self.review}"


class CodeIssue(models.Model):
    """That a present unit received its ballot code (participation, kept apart from codes and ballots)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="issues")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")

    class Meta:
        verbose_name = "đơn vị đã nhận mã phiếu"
        verbose_name_plural = "đơn vị đã nhận mã phiếu"
        constraints = [models.UniqueConstraint(fields=["meeting", "unit"], name="one_code_issue_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} đã nhận mã phiếu"


class BallotCode(models.Model):
    # Random ids, created in shuffled order: the row order says nothing about which unit got which code.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField("mã băm", max_length=64, unique=True)
    expires_at = models.DateTimeField("hết hạn")
    used = models.BooleanField("đã dùng", default=False)
    # Set at issue, erased when the code is used (see the module docstring).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = "mã phiếu"
        verbose_name_plural = "mã phiếu"

    def __str__(self) -> str:
        return "Mã phiếu đã dùng" if self.used else "Mã phiếu chưa dùng"


class Council(models.Model):
    """A sitting of the organizer's Hội đồng Thi đua – Khen thưởng voting on the clusters' proposals."""

    organizer = models.ForeignKey(Organizer, on_delete=models.PROTECT, related_name="councils")
    year = models.PositiveSmallIntegerField("năm thi đua")
    date = models.DateField("ngày họp", null=True, blank=True)
    regime = models.CharField("chế độ pháp lý", max_length=64)

    class Meta:
        ordering = ["organizer", "-year"]
        verbose_name = "phiên họp Hội đồng Thi đua – Khen thưởng"
        verbose_name_plural = "phiên họp Hội đồng Thi đua – Khen thưởng"

    def __str__(self) -> str:
        return f"Hội đồng Thi đua – Khen thưởng {self.organizer} năm {self.year}"


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
