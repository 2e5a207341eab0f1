"""The models of a cluster's year, one module per stage: the year and its roster (year), the launch,
registrations and pact (launch), the score table (scoring), the review meeting and its ballot codes
(meeting), the review with its ballots and what its conclusion froze (review).

The models that came here from the former review, meeting, scoring and pact apps keep their tables
(Meta.db_table); those apps' migration history is in thidua/legacy."""

from thidua.emulation.models.launch import Launch, Registration, Signing
from thidua.emulation.models.meeting import BallotCode, CodeIssue, Meeting, OneTimeCode, Voting
from thidua.emulation.models.midyear import MidYearReview
from thidua.emulation.models.review import Ballot, NextDeputy, NotProposed, Proposal, Review, Standing
from thidua.emulation.models.scoring import (
    Criterion,
    Evidence,
    ItemScore,
    ScoreSheet,
    UnitScore,
    evidence_path,
)
from thidua.emulation.models.year import ClusterYear, Deputy, Membership, Method, Rating, TieBreak

__all__ = [
    "Ballot",
    "BallotCode",
    "ClusterYear",
    "CodeIssue",
    "Criterion",
    "Deputy",
    "Evidence",
    "ItemScore",
    "Launch",
    "Meeting",
    "Membership",
    "Method",
    "MidYearReview",
    "NextDeputy",
    "NotProposed",
    "OneTimeCode",
    "Proposal",
    "Rating",
    "Registration",
    "Review",
    "ScoreSheet",
    "Signing",
    "Standing",
    "TieBreak",
    "UnitScore",
    "Voting",
    "evidence_path",
]
