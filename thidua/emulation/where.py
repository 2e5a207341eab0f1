"""Where a user supplies each fact of a cluster's year: the page names that the refusals of the year's
actions and the stage panel cite, written once so a message and the page it names never disagree."""

from __future__ import annotations

# The steps of the year's entry pages (front.edit_views.STEPS) that messages send people to.
STEP_ROSTER = "Đơn vị thành viên"
STEP_LEADERSHIP = "Cụm trưởng, cụm phó, đơn vị đăng cai"
STEP_MEETING = "Hội nghị bình xét"
STEP_OUTCOME = "Kết quả thống nhất"
STEP_RATINGS = "Điểm và xếp loại"
STEP_OVERVIEW = "Tổng quan, chốt kết quả"


def edit_step(year: int, step: str) -> str:
    return f"trang «Nhập dữ liệu năm {year}», bước «{step}»"


def chair_page(year: int) -> str:
    return f"trang «Hội nghị bình xét năm {year}»"


def score_page(year: int) -> str:
    return f"trang «Bảng chấm điểm năm {year}»"


def pact_page(year: int) -> str:
    return f"trang «Phát động, đăng ký và giao ước thi đua năm {year}»"


def proposals_page(year: int) -> str:
    return f"trang «Đề nghị khen thưởng năm {year}»"
