"""The only way to change the registry: proposals through their states, decisions, revocations, quotas.

Each function runs in one transaction and writes its audit row (STYLE.md 2); bad input raises a
ValidationError in Vietnamese and changes nothing. A proposal moves draft -> submitted -> (returned ->
submitted) -> accepted -> (at_council) -> decided, or to refused; `TRANSITIONS` is the whole graph, and
gates.py what accepting, sending to the council and deciding need besides. Errors about one input are
keyed by the argument's name (`reason`, `number`, `proposals`…), which the board's forms share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Expression, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from thidua.accounts.notifications import Kind, board_of, notify, officers_of
from thidua.awards.catalogue import AWARDS, PERSON, UNIT
from thidua.awards.engine import Verdict, evaluate
from thidua.awards.regimes import name_of, regime_for, regime_for_dossier
from thidua.core import bulk
from thidua.core.audit import Actor, actor_name, record
from thidua.core.concurrency import refuse_if_changed
from thidua.emulation.models import Review
from thidua.organisations.models import AwardTier, Organizer, Unit
from thidua.registry import dossiers, gates, money, province_rules, subjects, verification
from thidua.registry import search as registry_search
from thidua.registry.actions import movements
from thidua.registry.folding import fold
from thidua.registry.models import (
    Awardee,
    AwardProposal,
    Decision,
    DossierItem,
    Movement,
    Person,
    PersonPosting,
    Quota,
    Revocation,
    Standing,
    TrackQuota,
)

State = AwardProposal.State
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.SUBMITTED: (State.DRAFT, State.RETURNED),
    State.RETURNED: (State.SUBMITTED,),
    State.ACCEPTED: (State.SUBMITTED,),
    State.AT_COUNCIL: (State.ACCEPTED,),
    State.DECIDED: (State.ACCEPTED, State.AT_COUNCIL),
    State.REFUSED: (State.SUBMITTED, State.ACCEPTED, State.AT_COUNCIL),
}
# Proposals that take a place in the organizer's quota.
COUNTED = (State.ACCEPTED, State.AT_COUNCIL, State.DECIDED)
# DL-2 (QĐ 311 and 638/QĐ-BNV 2025) [S]: appraisal within 20 working days of a complete file.
APPRAISAL_WORKING_DAYS = 20


def working_days_after(day: dt.date, count: int) -> dt.date:
    """`count` working days after `day`, Monday to Friday (public holidays are not on record)."""
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _out_of_order(proposal: AwardProposal, to: str) -> ValidationError:
    return ValidationError(
        _("Proposal «{proposal}» is «{state}» and cannot move to «{to}».").format(
            proposal=proposal, state=proposal.get_state_display(), to=State(to).label
        )
    )


def _move(proposal: AwardProposal, to: str, *, by: Actor, **data: object) -> None:
    if proposal.state not in TRANSITIONS[to]:
        raise _out_of_order(proposal, to)
    before = proposal.state
    proposal.state = to
    proposal.save()
    record(by, f"registry.proposal.{to}", proposal, before=before, **data)


def _locked(proposal: AwardProposal, seen: str | None = None) -> AwardProposal:
    """The proposal, row-locked; refused if it changed since the form posting `seen` was opened."""
    locked = AwardProposal.objects.select_for_update().get(pk=proposal.pk)
    refuse_if_changed(locked, seen)
    return locked


def _gate(proposal: AwardProposal, step: str) -> dict[str, object]:
    """Refuse the step unless the proposal may go on; the audit data saying whether an override let it."""
    problem = gates.eligibility_problem(proposal, step)
    if problem is not None:
        raise ValidationError(problem, code="eligibility")
    return _overridden(proposal)


def _overridden(proposal: AwardProposal) -> dict[str, object]:
    if proposal.standing == Standing.ELIGIBLE:
        return {}
    return {"override": proposal.override_reason, "standing": proposal.standing}


def _dossier(proposal: AwardProposal, regime: str) -> None:
    items = dossiers.checklist(
        proposal.award, regime, from_cluster=proposal.source == AwardProposal.Source.CLUSTER
    )
    DossierItem.objects.bulk_create(
        DossierItem(
            proposal=proposal, code=i.code, name=i.name, required=i.required, source=i.source, position=n
        )
        for n, i in enumerate(items)
    )


@transaction.atomic
def proposals_from_review(review: Review, *, by: Actor, due: dt.date | None = None) -> list[AwardProposal]:
    """One proposal per row a concluded review proposes, with its dossier checklist. Running it again
    (even after the review is concluded again) finds the same proposals and creates none."""
    if review.concluded_at is None:
        raise ValidationError(
            _("The review meeting has not concluded its results: there are no proposals to pass on yet.")
        )
    cluster_year = review.cluster_year
    organizer = cluster_year.cluster.organizer
    regime = regime_for_dossier(cluster_year.year, None).code
    found: list[AwardProposal] = []
    for row in review.proposals.select_related("tier", "unit"):
        proposal, created = AwardProposal.objects.get_or_create(
            source=AwardProposal.Source.CLUSTER,
            cluster_year=cluster_year,
            tier=row.tier,
            unit=row.unit,
            defaults={
                "organizer": organizer,
                "award": row.tier.catalog,
                "award_name": row.tier.name,
                "grantor": row.grantor,
                "year": cluster_year.year,
                "review_proposal": row,
                "rank": row.rank,
                "proposed_by": cluster_year.head,
                "due": due,
                "regime": regime,
            },
        )
        if created:
            _dossier(proposal, regime)
            record(by, "registry.proposal.create", proposal, source="cluster", review=review.pk)
        elif proposal.review_proposal_id != row.pk:
            proposal.review_proposal = row
            proposal.save(update_fields=["review_proposal"])
        found.append(proposal)
    return found


@transaction.atomic
def propose(
    *,
    organizer: Organizer,
    award: str,
    year: int,
    proposed_by: Unit,
    by: Actor,
    unit: Unit | None = None,
    person: Person | None = None,
    tier: AwardTier | None = None,
    due: dt.date | None = None,
    movement: Movement | None = None,
) -> AwardProposal:
    """A unit's own proposal, for itself, a sub-unit or one of its people: its yearly one, or one under a
    thematic movement of the organizer (`movement`)."""
    if (unit is None) == (person is None):
        raise ValidationError(_("A proposal needs exactly one subject: one collective or one person."))
    known = AWARDS.get(award)
    if known is None and tier is None:
        raise ValidationError(_("Commendation form «{award}» is not in the catalogue.").format(award=award))
    kind = PERSON if person is not None else UNIT
    if known is not None and kind not in known.subjects:
        refusal = (
            _("«{award}» is not granted to a person.")
            if kind == PERSON
            else _("«{award}» is not granted to a collective.")
        )
        raise ValidationError(refusal.format(award=known.name))
    if movement is not None:
        movements.check_proposal_fits(movement, organizer, award)
    proposal = AwardProposal.objects.create(
        organizer=organizer,
        award=award,
        award_name=tier.name if tier else known.name,  # type: ignore[union-attr]
        tier=tier,
        grantor=tier.grantor if tier else "",
        unit=unit,
        person=person,
        year=year,
        source=AwardProposal.Source.UNIT,
        proposed_by=proposed_by,
        movement=movement,
        due=due,
        regime=regime_for_dossier(year, None).code,
    )
    _dossier(proposal, proposal.regime)
    extra = {"movement": movement.pk} if movement is not None else {}
    record(by, "registry.proposal.create", proposal, source="unit", award=award, year=year, **extra)
    return proposal


@transaction.atomic
def provide_documents(
    proposal: AwardProposal, codes: Iterable[str], *, by: Actor, seen: str | None = None
) -> AwardProposal:
    """Mark documents of the dossier as received."""
    proposal = _locked(proposal, seen)
    codes = list(codes)
    items = {item.code: item for item in proposal.dossier.all()}
    unknown = sorted(set(codes) - set(items))
    if unknown:
        raise ValidationError(
            _("The dossier has no such document: {codes}.").format(codes=", ".join(unknown))
        )
    proposal.dossier.filter(code__in=codes).update(provided=True)
    record(by, "registry.proposal.documents", proposal, provided=codes)
    return proposal


@transaction.atomic
def submit(
    proposal: AwardProposal, *, by: Actor, on: dt.date | None = None, seen: str | None = None
) -> AwardProposal:
    """Send the proposal to the board; every required document must be there."""
    proposal = _locked(proposal, seen)
    missing = list(proposal.dossier.filter(required=True, provided=False).values_list("name", flat=True))
    if missing:
        raise ValidationError(_("The dossier still lacks: {documents}.").format(documents="; ".join(missing)))
    day = on or timezone.localdate()
    proposal.submitted_on = day
    proposal.appraise_by = working_days_after(day, APPRAISAL_WORKING_DAYS)
    proposal.returned_reasons = []
    if proposal.received_on is None:
        # The board receives the dossier: its regime is fixed by that day (the rules of transition). A
        # dossier returned and sent again keeps the day it was first received.
        proposal.received_on = day
        proposal.regime = regime_for_dossier(proposal.year, day).code
    late = proposal.due is not None and day > proposal.due
    _move(proposal, State.SUBMITTED, by=by, on=day.isoformat(), late=late, regime=proposal.regime)
    notify(
        board_of(proposal.organizer),
        Kind.STAGE,
        _("{unit} sent the proposal «{proposal}» to the board.").format(
            unit=proposal.proposed_by.name if proposal.proposed_by else proposal.subject_name,
            proposal=proposal,
        ),
        reverse("registry:proposal", args=[proposal.pk]),
    )
    return proposal


@transaction.atomic
def return_proposal(
    proposal: AwardProposal, reasons: Sequence[str], *, by: Actor, seen: str | None = None
) -> AwardProposal:
    """Send the proposal back to the proposer with what to complete or correct."""
    reasons = [r.strip() for r in reasons if r and r.strip()]
    if not reasons:
        raise ValidationError({"reasons": _("Returning a proposal needs at least one reason.")})
    proposal = _locked(proposal, seen)
    proposal.returned_reasons = reasons
    _move(proposal, State.RETURNED, by=by, reasons=reasons)
    notify(
        officers_of([proposal.proposed_by]),
        Kind.RETURNED,
        _("The proposal «{proposal}» was returned: {reasons}").format(
            proposal=proposal, reasons="; ".join(reasons)
        ),
        reverse("registry:proposal", args=[proposal.pk]),
    )
    return proposal


def _check_quota(proposal: AwardProposal) -> None:
    _check_track_quota(proposal)
    quota = Quota.objects.filter(
        organizer=proposal.organizer, award=proposal.award, year=proposal.year
    ).first()
    if quota is None:
        return
    taken = (
        AwardProposal.objects.filter(
            organizer=proposal.organizer, award=proposal.award, year=proposal.year, state__in=COUNTED
        )
        .exclude(pk=proposal.pk)
        .count()
    )
    if taken >= quota.limit:
        raise ValidationError(
            ngettext(
                "Over the quota: «{award}» for {year} allows at most {limit}, and {taken} proposal is "
                "already accepted across all clusters and blocks.",
                "Over the quota: «{award}» for {year} allows at most {limit}, and {taken} proposals are "
                "already accepted across all clusters and blocks.",
                taken,
            ).format(award=proposal.award_name, year=proposal.year, limit=quota.limit, taken=taken)
        )


@transaction.atomic
def accept(proposal: AwardProposal, *, by: Actor, seen: str | None = None) -> AwardProposal:
    """The board accepts a complete proposal, within the organizer's quota across all clusters."""
    proposal = _locked(proposal, seen)
    # Lock the quota row so two boards accepting together cannot both take the last place.
    Quota.objects.select_for_update().filter(
        organizer=proposal.organizer, award=proposal.award, year=proposal.year
    ).first()
    if proposal.state == State.SUBMITTED:
        _check_quota(proposal)
    # Translators: what the board still wants to do, ending "…if it still wants to {step}."
    overridden = _gate(proposal, _("accept it")) if proposal.state == State.SUBMITTED else {}
    _move(proposal, State.ACCEPTED, by=by, **overridden)
    return proposal


