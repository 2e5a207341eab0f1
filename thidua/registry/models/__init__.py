"""The board's records: people and their yearly facts, proposals with their dossiers, decisions and the
registry of awards (awards); the council that votes on proposals (council, from the former meeting app,
tables kept)."""

from thidua.registry.models.awards import (
    Awardee,
    AwardProposal,
    Decision,
    DossierItem,
    Hold,
    Initiative,
    InitiativeLevel,
    Person,
    PersonPosting,
    PersonYear,
    ProvinceRule,
    Quota,
    Revocation,
    Sex,
    Standing,
    UnitYear,
)
from thidua.registry.models.council import (
    Council,
    CouncilBallot,
    CouncilCode,
    CouncilCodeIssue,
    CouncilMember,
    CouncilOutcome,
    CouncilVote,
)
from thidua.registry.models.movements import Movement

__all__ = [
    "AwardProposal",
    "Awardee",
    "Council",
    "CouncilBallot",
    "CouncilCode",
    "CouncilCodeIssue",
    "CouncilMember",
    "CouncilOutcome",
    "CouncilVote",
    "Decision",
    "DossierItem",
    "Hold",
    "Initiative",
    "InitiativeLevel",
    "Movement",
    "Person",
    "PersonPosting",
    "PersonYear",
    "ProvinceRule",
    "Quota",
    "Revocation",
    "Sex",
    "Standing",
    "UnitYear",
]
