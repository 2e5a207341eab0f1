"""The stages of a cluster's year, derived from the facts on record by one function (`year_stages`).

Nothing stores the stage: each step reads the facts its action writes (the roster and head, the launch,
the registrations, the signings, the score table and its lock, the meeting's facts and vote, the
conclusion, the proposals received by the board). Some steps are optional in real clusters (REALITY.md:
no pact recorded, no scoring under acclamation, historic years known only from their minutes): a step with
no facts at all is "not used" once a later step has happened, and every step before a conclusion "as
reported" that has no facts is too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from thidua.emulation import where
from thidua.emulation.actions.review import missing_meeting_facts
from thidua.emulation.models import ClusterYear, Launch, Method, Registration, Review, Signing
from thidua.emulation.queries.scoring import scoring_progress


class YearStage(models.TextChoices):
    SET_UP = "set_up", "Thiết lập năm thi đua"
    LAUNCHED = "launched", "Phát động thi đua"
    REGISTERED = "registered", "Đăng ký thi đua"
    PACT_SIGNED = "pact_signed", "Ký giao ước thi đua"
    SCORING = "scoring", "Tự chấm điểm"
    APPRAISAL = "appraisal", "Thẩm định điểm"
    SCORES_LOCKED = "scores_locked", "Khóa điểm"
    REVIEW_MEETING = "review_meeting", "Hội nghị bình xét"
    VOTING_OPEN = "voting_open", "Mở bỏ phiếu"
    VOTING_CLOSED = "voting_closed", "Đóng bỏ phiếu"
    CONCLUDED = "concluded", "Chốt kết quả bình xét"
    PROPOSALS_SENT = "proposals_sent", "Gửi đề nghị khen thưởng"


class StepState(models.TextChoices):
    DONE = "done", "Đã xong"
    CURRENT = "current", "Đang chờ"
    SKIPPED = "skipped", "Không sử dụng"
    TODO = "todo", "Chưa đến"


@dataclass(frozen=True)
class Step:
    stage: YearStage
    state: StepState
    detail: str  # what is on record ("5/7 đơn vị đã đăng ký"), or why the step is not used
    actor: str  # who acts on it ("Cụm trưởng")
    action: str  # what to do and where ("ghi phát động thi đua tại trang «…»")

    @property
    def label(self) -> str:
        return self.stage.label

    @property
    def next_act(self) -> str:
        """ "Cụm trưởng: ghi thông tin hội nghị tại …" """
        return f"{self.actor}: {self.action}"


@dataclass(frozen=True)
class YearStages:
    steps: list[Step]

    @property
    def current(self) -> Step | None:
        """The step someone must act on next; None once every step is done or not used."""
        return next((s for s in self.steps if s.state == StepState.CURRENT), None)

    @property
    def reached(self) -> Step | None:
        """The last step done: the stage the year is in."""
        done = [s for s in self.steps if s.state == StepState.DONE]
        return done[-1] if done else None


@dataclass(frozen=True)
class _Fact:
    """One step as the facts give it: done, started (some facts), used (the year's method needs it)."""

    stage: YearStage
    done: bool
    started: bool
    detail: str
    actor: str
    action: str
    optional: bool = True
    used: bool = True


def year_stages(cluster_year: ClusterYear) -> YearStages:
    """Each step of the year with its state (done, the current one, not used, to do) and who acts next."""
    review = Review.objects.filter(cluster_year=cluster_year).first()
    facts = [*_start(cluster_year), *_scoring(cluster_year), *_meeting(cluster_year, review)]
    facts.append(_proposals(cluster_year, review))
    return YearStages(_states(facts, reported=bool(review and review.concluded_at and review.reported)))


def _states(facts: list[_Fact], *, reported: bool) -> list[Step]:
    last = max((i for i, f in enumerate(facts) if f.done or f.started), default=-1)
    concluded = next(i for i, f in enumerate(facts) if f.stage == YearStage.CONCLUDED)
    steps, current_given = [], False
    for i, fact in enumerate(facts):
        # An optional step the year has gone past: not used if it has no facts, still to finish if it has
        # some (registrations missing…), but it does not hold up the steps after it.
        passed = fact.optional and i < last
        if fact.done:
            state = StepState.DONE
        elif not fact.used or (passed and not fact.started) or (reported and i < concluded):
            state = StepState.SKIPPED
        elif passed or current_given:
            state = StepState.TODO
        else:
            state, current_given = StepState.CURRENT, True
        detail = fact.detail
        if state == StepState.SKIPPED and reported and i < concluded and fact.used and not fact.started:
            detail = "Không có trong hồ sơ báo cáo (năm chốt theo hồ sơ)."
        steps.append(Step(fact.stage, state, detail, fact.actor, fact.action))
    return steps


BOARD, UNITS, CHAIR = "Ban Thi đua – Khen thưởng", "Đơn vị thành viên", "Chủ trì hội nghị"


def _lead(cy: ClusterYear) -> str:
    return f"{cy.cluster.word} trưởng"


def _start(cy: ClusterYear) -> list[_Fact]:
    year, members = cy.year, cy.memberships.count()
    registered = Registration.objects.filter(cluster_year=cy).count()
    signed = Signing.objects.filter(cluster_year=cy).count()
    launch = Launch.objects.filter(cluster_year=cy).first()
    setup_detail = f"{members} đơn vị thành viên; cụm trưởng {'đã' if cy.head_id else 'chưa'} ghi nhận."
    return [
        _Fact(
            YearStage.SET_UP,
            members > 0 and cy.head_id is not None,
            members > 0,
            setup_detail,
            f"{BOARD} hoặc {_lead(cy).lower()}",
            f"ghi đơn vị thành viên và cụm trưởng tại {where.edit_step(year, where.STEP_ROSTER)} "
            f"và bước «{where.STEP_LEADERSHIP}»",
            optional=False,
        ),
        _Fact(
            YearStage.LAUNCHED,
            launch is not None,
            launch is not None,
            f"Văn bản số {launch.document_number} ngày {launch.date:%d/%m/%Y}."
            if launch
            else "Chưa ghi nhận.",
            _lead(cy),
            f"ghi phát động thi đua tại {where.pact_page(year)}",
        ),
        _Fact(
            YearStage.REGISTERED,
            members > 0 and registered >= members,
            registered > 0,
            f"{registered}/{members} đơn vị đã đăng ký.",
            UNITS,
            f"đăng ký chỉ tiêu, danh hiệu tại {where.pact_page(year)}",
        ),
        _Fact(
            YearStage.PACT_SIGNED,
            members > 0 and signed >= members,
            signed > 0,
            f"{signed}/{members} đơn vị đã ký.",
            _lead(cy),
            f"ghi các đơn vị ký giao ước tại {where.pact_page(year)}",
        ),
    ]


def _scoring(cy: ClusterYear) -> list[_Fact]:
    year, p, lead = cy.year, scoring_progress(cy), _lead(cy)
    needed = cy.method == Method.SCORE  # the score method cannot do without; the others may
    at = where.score_page(year)
    if p.reported:
        reported = "Điểm theo hồ sơ báo cáo của năm (không có bảng chấm điểm)."
        return [
            _Fact(YearStage.SCORING, False, False, reported, UNITS, f"tự chấm điểm tại {at}", used=False),
            _Fact(YearStage.APPRAISAL, False, False, reported, lead, f"thẩm định điểm tại {at}", used=False),
            _Fact(YearStage.SCORES_LOCKED, True, True, reported, lead, f"khóa điểm tại {at}"),
        ]
    scoring_action = f"tự chấm điểm và nộp tại {at}" if p.has_sheet else f"lập bảng chấm điểm tại {at}"
    return [
        _Fact(
            YearStage.SCORING,
            p.has_sheet and p.members > 0 and p.submitted >= p.members,
            p.has_sheet,
            f"{p.submitted}/{p.members} đơn vị đã nộp hoặc được xử lý thay."
            if p.has_sheet
            else "Chưa có bảng.",
            UNITS if p.has_sheet else lead,
            scoring_action,
            optional=not needed,
        ),
        _Fact(
            YearStage.APPRAISAL,
            p.has_sheet and p.members > 0 and p.appraised >= p.members,
            p.appraised > 0,
            f"{p.appraised}/{p.members} đơn vị đã thẩm định." if p.has_sheet else "Chưa có bảng.",
            lead,
            f"thẩm định điểm (đơn vị không nộp: chấm thay kèm lý do hoặc ghi «không nộp») tại {at}",
            optional=not needed,
        ),
        _Fact(
            YearStage.SCORES_LOCKED,
            p.locked,
            p.locked,
            "Điểm đã khóa." if p.locked else "Chưa khóa.",
            lead,
            f"khóa điểm tại {at}",
            optional=not needed,
        ),
    ]


def _meeting(cy: ClusterYear, review: Review | None) -> list[_Fact]:
    year = cy.year
    missing = missing_meeting_facts(review)
    meeting = getattr(review, "meeting", None) if review is not None else None
    voting = meeting.voting if meeting is not None else None
    imported = review is not None and review.ballots_known and voting in (None, "preparing")
    agreed = review is not None and review.outcome is not None
    ballot = cy.method == Method.BALLOT and not imported and not agreed
    # A meeting that never opened its vote (one that only recorded attendance) says nothing of its own.
    held = voting in ("open", "closed")
    label = meeting.get_voting_display() if held else ""  # type: ignore[union-attr]
    concluded = review is not None and review.concluded_at is not None
    return [
        _Fact(
            YearStage.REVIEW_MEETING,
            not missing,
            review is not None and len(missing) < 4,
            "Đã ghi đủ ngày, địa điểm, chủ trì, thư ký."
            if not missing
            else f"Còn thiếu: {', '.join(missing)}.",
            _lead(cy),
            f"ghi thông tin hội nghị (ngày họp, địa điểm, chủ trì, thư ký) tại "
            f"{where.edit_step(year, where.STEP_MEETING)}",
            optional=False,
        ),
        _Fact(
            YearStage.VOTING_OPEN,
            voting in ("open", "closed"),
            voting in ("open", "closed"),
            label or _no_vote(cy, imported, agreed),
            CHAIR,
            f"ghi đơn vị dự họp, cấp mã phiếu và mở bỏ phiếu tại {where.chair_page(year)}",
            optional=False,
            used=ballot or voting in ("open", "closed"),
        ),
        _Fact(
            YearStage.VOTING_CLOSED,
            voting == "closed",
            voting == "closed",
            label or _no_vote(cy, imported, agreed),
            CHAIR,
            f"đóng bỏ phiếu tại {where.chair_page(year)}",
            optional=False,
            used=ballot or voting in ("open", "closed"),
        ),
        _Fact(
            YearStage.CONCLUDED,
            concluded,
            concluded,
            _conclusion_detail(review),
            CHAIR,
            f"chốt kết quả tại {where.chair_page(year)} hoặc {where.edit_step(year, where.STEP_OVERVIEW)}",
            optional=False,
        ),
    ]


def _no_vote(cy: ClusterYear, imported: bool, agreed: bool) -> str:
    if imported:
        return "Phiếu bầu theo hồ sơ báo cáo."
    if agreed:
        return "Kết quả do hội nghị thống nhất, không bỏ phiếu trên hệ thống."
    if cy.method != Method.BALLOT:
        return f"Năm bình xét theo hình thức {Method(cy.method).label.lower()}: không bỏ phiếu kín."
    return "Chưa mở bỏ phiếu."


def _conclusion_detail(review: Review | None) -> str:
    if review is None or review.concluded_at is None:
        return "Chưa chốt."
    how = "theo hồ sơ báo cáo" if review.reported else "tại hội nghị"
    return f"Đã chốt {how} lúc {timezone.localtime(review.concluded_at):%d/%m/%Y %H:%M}."


def _proposals(cy: ClusterYear, review: Review | None) -> _Fact:
    proposed = review.proposals.count() if review is not None and review.concluded_at else 0
    # Read through the year's relation: the board's app builds on this one, not the reverse.
    board = cy.award_proposals.model  # type: ignore[attr-defined]
    received = cy.award_proposals.filter(source=board.Source.CLUSTER)  # type: ignore[attr-defined]
    sent = received.exclude(state=board.State.DRAFT).count()
    concluded = review is not None and review.concluded_at is not None
    return _Fact(
        YearStage.PROPOSALS_SENT,
        concluded and proposed > 0 and sent >= proposed,
        received.exists(),
        _proposals_detail(concluded, proposed, sent),
        f"{BOARD} và {_lead(cy).lower()}",
        f"lập hồ sơ từ kết quả bình xét và gửi tại {where.proposals_page(cy.year)}",
        used=not concluded or proposed > 0,
    )


def _proposals_detail(concluded: bool, proposed: int, sent: int) -> str:
    if not concluded:
        return "Sau khi chốt kết quả bình xét."
    return f"{sent}/{proposed} đề nghị đã gửi." if proposed else "Hội nghị không đề nghị đơn vị nào."