@transaction.atomic
def send_to_council(proposal: AwardProposal, *, by: Actor, seen: str | None = None) -> AwardProposal:
    proposal = _locked(proposal, seen)
    # Translators: what the board still wants to do, ending "…if it still wants to {step}."
    overridden = _gate(proposal, _("send it to the council")) if proposal.state == State.ACCEPTED else {}
    _move(proposal, State.AT_COUNCIL, by=by, **overridden)
    notify(
        officers_of([proposal.proposed_by, proposal.unit]),
        Kind.STAGE,
        _("The proposal «{proposal}» is now before the Emulation and Commendation Council.").format(
            proposal=proposal
        ),
        reverse("registry:proposal", args=[proposal.pk]),
    )
    return proposal


BULK_ACTS = ("accept", "council", "return")


@transaction.atomic
def act_on_many(
    proposals: Sequence[AwardProposal], act: str, *, by: Actor, reasons: Sequence[str] = ()
) -> list[AwardProposal]:
    """One of the board's acts (accept, send to the council, return with reasons) on many proposals at once,
    each through its own action and audit row, all or none: the first refusal undoes every change made so
    far and names the proposal it stopped at."""
    if act not in BULK_ACTS:
        raise ValidationError({"act": _("Choose what to do with the chosen proposals.")})
    if not proposals:
        raise ValidationError({"proposals": _("Tick at least one proposal in the list.")})
    if act == "return" and not [r for r in reasons if r.strip()]:
        raise ValidationError({"reasons": _("Returning a proposal needs at least one reason.")})
    done = []
    for proposal in proposals:
        try:
            if act == "accept":
                done.append(accept(proposal, by=by))
            elif act == "council":
                done.append(send_to_council(proposal, by=by))
            else:
                done.append(return_proposal(proposal, reasons, by=by))
        except ValidationError as error:
            raise ValidationError(
                {
                    "proposals": _("Nothing was changed. «{proposal}»: {reason}").format(
                        proposal=proposal, reason=" ".join(error.messages)
                    )
                }
            ) from error
    return done


