"""What a proposal needs before it moves on (DESIGN.md "Stages are gates"), as messages that name what is
missing and where to act; None when nothing is. The services call these inside their transactions.

- Accepting it, sending it to the council and deciding it need an eligible verdict under the proposal's own
  regime, or the board's written override of the standing it saw (AwardProposal.Standing). An award
  outside the legal catalogue (an organizer's own form) has no criteria the software can check: the board
  states in writing, on the same form, the organizer's rule it was judged by; until then it waits too.
- Deciding it also needs the council's pass where the law makes the council's vote mandatory for the award
  under that regime (awards.voting.VOTE_REQUIRED), and never follows a council that voted it down.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from thidua.awards.regimes import name_of as regime_name
from thidua.awards.sources import readable
from thidua.awards.voting import vote_required
from thidua.registry.models import AwardProposal, Standing


def _reasons(proposal: AwardProposal) -> str:
    return "; ".join(r.get("vi", "") for r in proposal.verdict_reasons if r.get("vi"))


def _standing_messages() -> dict[str, str]:
    """Why each standing stops the proposal, with where to act; `step` ends "if it still wants to …"."""
    return {
        Standing.NOT_ELIGIBLE: _(
            "Proposal «{proposal}» is not eligible under {regime}: {reasons}. The Emulation and Commendation "
            "Board records an override reason on the proposal page if it still wants to {step}."
        ),
        Standing.MISSING_INFORMATION: _(
            "Proposal «{proposal}» lacks information to check its eligibility under {regime}: {reasons}. "
            "Complete the information in the registry and press «Check eligibility» on the proposal page, or "
            "the Emulation and Commendation Board records an override reason on the proposal page if it "
            "still wants to {step}."
        ),
        Standing.ON_HOLD: _(
            "Proposal «{proposal}» cannot be awarded yet under {regime}: {reasons}. The Emulation and "
            "Commendation Board records an override reason on the proposal page if it still wants to {step}."
        ),
        Standing.UNCHECKED: _(
            "Proposal «{proposal}» has not been checked for eligibility under {regime}. Press «Check "
            "eligibility» on the proposal page, or the Emulation and Commendation Board records an override "
            "reason on the proposal page if it still wants to {step}."
        ),
        Standing.STALE: _(
            "Proposal «{proposal}» was checked for eligibility under {checked}, but {regime} now applies (by "
            "the day the dossier was received). Press «Check eligibility» on the proposal page to check it "
            "again, or the Emulation and Commendation Board records an override reason on the proposal page "
            "if it still wants to {step}."
        ),
        Standing.OUTSIDE: _(
            "Proposal «{proposal}» is for an award outside the legal catalogue: the software has no criteria "
            "to check it by. The Emulation and Commendation Board writes the grounds it judged by (the "
            "organizer's rule) in the override reason box on the proposal page if it still wants to {step}."
        ),
    }


def _standing_problem(proposal: AwardProposal, step: str) -> str:
    """Why the proposal's standing does not let it go on, with where to act."""
    found = _standing_messages()[Standing(proposal.standing)].format(
        proposal=proposal,
        regime=regime_name(proposal.regime),
        checked=regime_name(proposal.verdict_regime),
        reasons=_reasons(proposal),
        step=step,
    )
    if proposal.override_lapsed:
        found += " " + _(
            "The override reason recorded at {at} for the result «{standing}» no longer applies because the "
            "eligibility result has changed."
        ).format(at=f"{proposal.override_at:%H:%M %d/%m/%Y}", standing=proposal.override_standing_label)
    return found


def eligibility_problem(proposal: AwardProposal, step: str) -> str | None:
    """`step` is what the board tries, as a verb phrase: "accept it", "send it to the council"…"""
    return None if proposal.may_go_forward else _standing_problem(proposal, step)


def council_problem(proposal: AwardProposal) -> str | None:
    """What the council's frozen results (meeting.CouncilOutcome) say against deciding the proposal."""
    outcome = proposal.council_outcomes.select_related("council").order_by("-council_id").first()
    if outcome is not None and not outcome.passed:
        if outcome.council.date:
            refused = _(
                "Proposal «{proposal}» was not passed by the Emulation and Commendation Council (sitting of "
                "{date}): {explanation} It cannot be awarded; use «Do not award» with the reason on the "
                "proposal page."
            )
        else:
            refused = _(
                "Proposal «{proposal}» was not passed by the Emulation and Commendation Council: "
                "{explanation} It cannot be awarded; use «Do not award» with the reason on the proposal page."
            )
        date = f"{outcome.council.date:%d/%m/%Y}" if outcome.council.date else ""
        return refused.format(proposal=proposal, date=date, explanation=outcome.explanation)
    source = vote_required(proposal.regime, proposal.award)
    if outcome is None and source is not None:
        return _(
            "Under {regime}, «{award}» must be voted on by the Emulation and Commendation Council "
            "({source}); proposal «{proposal}» has no council result passing it yet. Send it to the council "
            "on the proposal page, then close the ballot on the Emulation and Commendation Council page."
        ).format(
            regime=regime_name(proposal.regime),
            award=proposal.award_name,
            source=readable(source),
            proposal=proposal,
        )
    return None
