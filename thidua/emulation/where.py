"""Where a user supplies each fact of a cluster's year: the page names that the refusals of the year's
actions and the stage panel cite, written once so a message and the page it names never disagree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The steps of the year's entry pages (front.edit_views.STEPS) that messages send people to.
STEP_ROSTER = gettext_lazy("Member units")
STEP_LEADERSHIP = gettext_lazy("Cluster head, deputies, host unit")
STEP_MEETING = gettext_lazy("Review meeting")
STEP_MID_YEAR = gettext_lazy("Mid-year review (optional)")
STEP_OUTCOME = gettext_lazy("Agreed results")
STEP_RATINGS = gettext_lazy("Scores and ratings")
STEP_OVERVIEW = gettext_lazy("Overview, concluding the results")


def edit_step(year: int, step: StrOrPromise) -> str:
    return _("the “Enter data for {year}” page, step “{step}”").format(year=year, step=step)


def chair_page(year: int) -> str:
    return _("the “{year} review meeting” page").format(year=year)


def score_page(year: int) -> str:
    return _("the “{year} score table” page").format(year=year)


def pact_page(year: int) -> str:
    return _("the “{year} launch, registration and emulation pact” page").format(year=year)


def proposals_page(year: int) -> str:
    return _("the “{year} commendation proposals” page").format(year=year)