@transaction.atomic
def override_eligibility(
    proposal: AwardProposal, reason: str, *, by: Actor, seen: str | None = None
) -> AwardProposal:
    """The board's written reason to move the proposal on despite where it stands against the law (not
    eligible, missing information, on hold, not checked, outside the legal catalogue). It holds while the
    proposal stands there under the same regime; a check that changes that lets it lapse."""
    proposal = _locked(proposal, seen)
    if proposal.state in (State.DECIDED, State.REFUSED):
        raise ValidationError(
            _(
                "Proposal «{proposal}» is already «{state}»: an override reason can no longer be recorded."
            ).format(proposal=proposal, state=proposal.get_state_display())
        )
    if proposal.standing == Standing.ELIGIBLE:
        raise ValidationError(
            _("Proposal «{proposal}» is eligible under {regime}: no override reason is needed.").format(
                proposal=proposal, regime=name_of(proposal.regime)
            )
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason for overriding the eligibility check.")})
    proposal.override_reason = reason.strip()
    proposal.override_standing = proposal.standing
    proposal.override_regime = proposal.regime
    proposal.override_by = actor_name(by)
    proposal.override_at = timezone.now()
    proposal.save()
    record(
        by,
        "registry.proposal.override",
        proposal,
        reason=proposal.override_reason,
        standing=proposal.override_standing,
        regime=proposal.regime,
        verdict_reasons=[r.get("vi", "") for r in proposal.verdict_reasons],
    )
    return proposal


@transaction.atomic
def refuse(proposal: AwardProposal, reason: str, *, by: Actor, seen: str | None = None) -> AwardProposal:
    """Not awarded (the council or the grantor dropped it), with the reason (REALITY.md 4)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for not awarding.")})
    proposal = _locked(proposal, seen)
    proposal.refusal_reason = reason.strip()
    _move(proposal, State.REFUSED, by=by, reason=reason.strip())
    return proposal


@transaction.atomic
def set_track_quota(
    organizer: Organizer,
    award: str,
    year: int,
    track: str,
    limit: int,
    *,
    movement: Movement | None = None,
    by: Actor,
) -> TrackQuota:
    """The most proposals of `award` accepted in `year` within one track (a movement's: that movement)."""
    if limit < 0:
        raise ValidationError(_("The quota cannot be negative."))
    if track not in TrackQuota.Track.values:
        raise ValidationError({"track": [_("Choose a track.")]})
    if (track == TrackQuota.Track.MOVEMENT) != (movement is not None):
        raise ValidationError({"track": [_("A movement's quota names one of the organizer's movements.")]})
    if movement is not None and movement.organizer_id != organizer.pk:
        raise ValidationError({"track": [_("The movement belongs to another organizer.")]})
    quota, _created = TrackQuota.objects.update_or_create(
        organizer=organizer, award=award, year=year, track=track, movement=movement, defaults={"limit": limit}
    )
    record(
        by,
        "registry.quota.set_track",
        quota,
        award=award,
        year=year,
        track=track,
        movement=movement.pk if movement else None,
        limit=limit,
    )
    return quota


def track_quota_of(proposal: AwardProposal) -> tuple[TrackQuota | None, Q]:
    """The quota of the proposal's own track for its award and year, and the filter of that track."""
    if proposal.movement_id is not None:
        track, within = TrackQuota.Track.MOVEMENT, Q(movement_id=proposal.movement_id)
    elif proposal.source == AwardProposal.Source.CLUSTER:
        track, within = TrackQuota.Track.CLUSTER, Q(source=AwardProposal.Source.CLUSTER)
    else:
        track, within = TrackQuota.Track.UNIT, Q(source=AwardProposal.Source.UNIT, movement__isnull=True)
    own = Q(movement__isnull=True) if proposal.movement_id is None else Q(movement_id=proposal.movement_id)
    quota = TrackQuota.objects.filter(
        own, organizer_id=proposal.organizer_id, award=proposal.award, year=proposal.year, track=track
    ).first()
    return quota, within


def _check_track_quota(proposal: AwardProposal) -> None:
    quota, within = track_quota_of(proposal)
    if quota is None:
        return
    taken = (
        AwardProposal.objects.filter(
            within, organizer=proposal.organizer, award=proposal.award, year=proposal.year, state__in=COUNTED
        )
        .exclude(pk=proposal.pk)
        .count()
    )
    if taken >= quota.limit:
        raise ValidationError(
            ngettext(
                "Over the track's quota: «{award}» for {year} allows at most {limit} in {track}, and {taken} "
                "proposal is already accepted there.",
                "Over the track's quota: «{award}» for {year} allows at most {limit} in {track}, and {taken} "
                "proposals are already accepted there.",
                taken,
            ).format(
                award=proposal.award_name,
                year=proposal.year,
                limit=quota.limit,
                track=quota.movement.name if quota.movement else quota.get_track_display(),
                taken=taken,
            )
        )


def set_quota(organizer: Organizer, award: str, year: int, limit: int, *, by: Actor) -> Quota:
    if limit < 0:
        raise ValidationError(_("The quota cannot be negative."))
    quota, _created = Quota.objects.update_or_create(
        organizer=organizer, award=award, year=year, defaults={"limit": limit}
    )
    record(by, "registry.quota.set", quota, award=award, year=year, limit=limit)
    return quota


@transaction.atomic
def check_eligibility(
    proposal: AwardProposal, *, by: Actor, decided_on: dt.date | None = None, lineage: str = "inherit"
) -> Verdict | None:
    """Judge the proposal with the engine over what the registry holds; store the verdict and reasons.
    None (and no verdict stored) when the award is outside the legal catalogue."""
    proposal = _locked(proposal)
    if proposal.award not in AWARDS:
        proposal.verdict, proposal.verdict_regime = "", ""
        with override("vi"):  # the reasons are kept in Vietnamese, as the engine's "vi" text
            outside = _("This award is outside the legal catalogue.")
        proposal.verdict_reasons = [{"rule": "", "source": "", "vi": outside}]
        proposal.checked_at = timezone.now()
        proposal.save()
        return None
    if proposal.unit is not None:
        known = subjects.unit_subjects(proposal.unit)
        subject = known[proposal.unit.code]
    else:
        subject = subjects.person_subject(proposal.person)  # type: ignore[arg-type]
        known = {subject.code: subject}
    verdict = evaluate(
        subject,
        proposal.award,
        proposal.year,
        decided_on=decided_on,
        province=proposal.organizer.province or None,
        lineage=lineage,
        subjects_by_code=known,
        province_rules=province_rules.rules_of(proposal.organizer),
        regime=proposal.regime,
    )
    proposal.verdict = verdict.verdict
    proposal.verdict_regime = verdict.regime
    proposal.verdict_reasons = [
        {"rule": r.rule, "source": r.source, "vi": r.vi, "en": r.en} for r in verdict.reasons
    ]
    proposal.checked_at = timezone.now()
    proposal.save()
    record(by, "registry.proposal.check", proposal, verdict=verdict.verdict, rules=verdict.rules)
    return verdict


def postings_on(day: dt.date | Expression) -> QuerySet[PersonPosting]:
    """The postings held on `day`, the one that counts first for each person: started by then, not ended
    before; the latest start, the first written among equals. The one definition of a person's posting on a
    decision's day: read here for one person or many, and compiled into the staged import's SQL
    (registry/actions/staged.py), `day` then being the decision's date column."""
    return PersonPosting.objects.filter(start__lte=day).exclude(end__lt=day).order_by("-start", "pk")


def _posting_on(person: Person, day: dt.date) -> PersonPosting | None:
    return postings_on(day).filter(person=person).select_related("unit").first()


def _unused_code() -> str:
    """A verification code no award and no decision holds yet (the unique indexes are the last word): the
    public page looks a code up among both."""
    while True:
        code = verification.new_code()
        if not (Awardee.objects.filter(code=code).exists() or Decision.objects.filter(code=code).exists()):
            return code


def unused_codes(count: int) -> list[str]:
    """`count` distinct verification codes no award and no decision holds yet, looked up together."""
    codes: set[str] = set()
    while len(codes) < count:
        drawn = set(verification.new_codes(count - len(codes))) - codes
        taken = set(Awardee.objects.filter(code__in=drawn).values_list("code", flat=True))
        taken |= set(Decision.objects.filter(code__in=drawn).values_list("code", flat=True))
        codes |= drawn - taken
    return list(codes)


def _pay(awardee: Awardee, day: dt.date, regime: str) -> None:
    kind = PERSON if awardee.person_id else UNIT
    bonus = money.bonus_for(awardee.award, kind, day, regime=regime)
    if bonus is None:
        awardee.bonus_note = _("No bonus coefficient or base salary is on record for this award and date.")
        return
    same_period = Awardee.objects.filter(
        year=awardee.year, revocation__isnull=True, person=awardee.person, unit=awardee.unit
    )
    if awardee.proposal_id is not None:
        # A draft made again after its decision is recorded is not paid against itself.
        same_period = same_period.exclude(proposal_id=awardee.proposal_id)
    paid = same_period.aggregate(total=Sum("bonus"))["total"] or 0
    awardee.coefficient = bonus.coefficient
    awardee.bonus = money.top_up(bonus.amount, paid)
    awardee.bonus_note = bonus.describe()
    if paid:
        # DEC-MONEY: several titles for the same period pay only the highest.
        awardee.bonus_note += "; " + _(
            "{amount} dong already paid for another award of {year}: only the difference up to the highest "
            "is paid"
        ).format(amount=money.thousands(paid), year=awardee.year)


def open_decision(
    *,
    organizer: Organizer,
    number: str,
    date: dt.date,
    signer: str,
    grantor: str,
    award: str,
    award_name: str,
    tier: AwardTier | None = None,
    issuing_unit: Unit | None = None,
    regime: str | None = None,
    imported_from: str = "",
) -> Decision:
    """A new signed decision with the base salary of its date, under `regime` (its proposals' regime) or
    else the one in force on its date; a number is used once by its issuer (the organizer's grantor, or a
    unit's head for `issuing_unit`). Callers run inside their transaction and put the awardees on record
    (`put_on_record`)."""
    missing = {
        field: message
        for field, message, value in (
            ("number", _("The decision needs its number."), number),
            ("signer", _("The decision needs its signer."), signer),
        )
        # A past decision's list often leaves out who signed it: the file is kept as it is.
        if not value.strip() and not (field == "signer" and imported_from)
    }
    if missing:
        raise ValidationError(missing)
    same_issuer = (
        Decision.objects.filter(issuing_unit=issuing_unit)
        if issuing_unit is not None
        else Decision.objects.filter(organizer=organizer, issuing_unit__isnull=True)
    )
    if same_issuer.filter(number=number.strip()).exists():
        raise ValidationError(
            {"number": _("Decision number {number} already exists.").format(number=number.strip())}
        )
    decision = new_decision(
        organizer=organizer,
        number=number,
        date=date,
        signer=signer,
        grantor=grantor,
        award=award,
        award_name=award_name,
        tier=tier,
        issuing_unit=issuing_unit,
        regime=regime,
        imported_from=imported_from,
    )
    decision.save(force_insert=True)
    return decision


def new_decision(
    *,
    organizer: Organizer,
    number: str,
    date: dt.date,
    signer: str,
    grantor: str,
    award: str,
    award_name: str,
    tier: AwardTier | None = None,
    issuing_unit: Unit | None = None,
    regime: str | None = None,
    imported_from: str = "",
    code: str = "",
) -> Decision:
    """The Decision open_decision writes, not yet saved (the bulk path saves many together): the base salary
    and the regime of its date. The same arguments as open_decision, and `code` for the bulk path, which
    draws its codes together (unused_codes); without it one is drawn here."""
    salary = money.base_salary_on(date)
    return Decision(
        organizer=organizer,
        code=code or _unused_code(),
        number=number.strip(),
        date=date,
        signer=signer.strip(),
        grantor=grantor,
        award=award,
        award_name=award_name,
        tier=tier,
        issuing_unit=issuing_unit,
        regime=regime or regime_for(date).code,
        base_salary=salary.amount if salary else None,
        imported_from=imported_from,
    )


def put_on_record(
    decision: Decision,
    *,
    year: int,
    name: str,
    unit: Unit | None = None,
    person: Person | None = None,
    proposal: AwardProposal | None = None,
    pay: bool = True,
) -> Awardee:
    """One awardee of `decision`, with the person's unit and job title on the decision day, the bonus (`pay`
    False: a past decision imported from a list that does not say what was paid) and the award's
    verification code (the only place a code is drawn)."""
    awardee = _awardee(decision, year=year, name=name, unit=unit, person=person, proposal=proposal, pay=pay)
    awardee.code = _unused_code()
    awardee.save()
    return awardee


@dataclass(frozen=True)
class OnRecord:
    """One awardee for `put_many_on_record`: put_on_record's arguments."""

    decision: Decision
    year: int
    name: str
    unit: Unit | None = None
    person: Person | None = None


def put_many_on_record(entries: Sequence[OnRecord]) -> list[dict[str, Any]]:
    """put_on_record for many awardees of past decisions at once (a large import, no bonus worked out): the
    same rows, with the postings and the verification codes read together and the rows written at the
    database's speed (core/bulk.py: as plain values, never read back). Returns the rows written."""
    # Each person's posting on each decision's day, a query per day (the decisions of a chunk are few).
    people: dict[dt.date, set[int]] = {}
    for e in entries:
        if e.person is not None:
            people.setdefault(e.decision.date, set()).add(e.person.pk)
    postings: dict[tuple[dt.date, int], PersonPosting] = {}
    for day, theirs in people.items():
        for held in postings_on(day).filter(person_id__in=theirs):
            postings.setdefault((day, held.person_id), held)  # the first of each person's is the one
    rows = []
    for entry, code in zip(entries, unused_codes(len(entries)), strict=True):
        person, decision = entry.person, entry.decision
        posting = postings.get((decision.date, person.pk)) if person else None
        # The fields _awardee fills, and what Awardee.save() keeps (the folded name).
        rows.append(
            {
                "decision_id": decision.pk,
                "unit_id": entry.unit.pk if entry.unit else None,
                "person_id": person.pk if person else None,
                "person_unit_id": posting.unit_id if posting else None,
                "position": posting.position if posting else "",
                "year": entry.year,
                "award": decision.award,
                "name": entry.name,
                "name_folded": fold(entry.name),
                "code": code,
                "proposal_id": None,
                "coefficient": None,
                "bonus": None,
                "bonus_note": "",
            }
        )
    bulk.insert_values(Awardee, rows)
    # The search's words of the new awards, by the ids the codes read back (the bulk path returns none).
    for start in range(0, len(rows), 5000):
        written: dict[str, dict[str, Any]] = {str(row["code"]): row for row in rows[start : start + 5000]}
        ids = Awardee.objects.filter(code__in=written).values_list("code", "pk")
        registry_search.index_awardees(
            (pk, written[code]["year"], written[code]["name"], written[code]["decision_id"])
            for code, pk in ids
        )
    return rows


def _awardee(
    decision: Decision,
    *,
    year: int,
    name: str,
    unit: Unit | None,
    person: Person | None,
    proposal: AwardProposal | None,
    pay: bool,
) -> Awardee:
    posting = _posting_on(person, decision.date) if person else None
    awardee = Awardee(
        decision=decision,
        unit=unit,
        person=person,
        person_unit=posting.unit if posting else None,
        position=posting.position if posting else "",
        year=year,
        award=decision.award,
        name=name,
        proposal=proposal,
    )
    if pay:
        _pay(awardee, decision.date, decision.regime)
    return awardee


def draft_decision(proposals: Sequence[AwardProposal], *, day: dt.date) -> tuple[Decision, list[Awardee]]:
    """The decision the grantor would sign on `day` for `proposals` (one award, grantor and regime, as
    `decide` requires), with each awardee's bonus as it would be paid; nothing is written: the number, the
    signer and the verification codes come when the decision is recorded."""
    first = proposals[0]
    salary = money.base_salary_on(day)
    decision = Decision(
        organizer=first.organizer,
        number="",
        date=day,
        signer="",
        grantor=first.grantor,
        award=first.award,
        award_name=first.award_name,
        tier=first.tier,
        regime=first.regime,
        base_salary=salary.amount if salary else None,
    )
    awardees = [
        _awardee(
            decision,
            year=p.year,
            name=p.subject_name,
            unit=p.unit,
            person=p.person,
            proposal=p,
            pay=True,
        )
        for p in proposals
    ]
    return decision, awardees


def _decidable(proposals: list[AwardProposal]) -> None:
    """Everything that stops these proposals sharing one decision, all said at once, about the choice of
    proposals: one award and grantor, one regime, each allowed by the law's gate and by its council."""
    for proposal in proposals:
        if proposal.state not in TRANSITIONS[State.DECIDED]:
            raise _out_of_order(proposal, State.DECIDED)
    problems: list[str] = []
    if len({(p.organizer_id, p.award, p.award_name, p.grantor) for p in proposals}) > 1:
        problems.append(_("A decision only covers proposals of one award and one granting level."))
    regimes = sorted({p.regime for p in proposals})
    if len(regimes) > 1:
        # A decision cites one legal basis and pays by one table of coefficients.
        problems.append(
            _(
                "The chosen proposals are under different legal regimes ({regimes}): make a separate "
                "decision for each regime."
            ).format(regimes="; ".join(name_of(r) for r in regimes))
        )
    for proposal in proposals:
        problems += filter(
            None,
            (
                # Translators: what the board still wants to do, ending "…if it still wants to {step}."
                gates.eligibility_problem(proposal, _("decide the award")),
                gates.council_problem(proposal),
            ),
        )
    if problems:
        raise ValidationError({"proposals": problems})


@transaction.atomic
def decide(
    proposals: Sequence[AwardProposal], *, number: str, date: dt.date, signer: str, by: Actor
) -> Decision:
    """The grantor's decision on accepted proposals of one award: the awardees go on record with their
    bonus, the proposals become decided."""
    if not proposals:
        raise ValidationError({"proposals": _("A decision needs at least one proposal.")})
    locked = [_locked(p) for p in proposals]
    first = locked[0]
    _decidable(locked)
    decision = open_decision(
        organizer=first.organizer,
        number=number,
        date=date,
        signer=signer,
        grantor=first.grantor,
        award=first.award,
        award_name=first.award_name,
        tier=first.tier,
        regime=first.regime,
    )
    for proposal in locked:
        _move(proposal, State.DECIDED, by=by, decision=decision.number, **_overridden(proposal))
        put_on_record(
            decision,
            year=proposal.year,
            name=proposal.subject_name,
            unit=proposal.unit,
            person=proposal.person,
            proposal=proposal,
        )
        proposal.decision = decision
        proposal.save(update_fields=["decision"])
        notify(
            officers_of([proposal.proposed_by, proposal.unit]),
            Kind.DECIDED,
            _("«{proposal}» is decided: Decision No. {number} of {date}.").format(
                proposal=proposal, number=decision.number, date=f"{decision.date:%d/%m/%Y}"
            ),
            reverse("registry:proposal", args=[proposal.pk]),
        )
    record(by, "registry.decision.create", decision, number=decision.number, awardees=len(locked))
    return decision


@transaction.atomic
def revoke(
    awardee: Awardee, *, number: str, date: dt.date, reason: str, by: Actor, seen: str | None = None
) -> Revocation:
    """Cancel one award by its own decision (Law Art. 93): the row stays, marked revoked."""
    if not number.strip() or not reason.strip():
        raise ValidationError(_("Revoking an award needs a decision number and a reason."))
    awardee = Awardee.objects.select_for_update().get(pk=awardee.pk)
    refuse_if_changed(awardee, seen)
    if Revocation.objects.filter(awardee=awardee).exists():
        raise ValidationError(_("The award of «{name}» was already revoked.").format(name=awardee.name))
    if date < awardee.decision.date:
        raise ValidationError(_("The revocation date cannot be before the date of the award decision."))
    revocation = Revocation.objects.create(
        awardee=awardee, number=number.strip(), date=date, reason=reason.strip()
    )
    record(by, "registry.award.revoke", awardee, number=revocation.number, reason=revocation.reason)
    return revocation
